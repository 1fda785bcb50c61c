"""The landing page says what the service is, in Japanese first and in English."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_it_speaks_japanese_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert "旧ソ連" in html
    assert "照会" in html
    assert 'href="#main"' in html and 'id="main"' in html


@pytest.mark.django_db
def test_it_speaks_english_when_asked(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Make an inquiry" in html
    assert "Skip to main content" in html


@pytest.mark.django_db
def test_it_switches_language_with_the_button(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_it_loads_nothing_from_another_host(client):
    html = client.get("/").content.decode()
    assert "https://" not in html and "//cdn" not in html
    assert "/static/vendor/bootstrap-5.3.9/bootstrap.min.css" in html


@pytest.mark.django_db
def test_it_shows_the_admin_login_in_japanese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "ログイン" in response.content.decode()
