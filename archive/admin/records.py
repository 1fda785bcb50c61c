"""Admin for archivists: records (searchable in any script), camps and burial sites.

Who may do what comes from the role groups (inquiries.roles): 照合担当 have change permission on
records and edit them; other staff have view permission only and get read-only pages. An edit
asks for its reason and goes through archive.services; a record's history page lists its audit
entries, read-only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from archive import services
from archive.display import place_name
from archive.models import ArchiveRecord, BurialSite, Camp
from archive.search import search_records
from audit.trail import entries_for

AS_WRITTEN = (
    "surname_cyr", "given_name_cyr", "patronymic_cyr", "surname_kana", "given_name_kana", "birth_year",
    "birthplace_cyr", "rank_cyr", "unit_cyr",
)  # fmt: skip
CAMP_AND_DEATH = (
    "camp", "region", ("death_year", "death_month", "death_day"), "death_cause", "burial_site", "grave_no",
)  # fmt: skip
DERIVED = (
    "prefecture_name", "surname_spelling", "given_spelling", "surname_reading", "given_name_reading", "romaji",
    "batch", "imported_at",
)  # fmt: skip


class DeathKnownFilter(admin.SimpleListFilter):
    title = _("死亡の記録")
    parameter_name = "death"

    def lookups(self, request, model_admin):
        return [("yes", _("あり")), ("no", _("なし"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.death_known()
        if self.value() == "no":
            return queryset.filter(death_year__isnull=True)
        return queryset


class RegionFilter(admin.SimpleListFilter):
    """Regions listed from the (small) camp table, not by scanning every record."""

    title = _("地域")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        regions = (
            Camp.objects.exclude(region="").order_by("region").values_list("region", flat=True).distinct()
        )
        return [(r, r) for r in regions]

    def queryset(self, request, queryset):
        return queryset.filter(region=self.value()) if self.value() else queryset


class ArchiveRecordForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("変更の理由"),
        max_length=300,
        help_text=_("変更履歴に残ります（例: 原本の写しと照合して誤記を訂正）。"),
    )

    class Meta:
        model = ArchiveRecord
        fields = sorted(services.EDITABLE)  # the admin narrows them to its fieldsets


@admin.register(ArchiveRecord)
class ArchiveRecordAdmin(admin.ModelAdmin):
    form = ArchiveRecordForm
    list_display = (
        "source_id", "name_as_written", "reading", "birth_year", "prefecture_name", "camp", "region",
        "death_date", "document_type",
    )  # fmt: skip
    list_filter = (RegionFilter, "camp", "document_type", DeathKnownFilter)
    list_select_related = ("camp",)
    list_per_page = 50
    show_full_result_count = False
    search_fields = ("source_id",)  # shows the search box; the search itself is search_records
    search_help_text = _(
        "キリル文字・カタカナ・ひらがな・ローマ字・漢字の氏名、または資料ID（姓と名は空白で区切る）"
    )
    raw_id_fields = ("camp", "burial_site")
    readonly_fields = DERIVED
    fieldsets = (
        (None, {"fields": ("source_id", "document_type", "archive_ref")}),
        (_("資料の記載（原文のまま）"), {"fields": AS_WRITTEN}),
        (_("収容・死亡・埋葬（原文のまま）"), {"fields": CAMP_AND_DEATH}),
        (
            _("導出（取込時に自動計算・編集不可）"),
            {"fields": DERIVED, "description": _("原文を保存すると読み・表記・都道府県は計算し直されます。")},
        ),
    )

    def get_fieldsets(self, request, obj=None):
        may_write = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if not may_write:
            return self.fieldsets
        return (*self.fieldsets, (_("変更の理由"), {"fields": ("reason",)}))

    def get_urls(self):
        # The history page has no pages below it: no old state of a record can be opened or restored.
        none_below = path("<path:object_id>/history/<path:rest>/", self.admin_site.admin_view(self.no_page))
        return [none_below, *super().get_urls()]

    def no_page(self, request, object_id, rest):
        raise Http404

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset & search_records(search_term), False

    def save_model(self, request, obj, form, change):
        """Through the one edit path (archive.services), which derives, saves and audits."""
        reason = form.cleaned_data["reason"]
        names = form.changed_data if change else form.cleaned_data
        values = {name: form.cleaned_data[name] for name in names if name in services.EDITABLE}
        if change:
            saved = services.edit_record(obj, values, user=request.user, reason=reason)
        else:
            saved = services.create_record(values, user=request.user, reason=reason)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        services.delete_record(obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            services.delete_record(record, user=request.user)

    def history_view(self, request, object_id, extra_context=None):
        """The record's audit entries, newest first: imports, edits by hand, and their reasons."""
        record = self.get_object(request, object_id)
        if record is None:
            raise Http404
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("変更履歴: %(record)s") % {"record": record},
            "subtitle": None,
            "object": record,
            "opts": self.opts,
            "entries": entries_for(record)[:500],
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/archive/archiverecord/object_history.html", context)

    @admin.display(description=_("氏名（原文）"), ordering="surname_cyr")
    def name_as_written(self, obj: ArchiveRecord) -> str:
        cyr = " ".join(p for p in (obj.surname_cyr, obj.given_name_cyr) if p)
        return cyr or " ".join(p for p in (obj.surname_kana, obj.given_name_kana) if p)

    @admin.display(description=_("読み"), ordering="surname_reading")
    def reading(self, obj: ArchiveRecord) -> str:
        return " ".join(p for p in (obj.surname_reading, obj.given_name_reading) if p)

    @admin.display(description=_("都道府県"), ordering="prefecture")
    def prefecture_name(self, obj: ArchiveRecord) -> str:
        return place_name(obj.prefecture)

    @admin.display(description=_("死亡日"), ordering="death_year")
    def death_date(self, obj: ArchiveRecord) -> str:
        return obj.death_date_display


@admin.register(Camp)
class CampAdmin(admin.ModelAdmin):
    list_display = ("name", "region")
    list_filter = ("region",)
    search_fields = ("name", "region")


@admin.register(BurialSite)
class BurialSiteAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "cemetery_number", "collection_status")
    list_filter = ("collection_status", "region")
    search_fields = ("name", "region", "location")
