"""The KPI Register list and each KPI's page, with its results, judgements and history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quarterly.collection.results.judgement import judge
from quarterly.core import clock
from quarterly.core.charts import ChartPoint, spc_chart_svg, trend_chart_svg
from quarterly.core.periods import Period, PeriodKind, financial_year_label
from quarterly.organisation.access import (
    can_administer_register,
    can_propose_target,
    can_read_register,
    organisation_for_request,
    require,
)
from quarterly.register.coverage import KINDS, target_coverage
from quarterly.register.forms import KPIFilterForm, KPIStatusForm
from quarterly.register.models import KPI
from quarterly.register.presentation import (
    ASSURANCE_WORDS,
    RAG_TAGS,
    TRAVEL_WORDS,
    VARIATION_WORDS,
    format_value,
    result_rows,
    spc_points,
    spc_rows,
    unit_suffix,
)
from quarterly.register.selectors import filter_choices
from quarterly.register.services import KPI_STATUS_MOVES, kpi_status_change
from quarterly.web.kpis.comparisons import comparison_section
from quarterly.web.kpis.history import history_rows, kpi_history
from quarterly.web.kpis.recalculations import recalculation_section
from quarterly.web.kpis.selectors import kpi_get, kpi_list
from quarterly.web.targets.rows import target_rows

PAGE_SIZE = 100


@login_required
def kpi_list_view(request: HttpRequest) -> HttpResponse:
    require(can_read_register(request.user))
    organisation = organisation_for_request(request)
    form = KPIFilterForm(request.GET or None, choices=filter_choices(organisation=organisation))
    kpis = kpi_list(user=request.user, organisation=organisation, filters=form.filters())
    page = Paginator(kpis, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/kpis/kpi_list.html",
        {"form": form, "page": page, "kpis": page.object_list, "query": query.urlencode()},
    )


@login_required
def kpi_detail(request: HttpRequest, reference: str) -> HttpResponse:
    require(can_read_register(request.user))
    organisation = organisation_for_request(request)
    kpi = kpi_get(user=request.user, organisation=organisation, reference=reference)
    status_form = (
        KPIStatusForm(moves=status_moves(kpi)) if can_administer_register(request.user) else None
    )
    return _detail_page(request, kpi, status_form)


def _detail_page(request: HttpRequest, kpi: KPI, status_form: KPIStatusForm | None) -> HttpResponse:
    """The KPI's page; `status_form` bound and with errors when a status change was refused."""
    rows = result_rows(kpi)
    chart = trend_chart_svg(
        [
            ChartPoint(
                row["period"].label,
                float(row["result"].value) if row["result"].value is not None else None,
                float(row["target_value"]) if row["target_value"] is not None else None,
            )
            for row in rows
        ],
        title=f"{kpi.reference} {kpi.title}: results over time",
        unit_suffix=unit_suffix(kpi),
        decimals=kpi.decimal_places,
    )
    judgement = judge(kpi, list(kpi.results.all()))
    spc_table = spc_rows(kpi, judgement) if judgement and judgement.spc else []
    spc_chart = spc_chart_svg(
        spc_points(spc_table),
        title=f"{kpi.reference} {kpi.title}: statistical process control chart",
        target=judgement.rag.target
        if judgement and judgement.rag.target is not None and not judgement.rag.interim
        else None,
        unit_suffix=unit_suffix(kpi),
        decimals=kpi.decimal_places,
    )
    return render(
        request,
        "web/kpis/kpi_detail.html",
        {
            "kpi": kpi,
            "rows": rows,
            "chart": chart,
            "has_gaps": any(row["result"].value is None for row in rows),
            "targets": target_rows(kpi),
            "can_propose_target": can_propose_target(request.user, kpi),
            "baseline": format_value(kpi, kpi.baseline) if kpi.baseline is not None else "",
            "history": history_rows(kpi_history(user=request.user, kpi=kpi)),
            "judgement": judgement,
            "spc_table": spc_table,
            "spc_chart": spc_chart,
            "badges": _badges(judgement),
            "status_form": status_form,
            **recalculation_section(user=request.user, kpi=kpi),
            **comparison_section(kpi, day=clock.today()),
        },
    )


def _badges(judgement: Any) -> dict[str, str]:
    """The words (and tag colours) for each judgement; the words always carry the meaning."""
    if judgement is None:
        return {}
    badges = {
        "rag_class": RAG_TAGS[judgement.rag.status],
        "travel": TRAVEL_WORDS[judgement.travel.status],
    }
    if judgement.spc is not None:
        badges["variation"] = VARIATION_WORDS[judgement.spc.variation]
        badges["assurance"] = ASSURANCE_WORDS[judgement.spc.assurance]
    return badges


@login_required
def target_coverage_view(request: HttpRequest) -> HttpResponse:
    """Which active KPIs have targets for a financial year (`?year=2025`), by directorate and
    pillar, and the gaps."""
    require(can_read_register(request.user))
    organisation = organisation_for_request(request)
    this_year = Period.containing(clock.today(), PeriodKind.FINANCIAL_YEAR).fy
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and this_year - 10 <= int(raw) <= this_year + 5 else this_year
    coverage = target_coverage(organisation=organisation, financial_year=year)
    return render(
        request,
        "web/kpis/target_coverage.html",
        {
            "coverage": coverage,
            "kinds": KINDS,
            "year_label": financial_year_label(year),
            "years": [
                (y, financial_year_label(y)) for y in range(this_year + 1, this_year - 5, -1)
            ],
        },
    )


@login_required
@require_POST
def kpi_status(request: HttpRequest, reference: str) -> HttpResponse:
    """The performance team moves a KPI along its lifecycle from the KPI's page."""
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    kpi = kpi_get(user=request.user, organisation=organisation, reference=reference)
    form = KPIStatusForm(request.POST, moves=status_moves(kpi))
    if form.is_valid():
        try:
            kpi_status_change(
                kpi=kpi, to=form.cleaned_data["status"], reason=form.cleaned_data["reason"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"{kpi.reference} is now {kpi.get_status_display().lower()}.")
            return redirect(kpi)
    # Refused: the page again, with the GOV.UK error summary and what was typed.
    return _detail_page(request, kpi, form)


def status_moves(kpi: KPI) -> list[tuple[str, str]]:
    """The statuses the KPI may move to, as choices."""
    return [
        (s, KPI.Status(s).label) for s in KPI.Status.values if s in KPI_STATUS_MOVES[kpi.status]
    ]
