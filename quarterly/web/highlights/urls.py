from django.urls import path

from quarterly.web.highlights import views

app_name = "highlights"
urlpatterns = [
    path("", views.index, name="index"),
    path("propose/", views.propose, name="propose"),
    path("request-commentary/", views.request_all, name="request-all"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("<int:pk>/request-commentary/", views.request_commentary, name="request-commentary"),
    path("<int:pk>/commentary/", views.commentary, name="commentary"),
]
