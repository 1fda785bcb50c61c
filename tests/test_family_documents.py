"""Documents sent with the inquiry: judged by their content, limited in size, kept out of any served URL."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inquiries.models import Document, Inquiry
from tests import test_family_support
from tests.test_family_support import (
    APPLICANT,
    EXE,
    PDF,
    PNG,
    confirm,
    fill_to_confirm,
    post_step,
)

pytestmark = pytest.mark.django_db
family = test_family_support.family  # fixture: private files in a temporary directory, fresh limits


def at_documents(client, applicant=None):
    client.get("/inquiries/new/")
    post_step(client, "applicant", applicant or APPLICANT)


def test_it_keeps_uploaded_documents_and_files_them_privately_with_the_inquiry(
    client, family, django_capture_on_commit_callbacks
):
    files = {
        "identity": SimpleUploadedFile("免許証.png", PNG),
        "koseki": SimpleUploadedFile("koseki.pdf", PDF),
    }
    key = fill_to_confirm(client, files=files)
    assert (family / "drafts" / key / "identity.png").exists()
    html = client.get("/inquiries/new/confirm/").content.decode()
    assert "免許証.png" in html and "koseki.pdf" in html
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, key)
    inquiry = Inquiry.objects.get()
    documents = {d.kind: d for d in Document.objects.filter(inquiry=inquiry)}
    assert set(documents) == {"identity", "koseki"}
    assert documents["identity"].content_type == "image/png" and documents["identity"].size == len(PNG)
    stored = family / documents["koseki"].file.name
    assert stored.read_bytes() == PDF
    assert not (family / "drafts" / key).exists()
    html = client.get("/inquiries/new/receipt/").content.decode()
    assert "必要な書類はすべて受け取りました" in html
    with pytest.raises(ValueError):
        documents["koseki"].file.url  # noqa: B018 - never a public address


def test_it_refuses_a_program_renamed_to_pdf(client, family):
    at_documents(client)
    response = post_step(client, "documents", {"identity": SimpleUploadedFile("passport.pdf", EXE)})
    assert response.status_code == 400
    assert "PDF、JPEG、PNGのいずれかの形式のファイルを選んでください" in response.content.decode()
    assert not (family / "drafts").exists() or not any((family / "drafts").rglob("*.pdf"))


def test_it_explains_that_a_12_mb_file_is_too_big(client, family):
    at_documents(client)
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * (12 * 1024 * 1024))
    response = post_step(client, "documents", {"koseki": big})
    assert response.status_code == 400
    html = response.content.decode()
    assert "ファイルが大きすぎます。1つのファイルは10MBまでです。" in html
    assert 'href="#id_koseki"' in html


def test_it_asks_a_proxy_for_the_letter_of_authority(client, family):
    at_documents(client, dict(APPLICANT, is_proxy="on"))
    html = client.get("/inquiries/new/documents/").content.decode()
    assert "委任状（代理人として申し込む場合は必ず必要です）" in html
    client.post("/inquiries/new/documents/", {"draft": client.session["inquiry_draft"]["id"]})


def test_it_lists_the_letter_of_authority_among_the_documents_to_post(client, family):
    key = fill_to_confirm(client, applicant=dict(APPLICANT, is_proxy="on"))
    confirm(client, key)
    html = client.get("/inquiries/new/receipt/").content.decode()
    assert "<li>委任状</li>" in html and "<li>戸籍謄本</li>" in html


def test_it_checks_the_form_token_on_uploads_and_accepts_them_with_it(family):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get("/inquiries/new/")
    html = client.get("/inquiries/new/documents/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    draft = client.session["inquiry_draft"]["id"]
    refused = client.post(
        "/inquiries/new/documents/", {"draft": draft, "koseki": SimpleUploadedFile("k.pdf", PDF)}
    )
    assert refused.status_code == 403
    upload = SimpleUploadedFile("k.pdf", PDF)
    accepted = client.post(
        "/inquiries/new/documents/", {"draft": draft, "csrfmiddlewaretoken": token, "koseki": upload}
    )
    assert accepted.status_code == 302
