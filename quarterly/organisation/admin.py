from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from quarterly.organisation.models import (
    Committee,
    Directorate,
    Organisation,
    Person,
    RoleAssignment,
    Service,
)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["directorate", "committee"]


@admin.register(Person)
class PersonAdmin(UserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "job_title",
        "directorate",
        "is_staff",
    ]
    list_filter = ["directorate", "role_assignments__role", "is_staff", "is_active"]
    search_fields = ["username", "email", "first_name", "last_name"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Council", {"fields": ("organisation", "job_title", "directorate")}),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "area_code"]
    prepopulated_fields = {"slug": ["name"]}


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0


@admin.register(Directorate)
class DirectorateAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ServiceInline]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "directorate"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
