from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quarterly.organisation.access import organisation_for_request


def home(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        organisation = organisation_for_request(request)
        context = {
            "kpi_count": organisation.kpis.filter(status="active").count(),
            "directorate_count": organisation.directorates.count(),
        }
    return render(request, "web/home.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")
