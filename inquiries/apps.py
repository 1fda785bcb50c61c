from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inquiries"
    verbose_name = _("照会")

    def ready(self) -> None:
        # The tasks are imported in every process, the web's included, so that Celery knows them:
        # the verbs queue them by name, and Celery imports task modules by itself only in a worker.
        from archive.models import ImportBatch
        from archive.signals import batch_imported
        from inquiries import tasks  # noqa: F401
        from inquiries.services.scheduling import search_after_import

        # The one signal between the apps: the archive says a batch was imported (it never imports
        # inquiries), and the standing search runs again.
        batch_imported.connect(
            search_after_import, sender=ImportBatch, dispatch_uid="standing_search_after_import"
        )
