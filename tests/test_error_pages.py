"""Error pages speak to the family in words, in Japanese by default, and never show a stack trace."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_it_answers_an_unknown_page_with_a_plain_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ページが見つかりません" in html and '<html lang="ja">' in html


@pytest.mark.django_db
def test_it_answers_a_request_too_large_with_a_plain_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post("/i18n/setlang/", {"language": "ja", "next": "/" + "x" * 500})
    assert response.status_code == 400
    assert "送信された内容を受け付けられませんでした" in response.content.decode()


def test_it_has_a_self_contained_500_page():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "ただいま表示できません" in html and "Temporarily unavailable" in html
    assert "{%" not in html
