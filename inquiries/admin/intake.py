"""The form staff use to enter an inquiry that came by post or telephone: every fact but the
language of letters (Japanese unless corrected later), cleaned as the family pages clean them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inquiries import facts
from inquiries.admin.facts_form import StaffFactsForm
from inquiries.models import Channel, Inquiry


class IntakeForm(StaffFactsForm):
    channel = forms.ChoiceField(
        label=_("受付経路"),
        choices=[(Channel.POST, Channel.POST.label), (Channel.PHONE, Channel.PHONE.label)],
    )

    class Meta:
        model = Inquiry
        fields = (
            "channel",
            *facts.APPLICANT.fields,
            *(name for name in facts.CONTACT.fields if name != "language"),
            "consent",
            *facts.RELATIVE.fields,
            *facts.INTERNMENT.fields,
        )

    def clean(self):
        data = super().clean()
        if not data.get("consent"):
            self.add_error(
                "consent", _("個人情報の利用への同意を確認してください（電話の場合は口頭で確認）。")
            )
        return data
