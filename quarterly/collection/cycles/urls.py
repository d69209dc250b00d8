from django.urls import path

from quarterly.collection.cycles import views

app_name = "timetable"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:financial_year>/", views.year, name="year"),
    path("<int:financial_year>/calendar.ics", views.calendar, name="calendar"),
    path("<int:financial_year>/generate/", views.generate, name="generate"),
    path("<int:financial_year>/q<int:quarter>/edit/", views.cycle_edit, name="cycle-edit"),
    path(
        "<int:financial_year>/q<int:quarter>/open/",
        views.cycle_status,
        {"action": "open"},
        name="cycle-open",
    ),
    path(
        "<int:financial_year>/q<int:quarter>/close/",
        views.cycle_status,
        {"action": "close"},
        name="cycle-close",
    ),
    path("<int:financial_year>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/delete/", views.meeting_remove, name="meeting-delete"),
]
