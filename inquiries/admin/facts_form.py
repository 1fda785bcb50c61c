"""The forms staff type a case's facts in: each field cleaned as on the family's pages
(inquiries.forms.cleaning), the checks between fields in staff's words; the correction form."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inquiries import facts
from inquiries.forms.cleaning import FactsCleaning
from inquiries.forms.places import place_choices
from inquiries.models import Inquiry

FIRST_BIRTH_YEAR = 1868  # 明治元年: the era table's first year


class StaffFactsForm(FactsCleaning, forms.ModelForm):
    """The facts a form has, cleaned, and the rules between them; the place of birth chosen from the
    list the family form offers (the model keeps its code)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "birthplace" in self.fields:
            model_field = Inquiry._meta.get_field("birthplace")
            self.fields["birthplace"] = forms.ChoiceField(
                label=model_field.verbose_name, required=False, choices=place_choices
            )

    def clean(self):
        data = super().clean()
        if "email" in self.fields and data.get("preferred_contact") == "email" and not data.get("email"):
            self.add_error("email", _("メールでの連絡を希望される場合は、メールアドレスが必要です。"))
        if "reading_unknown" in self.fields and not data.get("reading_unknown"):
            if not (data.get("surname_kana") and data.get("given_name_kana")):
                self.add_error("surname_kana", _("読みを入力するか、「読みが分からない」を選んでください。"))
        if "birth_year" in self.fields:
            self._check_birth_date(data)
        return data

    def _check_birth_date(self, data: dict) -> None:
        year, month, day = data.get("birth_year"), data.get("birth_month"), data.get("birth_day")
        this_year = timezone.localdate().year
        if year is None:
            if month or day:
                self.add_error(
                    "birth_year", _("生まれた年を入力してください。月日だけでは受け付けられません。")
                )
            return
        if not FIRST_BIRTH_YEAR <= year <= this_year:
            self.add_error(
                "birth_year",
                _("生年は%(first)s年から%(last)s年までの西暦で入力してください。")
                % {"first": FIRST_BIRTH_YEAR, "last": this_year},
            )
            return
        if day and not month:
            self.add_error("birth_month", _("日を入力する場合は月も入力してください。"))
            return
        try:
            date(year, month or 1, day or 1)
        except (ValueError, OverflowError):  # a month or day past any C integer
            self.add_error(
                "birth_day" if day else "birth_month",
                _("その月日は暦にありません（例：2月30日）。月と日をお確かめください。"),
            )


class FactsForm(StaffFactsForm):
    """The facts staff may correct after the case exists, with the reason for the correction."""

    reason = forms.CharField(
        label=_("訂正の理由"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("例：ご家族から電話があり、生年の誤りが分かった。内部メモとして残ります。"),
        error_messages={"required": _("訂正の理由を書いてください。")},
    )

    GROUPS = (facts.RELATIVE, facts.INTERNMENT, facts.CONTACT)

    class Meta:
        model = Inquiry
        fields = facts.CORRECTABLE

    def __init__(self, *args, allowed=facts.CORRECTABLE, **kwargs):
        super().__init__(*args, **kwargs)
        for name in set(facts.CORRECTABLE) - set(allowed):
            del self.fields[name]

    @property
    def facts(self) -> list[str]:
        """The facts this form corrects (those the user may correct)."""
        return [name for name in facts.CORRECTABLE if name in self.fields]

    def groups(self) -> list[tuple]:
        """(title, bound fields) for each group the user may correct, then the reason on its own."""
        return [
            (group.title, [self[name] for name in group.fields])
            for group in self.GROUPS
            if all(name in self.fields for name in group.fields)
        ] + [(self["reason"].label, [self["reason"]])]
