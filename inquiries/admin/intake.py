"""The form staff use to enter an inquiry that came by post or telephone.

Same cleaning as the family pages (inquiries.forms.checks): names in kanji or kana, readings
stored as katakana, postal codes and telephone numbers normalised.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inquiries.forms.checks import clean_name, clean_phone, clean_postal_code, clean_reading
from inquiries.models import Channel, Inquiry


class IntakeForm(forms.ModelForm):
    channel = forms.ChoiceField(
        label=_("受付経路"),
        choices=[(Channel.POST, Channel.POST.label), (Channel.PHONE, Channel.PHONE.label)],
    )

    class Meta:
        model = Inquiry
        fields = (
            "channel",
            "applicant_surname",
            "applicant_given_name",
            "applicant_surname_kana",
            "applicant_given_name_kana",
            "applicant_birth_year",
            "relationship",
            "relationship_other",
            "is_proxy",
            "postal_code",
            "address",
            "phone",
            "email",
            "preferred_contact",
            "consent",
            "surname_kanji",
            "given_name_kanji",
            "surname_kana",
            "given_name_kana",
            "reading_unknown",
            "other_names",
            "birth_year",
            "birth_month",
            "birth_day",
            "birth_approximate",
            "birthplace",
            "birthplace_detail",
            "unit",
            "rank",
            "capture_date",
            "capture_place",
            "last_known_place",
            "family_knowledge",
        )

    def clean_applicant_surname(self):
        return clean_name(self.cleaned_data["applicant_surname"])

    def clean_applicant_given_name(self):
        return clean_name(self.cleaned_data["applicant_given_name"])

    def clean_surname_kanji(self):
        return clean_name(self.cleaned_data["surname_kanji"])

    def clean_given_name_kanji(self):
        return clean_name(self.cleaned_data["given_name_kanji"])

    def clean_applicant_surname_kana(self):
        return clean_reading(self.cleaned_data["applicant_surname_kana"])

    def clean_applicant_given_name_kana(self):
        return clean_reading(self.cleaned_data["applicant_given_name_kana"])

    def clean_surname_kana(self):
        return clean_reading(self.cleaned_data["surname_kana"])

    def clean_given_name_kana(self):
        return clean_reading(self.cleaned_data["given_name_kana"])

    def clean_postal_code(self):
        return clean_postal_code(self.cleaned_data["postal_code"])

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if not data.get("consent"):
            self.add_error(
                "consent", _("個人情報の利用への同意を確認してください（電話の場合は口頭で確認）。")
            )
        if data.get("preferred_contact") == "email" and not data.get("email"):
            self.add_error("email", _("メールでの連絡を希望される場合は、メールアドレスが必要です。"))
        if not data.get("reading_unknown") and not (data.get("surname_kana") and data.get("given_name_kana")):
            self.add_error("surname_kana", _("読みを入力するか、「読みが分からない」を選んでください。"))
        return data
