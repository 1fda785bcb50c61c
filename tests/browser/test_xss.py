"""An XSS corpus typed through every family field and staff notes, then every page that shows them
opened in Chromium with the Content-Security-Policy bypassed, so that only the escaping stands
between a payload and the page: no dialog opens, no payload writes to the console, and no element
carries an event handler or a javascript: URL. A control page with an inline script shows the hooks
catch a script that runs."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from devdata.management.commands.load_demo_data import DEMO_PASSWORD
from devdata.management.commands.load_demo_data import Command as LoadDemoData
from inquiries.models import Inquiry, Notification, Status
from inquiries.roles import sync_role_groups
from tests.browser.conftest import screenshot
from tests.browser.watch import Watch
from tests.workflow.conftest import make_candidate, make_record

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NEXT = "main button[type=submit]:not([name=language])"
CORPUS = [
    "<script>alert('xss-1')</script>",
    "\"><img src=x onerror=alert('xss-2')>",
    "javascript:alert('xss-3')",
    "<svg onload=alert('xss-4')>",
    "{{7*7}} {% debug %} ${7*7}",
    "'><script>console.log('xss-5')</script>",
    "<a href=\"javascript:alert('xss-6')\">x</a>",
    "</textarea><script>alert('xss-7')</script>",
    "<iframe srcdoc=\"<script>parent.alert('xss-8')</script>\"></iframe>",
    "<body onload=alert('xss-9')><details open ontoggle=console.log('xss-10')>",
]
# Values the family form insists on (names in kanji or kana, numbers); every other field keeps a payload.
VALID = {
    "#id_applicant_surname": "山田", "#id_applicant_given_name": "花子", "#id_applicant_surname_kana": "やまだ",
    "#id_applicant_given_name_kana": "はなこ", "#id_postal_code": "1234567", "#id_phone": "03-1234-5678",
    "#id_surname_kanji": "山田", "#id_given_name_kanji": "太郎", "#id_surname_kana": "ヤマダ",
    "#id_given_name_kana": "タロウ", "#id_birth_year": "10", "#id_birth_month": "", "#id_birth_day": "",
}  # fmt: skip
TEXT_FIELDS = (
    "main form input[type=text]:visible, main form input[type=email]:visible, "
    "main form input[type=tel]:visible, main form input:not([type]):visible, main form textarea:visible"
)
HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
  .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value) && ['href', 'src', 'action', 'formaction'].includes(a.name))
  .map(a => `${el.tagName} ${a.name}=${a.value}`))"""


@pytest.fixture
def watched(chromium):
    context = chromium.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    watch = Watch(context)
    yield watch, watch.page(context)
    context.close()


class Checker:
    def __init__(self, watch, page):
        self.watch, self.page, self.checked = watch, page, []

    def __call__(self, where: str) -> None:
        self.page.wait_for_timeout(150)  # an onerror fires after the failed image load
        assert self.watch.scripts == [], f"{where}: {self.watch.scripts}"
        assert self.page.evaluate(HANDLERS) == [], where
        self.checked.append(where)


def type_corpus(page) -> int:
    fields = page.locator(TEXT_FIELDS)
    for i in range(fields.count()):
        fields.nth(i).fill(CORPUS[i % len(CORPUS)])
    return fields.count()


def step(page, check, name: str, choose) -> None:
    """Every text field a payload, sent (the errors page echoes them), then only the required ones made valid."""
    start = page.url
    typed = type_corpus(page)
    choose(page)
    page.click(NEXT)
    check(f"{name} with every field a payload")
    if page.url != start:  # nothing it needs was refused (the documents step has no text field)
        return
    echoed = page.locator(TEXT_FIELDS).evaluate_all("els => els.map(e => e.value)")
    assert any(value in CORPUS for value in echoed), f"{name}: the payloads were not shown back"
    for selector, value in VALID.items():
        if page.locator(selector).count():
            page.fill(selector, value)
    choose(page)
    page.click(NEXT)
    if page.url == start:  # a payload refused where the form wants a form of words: left empty
        check(f"{name} refused")
        for field in page.locator("[aria-invalid=true]").all():
            field.fill("")
        for selector, value in VALID.items():
            if page.locator(selector).count():
                page.fill(selector, value)
        choose(page)
        page.click(NEXT)
    assert page.url != start, f"{name} was not accepted: {page.locator('#error-summary').inner_text()}"
    assert typed or name == "documents"


def test_the_hooks_see_a_script_that_runs(site, watched):
    watch, page = watched
    page.goto(f"{site}/test-only/inline-script/")
    page.wait_for_timeout(200)
    assert "dialog: xss-ran" in watch.scripts and "console: xss-ran" in watch.scripts
    watch.scripts.clear()
    page.set_content("<p>x</p><img src=x onerror=\"alert('xss-handler')\">")
    page.wait_for_timeout(200)
    assert watch.scripts == ["dialog: xss-handler"]
    assert page.evaluate(HANDLERS) == ["IMG onerror=alert('xss-handler')"]


def sign_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    assert page.url.endswith("/admin/"), page.url


def test_no_payload_runs_on_any_page_that_shows_it(site, watched):
    watch, page = watched
    check = Checker(watch, page)
    page.goto(f"{site}/inquiries/new/")

    def applicant(p):
        p.check("input[name=relationship][value=other]")

    def relative(p):
        p.select_option("#id_birth_era", "大正")
        p.select_option("#id_birthplace", "15")

    def documents(p):
        if p.locator("#id_koseki").count():  # once sent, the file is listed and kept
            p.set_input_files(
                "#id_koseki", {"name": "koseki.pdf", "mimeType": "application/pdf", "buffer": PDF}
            )

    def contact(p):
        p.check("input[name=preferred_contact][value=post]")

    for name, choose in [
        ("applicant", applicant), ("relative", relative), ("internment", lambda p: None),
        ("documents", documents), ("contact", contact),
    ]:  # fmt: skip
        step(page, check, name, choose)
    check("confirm")
    page.check("#id_consent")
    page.click("form.family-form button[type=submit]")
    check("receipt")
    link = page.locator(".tracking-link a").get_attribute("href")
    inquiry = Inquiry.objects.get()
    kept = [
        v for v in (inquiry.address, inquiry.unit, inquiry.family_knowledge, inquiry.relationship_other) if v
    ]
    assert sum(v in CORPUS for v in kept) >= 3, kept  # the payloads were stored as typed, not refused
    make_candidate(inquiry, record=make_record())
    Inquiry.objects.filter(pk=inquiry.pk).update(status=Status.SEARCHING)  # staff may now ask the family

    sync_role_groups()
    LoadDemoData().create_demo_users()
    sign_in(page, site, "intake")
    case_page = f"{site}/admin/inquiries/inquiry/{inquiry.pk}/change/"
    page.goto(case_page)
    check("case page")
    for i, form in enumerate(("#internal-notes form", "#family form")):
        page.locator(f"{form} textarea").fill(CORPUS[i] + CORPUS[i + 1])
        page.click(f"{form} button[type=submit]")
        check(f"case page after {form}")
    assert get_user_model().objects.get(username="intake")  # signed in as the demo role
    for path in (
        "", "inquiries/inquiry/", "inquiries/notification/", f"inquiries/notification/{Notification.objects.latest('id').pk}/change/",
        "audit/auditentry/", f"inquiries/inquiry/{inquiry.pk}/facts/",
    ):  # fmt: skip
        page.goto(f"{site}/admin/{path}")
        check(f"admin {path}")
    page.goto(f"{site}/admin/inquiries/notification/")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "print_letters")
    page.click("button[name=index]")
    check("letters to print")
    page.goto(case_page)
    screenshot(page, "xss-case-page")
    page.click("#logout-form button")
    sign_in(page, site, "matcher")
    for path in ("inquiries/candidatematch/", f"inquiries/inquiry/{inquiry.pk}/change/"):
        page.goto(f"{site}/admin/{path}")
        check(f"matcher {path}")
    page.click("#logout-form button")
    inquiry.refresh_from_db()
    assert inquiry.status == Status.AWAITING_FAMILY  # the question to the family went out
    page.goto(link)
    check("status page")
    page.fill("textarea[name=text]", CORPUS[6])
    page.click("section[aria-labelledby=reply-heading] button[type=submit]")
    check("status page after a reply")
    screenshot(page, "xss-status-page")
    assert CORPUS[1] + CORPUS[2] in page.locator("main").inner_text()  # the question: shown as text, not run
    assert len(check.checked) >= 20
