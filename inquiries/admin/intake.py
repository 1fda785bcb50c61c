"""The form staff use to enter an inquiry that came by post or telephone.

Cleaned as the family pages clean (FactsCleaning: names in kanji or kana, readings stored as
katakana, postal codes and telephone numbers normalised, a birth date that can be).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inquiries.admin.facts_form import FactsCleaning
from inquiries.models import Channel, Inquiry


class IntakeForm(FactsCleaning, forms.ModelForm):
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

    def clean(self):
        data = super().clean()
        if not data.get("consent"):
            self.add_error(
                "consent", _("個人情報の利用への同意を確認してください（電話の場合は口頭で確認）。")
            )
        return data
