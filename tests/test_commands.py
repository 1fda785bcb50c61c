"""Every management command of the project explains itself with --help."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import ManagementUtility, get_commands

PROJECT_APPS = {
    config.name
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in Path(config.path).parts
}
COMMANDS = sorted(name for name, app in get_commands().items() if app in PROJECT_APPS)


def test_the_project_has_its_commands():
    assert {"import_archive", "rederive_spellings", "load_demo_data"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_it_prints_the_help_of(name, capsys):
    with pytest.raises(SystemExit) as exit:
        ManagementUtility(["manage.py", name, "--help"]).execute()
    assert exit.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: manage.py " + name) and len(out.splitlines()) > 3
