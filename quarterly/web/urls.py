from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from quarterly.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("how-performance-is-reported/edit/", views.guidance_edit, name="guidance-edit"),
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("web/images/favicon.svg"), permanent=True),
        name="favicon",
    ),
]
