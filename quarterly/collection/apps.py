from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "quarterly.collection"
    label = "collection"
    verbose_name = "Results"
