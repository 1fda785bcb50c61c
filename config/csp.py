"""The hash of a template's one inline <style>, for the Content-Security-Policy's style-src.

Django renders 500.html with no request and so with no nonce; its small stylesheet is allowed by its
hash instead, read from the template itself so that editing the template cannot break the page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path


def style_hash(template: Path) -> str:
    match = re.search(r"<style>(.*?)</style>", template.read_text(encoding="utf-8"), re.DOTALL)
    if match is None:
        raise ValueError(f"{template.name} has no <style> element")
    digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
