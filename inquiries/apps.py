from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inquiries"
    verbose_name = _("照会")

    def ready(self) -> None:
        from inquiries.matching import receivers  # noqa: F401
        from inquiries.notifications import admin as _notification_admin  # noqa: F401
        from inquiries.notifications import receivers as _notification_receivers  # noqa: F401
