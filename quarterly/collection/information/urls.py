from django.urls import path

from quarterly.collection.information import views

app_name = "information"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("boards/<slug:slug>/", views.request_new, name="new"),
    path("<int:pk>/answer/", views.answer, name="answer"),
]
