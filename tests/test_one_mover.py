"""One function changes an inquiry's status: the code holds no other write of `status`, and `inquiries`
moves cases through verbs that call their side effects, not through model signals."""

from __future__ import annotations

import ast
import weakref
from pathlib import Path

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

ROOT = Path(__file__).resolve().parent.parent
THE_MOVER = ("inquiries/services/workflow.py", "_move")
# Writes of another model's `status`, by module and the expression written to. A queryset or
# constructor of another model (`Notification.objects...update(status=...)`) is recognised by its
# class name and needs no entry here.
OTHER_MODELS = {
    ("inquiries/services/candidates.py", "locked"): "CandidateMatch",
    ("inquiries/notifications/manual.py", "notification"): "Notification",
    ("inquiries/notifications/manual.py", "fields"): "Notification (the UPDATE's values)",
}
WRITING_CALLS = {"update", "create", "get_or_create", "update_or_create", "bulk_update"}


def project_modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        top = relative.split("/", 1)[0]
        if top in {".venv", "var", "tests", "node_modules"} or "/migrations/" in relative:
            continue
        yield relative, ast.parse(path.read_text(), filename=relative)


def _is_status(node) -> bool:
    return isinstance(node, ast.Constant) and node.value == "status"


def _root(node) -> str:
    """The name a chain such as `Notification.objects.filter(...).update` starts from."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _of_another_model(root: str) -> bool:
    return root[:1].isupper() and root != "Inquiry"


def status_writes(tree: ast.AST):
    """(line, enclosing function, written expression, what) for each write of a `status` in one module."""
    found = []

    def visit(node, function):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr == "status":
                    found.append((node.lineno, function, ast.unparse(part.value), ".status ="))
        if isinstance(node, ast.Call) and not _of_another_model(_root(node.func)):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            written = ast.unparse(node.func.value) if isinstance(node.func, ast.Attribute) else name
            keywords = {k.arg for k in node.keywords}
            if name in WRITING_CALLS | {"Inquiry"} and "status" in keywords:
                found.append((node.lineno, function, written, f"{name}(status=...)"))
            if name in {"get_or_create", "update_or_create"}:
                for k in node.keywords:
                    if (
                        k.arg == "defaults"
                        and isinstance(k.value, ast.Dict)
                        and any(map(_is_status, k.value.keys))
                    ):
                        found.append((node.lineno, function, written, f"{name}(defaults={{'status': ...}})"))
            if name == "setattr" and len(node.args) > 1 and _is_status(node.args[1]):
                found.append(
                    (node.lineno, function, ast.unparse(node.args[0]), 'setattr(..., "status", ...)')
                )
            if name == "bulk_update" and any(_is_status(e) for a in node.args for e in ast.walk(a)):
                found.append((node.lineno, function, written, 'bulk_update(..., ["status"])'))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, None)
    return found


def test_it_changes_an_inquirys_status_only_in_the_one_mover():
    stray = []
    for module, tree in project_modules():
        for line, function, written, what in status_writes(tree):
            if (module, function) != THE_MOVER and (module, written) not in OTHER_MODELS:
                stray.append(f"{module}:{line} in {function}: {written}{what}")
    assert stray == [], "status written outside inquiries.services.workflow._move:\n" + "\n".join(stray)


def test_the_scan_finds_each_kind_of_status_write():
    source = """
def f(inquiry, qs):
    inquiry.status = "closed"
    a.status, b = 1, 2
    qs.filter(pk=1).update(status="closed")
    Inquiry.objects.create(reference="x", status="closed")
    Inquiry(status="closed")
    Inquiry.objects.update_or_create(pk=1, defaults={"status": "closed"})
    setattr(inquiry, "status", "closed")
    Inquiry.objects.bulk_update([inquiry], ["status"])
    qs.filter(status="closed").update(note="")  # a read: not a write
    Notification.objects.filter(pk=1).update(status="sent")  # another model's status
"""
    assert [line for line, *_ in status_writes(ast.parse(source))] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert THE_MOVER[1] in {n.name for n in ast.walk(ast.parse((ROOT / THE_MOVER[0]).read_text()))
                            if isinstance(n, ast.FunctionDef)}  # fmt: skip


def _seen_by_the_scan(**kwargs) -> None:
    """A receiver of this module, connected while the scan runs: shows that it sees receivers."""


def test_no_model_signal_receiver_lives_in_the_apps():
    post_save.connect(_seen_by_the_scan, dispatch_uid="seen_by_the_scan")
    try:
        receivers = [
            entry[1]
            for signal in (pre_save, post_save, pre_delete, post_delete, m2m_changed)
            for entry in signal.receivers
        ]
    finally:
        post_save.disconnect(dispatch_uid="seen_by_the_scan")
    receivers = [r() if isinstance(r, weakref.ReferenceType) else r for r in receivers]
    modules = {getattr(r, "__module__", "") or "" for r in receivers}
    assert __name__ in modules
    # Neither the cases nor the archive records (audited explicitly by archive.services and the import).
    assert not {m for m in modules if m.split(".")[0] in {"inquiries", "archive", "audit"}}
