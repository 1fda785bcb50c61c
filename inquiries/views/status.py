"""The family's private status page, reached only through the link with the tracking token."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from inquiries import ratelimit
from inquiries.forms import ReplyForm, install_size_limit
from inquiries.forms.documents import request_too_large
from inquiries.models import Direction, Inquiry, Status
from inquiries.services.correspondence import ReplyRefused, question_open, reply_from_family
from inquiries.tokens import hash_token

from .common import too_large, too_many

# What each status means for the family, and what happens next.
EXPLAINED = {
    Status.RECEIVED: (
        _("照会を受け付けました。"),
        _("担当者が内容を確認します。通常1〜2週間ほどで調査を始めます。"),
    ),
    Status.TRIAGE: (
        _("担当者がお申込みの内容を確認しています。"),
        _("確認が済みしだい、資料の調査を始めます。"),
    ),
    Status.SEARCHING: (
        _("ソ連・モンゴルから受け取った資料の中から、ご家族に関する記録を探しています。"),
        _("資料の調査には数か月かかることがあります。新しい資料が届いたときにも、あらためて探します。"),
    ),
    Status.AWAITING_FAMILY: (
        _("調査を進めるため、ご家族にお尋ねしたいことがあります。"),
        _("下の「担当者からのお尋ね」をお読みになり、お答えください。お答えをいただいてから調査を続けます。"),
    ),
    Status.MATCH_PROPOSED: (
        _("ご家族の可能性がある記録が見つかり、別の担当者が確認しています。"),
        _("確認には数週間かかることがあります。確認が終わりしだいお知らせします。"),
    ),
    Status.IDENTIFIED: (
        _("ご家族の記録であることを確認しました。"),
        _("結果をまとめて、ご希望の方法でお知らせします。"),
    ),
    Status.NO_RECORD: (
        _("今のところ、ご家族に当たる記録は見つかっていません。"),
        _("新しい資料が届くたびに、あらためて探します。見つかった場合はお知らせします。"),
    ),
    Status.ANSWERED: (
        _("調査の結果をお知らせしました。"),
        _("ご不明な点があれば、お電話でお問い合わせください。"),
    ),
    Status.CLOSED: (_("この照会は完了しました。"), _("ご不明な点があれば、お電話でお問い合わせください。")),
    Status.WITHDRAWN: (
        _("この照会は取り下げられました。"),
        _("ご不明な点があれば、お電話でお問い合わせください。"),
    ),
    Status.DUPLICATE: (
        _("同じ方についての別の照会とあわせて調べています。"),
        _("そちらの照会で結果をお知らせします。"),
    ),
}


def _find(request, token: str) -> Inquiry | None | str:
    """The inquiry for a token, or "refused" once an address has guessed wrong too often.

    The token is looked up first: a valid link always opens, whatever others (or the same address)
    guessed before. Only wrong guesses are counted, and only they are refused."""
    inquiry = Inquiry.objects.filter(tracking_token_hash=hash_token(token)).first()
    if inquiry is not None:
        return inquiry
    address = ratelimit.client_address(request)
    if ratelimit.over(
        "tracking", address, settings.FAMILY_TRACKING_LIMIT, settings.FAMILY_LIMIT_WINDOW_SECONDS
    ):
        return "refused"
    return None


def status(request, token: str):
    inquiry = _find(request, token)
    if inquiry == "refused":
        return too_many(request, "tracking")
    if inquiry is None:
        raise Http404
    return _page(request, inquiry, ReplyForm())


@csrf_exempt
def reply(request, token: str):
    if request.method != "POST":
        return redirect("inquiries:status", token=token)
    if request_too_large(request):
        return too_large(request)
    limit = install_size_limit(request)
    return _reply(request, token, limit)


@csrf_protect
def _reply(request, token, limit):
    inquiry = _find(request, token)
    if inquiry == "refused":
        return too_many(request, "tracking")
    if inquiry is None:
        raise Http404
    if not question_open(inquiry):
        return _page(request, inquiry, ReplyForm(), status=409, unsent=request.POST.get("text", ""))
    form = ReplyForm(request.POST, request.FILES, too_big=limit.too_big)
    if not form.is_valid():
        return _page(request, inquiry, form, status=400)
    files = [form.cleaned_data["attachment"]] if form.cleaned_data.get("attachment") else []
    try:
        reply_from_family(inquiry, form.cleaned_data["text"], files)
    except ReplyRefused as refused:
        if refused.reason == "limit":
            return too_many(request, "reply")
        return _page(request, inquiry, ReplyForm(), status=409, unsent=form.cleaned_data["text"])
    request.session["inquiry_reply_sent"] = inquiry.reference
    return redirect("inquiries:status", token=token)


def _page(request, inquiry: Inquiry, form, status=200, unsent: str = ""):
    """The status page; `unsent`: a reply that could not be taken, shown back so it is not lost."""
    now, next_step = EXPLAINED.get(inquiry.status, ("", ""))
    events = list(inquiry.events.filter(visible_to_family=True))
    answer = None
    if inquiry.status in {Status.ANSWERED, Status.CLOSED}:
        answer = next((e.note for e in reversed(events) if e.note), None)
    messages = list(inquiry.messages.prefetch_related("documents"))
    questions = [m for m in messages if m.direction == Direction.TO_FAMILY]
    context = {
        "inquiry": inquiry,
        "now": now,
        "next_step": next_step,
        "events": events,
        "answer": answer,
        "messages_list": messages,
        "questions": questions,
        "can_reply": question_open(inquiry),
        "form": form,
        "reply_sent": request.session.pop("inquiry_reply_sent", None) == inquiry.reference,
        "reply_refused": status == 409,
        "unsent": unsent,
    }
    response = render(request, "inquiries/status.html", context, status=status)
    # the token is in the path: never send it to other sites ("no-referrer" would make Chromium send
    # Origin: null on the reply form, which the CSRF check rightly refuses)
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    return response
