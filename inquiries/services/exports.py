"""Administrators' exports: the queue's cases and the statistics for the ministry's reports.

Each export is a CSV in UTF-8 with a BOM (Excel opens it as UTF-8) written through
`archive.csvsafe` (no cell runs as a formula), and writes one EXPORTED audit entry saying what was
exported, with which filter, and how many rows. The applicant's contact details are in the cases'
export only for those who may see them (inquiries.policy, "case.contact").
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import csvsafe
from archive.display import place_name
from audit import trail
from inquiries import policy
from inquiries.models import CandidateMatch, Inquiry, Status


@dataclass(frozen=True)
class Export:
    name: str  # the file's name
    text: str  # the CSV, starting with the BOM
    rows: int  # data rows, the header left out


def _csv(header: list, rows: list[list]) -> str:
    out = io.StringIO()
    out.write(csvsafe.BOM)
    writer = csvsafe.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _staff_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def export_cases(queryset, user, *, described: str = "") -> Export:
    """The cases of `queryset` (the queue's filter, `described`), one row each, oldest first."""
    contact = policy.may(user, "case.contact")
    header = [_("受付番号"), _("状況"), _("受付経路"), _("受付日時"), _("最終の状況変更"), _("担当者")]
    header += [_("ご本人（漢字）"), _("ご本人（フリガナ）"), _("生年"), _("出生地")]
    if contact:
        header += [_("申請者"), _("郵便番号"), _("住所"), _("電話番号"), _("メールアドレス")]
    rows = []
    for case in queryset.select_related("assignee").order_by("created_at", "id"):
        row = [
            case.reference, case.get_status_display(), case.get_channel_display(), _local(case.created_at),
            _local(case.moved_at), _staff_name(case.assignee),
            f"{case.surname_kanji} {case.given_name_kanji}".strip(),
            f"{case.surname_kana} {case.given_name_kana}".strip(), case.birth_year, place_name(case.birthplace),
        ]  # fmt: skip
        if contact:
            applicant = f"{case.applicant_surname} {case.applicant_given_name}".strip()
            row += [applicant, case.postal_code, case.address, case.phone, case.email]
        rows.append(row)
    trail.record_export(
        Inquiry, user, export="cases", filter=described, rows=len(rows), contact_details=contact
    )
    return Export(f"cases-{timezone.localdate():%Y%m%d}.csv", _csv(header, rows), len(rows))


class Outcome:
    IDENTIFIED = gettext_lazy("特定")
    NO_RECORD = gettext_lazy("該当資料なし")
    WITHDRAWN = gettext_lazy("取下げ")
    DUPLICATE = gettext_lazy("重複")
    OPEN = gettext_lazy("調査中（未了）")


def with_outcome(queryset):
    """Each case with `outcome`: identified (a verified match), no record, withdrawn, duplicate or open."""
    confirmed = CandidateMatch.objects.filter(inquiry=OuterRef("pk"), status=CandidateMatch.State.CONFIRMED)
    return queryset.annotate(
        outcome=Case(
            When(status=Status.WITHDRAWN, then=Value("withdrawn")),
            When(status=Status.DUPLICATE, then=Value("duplicate")),
            When(Exists(confirmed), then=Value("identified")),
            When(Q(status__in=[Status.NO_RECORD, Status.CLOSED]), then=Value("no_record")),
            default=Value("open"),
            output_field=CharField(),
        )
    )


OUTCOMES = {
    "identified": Outcome.IDENTIFIED,
    "no_record": Outcome.NO_RECORD,
    "withdrawn": Outcome.WITHDRAWN,
    "duplicate": Outcome.DUPLICATE,
    "open": Outcome.OPEN,
}


def _counts(queryset, field: str) -> list[tuple]:
    return list(queryset.order_by().values_list(field).annotate(n=Count("id")).order_by(field))


def statistics(queryset) -> list[list]:
    """(table, value, count) rows: by status, by month received, by outcome, by the relative's
    prefecture of birth; each table in its natural order."""
    rows: list[list] = []
    by_status = dict(_counts(queryset, "status"))
    rows += [[_("状況別"), label, by_status[value]] for value, label in Status.choices if value in by_status]
    months = _counts(queryset.annotate(month=TruncMonth("created_at")), "month")
    rows += [[_("受付月別"), f"{month:%Y-%m}", n] for month, n in months if month is not None]
    by_outcome = dict(_counts(with_outcome(queryset), "outcome"))
    rows += [
        [_("結果別"), str(label), by_outcome[key]] for key, label in OUTCOMES.items() if key in by_outcome
    ]
    for code, n in _counts(queryset, "birthplace"):
        rows.append([_("出生地（都道府県）別"), place_name(code) or _("不明"), n])
    return rows


def export_statistics(queryset, user, *, described: str = "") -> Export:
    rows = statistics(queryset)
    cases = queryset.count()
    trail.record_export(Inquiry, user, export="statistics", filter=described, rows=len(rows), cases=cases)
    header = [_("集計"), _("区分"), _("件数")]
    return Export(f"statistics-{timezone.localdate():%Y%m%d}.csv", _csv(header, rows), len(rows))
