from django.urls import path

from quarterly.web.committees import views

app_name = "committees"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/remit/", views.remit_edit, name="remit-edit"),
]
