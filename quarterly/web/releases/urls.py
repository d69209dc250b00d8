from django.urls import path

from quarterly.web.releases import views

app_name = "releases"
urlpatterns = [
    path("", views.index, name="index"),
]
