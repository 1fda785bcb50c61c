"""The audit trail of the whole project: who changed what, when, from what to what, and why.

One trail for cases, candidate matches and archive records. Each verb that changes something
writes its entry explicitly, in the transaction that makes the change (`audit.trail`); an import
writes one entry per record it changes, in bulk. Nothing is written through model signals.

Why a table of our own rather than a library: django-pghistory needs PostgreSQL triggers, and the
suite also runs on SQLite (the README's `make test`), so the trail would differ by backend;
django-simple-history writes a whole copy of the row through model signals (hidden side effects),
cannot record reads (views, downloads), and its revert form changed records outside the one edit
path. This app is the bottom layer: it imports neither archive nor inquiries.
"""
