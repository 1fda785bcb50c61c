"""Parallel inquiries through the family pages of a running server, as families' browsers send them.

    python bench/parallel_submissions.py http://127.0.0.1:8000 30

Each of N clients (its own cookies) fills in the form page by page; then all N press 送信 at the same
moment. Prints how many got a receipt, how many distinct receipt numbers, how many were refused (429)
and how many failed otherwise. Start the server with FAMILY_SUBMIT_LIMIT at or above N to measure
receipt numbers, or below it to see the limit hold.
"""

from __future__ import annotations

import http.cookiejar
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

STEPS = [
    ("applicant", {
        "applicant_surname": "山田", "applicant_given_name": "花子", "applicant_surname_kana": "ヤマダ",
        "applicant_given_name_kana": "ハナコ", "relationship": "child", "postal_code": "1234567",
        "address": "東京都千代田区霞が関1-2-3", "phone": "0312345678",
    }),
    ("relative", {
        "surname_kanji": "山田", "given_name_kanji": "太郎", "surname_kana": "ヤマダ", "given_name_kana": "タロウ",
        "birth_era": "大正", "birth_year": "10", "birthplace": "15",
    }),
    ("internment", {"unit": "関東軍", "last_known_place": "ハバロフスク"}),
    ("documents", {}),
    ("contact", {"preferred_contact": "post", "email": "", "language": "ja"}),
]  # fmt: skip


class Family:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(self.base + path, body, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except (ConnectionError, urllib.error.URLError) as error:  # e.g. a full listen backlog
            return 0, repr(error)

    def fill_in(self) -> dict:
        html = self.get("/inquiries/new/")
        for slug, data in STEPS:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            draft = re.search(r'name="draft" value="([^"]+)"', html).group(1)
            status, html = self.post(
                f"/inquiries/new/{slug}/", {"csrfmiddlewaretoken": token, "draft": draft, **data}
            )
            if status != 200:
                raise RuntimeError(f"step {slug} answered {status}")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        return {"csrfmiddlewaretoken": token, "submission_key": key, "consent": "on", "website": ""}


def main(base: str, count: int) -> None:
    families = [Family(base) for _ in range(count)]
    forms = [family.fill_in() for family in families]
    start = threading.Barrier(count)
    results: list[tuple[int, str]] = []

    def send(family: Family, form: dict) -> None:
        start.wait()
        status, html = family.post("/inquiries/new/confirm/", form)
        number = re.search(r'class="receipt-number[^"]*">([^<]+)<', html)
        results.append((status, number.group(1) if number else ""))

    began = time.perf_counter()
    threads = [threading.Thread(target=send, args=pair) for pair in zip(families, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    receipts = [number for status, number in results if status == 200 and number]
    refused = sum(1 for status, _ in results if status == 429)
    unreached = sum(1 for status, _ in results if status == 0)
    failed = count - len(receipts) - refused - unreached
    print(
        f"{count} parallel submissions in {seconds:.1f} s: {len(receipts)} receipts "
        f"({len(set(receipts))} distinct), {refused} refused (429), {failed} failed by the server, "
        f"{unreached} connections not accepted by the server's socket"
    )


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000",
        int(sys.argv[2]) if len(sys.argv) > 2 else 30,
    )
