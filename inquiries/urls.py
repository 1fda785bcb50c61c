from django.urls import path

from inquiries.views import privacy, status, submit, wizard

app_name = "inquiries"

urlpatterns = [
    path("privacy/", privacy.notice, name="privacy"),
    path("new/", wizard.start, name="new"),
    path("new/restart/", wizard.restart, name="restart"),
    path("new/confirm/", submit.confirm, name="confirm"),
    path("new/receipt/", submit.receipt, name="receipt"),
    path("new/documents/", wizard.documents, name="documents"),  # CSRF-exempt wrapper: checks CSRF itself
    path("new/<slug:slug>/", wizard.step, name="step"),
    path("status/<str:token>/", status.status, name="status"),
    path("status/<str:token>/reply/", status.reply, name="reply"),
]
