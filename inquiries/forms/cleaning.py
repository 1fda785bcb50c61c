"""One cleaning for the facts a person types, on the family's pages and in staff intake and correction."""

from __future__ import annotations

from .checks import clean_name, clean_phone, clean_postal_code, clean_reading


class FactsCleaning:
    """clean_<field> for each fact cleaned beyond its type: names in kanji or kana, readings stored
    as katakana, postal codes and telephone numbers normalised. Django calls those of the fields a
    form has; the checks between fields stay with each form (their inputs and words differ)."""

    def clean_applicant_surname(self):
        return clean_name(self.cleaned_data["applicant_surname"])

    def clean_applicant_given_name(self):
        return clean_name(self.cleaned_data["applicant_given_name"])

    def clean_applicant_surname_kana(self):
        return clean_reading(self.cleaned_data["applicant_surname_kana"])

    def clean_applicant_given_name_kana(self):
        return clean_reading(self.cleaned_data["applicant_given_name_kana"])

    def clean_postal_code(self):
        return clean_postal_code(self.cleaned_data["postal_code"])

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_surname_kanji(self):
        return clean_name(self.cleaned_data["surname_kanji"])

    def clean_given_name_kanji(self):
        return clean_name(self.cleaned_data["given_name_kanji"])

    def clean_surname_kana(self):
        return clean_reading(self.cleaned_data["surname_kana"])

    def clean_given_name_kana(self):
        return clean_reading(self.cleaned_data["given_name_kana"])
