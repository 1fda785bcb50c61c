"""The demo data and the synthetic archive generator stay out of production."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRODUCTION_PACKAGES = ("config", "archive", "inquiries")


def test_no_production_module_imports_them():
    importers = []
    for package in PRODUCTION_PACKAGES:
        for path in (Path(settings.BASE_DIR) / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else []
                )
                if any(n == "devdata" or n.startswith("devdata.") for n in names):
                    importers.append(str(path))
    assert importers == []


def test_production_settings_have_neither_the_app_nor_its_commands():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING", "DJANGO_SETTINGS_MODULE"}}
    env.update(DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="inquiries.example.jp")
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup();"
        "from django.conf import settings; from django.core.management import get_commands;"
        "print('devdata' in settings.INSTALLED_APPS, 'load_demo_data' in get_commands(),"
        " 'generate_archive' in get_commands(), 'import_archive' in get_commands())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["False", "False", "False", "True"]
