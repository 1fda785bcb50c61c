"""What every family form shares: messages in words, 必須/任意, and errors tied to their fields."""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext as _


def nfkc(value: str) -> str:
    """Full-width digits and letters to half-width, surrounding spaces removed."""
    return unicodedata.normalize("NFKC", value or "").strip()


class FamilyForm(forms.Form):
    """A form whose fields say what is wrong in words and are linked to their help and error text."""

    required_css_class = "is-required"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = field.label or name
            field.error_messages["required"] = _("「%(label)s」を入力してください。") % {"label": label}
            if isinstance(field, forms.ChoiceField):
                field.error_messages["required"] = _("「%(label)s」を選んでください。") % {"label": label}
            if isinstance(field, forms.BooleanField):
                field.error_messages["required"] = _("「%(label)s」にチェックを入れてください。") % {
                    "label": label
                }
            field.error_messages["max_length"] = _(
                "%(limit_value)d文字以内で入力してください（いまは%(show_value)d文字です）。"
            )
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")
            if field.help_text:
                widget.attrs["aria-describedby"] = self.help_id(name)
            if field.required and not isinstance(field.widget, forms.RadioSelect | forms.CheckboxInput):
                field.widget.attrs["aria-required"] = "true"

    def help_id(self, name: str) -> str:
        return f"{self[name].auto_id}-help"

    def error_id(self, name: str) -> str:
        return f"{self[name].auto_id}-error"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            described = [self.error_id(name)]
            if self.fields[name].help_text:
                described.append(self.help_id(name))
            attrs["aria-describedby"] = " ".join(described)

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for the summary at the top of the page."""
        rows = []
        for name, errors in self.errors.items():
            if name in self.fields:
                rows += [(self[name].auto_id, self.fields[name].label, e) for e in errors]
            else:
                rows += [("", "", e) for e in errors]
        return rows
