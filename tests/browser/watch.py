"""Hooks that see what a page did: Content-Security-Policy violations (a `securitypolicyviolation`
listener added with add_init_script on every page of a context) and any script that ran where it
should not (a dialog opened, or a line written to the console by an injected payload)."""

from __future__ import annotations

CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__reportViolation(`${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || "-"}`
    + ` at ${e.sourceFile || "-"}:${e.lineNumber} sample=${e.sample || "-"}`);
});
"""


class Watch:
    def __init__(self, context):
        self.violations: list[str] = []
        self.scripts: list[str] = []
        self.pages = 0
        context.expose_function("__reportViolation", self._violation)
        context.add_init_script(CSP_LISTENER)

    def _violation(self, text: str) -> None:
        self.violations.append(text)

    def page(self, context):
        page = context.new_page()
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("load", self._loaded)
        return page

    def _dialog(self, dialog):
        self.scripts.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _console(self, message):
        if "xss" in message.text:
            self.scripts.append(f"console: {message.text}")

    def _loaded(self, page):
        self.pages += 1
