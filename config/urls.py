from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Quarterly administration"
admin.site.site_title = "Quarterly"

urlpatterns = [
    path("", include("quarterly.web.urls")),
    path("register/admin/", include("quarterly.web.administration.urls")),
    path("register/", include("quarterly.web.kpis.urls")),
    path("timetable/", include("quarterly.collection.cycles.urls")),
    path("results/", include("quarterly.web.results.urls")),
    path("highlights/", include("quarterly.web.highlights.urls")),
    path("status/", include("quarterly.web.status.urls")),
    path("releases/", include("quarterly.web.releases.urls")),
    path("places/", include("quarterly.web.places.urls")),
    path("scorecard/", include("quarterly.reports.scorecard_urls")),
    path("public/", include("quarterly.web.public_urls")),
    path("reports/", include("quarterly.reports.report_urls")),
    path("committees/", include("quarterly.web.committees.urls")),
    path("information-requests/", include("quarterly.collection.information.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
