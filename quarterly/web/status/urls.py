from django.urls import path

from quarterly.web.status import views

app_name = "status"
urlpatterns = [
    path("", views.board, name="board"),
    path("checklist/", views.checklist, name="checklist"),
    path("<int:financial_year>/q<int:quarter>/chase/<int:person>/", views.chase, name="chase"),
]
