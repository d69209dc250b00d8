from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "quarterly.places"
    label = "places"
    verbose_name = "Places"
