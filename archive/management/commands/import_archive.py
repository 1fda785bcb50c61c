"""python manage.py import_archive FILE.csv [--skip-invalid] [--rejects OUT.csv] [--dry-run]"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive.importing import import_csv
from archive.importing.validation import Problem
from archive.models import ImportBatch

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = _("資料記録のCSVファイルを取り込みます。問題のある行が1行でもあれば、既定では何も取り込みません。")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help=_("UTF-8のCSVファイル（1行目は見出し行）"))
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("問題のない行だけを取り込み、問題のある行は報告する"),
        )
        parser.add_argument("--rejects", type=Path, help=_("取り込まなかった行と理由を書き出すCSVファイル"))
        parser.add_argument("--dry-run", action="store_true", help=_("検証だけを行い、何も書き込まない"))

    def handle(self, *args, file: Path, skip_invalid: bool, rejects: Path | None, dry_run: bool, **options):
        batch = import_csv(
            file,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            rejects_path=rejects,
            progress=sys.stderr.isatty(),
        )
        for error in batch.errors[:SHOWN_ERRORS]:
            self.stderr.write(str(Problem(**error)))
        if batch.rejected > SHOWN_ERRORS:
            self.stderr.write(_("……ほか%(n)s件") % {"n": batch.rejected - SHOWN_ERRORS})
        if rejects and batch.rejected:
            self.stderr.write(_("取り込まなかった行と理由: %(path)s") % {"path": rejects})
        summary = _(
            "新規 %(created)s件、更新 %(updated)s件、変更なし %(unchanged)s件、不合格 %(rejected)s件"
        ) % {
            "created": batch.created,
            "updated": batch.updated,
            "unchanged": batch.unchanged,
            "rejected": batch.rejected,
        }
        if batch.state == ImportBatch.State.FAILED:
            raise CommandError(
                _("取り込みませんでした（資料記録は変わっていません）。%(summary)s") % {"summary": summary}
                + (
                    ""
                    if skip_invalid
                    else _("。問題のない行だけを取り込むには --skip-invalid を付けてください。")
                )
            )
        if dry_run:
            valid = batch.rows_done - batch.rejected
            self.stdout.write(
                _("検証のみ: %(valid)s行は取り込めます。%(summary)s") % {"valid": valid, "summary": summary}
            )
        else:
            self.stdout.write(
                _("取込完了（バッチ #%(id)s）: %(summary)s") % {"id": batch.pk, "summary": summary}
            )
