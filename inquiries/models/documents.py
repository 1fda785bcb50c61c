"""Documents families send with an inquiry or a reply, kept in private storage."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from inquiries.storage import private_storage


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("本人確認書類")
    KOSEKI = "koseki", _("戸籍謄本")
    PROXY_LETTER = "proxy_letter", _("委任状")
    OTHER = "other", _("その他の書類")


class Document(models.Model):
    inquiry = models.ForeignKey("inquiries.Inquiry", on_delete=models.CASCADE, related_name="documents")
    message = models.ForeignKey(
        "inquiries.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    kind = models.CharField(_("種類"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("ファイル"), storage=private_storage, upload_to="documents/%Y/%m/")
    original_name = models.CharField(_("元のファイル名"), max_length=255)
    content_type = models.CharField(_("ファイル形式"), max_length=100)
    size = models.PositiveIntegerField(_("大きさ（バイト）"))
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_at = models.DateTimeField(_("受け取った日時"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("書類")
        verbose_name_plural = _("書類")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


# The name a document is kept and downloaded under ends as its content proves, whatever it was called.
PROVEN_EXTENSIONS = {"application/pdf": (".pdf",), "image/jpeg": (".jpg", ".jpeg"), "image/png": (".png",)}


def proven_name(name: str, content_type: str) -> str:
    """The file name with the extension of its proven content type: poly.html (a PDF) -> poly.pdf."""
    extensions = PROVEN_EXTENSIONS.get(content_type)
    if not extensions:  # not a type the family pages accept: nothing proven to name it by
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        stem = name
    elif "." + suffix.lower() in extensions:
        return name
    if any(stem.lower().endswith(extension) for extension in extensions):  # evil.pdf.html -> evil.pdf
        return stem
    return (stem or "document") + extensions[0]
