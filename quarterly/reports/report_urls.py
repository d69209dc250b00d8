from django.urls import path, re_path

from quarterly.reports import report_views as views

app_name = "reports"
_REPORT = r"^(?P<kind>clt|dmt|scrutiny|annual|hwb|community|council|digest)/(?P<period>\d{4}-\d{2}(?:-q[1-4])?)/(?P<scope>[-\w]+)/"
urlpatterns = [
    path("", views.index, name="index"),
    re_path(_REPORT + r"$", views.report_page, name="report"),
    re_path(_REPORT + r"narrative/$", views.narrative_edit, name="narrative"),
    re_path(_REPORT + r"report\.(?P<fmt>docx|pdf|html)$", views.download, name="download"),
    re_path(_REPORT + r"publish/$", views.publish, name="publish"),
]
