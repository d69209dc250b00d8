from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from quarterly.collection.models import Result
from quarterly.core.models import AuditEntry
from quarterly.demo.catalogue import DIRECTORATES, demo_kpis
from quarterly.demo.national import demo_national_links
from quarterly.demo.people import DEMO_PASSWORD
from quarterly.organisation.models import Committee, Person, Role
from quarterly.register.models import KPI, Target


@pytest.mark.django_db
def test_demo_loads_the_council_and_running_it_twice_duplicates_nothing(capsys: Any) -> None:
    # given / when
    call_command("demo", no_serve=True, verbosity=0)
    first = (
        KPI.objects.count(),
        Target.objects.count(),
        Result.objects.count(),
        Person.objects.count(),
        AuditEntry.objects.count(),
    )
    call_command("demo", no_serve=True, verbosity=0)
    second = (
        KPI.objects.count(),
        Target.objects.count(),
        Result.objects.count(),
        Person.objects.count(),
        AuditEntry.objects.count(),
    )
    # then
    assert first == second
    assert first[0] == len(demo_kpis()) >= 60
    # the catalogue's results are published as they are; the demo's own carry a note
    published = Result.objects.filter(status=Result.Status.PUBLISHED, data_quality_note="")
    assert published.count() == sum(len(spec.results) for spec in demo_kpis())
    assert Committee.objects.filter(kind=Committee.Kind.SCRUTINY_BOARD).count() == 5
    assert {d for d in KPI.objects.values_list("directorate__name", flat=True)} == set(DIRECTORATES)
    # each KPI fed by a national series names it and is compared within three groups
    national = KPI.objects.exclude(national_indicator="")
    assert dict(national.values_list("reference", "national_indicator")) == demo_national_links()
    assert all(kpi.comparator_groups.count() == 3 for kpi in national)
    for role in Role:
        assert Person.objects.filter(role_assignments__role=role).exists(), role
    output = capsys.readouterr().out
    assert "performance@demo.quarterly.example" in output and "quarterly-demo" in output
    # every printed login signs in with the printed password
    people = Person.objects.filter(email__endswith="@demo.quarterly.example")
    assert people.count() >= 14
    assert all(person.check_password(DEMO_PASSWORD) for person in people)


@pytest.mark.django_db
def test_every_demo_kpi_page_shows_a_chart_of_its_results(client: Any) -> None:
    # given
    call_command("demo", no_serve=True, verbosity=0)
    client.force_login(Person.objects.get(email="performance@demo.quarterly.example"))
    specs = {spec.reference: spec for spec in demo_kpis()}
    # when / then: every result is charted (the catalogue's, plus the open cycle's)
    for kpi in KPI.objects.all():
        response = client.get(reverse("register:kpi-detail", args=[kpi.reference]))
        html, chart = response.content.decode(), str(response.context["chart"])
        assert len(specs[kpi.reference].results) <= kpi.results.count()
        assert chart.count('class="app-chart__point"') == kpi.results.count(), kpi.reference
        if not kpi.illustrative:
            assert kpi.source_url in html
            # its results after the published series are labelled as made up, row by row
            continued = kpi.results.exclude(data_quality_note="").count()
            table = html.split('id="results"')[1].split("</table>")[0]
            assert continued > 0 and table.count("Illustrative continuation") == continued
        else:
            assert "illustrative" in html
