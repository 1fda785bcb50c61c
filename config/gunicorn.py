"""gunicorn's configuration: `gunicorn -c config/gunicorn.py config.wsgi`.

Read from the environment like the settings (see the README's configuration table). The access log
records the method, the path with any tracking token redacted, the status, the size and the time:
no query string, no Referer, no User-Agent.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from config.env import envint, envstr

bind = envstr("GUNICORN_BIND", f"127.0.0.1:{envint('PORT', 8000)}")
workers = envint("WEB_CONCURRENCY", 3)
timeout = envint("GUNICORN_TIMEOUT", 30)
graceful_timeout = timeout
max_requests = 1000  # a leak in one worker cannot grow for ever
max_requests_jitter = 100
logger_class = "config.gunicorn_logging.RedactingLogger"
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(L)ss'
# No runtime control socket (gunicornc): nothing here needs one, and two instances on one machine
# would otherwise share $HOME/.gunicorn/gunicorn.ctl.
control_socket_disable = True
