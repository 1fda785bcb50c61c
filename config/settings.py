"""Settings for the internee inquiry service, driven by the environment.

Every variable is read through a small typed helper that fails loudly: a value
that cannot be understood stops start-up with a message naming the variable.
See the configuration table in README.md.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.csp import style_hash
from config.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = envbool("DEBUG", False)
TESTING = envbool("TESTING", False)
SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-not-for-production-use-0123456789"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for development).")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "audit",
    "archive",
    "inquiries",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "accounts",
]
if DEBUG or TESTING:  # the demo data and the synthetic archive generator: never in production
    INSTALLED_APPS.append("devdata")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.headers.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "config.badinput.BadInputMiddleware",  # NUL and control characters: 400, never 500
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into its page
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: PostgreSQL through psycopg 3 when DATABASE_URL is set, else a SQLite file.
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    import dj_database_url

    if not DATABASE_URL.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured("DATABASE_URL must start with postgres://, postgresql:// or sqlite://")
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60))}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint("DB_CONNECT_TIMEOUT", 5)
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery broker and Django cache. Unset: tasks run in-process, local-memory cache.
REDIS_URL = envstr("REDIS_URL", "")
REDIS_SOCKET_TIMEOUT = envint("REDIS_SOCKET_TIMEOUT", 2)
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured("REDIS_URL must start with redis:// or rediss://")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", "internees"),
            "OPTIONS": {
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery (namespace CELERY). Visibility timeout must stay above every retry countdown.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_VISIBILITY_TIMEOUT = envint("CELERY_VISIBILITY_TIMEOUT", 900)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_timeout": REDIS_SOCKET_TIMEOUT,
    "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
    "max_retries": 1,
}
# A refused connection must fail at once, not after kombu's default 2 s pause before its one retry:
# a web request may publish twice (matching, notifications) and must answer within seconds.
CELERY_BROKER_TRANSPORT_OPTIONS.update({"interval_start": 0, "interval_step": 0.2, "interval_max": 0.5})
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_TASK_PUBLISH_RETRY = False
# Celery's Django fixup closes the database connection before and after every task unless this is
# set, so each short task paid for a new PostgreSQL connection. With it, connections are closed
# every 1,000 tasks, and before each task when broken or older than CONN_MAX_AGE
# (config.celery connects django.db.close_old_connections to task_prerun and task_postrun).
CELERY_DB_REUSE_MAX = envint("CELERY_DB_REUSE_MAX", 1000)
CELERY_TIMEZONE = "Asia/Tokyo"
CELERY_BEAT_SCHEDULE: dict = {}

# E-mail: SMTP when EMAIL_HOST is set, else files under var/mail/ to read in the demo.
EMAIL_HOST = envstr("EMAIL_HOST", "")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "noreply@internees.example.jp")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 25)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# A case is overdue when its status has not changed for this many days (half as many while it waits
# for the family): the queue's flag and filter, the dashboard and the staff digest (Inquiry.objects.overdue).
OVERDUE_DAYS = envint("OVERDUE_DAYS", 30)
if "NOTIFY_OVERDUE_DAYS" in os.environ:  # the former name: refuse it rather than ignore it
    raise ImproperlyConfigured("NOTIFY_OVERDUE_DAYS is now OVERDUE_DAYS (queue, dashboard and digest).")
if OVERDUE_DAYS < 1:
    raise ImproperlyConfigured("OVERDUE_DAYS must be at least 1.")

# Notifications (outbox in inquiries.Notification, sent by inquiries.tasks). Every retry countdown and
# the sending lease must stay below the broker visibility timeout, or a waiting task is delivered twice.
NOTIFY_SWEEP_SECONDS = envint("NOTIFY_SWEEP_SECONDS", 180)  # re-queue rows still pending after this
NOTIFY_LEASE_SECONDS = envint("NOTIFY_LEASE_SECONDS", 120)  # a 'sending' row is left alone this long
NOTIFY_MAX_ATTEMPTS = envint("NOTIFY_MAX_ATTEMPTS", 8)
NOTIFY_RETRY_BASE_SECONDS = envint("NOTIFY_RETRY_BASE_SECONDS", 60)  # 60, 120, 240, ... capped below
NOTIFY_RETRY_MAX_SECONDS = envint("NOTIFY_RETRY_MAX_SECONDS", 600)
NOTIFY_REMINDER_DAYS = envint("NOTIFY_REMINDER_DAYS", 14)
# A family's replies per tracking link in any 24 hours, and the bytes of documents they may carry.
FAMILY_REPLY_LIMIT = envint("FAMILY_REPLY_LIMIT", 5)
FAMILY_REPLY_UPLOAD_LIMIT = envint("FAMILY_REPLY_UPLOAD_LIMIT", 20 * 1024 * 1024)
NOTIFY_MESSAGE_ID_DOMAIN = envstr("NOTIFY_MESSAGE_ID_DOMAIN", "internees.example.jp")
# Family pages: limits per client address, read through TRUSTED_PROXY_COUNT proxies in front of the
# site (0: REMOTE_ADDR; N: the Nth address from the right of X-Forwarded-For). See the README.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
FAMILY_LIMIT_WINDOW_SECONDS = envint("FAMILY_LIMIT_WINDOW_SECONDS", 3600)  # each count runs this long
FAMILY_SUBMIT_LIMIT = envint("FAMILY_SUBMIT_LIMIT", 10)  # inquiries sent per address per window
FAMILY_TRACKING_LIMIT = envint("FAMILY_TRACKING_LIMIT", 20)  # wrong status links per address per window
# Uploads on family pages: one request's body, and all the files one unfinished inquiry keeps.
FAMILY_REQUEST_MAX_BYTES = envint("FAMILY_REQUEST_MAX_BYTES", 32 * 1024 * 1024)
FAMILY_DRAFT_UPLOAD_LIMIT = envint("FAMILY_DRAFT_UPLOAD_LIMIT", 25 * 1024 * 1024)
# An unfinished inquiry and its files are deleted this long after it was started (or with the session).
FAMILY_DRAFT_MAX_AGE_SECONDS = envint("FAMILY_DRAFT_MAX_AGE_SECONDS", 4 * 60 * 60)
# The receipt page shows what was sent (personal data) for this long after sending, then only a note.
FAMILY_RECEIPT_SECONDS = envint("FAMILY_RECEIPT_SECONDS", 30 * 60)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
for _name in ("FAMILY_LIMIT_WINDOW_SECONDS", "FAMILY_SUBMIT_LIMIT", "FAMILY_TRACKING_LIMIT",
              "FAMILY_REQUEST_MAX_BYTES", "FAMILY_DRAFT_UPLOAD_LIMIT", "FAMILY_DRAFT_MAX_AGE_SECONDS",
              "FAMILY_RECEIPT_SECONDS"):  # fmt: skip
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")
for _name, _seconds in [
    ("NOTIFY_RETRY_MAX_SECONDS", NOTIFY_RETRY_MAX_SECONDS),
    ("NOTIFY_LEASE_SECONDS", NOTIFY_LEASE_SECONDS),
]:
    if not 0 < _seconds < CELERY_VISIBILITY_TIMEOUT:
        raise ImproperlyConfigured(
            f"{_name} must be above 0 and below CELERY_VISIBILITY_TIMEOUT ({CELERY_VISIBILITY_TIMEOUT})."
        )
if NOTIFY_LEASE_SECONDS <= EMAIL_TIMEOUT:
    raise ImproperlyConfigured("NOTIFY_LEASE_SECONDS must be above EMAIL_TIMEOUT.")
# APPI: a finished case (closed, withdrawn, duplicate, or answered with no word from the family since)
# keeps the applicant's personal data this many days after its last activity, unless the manager sets
# another period in the admin (inquiries.RetentionPolicy); then it is erased by a daily task.
RETENTION_DAYS = envint("RETENTION_DAYS", 5 * 365)
if RETENTION_DAYS < 30:
    raise ImproperlyConfigured("RETENTION_DAYS must be at least 30.")
CELERY_BEAT_SCHEDULE["retention-erase"] = {
    "task": "inquiries.erase_expired_personal_data",
    "schedule": crontab(hour=3, minute=30),
}
CELERY_BEAT_SCHEDULE.update(
    {
        "notifications-sweep": {
            "task": "inquiries.sweep_notifications",
            "schedule": float(NOTIFY_SWEEP_SECONDS),
        },
        "notifications-reminders": {"task": "inquiries.send_reminders", "schedule": 3600.0},
        "notifications-staff-digest": {
            "task": "inquiries.send_staff_digest",
            "schedule": crontab(hour=8, minute=0),
        },
        "family-drafts-cleanup": {"task": "inquiries.clear_expired_drafts", "schedule": 900.0},
    }
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("英語"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded documents are private: stored outside any served directory.
PRIVATE_MEDIA_ROOT = Path(envstr("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10  # the family forms have at most three file fields
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "admin:login"

# Staff sign-in (accounts/, README "Staff sign-in"). django-axes pauses sign-in for one username
# from one address after STAFF_LOCKOUT_FAILURES wrong passwords in a row, for STAFF_LOCKOUT_MINUTES;
# the address is the one the rate limits use. Unlock early: `manage.py axes_reset_username <name>`.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = envint("STAFF_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("STAFF_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
CLIENT_ADDRESS_CALLABLE = "inquiries.ratelimit.client_address"  # through TRUSTED_PROXY_COUNT proxies
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"  # that address, or None if it is not an IP
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time the locked-out page gives stays true
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit trail (accounts.signals), kept once
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False  # no start-up banner on every manage.py command
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME <= timedelta(0):
    raise ImproperlyConfigured("STAFF_LOCKOUT_FAILURES and STAFF_LOCKOUT_MINUTES must be at least 1.")
# A second factor (TOTP, django-otp) for every account: enrolled at the first sign-in. Off only for
# the demo (`make run`); `manage.py check --deploy` warns while it is off.
STAFF_OTP_REQUIRED = envbool("STAFF_OTP_REQUIRED", True)
OTP_TOTP_ISSUER = envstr("STAFF_OTP_ISSUER", "抑留者調査 照会管理")
# A staff session ends after this many seconds without a request, and this many after signing in.
STAFF_IDLE_TIMEOUT = envint("STAFF_IDLE_TIMEOUT", 30 * 60)
STAFF_SESSION_MAX_AGE = envint("STAFF_SESSION_MAX_AGE", 8 * 60 * 60)
if not 0 < STAFF_IDLE_TIMEOUT <= STAFF_SESSION_MAX_AGE:
    raise ImproperlyConfigured("STAFF_IDLE_TIMEOUT must be above 0 and at most STAFF_SESSION_MAX_AGE.")

# Security: strict by default when DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True  # read by Django only
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 4)
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"  # "strict-origin" where a token is in the URL (config.headers)
# Messages live in the session, not in a cookie: a staff-entered inquiry's tracking link must not
# travel in a cookie (the messages cookie is signed, not encrypted).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Content-Security-Policy (django-csp): only this site's own scripts, styles and images; an inline
# script or style needs the request's nonce ({{ CSP_NONCE }}); 500.html's style is allowed by its hash.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE, style_hash(BASE_DIR / "templates" / "500.html")],
        "img-src": [SELF, "data:"],  # Bootstrap's and the admin's icons drawn from data: URLs
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler redacts tracking tokens (config.logfilters); Django's loggers are routed through them.
    "filters": {"redact_tokens": {"()": "config.logfilters.RedactTokens"}},
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_tokens"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_tokens"],
        },
    },
    "loggers": {
        "django": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO"), "propagate": False},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}
