"""Derive every name spelling again with the current name library (after it has improved)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from archive.rederive import rederive_spellings


class Command(BaseCommand):
    help = _(
        "すべての名前の表記について、読み・ローマ字・音声キーを現在の名前ライブラリで導き直し、"
        "資料記録が写している読みとローマ字も更新します。変わったものだけを書き込みます。"
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = rederive_spellings()
        self.stdout.write(
            _(
                "%(spellings)s件の表記を導き直しました（%(seconds).1f秒）。変わった表記 %(changed)s件、"
                "書き換えた資料記録 %(records)s件。"
            )
            % {
                "spellings": f"{result.spellings:,}",
                "seconds": time.perf_counter() - started,
                "changed": f"{result.changed:,}",
                "records": f"{result.records:,}",
            }
        )
