"""A candidate's per-field explanation, as stored on CandidateMatch, and its reasons in words as
shown to staff: put into words when shown, in the language of the page, from what was stored."""

from __future__ import annotations

from django.utils.translation import gettext as _

from archive.display import place_name

from .grouping import Candidate


def _name_reason(label: str, part: dict) -> str:
    if not part["theirs"]:
        return _("%(label)s: 資料に記載なし") % {"label": label}
    return _("%(label)s: %(ours)s と資料の読み %(theirs)s が一致度 %(score).0f%%") % {
        "label": label,
        "ours": part["ours"],
        "theirs": part["theirs"],
        "score": part["score"] * 100,
    }


def reasons(explanation: dict) -> list[str]:
    """What `explanation` stored, in words."""
    fields = explanation.get("fields")
    if not fields:
        return list(explanation.get("reasons", []))
    lines = [_name_reason(_("姓"), fields["surname"]), _name_reason(_("名"), fields["given"])]
    if explanation.get("swapped"):
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
            _("出身地: 一致（%(name)s）") % {"name": place_name(place["theirs"])}
            if same
            else _("出身地: 不一致（照会 %(ours)s、資料 %(theirs)s）")
            % {"ours": place_name(place["ours"]), "theirs": place_name(place["theirs"])}
        )
    unit = fields["unit"]
    if unit["ours"] and unit["theirs"]:
        lines.append(_("部隊: 番号が一致") if unit["score"] >= 1.0 else _("部隊: 番号が一致しません"))
    also = len(explanation.get("cards", [])) - 1
    if also > 0:
        lines.append(_("同一人物と見られる他のカード %(count)s 枚") % {"count": also})
    return lines


def explanation(candidate: Candidate) -> dict:
    """JSON-serialisable: fields with scores, contradictions and the cards grouped (the head's
    first). Explanations stored before reasons were put into words when shown also hold them in
    Japanese as "reasons"; reasons() reads the fields whenever they are there."""
    head = candidate.head
    return {
        "fields": head.fields,
        "swapped": head.swapped,
        "contradictions": head.contradictions,
        "cards": [card.record.source_id for card in candidate.cards],
    }
