"""A candidate's per-field explanation, as stored on CandidateMatch and shown to staff."""

from __future__ import annotations

from django.utils.translation import gettext as _

from archive.names import PREFECTURES

from .grouping import Candidate

_PREFECTURE_NAMES = {prefecture.code: prefecture.kanji for prefecture in PREFECTURES}


def _prefecture_name(code: str) -> str:
    return _PREFECTURE_NAMES.get(code, code)


def _name_reason(label: str, part: dict) -> str:
    if not part["theirs"]:
        return _("%(label)s: 資料に記載なし") % {"label": label}
    return _("%(label)s: %(ours)s と資料の読み %(theirs)s が一致度 %(score).0f%%") % {
        "label": label,
        "ours": part["ours"],
        "theirs": part["theirs"],
        "score": part["score"] * 100,
    }


def reasons(candidate: Candidate) -> list[str]:
    head = candidate.head
    fields = head.fields
    lines = [_name_reason(_("姓"), fields["surname"]), _name_reason(_("名"), fields["given"])]
    if head.swapped:
        lines.append(_("資料では姓と名が入れ替わって記録されています"))
    birth = fields["birth_year"]
    if birth["ours"] and birth["theirs"]:
        diff = abs(birth["ours"] - birth["theirs"])
        lines.append(
            _("生年: 一致（%(year)s年）") % {"year": birth["theirs"]}
            if diff == 0
            else _("生年: %(diff)s年の差（照会 %(ours)s年、資料 %(theirs)s年）")
            % {"diff": diff, "ours": birth["ours"], "theirs": birth["theirs"]}
        )
    elif birth["ours"] or birth["theirs"]:
        lines.append(_("生年: 片方にしか記載がありません"))
    place = fields["prefecture"]
    if place["ours"] and place["theirs"]:
        same = place["ours"] == place["theirs"]
        lines.append(
            _("出身地: 一致（%(name)s）") % {"name": _prefecture_name(place["theirs"])}
            if same
            else _("出身地: 不一致（照会 %(ours)s、資料 %(theirs)s）")
            % {"ours": _prefecture_name(place["ours"]), "theirs": _prefecture_name(place["theirs"])}
        )
    unit = fields["unit"]
    if unit["ours"] and unit["theirs"]:
        lines.append(_("部隊: 番号が一致") if unit["score"] >= 1.0 else _("部隊: 番号が一致しません"))
    if candidate.also:
        lines.append(_("同一人物と見られる他のカード %(count)s 枚") % {"count": len(candidate.also)})
    return lines


def explanation(candidate: Candidate) -> dict:
    """JSON-serialisable: fields with scores, contradictions, the cards grouped, and reasons in words."""
    head = candidate.head
    return {
        "fields": head.fields,
        "swapped": head.swapped,
        "contradictions": head.contradictions,
        "cards": [card.record.source_id for card in candidate.cards],
        "reasons": reasons(candidate),
    }
