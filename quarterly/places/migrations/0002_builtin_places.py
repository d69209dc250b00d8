"""Load the built-in areas and comparator groups shipped in quarterly/places/data, so a new
database has them without the demo (see quarterly/places/builtins.py). Reversing removes the built-in
groups and every area no council's group uses."""

from django.db import migrations


def load(apps, schema_editor):
    from quarterly.core import clock
    from quarterly.places.builtins import builtins_load

    builtins_load(
        area_model=apps.get_model("places", "Area"),
        group_model=apps.get_model("places", "ComparatorGroup"),
        member_model=apps.get_model("places", "GroupMember"),
        today=clock.today(),
    )


def unload(apps, schema_editor):
    group_model = apps.get_model("places", "ComparatorGroup")
    apps.get_model("places", "GroupMember").objects.filter(
        group__organisation__isnull=True
    ).delete()
    group_model.objects.filter(organisation__isnull=True).delete()
    apps.get_model("places", "Area").objects.filter(
        memberships__isnull=True, groups_about__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
