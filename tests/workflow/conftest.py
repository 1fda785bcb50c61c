"""Personas for the staff workflow: one user per role, a second verifier, a superuser, an outsider."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from archive.models import ArchiveRecord, BurialSite, Camp
from inquiries.models import CandidateMatch, Inquiry, Status
from inquiries.priority import priority_of
from inquiries.roles import ADMINISTRATOR, INTAKE, MATCHING, VERIFIER, sync_role_groups
from tests.factories import family_fields

_seq = itertools.count(1)


def make_staff(username: str, *roles, **extra):
    user = get_user_model().objects.create_user(
        username=username, password=None, is_staff=True, last_name=username, **extra
    )
    if roles and not Group.objects.filter(name=roles[0].group).exists():
        sync_role_groups()  # a transactional test flushed what the data migration created
    for role in roles:
        user.groups.add(Group.objects.get(name=role.group))
    return user


@pytest.fixture
def intake(db):
    return make_staff("intake", INTAKE)


@pytest.fixture
def matcher(db):
    return make_staff("matcher", MATCHING)


@pytest.fixture
def verifier(db):
    return make_staff("verifier", VERIFIER)


@pytest.fixture
def second_verifier(db):
    return make_staff("verifier2", VERIFIER)


@pytest.fixture
def manager(db):
    return make_staff("manager", ADMINISTRATOR)


@pytest.fixture
def outsider(db):
    """Staff, but in no role group."""
    return make_staff("outsider")


@pytest.fixture
def boss(db):
    return make_staff("boss", is_superuser=True)


@pytest.fixture
def personas(intake, matcher, verifier, manager):
    return {"intake": intake, "matching": matcher, "verifier": verifier, "administrator": manager}


def make_inquiry(status: str = Status.RECEIVED, **fields) -> Inquiry:
    """佐藤 信一 (サトウ シンイチ, born 1921 in 新潟), asked about by post, already in `status`.

    A row as the verbs leave it (with its queue priority), without the first event and receipt that
    `submit_inquiry` writes: the tests here start from a case in any status."""
    n = next(_seq)
    values = family_fields(
        contact="post", applicant_birth_year=1945, address="新潟県新潟市中央区1-1", given_name_kanji="信一",
        surname_kana="サトウ", given_name_kana="シンイチ", birth_year=1921, birthplace="15",
    )  # fmt: skip
    values.update(
        reference=f"R8-{n:06d}", status=status, submission_key=f"key-{n}", tracking_token_hash=f"hash-{n}"
    )
    values.update(fields)
    inquiry = Inquiry(**values)
    inquiry.priority = priority_of(inquiry)
    inquiry.save()
    return inquiry


def make_record(**fields) -> ArchiveRecord:
    n = next(_seq)
    camp, _ = Camp.objects.get_or_create(name="第7収容所 タイシェト", defaults={"region": "イルクーツク州"})
    site, _ = BurialSite.objects.get_or_create(
        name="タイシェト第2墓地", defaults={"region": "イルクーツク州"}
    )
    values = dict(
        source_id=f"RGVA-{n:07d}",
        surname_cyr="Сато",
        given_name_cyr="Синъити",
        surname_reading="サトウ",
        given_name_reading="シンイチ",
        birth_year=1921,
        birthplace_cyr="преф. Ниигата",
        prefecture="新潟県",
        unit_cyr="107 дивизия",
        rank_cyr="рядовой",
        camp=camp,
        burial_site=site,
        death_year=1946,
        death_month=2,
        death_day=11,
        grave_no="112",
    )
    values.update(fields)
    return ArchiveRecord.objects.create(**values)


def make_candidate(inquiry: Inquiry, record: ArchiveRecord | None = None, **fields) -> CandidateMatch:
    values = dict(
        score=0.91,
        band="likely",
        explanation={"reasons": ["姓の読みが一致（サトウ）", "生年が一致（1921）"], "fields": {}},
    )
    values.update(fields)
    return CandidateMatch.objects.create(inquiry=inquiry, record=record or make_record(), **values)
