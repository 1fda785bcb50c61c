"""Inquiries, their events and candidate matches."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("受付")
    TRIAGE = "triage", _("確認中")
    SEARCHING = "searching", _("調査中")
    AWAITING_FAMILY = "awaiting_family", _("ご家族の回答待ち")
    MATCH_PROPOSED = "match_proposed", _("照合結果の確認中")
    IDENTIFIED = "identified", _("特定済み（確認済み）")
    NO_RECORD = "no_record", _("該当資料なし")
    ANSWERED = "answered", _("回答済み")
    CLOSED = "closed", _("完了")
    WITHDRAWN = "withdrawn", _("取下げ")
    DUPLICATE = "duplicate", _("重複")


CLOSED_STATUSES = frozenset({Status.CLOSED, Status.WITHDRAWN, Status.DUPLICATE})
FINISHED_STATUSES = CLOSED_STATUSES | {Status.ANSWERED}  # nothing left for staff to do


class Channel(models.TextChoices):
    WEB = "web", _("ウェブ")
    POST = "post", _("郵便")
    PHONE = "phone", _("電話")


class Contact(models.TextChoices):
    POST = "post", _("郵便")
    PHONE = "phone", _("電話")
    EMAIL = "email", _("メール")


class Relationship(models.TextChoices):
    CHILD = "child", _("子")
    GRANDCHILD = "grandchild", _("孫")
    SIBLING = "sibling", _("兄弟姉妹")
    NEPHEW_NIECE = "nephew_niece", _("甥・姪")
    SPOUSE = "spouse", _("配偶者")
    OTHER = "other", _("その他")


def overdue_days(*, waiting_for_family: bool = False) -> float:
    """How long a case may keep its status before it is overdue: OVERDUE_DAYS, or half as long while
    it waits for the family (by default 15 days: the family was reminded after NOTIFY_REMINDER_DAYS;
    staff telephone)."""
    return settings.OVERDUE_DAYS / 2 if waiting_for_family else settings.OVERDUE_DAYS


def overdue_q(now=None) -> Q:
    """The one rule for "overdue" (the queue, the dashboard, the staff digest): a case staff still owe
    work on whose status has not changed for overdue_days()."""
    now = now or timezone.now()
    waiting = Q(
        status=Status.AWAITING_FAMILY,
        moved_at__lt=now - timedelta(days=overdue_days(waiting_for_family=True)),
    )
    stalled = ~Q(status__in=FINISHED_STATUSES | {Status.AWAITING_FAMILY}) & Q(
        moved_at__lt=now - timedelta(days=overdue_days())
    )
    return waiting | stalled


class InquiryQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, now=None):
        return self.filter(overdue_q(now))

    def not_overdue(self, now=None):
        return self.exclude(overdue_q(now))

    def with_overdue(self, now=None):
        """Each case with `is_overdue`, computed in the same query (the queue's flag, the case page)."""
        return self.annotate(is_overdue=ExpressionWrapper(overdue_q(now), output_field=BooleanField()))

    def for_standing_search(self):
        """Open inquiries, including those answered 'no record found'."""
        return self.exclude(status__in=CLOSED_STATUSES | {Status.IDENTIFIED, Status.ANSWERED})


class Inquiry(models.Model):
    reference = models.CharField(_("受付番号"), max_length=20, unique=True)
    status = models.CharField(_("状況"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    channel = models.CharField(_("受付経路"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    created_at = models.DateTimeField(_("受付日時"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    submission_key = models.CharField(max_length=64, unique=True)  # idempotency: one form → one inquiry
    tracking_token_hash = models.CharField(max_length=64, unique=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("担当者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inquiries",
    )
    priority = models.PositiveSmallIntegerField(_("優先度"), default=0)
    moved_at = models.DateTimeField(_("最終の状況変更"), default=timezone.now, db_index=True)  # set by move()
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("重複先"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    related = models.ManyToManyField("self", verbose_name=_("同一人物に関する照会"), blank=True)

    # The applicant.
    applicant_surname = models.CharField(_("申請者の姓"), max_length=50)
    applicant_given_name = models.CharField(_("申請者の名"), max_length=50)
    applicant_surname_kana = models.CharField(_("申請者の姓（フリガナ）"), max_length=100, blank=True)
    applicant_given_name_kana = models.CharField(_("申請者の名（フリガナ）"), max_length=100, blank=True)
    applicant_birth_year = models.PositiveSmallIntegerField(_("申請者の生年"), null=True, blank=True)
    relationship = models.CharField(_("続柄"), max_length=20, choices=Relationship.choices)
    relationship_other = models.CharField(_("続柄（その他）"), max_length=50, blank=True)
    is_proxy = models.BooleanField(_("代理人による申請"), default=False)
    postal_code = models.CharField(_("郵便番号"), max_length=8)
    address = models.CharField(_("住所"), max_length=300)
    phone = models.CharField(_("電話番号"), max_length=20)
    email = models.EmailField(_("メールアドレス"), blank=True)
    preferred_contact = models.CharField(_("希望する連絡方法"), max_length=10, choices=Contact.choices)
    language = models.CharField(_("言語"), max_length=5, choices=settings.LANGUAGES, default="ja")
    consent = models.BooleanField(_("個人情報の利用への同意"), default=False)
    # The purpose-of-use notice the family was shown (inquiries.privacy), set when the case is filed.
    privacy_notice_version = models.CharField(_("個人情報の取扱いの説明（版）"), max_length=20, blank=True)
    # When the applicant's personal data was erased at the end of the retention period.
    erased_at = models.DateTimeField(_("個人情報の消去日時"), null=True, blank=True)

    # The relative.
    surname_kanji = models.CharField(_("姓（漢字）"), max_length=30)
    given_name_kanji = models.CharField(_("名（漢字）"), max_length=30)
    surname_kana = models.CharField(_("姓（フリガナ）"), max_length=60, blank=True)
    given_name_kana = models.CharField(_("名（フリガナ）"), max_length=60, blank=True)
    reading_unknown = models.BooleanField(_("読みが分からない"), default=False)
    other_names = models.CharField(_("別の名前・旧姓"), max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("生年"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("生月"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("生日"), null=True, blank=True)
    birth_approximate = models.BooleanField(_("生年月日はおおよそ"), default=False)
    birthplace = models.CharField(_("出生地・本籍地（都道府県）"), max_length=4, blank=True, db_index=True)
    birthplace_detail = models.CharField(_("出生地・本籍地（詳しく）"), max_length=300, blank=True)
    unit = models.CharField(_("部隊名・通称号"), max_length=200, blank=True)
    rank = models.CharField(_("階級"), max_length=50, blank=True)
    capture_date = models.CharField(_("捕虜となった時期"), max_length=50, blank=True)
    capture_place = models.CharField(_("捕虜となった場所"), max_length=200, blank=True)
    last_known_place = models.CharField(_("最後に分かっている収容所・場所"), max_length=300, blank=True)
    family_knowledge = models.TextField(_("ご家族が知っている死亡・埋葬の状況"), blank=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="inquiry_queue"),
            models.Index(
                fields=["-priority", "created_at"], name="inquiry_priority"
            ),  # see inquiries.priority
        ]
        verbose_name = _("照会")
        verbose_name_plural = _("照会")

    def __str__(self) -> str:
        return f"{self.reference} {self.surname_kanji} {self.given_name_kanji}"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES


class InquiryEvent(models.Model):
    """One step in an inquiry's life: who moved it, when, from what to what, and why."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("担当者"), null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    from_status = models.CharField(_("変更前"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("変更後"), max_length=20, choices=Status.choices)
    note = models.TextField(_("メモ"), blank=True)
    visible_to_family = models.BooleanField(_("ご家族に表示"), default=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("経過")
        verbose_name_plural = _("経過")

    def __str__(self) -> str:
        return f"{self.inquiry.reference}: {self.from_status or '-'} → {self.to_status}"


class CandidateMatch(models.Model):
    """An archive record the matcher (or staff) put forward for an inquiry, and what staff decided."""

    class State(models.TextChoices):
        SUGGESTED = "suggested", _("候補")
        PROPOSED = "proposed", _("照合案")
        CONFIRMED = "confirmed", _("確認済み")
        REJECTED = "rejected", _("却下")
        ON_HOLD = "on_hold", _("保留")

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="candidates")
    record = models.ForeignKey("archive.ArchiveRecord", on_delete=models.PROTECT, related_name="+")
    also = models.JSONField(_("同一人物と見られる他のカード"), default=list, blank=True)  # source_ids
    score = models.FloatField(_("一致度"))
    band = models.CharField(_("評価"), max_length=10)
    explanation = models.JSONField(_("根拠"), default=dict)
    status = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.SUGGESTED)
    flagged = models.BooleanField(_("新しい候補"), default=False)
    note = models.TextField(_("メモ"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "record"], name="one_candidate_per_record")]
        indexes = [  # the staff candidate list: best first, optionally by decision state
            models.Index(fields=["-score", "-id"], name="candidate_best_first"),
            models.Index(fields=["status", "-score", "-id"], name="candidate_state_best_first"),
        ]
        verbose_name = _("照合候補")
        verbose_name_plural = _("照合候補")

    def __str__(self) -> str:
        return f"{self.inquiry.reference} ~ {self.record_id} ({self.score:.2f})"
