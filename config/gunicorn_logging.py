"""gunicorn's logger for this service: no tracking token, no query string and no Referer in its logs.

The request line is built from the path alone (the query string is left out), every atom is
redacted (config.logfilters), and the Referer is never recorded, whatever access_log_format says:
a page reached from a status page would otherwise carry its token in that header. The error log
("Error handling request /inquiries/status/...") goes through the same filter.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from config.logfilters import RedactTokens, redact

_DROPPED = {"f": "-", "{referer}i": "-", "q": "", "{query_string}e": "", "{http_referer}e": "-"}


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["r"] = (
            f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '')} {environ['SERVER_PROTOCOL']}"
        )
        atoms.update(_DROPPED)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}
