"""The administration pages (not /admin/, which is the Django admin for superusers)."""

from django.urls import path

from quarterly.web.administration import people, views

app_name = "administration"
urlpatterns = [
    path("", views.hub, name="hub"),
    path("people/", people.person_list, name="people"),
    path("people/new/", people.person_add, name="person-add"),
    path("people/<int:pk>/", people.person_edit, name="person-edit"),
    path("people/<int:pk>/deactivate/", people.person_deactivate_view, name="person-deactivate"),
    path("people/<int:pk>/roles/", people.role_add_view, name="role-add"),
    path("roles/<int:pk>/remove/", people.role_remove_view, name="role-remove"),
    path("<slug:kind>/", views.record_list, name="list"),
    path("<slug:kind>/<int:pk>/", views.record_edit, name="edit"),
    path("<slug:kind>/<int:pk>/delete/", views.record_delete, name="delete"),
]
