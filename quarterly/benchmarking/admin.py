from __future__ import annotations

from django.contrib import admin

from quarterly.benchmarking.models import BenchmarkValue


@admin.register(BenchmarkValue)
class BenchmarkValueAdmin(admin.ModelAdmin):
    list_display = ["kpi", "period_label", "area_name", "value", "lower_ci", "upper_ci", "source"]
    list_filter = ["area_name", "period_kind"]
    search_fields = ["kpi__reference", "kpi__title", "area_code", "area_name"]
    list_select_related = ["kpi"]

    @admin.display(description="Period")
    def period_label(self, obj: BenchmarkValue) -> str:
        return obj.period.label
