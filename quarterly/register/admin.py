"""Admin for the register. Saves go through the services, so every change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from quarterly.register.models import KPI, Pillar, Target
from quarterly.register.services import KPI_AUDITED_FIELDS, kpi_save, target_set


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(KPI)
class KPIAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "directorate", "frequency", "polarity", "status"]
    list_filter = ["directorate", "frequency", "polarity", "unit", "status", "scrutiny_board"]
    search_fields = ["reference", "title", "definition"]
    filter_horizontal = ["pillars", "key_contacts"]
    actions = None  # bulk actions would bypass the audit trail

    def save_model(self, request: HttpRequest, obj: KPI, form: Any, change: bool) -> None:
        # The form has already set the fields on `obj`; pass them to the service so the
        # before/after snapshot is taken from the stored row, not the edited instance.
        fields = {
            name: form.cleaned_data[name]
            for name in KPI_AUDITED_FIELDS
            if name in form.cleaned_data
        }
        stored = KPI.objects.get(pk=obj.pk) if change else KPI(organisation=obj.organisation)
        kpi_save(
            kpi=stored,
            fields={"organisation": obj.organisation, **fields},
            by=request.user,
            note="Admin",
        )
        obj.pk = stored.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        kpi = KPI.objects.get(pk=form.instance.pk)
        kpi_save(
            kpi=kpi,
            fields={},
            pillars=form.cleaned_data.get("pillars", []),
            key_contacts=form.cleaned_data.get("key_contacts", []),
            by=request.user,
            note="Admin",
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # retire a KPI instead, so its history stays


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["kpi", "financial_year", "kind", "value", "tolerance", "direction"]
    list_filter = ["financial_year", "kind"]
    autocomplete_fields = ["kpi"]
    actions = None

    def save_model(self, request: HttpRequest, obj: Target, form: Any, change: bool) -> None:
        saved = target_set(
            kpi=obj.kpi,
            financial_year=obj.financial_year,
            value=obj.value if obj.kind == Target.Kind.VALUE else None,
            tolerance=obj.tolerance if obj.kind == Target.Kind.VALUE else None,
            direction=obj.direction if obj.kind == Target.Kind.DIRECTION else "",
            by=request.user,
            note="Admin",
        )
        obj.pk = saved.pk
