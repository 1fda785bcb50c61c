from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inquiries"

    def ready(self) -> None:
        from inquiries.matching import receivers  # noqa: F401
        from inquiries.notifications import admin as _notification_admin  # noqa: F401
        from inquiries.notifications import receivers as _notification_receivers  # noqa: F401
