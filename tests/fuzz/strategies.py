"""Generated input for the fuzz tests: what people type, paste and send by mistake or on purpose.

FUZZ_EXAMPLES (default 200, so that `make test` stays quick) sets how many inputs each target of the
HTTP layer gets (0.1-0.5 s an input through the views); CI's PostgreSQL pass sets 500. The fast layer
(tests/fuzz/layer.py) has its own count, FUZZ_FORM_EXAMPLES. Examples are derandomised: the same inputs
on every run, nothing written to a Hypothesis database.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from config.env import envint

EXAMPLES = envint("FUZZ_EXAMPLES", 200)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # The generated function is defined inside the test and takes no fixture: the data it needs
    # (client, users, cases) is built once in the test, so the function-scoped-fixture check has
    # nothing to catch; examples are slow (HTTP) and large (long text) on purpose.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MISSING = object()  # the field is not sent at all

# Any character a browser can send (surrogates cannot be sent in UTF-8); NUL included.
ANY_CHAR = st.characters(exclude_categories=["Cs"])
# Any character but NUL: what text boxes take (PostgreSQL cannot store NUL; config.badinput refuses it).
TEXT_CHAR = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
ODD_PIECES = st.sampled_from(
    ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\u200b", "\u202e",
     "\ufeff", "\ufffd", "\uffff", "\U0010ffff", "\U000e0001", "'", '"', "\\", "%", "&", "<", ">", "{{", "{%",
     "=", "+", "@", "\t", "\r\n", "　", "ｰ", "〒", "²", "٣", "🀄", "👨‍👩‍👧"]
)  # fmt: skip


def long(chars=TEXT_CHAR, low: int = 100, high: int = 5000) -> st.SearchStrategy[str]:
    """A long string, made by repeating a short one (Hypothesis is slow to draw thousands of characters)."""
    return st.tuples(st.text(chars, min_size=1, max_size=4), st.integers(low, high)).map(
        lambda t: t[0] * t[1]
    )


NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["０", "１９２１", "²", "٣٤", "一九二一", "0x10", "1e3", "-0", "1_000", " 7 ", "Ⅻ"]),
)
DATES = st.one_of(
    st.builds(
        "{}{}年{}月{}日".format,
        st.sampled_from(["明治", "大正", "昭和", "平成", "令和", "元治", "", "西暦"]),
        st.one_of(st.integers(-3, 130).map(str), st.just("元")),
        st.integers(-1, 14),
        st.integers(-1, 33),
    ),
    st.dates().map(str),
    st.sampled_from(["2026-02-30", "0000-00-00", "1945-13-01", "31/12/1945", "昭和20年8月頃", "T15.12.25"]),
)
GARBAGE = st.one_of(
    st.text(ANY_CHAR, max_size=30),
    st.lists(ODD_PIECES, min_size=1, max_size=6).map("".join),
    long(ANY_CHAR),
    NUMBERS,
    DATES,
    st.sampled_from(["", " ", "　", "\n", "on", "off", "true", "None", "null", "[]", "{}"]),
)


def text_up_to(limit: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """Free text a field takes: any character but NUL, up to its limit."""
    return st.text(TEXT_CHAR, min_size=min_size, max_size=min(limit, 60)) | long(
        TEXT_CHAR, 1, limit // 4 or 1
    )


def chars(*ranges: tuple[int, int], extra: str = "") -> st.SearchStrategy[str]:
    pool = st.one_of(
        *(st.characters(min_codepoint=lo, max_codepoint=hi) for lo, hi in ranges),
        *([st.sampled_from(list(extra))] if extra else []),
    )
    return pool


KANJI = chars((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x3041, 0x3096), extra="々〆ヶ")
KANA = chars((0x3041, 0x3096), (0x30A1, 0x30FA), (0xFF66, 0xFF9D), extra="ーゝゞヽヾ　 ")


def name(max_size: int) -> st.SearchStrategy[str]:
    return st.text(KANJI, min_size=1, max_size=max_size)


def reading(max_size: int) -> st.SearchStrategy[str]:
    return st.text(KANA, min_size=1, max_size=max_size)


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from("0123456789"), min_size=n, max_size=n)


POSTAL_CODE = st.builds(
    "{}{}{}{}".format,
    st.sampled_from(["", "〒", "〒 "]),
    digits(3),
    st.sampled_from(["-", "", "－", "ー", " "]),
    digits(4),
).map(lambda s: s.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if "〒" in s else s)
PHONE = st.builds(
    "{}{}{}{}{}".format,
    st.sampled_from(["0", "+81", "０"]),
    digits(2),
    st.sampled_from(["-", "", " ", "（", ")"]),
    digits(4),
    st.one_of(digits(4), digits(3).map(lambda d: "-" + d)),
)
EMAIL = st.emails() | st.sampled_from(["hanako@example.jp", "a@b", "山田@例え.jp", "x@example.com\n"])

FILE_HEADS = {
    "pdf": b"%PDF-1.4\n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00",
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "exe": b"MZ\x90\x00",
    "html": b"<html><script>alert(1)</script>",
    "none": b"",
}


@st.composite
def upload(draw, field: str = "file"):
    """A file as a browser sends it: any name, content that is or pretends to be PDF/PNG/JPEG."""
    head = draw(st.sampled_from(sorted(FILE_HEADS)))
    body = FILE_HEADS[head] + draw(st.binary(max_size=2048))
    filename = draw(
        st.one_of(
            st.tuples(st.text(TEXT_CHAR, min_size=1, max_size=40), st.sampled_from([".pdf", ".png", ""])).map(
                "".join
            ),
            st.sampled_from(
                ["a.pdf", "../../etc/passwd", "poly.html", "evil.pdf.html", ".", "x" * 300 + ".pdf"]
            ),
        )
    )
    content_type = draw(
        st.sampled_from(["application/pdf", "image/png", "text/html", "application/octet-stream"])
    )
    filename = filename.replace("/", "_").strip(".") or "f"  # "." or "": a browser sends no file at all
    return SimpleUploadedFile(filename, body, content_type=content_type)


@st.composite
def form(draw, valid: dict, *, extra_keys=(), files: bool = True) -> dict:
    """Valid values for every field, then a few fields spoiled: garbage, missing, sent twice or as a file;
    sometimes an extra field the form does not have."""
    data = {field: draw(strategy) for field, strategy in valid.items()}
    spoiled = draw(st.lists(st.sampled_from(sorted(valid)), max_size=min(3, len(valid)), unique=True))
    for field in spoiled:
        how = draw(
            st.sampled_from(["garbage", "garbage", "missing", "twice", "file" if files else "garbage"])
        )
        if how == "garbage":
            data[field] = draw(GARBAGE)
        elif how == "missing":
            data[field] = MISSING
        elif how == "twice":
            data[field] = [draw(GARBAGE), draw(valid[field])]
        else:
            data[field] = draw(upload())
    for key in draw(st.lists(st.sampled_from([*extra_keys, "id", "status", "\x00", "x" * 100]), max_size=2)):
        data[key] = draw(GARBAGE)
    return {key: value for key, value in data.items() if value is not MISSING}


LANGUAGE = st.sampled_from(["ja", "en", "ja;q=0.5, en", "xx", ""])
