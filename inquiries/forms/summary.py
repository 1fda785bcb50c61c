"""What the family entered, as Inquiry field values and as the rows shown on the confirm page and receipt."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from archive.display import place_name
from inquiries.models import Contact, Relationship

from .checks import show_birth_date


def inquiry_fields(data: dict) -> dict:
    fields = dict(data)
    for part in ("year", "month", "day"):
        fields[f"birth_{part}"] = data.get(f"birth_{part}_value")
    fields["birth_approximate"] = bool(data.get("birth_approximate")) and bool(data.get("birth_year_value"))
    fields["consent"] = True
    return fields


def _yes(value) -> str:
    return str(_("はい")) if value else str(_("いいえ"))


def summary(data: dict) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(step slug, step title, [(label, value)]) for each data page."""
    relationship = dict(Relationship.choices).get(data.get("relationship"), "")
    if data.get("relationship") == Relationship.OTHER:
        relationship = f"{relationship}（{data.get('relationship_other', '')}）"
    birth = show_birth_date(
        {
            "birth_year": data.get("birth_year_value"),
            "birth_month": data.get("birth_month_value"),
            "birth_day": data.get("birth_day_value"),
            "birth_approximate": data.get("birth_approximate"),
        }
    )
    place = place_name(data.get("birthplace", ""))
    reading = (
        _("読みが分からない")
        if data.get("reading_unknown") and not (data.get("surname_kana") or data.get("given_name_kana"))
        else f"{data.get('surname_kana', '')}　{data.get('given_name_kana', '')}"
    )
    return [
        ("applicant", _("申請者"), [
            (_("お名前"), f"{data.get('applicant_surname', '')}　{data.get('applicant_given_name', '')}"),
            (_("フリガナ"), f"{data.get('applicant_surname_kana', '')}　{data.get('applicant_given_name_kana', '')}"),
            (_("抑留された方とのご関係"), relationship),
            (_("代理人による申込み"), _yes(data.get("is_proxy"))),
            (_("郵便番号"), data.get("postal_code", "")),
            (_("住所"), data.get("address", "")),
            (_("電話番号"), data.get("phone", "")),
        ]),
        ("relative", _("ご家族（抑留された方）"), [
            (_("お名前（漢字）"), f"{data.get('surname_kanji', '')}　{data.get('given_name_kanji', '')}"),
            (_("フリガナ"), reading),
            (_("別の名前・旧姓・通称"), data.get("other_names", "")),
            (_("生年月日"), birth),
            (_("出生地・本籍地"), " ".join(x for x in (place, data.get("birthplace_detail", "")) if x)),
        ]),
        ("internment", _("抑留について分かっていること"), [
            (_("部隊名・通称号"), data.get("unit", "")),
            (_("階級"), data.get("rank", "")),
            (_("捕虜となった時期"), data.get("capture_date", "")),
            (_("捕虜となった場所"), data.get("capture_place", "")),
            (_("最後に分かっている収容所・場所"), data.get("last_known_place", "")),
            (_("ご家族がご存じのこと"), data.get("family_knowledge", "")),
        ]),
        ("contact", _("連絡方法"), [
            (_("ご希望の連絡方法"), dict(Contact.choices).get(data.get("preferred_contact"), "")),
            (_("メールアドレス"), data.get("email", "")),
            (_("ご連絡の言語"), {"ja": _("日本語"), "en": _("英語")}.get(data.get("language"), "")),
        ]),
    ]  # fmt: skip


def documents_to_post(data: dict, uploaded_kinds) -> list:
    """The documents still to be sent by post: identity and 戸籍謄本, and 委任状 for a proxy."""
    from inquiries.models import DocumentKind

    needed = [DocumentKind.IDENTITY, DocumentKind.KOSEKI]
    if data.get("is_proxy"):
        needed.append(DocumentKind.PROXY_LETTER)
    return [DocumentKind(kind).label for kind in needed if kind not in set(uploaded_kinds)]


def sent_documents(files: dict) -> list[tuple[str, str]]:
    """(kind label, file name) for the documents uploaded with the draft."""
    from inquiries.models import DocumentKind

    return [(DocumentKind(meta["kind"]).label, meta["original_name"]) for meta in files.values()]
