"""Uploaded documents: PDF, JPEG or PNG up to 10 MB, judged by their content, not their name."""

from __future__ import annotations

import filetype
from django import forms
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inquiries.models import DocumentKind

from .base import FamilyForm

MAX_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


# The file fields of the family forms; a file under any other name is read past and never stored.
FILE_FIELDS = frozenset({"identity", "koseki", "proxy_letter", "attachment"})


def request_too_large(request) -> bool:
    """Whether the request body is over FAMILY_REQUEST_MAX_BYTES; asked before anything reads it.

    Django reads no more than Content-Length from a WSGI request, so that header bounds the body."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.FAMILY_REQUEST_MAX_BYTES


class SizeLimitHandler(FileUploadHandler):
    """Stops reading a file once it passes MAX_BYTES, and remembers which field it was.

    Files sent under field names the forms do not have are skipped: read past, never stored."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_big: set[str] = set()
        self._received = 0

    def new_file(self, field_name, *args, **kwargs):
        if field_name not in FILE_FIELDS:
            # On SkipFile Django closes every handler's `file`; the handlers after this one have not
            # started this file, so theirs is the previous, accepted upload: let go of it first.
            for handler in self.request.upload_handlers if self.request else ():
                if handler is not self and hasattr(handler, "file"):
                    del handler.file
            raise SkipFile()
        super().new_file(field_name, *args, **kwargs)
        self._received = 0

    def receive_data_chunk(self, raw_data, start):
        self._received += len(raw_data)
        if self._received > MAX_BYTES:
            self.too_big.add(self.field_name)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def install_size_limit(request) -> SizeLimitHandler:
    """Put the size check first; call before request.POST or request.FILES is read."""
    handler = SizeLimitHandler(request)
    request.upload_handlers.insert(0, handler)
    return handler


def sniff(upload) -> str:
    """The content type the bytes say they are, or "" when it is not PDF/JPEG/PNG."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind and kind.mime in ALLOWED_TYPES else ""


TOO_BIG = _(
    "ファイルが大きすぎます。1つのファイルは10MBまでです。小さくして（写真なら解像度を下げて）選び直すか、郵便でお送りください。"
)
WRONG_TYPE = _("このファイルは送れません。PDF、JPEG、PNGのいずれかの形式のファイルを選んでください。")
EMPTY = _("ファイルが空です。別のファイルを選んでください。")


class UploadForm(FamilyForm):
    """Fields named after DocumentKind values; each accepted file gets `.content_type_sniffed`."""

    too_big: set[str] = set()

    def __init__(self, *args, too_big=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.too_big = set(too_big)

    def full_clean(self):
        super().full_clean()
        for name in self.too_big & set(self.fields):
            self._refuse(name, TOO_BIG)

    def _refuse(self, name, message):
        self.add_error(name, message)
        self.fields[name].widget.attrs["aria-invalid"] = "true"
        self.fields[name].widget.attrs["aria-describedby"] = self.error_id(name)

    def _clean_upload(self, name):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_BIG, code="too_big")
        if upload.size == 0:
            raise forms.ValidationError(EMPTY, code="empty")
        content_type = sniff(upload)
        if not content_type:
            raise forms.ValidationError(WRONG_TYPE, code="type")
        upload.content_type_sniffed = content_type
        return upload


def file_field(label, help_text=""):
    return forms.FileField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        error_messages={"invalid": WRONG_TYPE, "empty": EMPTY},
    )


def draft_full_message():
    return gettext(
        "1件のお申込みで送れるファイルは合わせて%(mb)sMBまでです。このファイルは受け取れませんでした。"
        "小さくして選び直すか、郵便でお送りください。"
    ) % {"mb": settings.FAMILY_DRAFT_UPLOAD_LIMIT // (1024 * 1024)}


class DocumentsForm(UploadForm):
    """`kept`: the files the draft already holds (kind -> metadata with "size"); all the draft's files
    together stay within FAMILY_DRAFT_UPLOAD_LIMIT, new ones taken in field order while they fit."""

    identity = file_field(_("本人確認書類（運転免許証、健康保険証などの写し）"))
    koseki = file_field(_("戸籍謄本（抑留された方とのご関係が分かるもの）"))
    proxy_letter = file_field(_("委任状（代理人として申し込む場合）"))

    def __init__(self, *args, kept=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = dict(kept or {})

    def clean(self):
        cleaned = super().clean()
        new = {name: cleaned[name] for name in ("identity", "koseki", "proxy_letter") if cleaned.get(name)}
        total = sum(meta["size"] for kind, meta in self.kept.items() if kind not in new)
        for name, upload in new.items():
            if total + upload.size > settings.FAMILY_DRAFT_UPLOAD_LIMIT:
                self._refuse(name, draft_full_message())
            else:
                total += upload.size
        return cleaned

    def clean_identity(self):
        return self._clean_upload("identity")

    def clean_koseki(self):
        return self._clean_upload("koseki")

    def clean_proxy_letter(self):
        return self._clean_upload("proxy_letter")


class ReplyForm(UploadForm):
    text = forms.CharField(label=_("ご回答"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    attachment = file_field(_("書類（必要な場合）"), _("PDF、JPEG、PNGのファイルを10MBまで送れます。"))

    def clean_attachment(self):
        return self._clean_upload("attachment")


KIND_OF_FIELD = {
    "identity": DocumentKind.IDENTITY,
    "koseki": DocumentKind.KOSEKI,
    "proxy_letter": DocumentKind.PROXY_LETTER,
    "attachment": DocumentKind.OTHER,
}
