from django.apps import AppConfig


class PolicybankConfig(AppConfig):
    name = "policybank"
