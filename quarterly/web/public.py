"""Public pages: published results only, no sign-in, with the data behind every table."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from quarterly.collection.models import Result
from quarterly.core import clock
from quarterly.core.charts import ChartPoint, trend_chart_svg
from quarterly.exchange.writing import CSVWriter
from quarterly.organisation.access import organisation_for_request
from quarterly.register.models import KPI
from quarterly.register.presentation import result_value_text, unit_suffix
from quarterly.reports.models import PublishedReport, Report
from quarterly.web.kpis.comparisons import comparison_section

_PUBLISHED = Result.objects.filter(status=Result.Status.PUBLISHED)


def _public_kpis(request: HttpRequest) -> Any:
    organisation = organisation_for_request(request)
    return (
        KPI.objects.filter(organisation=organisation, status=KPI.Status.ACTIVE)
        .filter(Exists(_PUBLISHED.filter(kpi=OuterRef("pk"))))
        .select_related("directorate")
        .order_by("reference")
    )


def kpi_index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/public/index.html", {"kpis": _public_kpis(request)})


def _public_kpi(request: HttpRequest, reference: str) -> KPI:
    kpi = (
        _public_kpis(request)
        .filter(reference=reference)
        .prefetch_related(
            Prefetch("results", queryset=_PUBLISHED.order_by("period_start", "period_end"))
        )
        .first()
    )
    if kpi is None:
        raise Http404("No published KPI has that reference.")
    return kpi


def _rows(kpi: KPI) -> list[dict[str, Any]]:
    return [
        {
            "period": r.period.label,
            "value": float(r.value) if r.value is not None else None,
            "missing_reason": r.missing_reason,
            "numerator": float(r.numerator) if r.numerator is not None else None,
            "denominator": float(r.denominator) if r.denominator is not None else None,
            "lower_ci": float(r.lower_ci) if r.lower_ci is not None else None,
            "upper_ci": float(r.upper_ci) if r.upper_ci is not None else None,
            "published_at": r.published_at.isoformat() if r.published_at else None,
            "display": result_value_text(kpi, r.value, r.missing_reason),
        }
        for r in kpi.results.all()
    ]


def kpi_page(request: HttpRequest, reference: str) -> HttpResponse:
    kpi = _public_kpi(request, reference)
    rows = _rows(kpi)
    chart = trend_chart_svg(
        [ChartPoint(row["period"], row["value"]) for row in rows],
        title=f"{kpi.reference} {kpi.title}: published results",
        unit_suffix=unit_suffix(kpi),
        decimals=kpi.decimal_places,
    )
    return render(
        request,
        "web/public/kpi.html",
        {
            "kpi": kpi,
            "rows": rows,
            "chart": chart,
            **comparison_section(kpi, day=clock.today()),
        },
    )


_FIELDS = [
    "reference",
    "title",
    "unit",
    "period",
    "value",
    "missing_reason",
    "numerator",
    "denominator",
    "lower_ci",
    "upper_ci",
    "published_at",
]


def kpi_data(request: HttpRequest, reference: str, fmt: str) -> HttpResponse:
    """The published results behind the KPI's table, as CSV or JSON (stable URLs)."""
    if fmt not in {"csv", "json"}:
        raise Http404("Data is available as .csv or .json.")
    kpi = _public_kpi(request, reference)
    records = [
        {
            "reference": kpi.reference,
            "title": kpi.title,
            "unit": kpi.unit_label,
            **{k: v for k, v in row.items() if k != "display"},
        }
        for row in _rows(kpi)
    ]
    if fmt == "json":
        return JsonResponse(
            {
                "kpi": kpi.reference,
                "title": kpi.title,
                "source": kpi.data_source,
                "results": records,
            }
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kpi.reference}.csv"'
    writer = CSVWriter(response)
    writer.writerow(_FIELDS)
    writer.writerows([record[field] for field in _FIELDS] for record in records)
    return response


# --------------------------------------------------------------------------------------------
# Published reports: frozen exactly as published (see `reports.models.PublishedReport`)
# --------------------------------------------------------------------------------------------


def _published_reports(request: HttpRequest) -> Any:
    return PublishedReport.objects.filter(organisation=organisation_for_request(request))


def _published_report(request: HttpRequest, pk: int, *fields: str) -> Any:
    report = _published_reports(request).filter(pk=pk).only("pk", *fields).first()
    if report is None:
        raise Http404("No published report has that number.")
    return report


def report_index(request: HttpRequest) -> HttpResponse:
    reports = _published_reports(request).defer("content", "values", "docx", "pdf")
    return render(request, "web/public/reports.html", {"reports": reports})


def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    published = _published_report(request, pk, "title", "content", "published_at", "kind")
    report = Report.from_dict(published.content)
    return render(request, "web/public/report.html", {"published": published, "report": report})


def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The Word or PDF file generated when the report was published."""
    types = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
    }
    if fmt not in types:
        raise Http404("Reports are available as .docx or .pdf.")
    published = _published_report(request, pk, fmt, "kind", "period_label", "scope")
    response = HttpResponse(bytes(getattr(published, fmt)), content_type=types[fmt])
    response["Content-Disposition"] = f'attachment; filename="{published.file_stem}.{fmt}"'
    return response


def report_table(request: HttpRequest, pk: int, key: str, fmt: str) -> HttpResponse:
    """One table of a published report, as CSV or JSON, with the figures it showed."""
    if fmt not in {"csv", "json"}:
        raise Http404("Tables are available as .csv or .json.")
    published = _published_report(request, pk, "title", "content", "kind", "period_label", "scope")
    table = next((t for t in Report.from_dict(published.content).tables() if t.key == key), None)
    if table is None:
        raise Http404("The report has no table with that name.")
    if fmt == "json":
        return JsonResponse(
            {
                "report": published.title,
                "table": table.caption,
                "columns": table.columns,
                "rows": [dict(zip(table.columns, row, strict=True)) for row in table.raw],
            }
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{published.file_stem}-{key}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = CSVWriter(response)
    writer.writerow(table.columns)
    writer.writerows(table.raw)
    return response
