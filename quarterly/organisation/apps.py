from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "quarterly.organisation"
    label = "organisation"
    verbose_name = "Organisation"
