"""Upload limits on the family pages: per request, per draft, only known file fields, and names that
end as the content proves, on the receipt and on the staff download."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.urls import reverse

from inquiries.models import Document, Inquiry
from inquiries.models.documents import proven_name
from tests import test_family_support
from tests.test_family_support import APPLICANT, PDF, PNG, confirm, fill_to_confirm, post_step
from tests.workflow.conftest import make_inquiry, make_staff

pytestmark = pytest.mark.django_db
family = test_family_support.family  # fixture: private files in a temporary directory, fresh limits


def at_documents(client):
    client.get("/inquiries/new/")
    post_step(client, "applicant", APPLICANT)


@pytest.mark.parametrize(
    "name, content_type, expected",
    [
        ("poly.html", "application/pdf", "poly.pdf"),
        ("evil.pdf.html", "application/pdf", "evil.pdf"),
        ("scan.PDF", "application/pdf", "scan.PDF"),
        ("写真.jpeg", "image/jpeg", "写真.jpeg"),
        ("photo.png", "image/jpeg", "photo.jpg"),
        ("koseki", "application/pdf", "koseki.pdf"),
        (".htaccess", "image/png", ".htaccess.png"),
    ],
)
def test_a_name_ends_as_its_content_proves(name, content_type, expected):
    assert proven_name(name, content_type) == expected


def test_a_pdf_named_html_is_kept_and_listed_as_pdf(client, family):
    files = {
        "identity": SimpleUploadedFile("poly.html", PDF, content_type="text/html"),
        "koseki": SimpleUploadedFile("evil.pdf.html", PDF, content_type="text/html"),
    }
    key = fill_to_confirm(client, files=files)
    html = client.get("/inquiries/new/confirm/").content.decode()
    assert "poly.pdf" in html and "evil.pdf" in html and ".html" not in html
    confirm(client, key)
    names = set(Document.objects.values_list("original_name", flat=True))
    assert names == {"poly.pdf", "evil.pdf"}
    assert all(name.endswith(".pdf") for name in Document.objects.values_list("file", flat=True))


def test_staff_download_a_pdf_named_html_as_pdf(client, family):
    document = Document(
        inquiry=make_inquiry(), kind="other", original_name="返信.pdf.html", content_type="application/pdf",
        size=len(PDF), sha256=hashlib.sha256(PDF).hexdigest(),
    )  # fmt: skip
    document.file.save("reply.pdf", ContentFile(PDF), save=True)
    from inquiries.roles import INTAKE

    client.force_login(make_staff("intake", INTAKE))
    response = client.get(reverse("admin:inquiries_document", args=[document.pk]))
    disposition = response["Content-Disposition"]
    assert response.status_code == 200 and disposition.startswith("attachment")
    assert ".pdf" in disposition and ".html" not in disposition


def test_file_fields_the_form_does_not_have_are_never_stored(client, family, monkeypatch):
    stored = []
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.new_file

        def recording(self, field_name, *args, _original=original, **kwargs):
            stored.append(field_name)
            return _original(self, field_name, *args, **kwargs)

        monkeypatch.setattr(handler, "new_file", recording)
    at_documents(client)
    extra = {f"extra{i}": SimpleUploadedFile(f"x{i}.pdf", PDF + b"0" * (3 * 1024 * 1024)) for i in range(3)}
    response = post_step(client, "documents", {"identity": SimpleUploadedFile("id.png", PNG), **extra})
    assert response.status_code == 302
    assert set(stored) == {"identity"}
    assert set(client.session["inquiry_draft"]["files"]) == {"identity"}
    assert {p.name for p in (family / "drafts").rglob("*") if p.is_file()} == {"identity.png"}


@pytest.mark.parametrize(
    "language, words", [("ja", "一度に送れる量を超えています"), ("en", "More than can be sent")]
)
def test_a_request_over_the_size_cap_gets_a_clear_413_page(client, family, settings, language, words):
    settings.FAMILY_REQUEST_MAX_BYTES = 1024 * 1024
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    at_documents(client)
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (2 * 1024 * 1024))
    response = post_step(client, "documents", {"koseki": big})
    assert response.status_code == 413 and words in response.content.decode()
    assert "1MB" in response.content.decode() or "1 MB" in response.content.decode()
    assert not (family / "drafts").exists() or not any((family / "drafts").rglob("*.pdf"))


def test_a_reply_over_the_size_cap_gets_the_413_page_too(client, family, settings):
    settings.FAMILY_REQUEST_MAX_BYTES = 1024 * 1024
    inquiry = make_inquiry()
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (2 * 1024 * 1024))
    response = client.post("/inquiries/status/some-token/reply/", {"text": "x", "attachment": big})
    assert response.status_code == 413 and "一度に送れる量を超えています" in response.content.decode()
    assert inquiry.messages.count() == 0


def test_a_draft_keeps_no_more_than_its_cap_in_all(client, family, settings):
    settings.FAMILY_DRAFT_UPLOAD_LIMIT = len(PNG) + len(PDF) - 1
    at_documents(client)
    assert post_step(client, "documents", {"identity": SimpleUploadedFile("id.png", PNG)}).status_code == 302
    response = post_step(client, "documents", {"koseki": SimpleUploadedFile("k.pdf", PDF)})
    assert response.status_code == 400
    assert "1件のお申込みで送れるファイルは合わせて" in response.content.decode()
    assert set(client.session["inquiry_draft"]["files"]) == {"identity"}
    assert not any((family / "drafts").rglob("koseki.*"))
    # replacing the kept file with a small enough one is fine
    response = post_step(client, "documents", {"identity": SimpleUploadedFile("id.pdf", PDF)})
    assert response.status_code == 302


def test_too_many_files_in_one_request_answer_400_not_500(client, family):
    at_documents(client)
    files = {f"f{i}": SimpleUploadedFile(f"f{i}.pdf", PDF) for i in range(11)}
    response = post_step(client, "documents", files)
    assert response.status_code == 400
    assert Inquiry.objects.count() == 0


def test_a_good_file_is_kept_when_a_later_one_in_the_same_request_is_too_big(client, family):
    at_documents(client)
    files = {
        "identity": SimpleUploadedFile("id.png", PNG),
        "extra": SimpleUploadedFile("x.pdf", PDF),
        "koseki": SimpleUploadedFile("k.pdf", PDF + b"0" * (11 * 1024 * 1024)),
    }
    response = post_step(client, "documents", files)
    assert response.status_code == 400 and "1つのファイルは10MBまでです" in response.content.decode()
    assert set(client.session["inquiry_draft"]["files"]) == {"identity"}
    assert (family / "drafts" / client.session["inquiry_draft"]["id"] / "identity.png").read_bytes() == PNG
