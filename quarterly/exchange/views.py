"""Pages to upload and download files: the register workbook and results in bulk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from quarterly.core import clock
from quarterly.exchange.formats.register_workbook import register_export, register_import
from quarterly.exchange.formats.results_upload import results_upload
from quarterly.exchange.forms import RegisterUploadForm, ResultsUploadForm
from quarterly.exchange.reading import WorkbookRejected
from quarterly.organisation.access import (
    can_administer_register,
    can_enter_some_results,
    organisation_for_request,
    require,
)


@login_required
def register_upload(request: HttpRequest) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    problems = []
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            summary = register_import(
                organisation=organisation,
                source=form.cleaned_data["workbook"].read(),
                by=request.user,
            )
        except WorkbookRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, f"The register workbook was imported. {summary}")
            return redirect("register:kpi-list")
    return render(request, "exchange/register_upload.html", {"form": form, "problems": problems})


@login_required
def register_export_view(request: HttpRequest) -> HttpResponse:
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    content = register_export(organisation=organisation)
    stamp = clock.today().isoformat()
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="kpi-register-{organisation.slug}-{stamp}.xlsx"'
    )
    return response


@login_required
def results_upload_view(request: HttpRequest) -> HttpResponse:
    """Bulk entry: a CSV or Excel file of results, all or nothing."""
    organisation = organisation_for_request(request)
    require(can_enter_some_results(request.user))
    form = ResultsUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            count = results_upload(
                organisation=organisation,
                user=request.user,
                name=upload_file.name,
                content=upload_file.read(),
                submit=form.cleaned_data["submit"],
                counts_rounded_to=form.cleaned_data["counts_rounded_to"],
            )
        except WorkbookRejected as rejected:
            problems = rejected.problems
        else:
            verb = "submitted for sign-off" if form.cleaned_data["submit"] else "saved as drafts"
            messages.success(request, f"{count} result{'s' if count != 1 else ''} {verb}.")
            return redirect("collection:my-kpis")
    return render(request, "exchange/results_upload.html", {"form": form, "problems": problems})
