from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from quarterly.collection.results.models import Result
from quarterly.collection.results.services import RESULT_AUDITED_FIELDS, result_save


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["kpi", "period_label", "value", "status", "updated_at"]
    list_filter = ["status", "period_kind", "kpi__directorate"]
    search_fields = ["kpi__reference", "kpi__title"]
    readonly_fields = [
        "kpi",
        "period_kind",
        "period_start",
        "period_end",
        "version",
        "submitted_by",
    ]
    fields = [*readonly_fields[:4], *RESULT_AUDITED_FIELDS, "version", "submitted_by"]
    actions = None

    @admin.display(description="Period")
    def period_label(self, obj: Result) -> str:
        return obj.period.label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # results arrive through submissions and imports

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Result, form: Any, change: bool) -> None:
        result_save(
            kpi=obj.kpi,
            period=obj.period,
            fields={name: form.cleaned_data[name] for name in RESULT_AUDITED_FIELDS},
            by=request.user,
            note="Admin",
        )
