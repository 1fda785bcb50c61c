"""Files, staff and uploads for the archive admin tests."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inquiries.roles import sync_role_groups

CHANGELIST = "admin:archive_archiverecord_changelist"
HEADER = (
    "source_id,surname_cyr,given_name_cyr,birth_year,birthplace_cyr,camp,region,death_date,document_type\n"
)
GOOD_ROWS = (
    "T-1,Сато,Киёси,1920,преф. Ниигата,Лагерь № 7,Иркутская область,1946-02-11,death_list\n"
    "T-2,Танака,Исаму,1922,,Лагерь № 16,Хабаровский край,,registration_card\n"
)
BAD_ROW = "T-3,Ямада,Минору,тысяча,,Лагерь № 7,Иркутская область,1946-13-40,registration_card\n"


def staff(username: str, group: str):
    sync_role_groups()
    user = get_user_model().objects.create_user(username, password="pw-archive-2026", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def upload(client, content: str, **options):
    file = SimpleUploadedFile("new-batch.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("admin:archive_importbatch_add"), {"uploaded_file": file, **options})
