"""Every string a user sees has its English translation, and the catalogue matches the source."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_it_translates_every_message_into_english():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_it_ships_a_compiled_catalogue_that_is_up_to_date():
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = polib.pofile(str(CATALOGUE))
    assert {(e.msgid, e.msgstr) for e in compiled} >= {
        (e.msgid, e.msgstr) for e in source.translated_entries() if not e.msgid_plural
    }


def test_it_has_every_source_string_in_the_catalogue(tmp_path):
    if shutil.which("xgettext") is None:
        if IN_CI:
            pytest.fail("xgettext (GNU gettext) is needed to check the catalogue")
        pytest.skip("xgettext not installed")
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "test-artifacts")
    )
    env = dict(os.environ, DEBUG="1", VAR_DIR=str(tmp_path / "var"))
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "--ignore=var"],
        cwd=copy, env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    fresh = {entry.msgid for entry in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    assert sorted(fresh - committed) == [], "run `make messages` and translate the new strings"
