from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inquiries"

    def ready(self) -> None:
        from inquiries.matching import receivers  # noqa: F401
