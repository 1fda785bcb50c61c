"""Import batches in the admin: upload a CSV, watch it import, read the summary and rejected rows."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from archive.models import ImportBatch
from archive.tasks import import_batch

MAX_UPLOAD_BYTES = 500 * 1024 * 1024


class UploadForm(forms.ModelForm):
    skip_invalid = forms.BooleanField(
        label=_("不正な行を飛ばして残りを取り込む"),
        required=False,
        help_text=_("オフのときは、不正な行が1行でもあればファイル全体を取り込みません。"),
    )

    class Meta:
        model = ImportBatch
        fields = ("uploaded_file", "dry_run")
        help_texts = {
            "uploaded_file": _("資料記録のCSV（UTF-8、1行目は見出し）。"),
            "dry_run": _("検査だけを行い、記録は書き込みません。"),
        }

    def clean_uploaded_file(self):
        upload = self.cleaned_data.get("uploaded_file")
        if not upload:
            raise forms.ValidationError(_("CSVファイルを選んでください。"))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("拡張子が .csv のファイルを選んでください。"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("ファイルが大きすぎます（500MBまで）。"))
        return upload


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "file_name", "state_shown", "progress", "created", "updated", "unchanged", "rejected", "dry_run",
        "created_by", "created_at", "finished_at",
    )  # fmt: skip
    list_filter = ("state", "dry_run")
    list_select_related = ("created_by",)
    show_full_result_count = False
    change_form_template = "admin/archive/importbatch/change_form.html"
    fields = (
        "file_name", "state_shown", "progress", "dry_run", "created", "updated", "unchanged", "rejected",
        "created_by", "created_at", "finished_at", "checksum",
    )  # fmt: skip
    readonly_fields = fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = UploadForm
            kwargs["fields"] = ("uploaded_file", "dry_run", "skip_invalid")
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        return ("uploaded_file", "dry_run", "skip_invalid") if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False  # a batch is a record of what happened; corrections are a new upload

    def save_model(self, request, obj, form, change):
        obj.file_name = obj.uploaded_file.name.rsplit("/", 1)[-1][:255]
        obj.created_by = request.user
        obj.state = ImportBatch.State.PENDING
        super().save_model(request, obj, form, change)
        import_batch.delay_on_commit(obj.pk, skip_invalid=form.cleaned_data.get("skip_invalid", False))

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(request, _("アップロードしました。取込を開始します。"))
        return HttpResponseRedirect(reverse("admin:archive_importbatch_change", args=[obj.pk]))

    @admin.display(description=_("状態"), ordering="state")
    def state_shown(self, obj: ImportBatch) -> str:
        return _("中断") if obj.interrupted else obj.get_state_display()

    @admin.display(description=_("進捗"))
    def progress(self, obj: ImportBatch) -> str:
        return f"{obj.rows_done:,} / {obj.rows_total:,}"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            interrupted = obj.interrupted
            under_way = obj.state in (ImportBatch.State.PENDING, ImportBatch.State.RUNNING)
            context.update(
                running=under_way and not interrupted,
                interrupted=interrupted,
                problems=obj.errors[:500],
                more_problems=max(0, len(obj.errors) - 500),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
