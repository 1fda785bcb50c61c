"""The disclosure export for a realistic applicant: 3 inquiries, 10 documents of 1 MB, 50 messages,
200 audit entries about them (plus each case's own receipt, events and creation entries).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_disclosure .venv/bin/python bench/disclosure.py [runs]

Builds the applicant once (documents in a temporary directory), then times `export` `runs` times
(default 5) and prints each time, the median and the archive's size. The issue asks for ≤ 5 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_on_postgres


def main(runs: int) -> None:
    django_on_postgres("bench_disclosure")
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from inquiries.roles import ADMINISTRATOR, sync_role_groups
    from inquiries.services.disclosure import export
    from tests.appi.factories import applicant_cases
    from tests.workflow.conftest import make_staff

    settings.PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp())
    with transaction.atomic():  # everything is rolled back at the end
        sync_role_groups()
        get_user_model().objects.filter(username="bench-manager").delete()
        manager = make_staff("bench-manager", ADMINISTRATOR)
        cases = applicant_cases(
            cases=3, documents=10, size=1024 * 1024, messages=50, audit_entries=200, actor=manager
        )
        times, size = [], 0
        for _run in range(runs):
            started = time.perf_counter()
            handle, _name = export(cases, user=manager)
            times.append(time.perf_counter() - started)
            size = handle.seek(0, 2)
            handle.close()
        transaction.set_rollback(True)
    print("disclosure export: 3 inquiries, 10 documents × 1 MB, 50 messages, 200 audit entries")
    print("runs (s):", ", ".join(f"{t:.3f}" for t in times))
    print(
        f"median {statistics.median(times):.3f} s, slowest {max(times):.3f} s (limit 5 s); archive {size / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
