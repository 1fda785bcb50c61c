"""The pages of the inquiry form (STEPS, in order) and the forms of its data pages: applicant,
relative, internment, contact (documents and confirmation have their own)."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inquiries.models import Contact, Relationship

from . import checks
from .base import FamilyForm
from .cleaning import FactsCleaning
from .places import place_choices


def text(label, max_length, required=False, *, help_text="", **attrs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


class ApplicantForm(FactsCleaning, FamilyForm):
    applicant_surname = text(_("姓"), 50, True, autocomplete="family-name")
    applicant_given_name = text(_("名"), 50, True, autocomplete="given-name")
    applicant_surname_kana = text(
        _("姓（フリガナ）"), 100, True, help_text=_("ひらがなでもカタカナでも結構です。")
    )
    applicant_given_name_kana = text(
        _("名（フリガナ）"), 100, True, help_text=_("ひらがなでもカタカナでも結構です。")
    )
    relationship = forms.ChoiceField(
        label=_("抑留された方とのご関係"), choices=Relationship.choices, widget=forms.RadioSelect
    )
    relationship_other = text(
        _("ご関係（その他の場合）"), 50, help_text=_("「その他」を選んだ場合にお書きください。")
    )
    is_proxy = forms.BooleanField(
        label=_("ご家族に代わって申し込みます（代理人）"),
        required=False,
        help_text=_(
            "代理人として申し込む場合は、ご家族からの委任状が必要です。書類のページで送るか、郵便でお送りください。"
        ),
    )
    postal_code = text(
        _("郵便番号"),
        10,
        True,
        help_text=_("7けたの数字です（例：123-4567）。"),
        autocomplete="postal-code",
        inputmode="numeric",
    )
    address = text(
        _("住所"), 300, True, help_text=_("都道府県からお書きください。"), autocomplete="street-address"
    )
    phone = text(
        _("電話番号"),
        20,
        True,
        help_text=_("ハイフンはあってもなくても結構です（例：03-1234-5678）。"),
        autocomplete="tel",
        type="tel",
    )

    def clean(self):
        data = super().clean()
        if data.get("relationship") == Relationship.OTHER and not data.get("relationship_other"):
            self.add_error(
                "relationship_other", _("「その他」を選んだ場合は、ご関係をお書きください（例：いとこ）。")
            )
        if data.get("relationship") != Relationship.OTHER:
            data["relationship_other"] = ""
        return data


class RelativeForm(FactsCleaning, FamilyForm):
    surname_kanji = text(_("姓（漢字）"), 30, True, autocomplete="off")
    given_name_kanji = text(_("名（漢字）"), 30, True, autocomplete="off")
    surname_kana = text(
        _("姓（フリガナ）"),
        60,
        help_text=_(
            "ひらがなでもカタカナでも結構です。読み方が分からない場合は、下の「読みが分からない」にチェックを入れてください。"
        ),
    )
    given_name_kana = text(
        _("名（フリガナ）"),
        60,
        help_text=_(
            "ひらがなでもカタカナでも結構です。読み方が分からない場合は、下の「読みが分からない」にチェックを入れてください。"
        ),
    )
    reading_unknown = forms.BooleanField(
        label=_("読みが分からない"),
        required=False,
        help_text=_("お名前の読み方が分からない場合はチェックを入れてください。フリガナは空欄で結構です。"),
    )
    other_names = text(_("別の名前・旧姓・通称"), 200)
    birth_era = forms.ChoiceField(
        label=_("生年月日の元号"),
        required=False,
        choices=[
            ("", _("（選んでください）")),
            ("明治", _("明治")),
            ("大正", _("大正")),
            ("昭和", _("昭和")),
            ("western", _("西暦")),
        ],
    )
    birth_year = text(_("年"), 4, inputmode="numeric", size="4")
    birth_month = text(_("月"), 2, inputmode="numeric", size="2")
    birth_day = text(_("日"), 2, inputmode="numeric", size="2")
    birth_approximate = forms.BooleanField(label=_("おおよその年月日です（頃）"), required=False)
    birthplace = forms.ChoiceField(
        label=_("出生地・本籍地（都道府県など）"), required=False, choices=place_choices
    )
    birthplace_detail = text(
        _("出生地・本籍地（市町村など詳しく）"), 300, help_text=_("分かる範囲で結構です。")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("surname_kana", "given_name_kana"):  # required unless 読みが分からない is ticked
            self.fields[name].required_unless_unknown = True

    def clean(self):
        data = super().clean()
        if not data.get("reading_unknown"):
            for name in ("surname_kana", "given_name_kana"):
                if name in data and not data[name]:
                    self.add_error(
                        name,
                        _(
                            "「%(label)s」を入力してください。読み方が分からない場合は「読みが分からない」にチェックを入れてください。"
                        )
                        % {"label": self.fields[name].label},
                    )
        self._clean_birth(data)
        return data

    def _clean_birth(self, data):
        era, year = data.get("birth_era", ""), data.get("birth_year", "")
        month, day = data.get("birth_month", ""), data.get("birth_day", "")
        data.update(birth_year_value=None, birth_month_value=None, birth_day_value=None)
        if not (era or year or month or day):
            return
        if not era:
            self.add_error("birth_era", _("生まれた年の元号（明治・大正・昭和）か「西暦」を選んでください。"))
            return
        if not year:
            self.add_error("birth_year", _("生まれた年を入力してください。月日だけでは受け付けられません。"))
            return
        try:
            parsed = checks.parse_birth_date(era, year, month, day, bool(data.get("birth_approximate")))
        except forms.ValidationError as error:
            self.add_error("birth_year", error)
            return
        data.update(birth_year_value=parsed.year, birth_month_value=parsed.month, birth_day_value=parsed.day)


class InternmentForm(FamilyForm):
    unit = text(_("部隊名・通称号"), 200, help_text=_("例：関東軍 第○○部隊、満洲第○○部隊（通称号）"))
    rank = text(_("階級"), 50)
    capture_date = text(_("捕虜となった時期"), 50, help_text=_("例：昭和20年8月頃"))
    capture_place = text(_("捕虜となった場所"), 200, help_text=_("例：満洲 牡丹江"))
    last_known_place = text(
        _("最後に分かっている収容所・場所"),
        300,
        help_text=_("手紙やご帰還された方のお話などから分かることをお書きください。"),
    )
    family_knowledge = forms.CharField(
        label=_("亡くなられた時期や場所、埋葬について、ご家族がご存じのこと"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("死亡の知らせ（公報）を受け取った時期や内容なども、分かる範囲でお書きください。"),
    )


class ContactForm(FamilyForm):
    preferred_contact = forms.ChoiceField(
        label=_("ご希望の連絡方法"), choices=Contact.choices, widget=forms.RadioSelect, initial=Contact.POST
    )
    email = forms.EmailField(
        label=_("メールアドレス"),
        required=False,
        max_length=254,
        help_text=_("メールでの連絡を希望される場合は必要です。状況確認用のリンクもメールでお送りします。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("メールアドレスの形が正しくありません（例：yamada@example.jp）。")},
    )
    language = forms.ChoiceField(
        label=_("ご連絡の言語"),
        choices=[("ja", _("日本語")), ("en", _("英語"))],
        widget=forms.RadioSelect,
        initial="ja",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A family filling the form in English is offered letters in English.
        self.fields["language"].initial = "en" if (get_language() or "").startswith("en") else "ja"
        self.fields["email"].error_messages["invalid"] = _(
            "メールアドレスの形が正しくありません（例：yamada@example.jp）。"
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("preferred_contact") == Contact.EMAIL
            and not data.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("メールでの連絡をご希望の場合は、メールアドレスを入力してください。"))
        return data


class ConfirmForm(FamilyForm):
    consent = forms.BooleanField(
        label=_("お知らせいただいた内容を、この照会の調査とご連絡のためだけに使うことに同意します"),
        help_text=_(
            "ご家族の情報は、抑留された方の記録を探し、その結果をお知らせするためにだけ使います。ほかの目的には使いません。"
        ),
    )
    website = forms.CharField(required=False, label=_("この欄は空のままにしてください"))  # honeypot
    submission_key = forms.CharField(widget=forms.HiddenInput)


STEPS = (
    ("applicant", _("申請者"), ApplicantForm),
    ("relative", _("ご家族（抑留された方）"), RelativeForm),
    ("internment", _("抑留について分かっていること"), InternmentForm),
    ("documents", _("書類"), None),
    ("contact", _("連絡方法"), ContactForm),
    ("confirm", _("確認"), None),
)
STEP_SLUGS = [slug for slug, _title, _form in STEPS]
DATA_STEPS = [slug for slug, _title, form in STEPS if form]
