from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("職員のログイン")

    def ready(self) -> None:
        from accounts import checks, signals  # noqa: F401  (registers the check and the receivers)
