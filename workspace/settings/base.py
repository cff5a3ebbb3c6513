"""Settings for every way Roundtable runs, read from the environment.

Defaults give the embedded one-command run (SQLite in ./data, the Redis stand-in the runner starts);
production and CI set DATABASE_URL, REDIS_URL, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and
DJANGO_DEBUG=false. `.env.example` lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("ROUNDTABLE_DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
# The fallback key only exists so the embedded run works out of the box; `check --deploy` flags it.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-local-development-key-change-me")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "channels",
    "workspace",
    "groups",
    "advocacy",
    "policybank",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "workspace.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "workspace.urls"
ASGI_APPLICATION = "workspace.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "workspace" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "roundtable.sqlite3"),
            # WAL lets the web process read while the worker writes; IMMEDIATE takes the write lock at
            # BEGIN so two writers queue on the timeout instead of failing with "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer, cache, Celery ------------------------------------------------------
# In the embedded run the runner starts an in-process Redis stand-in and exports its URL here.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [REDIS_URL],
            "prefix": os.environ.get("CHANNELS_PREFIX", "roundtable"),
            # The default capacity of 100 drops messages silently under bursts (STACK.md).
            "capacity": 1500,
            "expiry": 30,
        },
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "roundtable"),
    }
}

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "roundtable")
# The daily notification digest goes out at this local time (TIME_ZONE, Asia/Phnom_Penh), "HH:MM".
NOTIFICATION_DIGEST_TIME = os.environ.get("NOTIFICATION_DIGEST_TIME", "07:00")
_digest_hour, _digest_minute = (int(part) for part in NOTIFICATION_DIGEST_TIME.split(":"))
CELERY_TIMEZONE = "Asia/Phnom_Penh"
CELERY_BEAT_SCHEDULE = {
    "notification-digests": {
        "task": "workspace.tasks.notification_digests_send",
        "schedule": crontab(hour=_digest_hour, minute=_digest_minute),
    },
    # Reminds organisations of actions due soon; hourly because it is idempotent (one reminder per
    # action per due date) and so a beat that was down catches up the same day.
    "action-reminders": {"task": "advocacy.tasks.action_reminders_send", "schedule": crontab(minute=15)},
    "job-sweeper": {"task": "workspace.tasks.jobs_sweep", "schedule": timedelta(seconds=60)},
    # Closes dot votes past their deadline whose scheduled closing task was lost (a worker restart).
    "dot-votes-close-overdue": {"task": "groups.tasks.dot_votes_close_overdue", "schedule": timedelta(seconds=60)},
    # Materialises live documents whose scheduled run was lost (a worker restart).
    "live-documents-sweep": {"task": "workspace.tasks.live_documents_sweep", "schedule": timedelta(seconds=60)},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
# A job whose worker has not reported for this long is considered dead and re-enqueued.
JOB_STALE_AFTER = timedelta(seconds=int(os.environ.get("JOB_STALE_AFTER_SECONDS", "120")))
JOB_MAX_ATTEMPTS = 3

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "workspace.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitations use the same link; three days to accept
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security for the deployed run (behind a TLS-terminating proxy) ------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The health check is plain HTTP from the container runtime, not from a browser.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("km", _("Khmer"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Phnom_Penh"
USE_I18N = True
USE_TZ = True

# --- Static files: the built front end is served by Django (WhiteNoise) ---------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.exists() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", DATA_DIR / "media"))


# Vite already puts a content hash in every asset name, so they may be cached forever.
def immutable_file_test(path: str, url: str) -> bool:
    return url.startswith(STATIC_URL + "assets/")


WHITENOISE_IMMUTABLE_FILE_TEST = immutable_file_test

# --- E-mail -----------------------------------------------------------------------------------
# Locally e-mails (invitations, password resets) are printed to the console; deployed, they go out by SMTP.
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS: dict[str, dict[str, Any]] = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Roundtable <noreply@roundtable.local>")
# Links in e-mails point here (the browser-facing origin).
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first so an unauthenticated request is answered 401 (with WWW-Authenticate), not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "workspace.api.pagination.StandardPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # How many proxies in front of the app append to X-Forwarded-For; 0 means the header is ignored,
    # so a client cannot pick the address its sign-in attempts are counted against.
    "NUM_PROXIES": int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0")),
    "DEFAULT_THROTTLE_RATES": {
        "login": os.environ.get("LOGIN_THROTTLE_RATE", "10/min"),
        "login_client": os.environ.get("LOGIN_CLIENT_THROTTLE_RATE", "30/min"),
        "password_reset": os.environ.get("PASSWORD_RESET_THROTTLE_RATE", "5/hour"),
    },
    "EXCEPTION_HANDLER": "workspace.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Roundtable API",
    "DESCRIPTION": "Working groups, advocacy agendas, reviews and the policy bank of an NGO network.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "workspace.models.OrganisationKind",
        "JobKindEnum": "workspace.models.JobKind",
        # A person's role in the workspace and in a working group are both fields named "role".
        "RoleEnum": "workspace.models.Role",
        "GroupRoleEnum": "groups.models.GroupRole",
        "ImportKindEnum": [("organisations", "Organisations"), ("people", "People")],
        # Jobs and meetings both have a "status", agenda items and organisations both a "kind".
        "StatusEnum": "workspace.models.JobStatus",
        "MeetingStatusEnum": "groups.models.MeetingStatus",
        "AgendaItemKindEnum": "groups.models.AgendaItemKind",
        # Problem trees and agendas have a "kind" and "status" too; risks rate likelihood and impact alike.
        "TreeKindEnum": "advocacy.models.TreeKind",
        "TreeStatusEnum": "advocacy.models.TreeStatus",
        "NodeKindEnum": "advocacy.models.NodeKind",
        "AgendaStatusEnum": "advocacy.models.AgendaStatus",
        "ActionStatusEnum": "advocacy.models.ActionStatus",
        "RiskLevelEnum": "advocacy.models.RiskLevel",
        # An agenda's sections are named by its ready marks, review comments, missing sections and diffs.
        "AgendaSectionEnum": "advocacy.api.serializers.SECTION_CHOICES",
        "SubmissionStatusEnum": "advocacy.models.SubmissionStatus",
        "ReviewDecisionEnum": "advocacy.models.ReviewDecision",
        "CommentResponseEnum": "advocacy.models.CommentResponse",
        "DiffOpEnum": [("equal", "equal"), ("insert", "insert"), ("delete", "delete")],
        "SectionDiffKindEnum": [("prose", "prose"), ("methods", "methods"), ("rows", "rows")],
        # Policy-bank documents have a "kind" and a "visibility" too.
        "DocumentKindEnum": "policybank.models.DocumentKind",
        # Group sessions and dot votes share "open"/"closed"; the session and live commands both have an "action".
        "SessionStatusEnum": "groups.models.SessionStatus",
        "SessionStepEnum": "groups.models.SessionStep",
        "ParkingDispositionEnum": "groups.models.ParkingDisposition",
        "SessionCommandActionEnum": "groups.services.sessions.SESSION_COMMAND_ACTIONS",
        # The live run state's spotlight has a "kind" too.
        "SpotlightKindEnum": "groups.services.live.SPOTLIGHT_KIND_CHOICES",
        # A working group and a policy-bank document both have a "visibility".
        "VisibilityEnum": "groups.models.Visibility",
        "DocumentVisibilityEnum": "policybank.models.DocumentVisibility",
    },
}

IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "5000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024

# Policy bank files: checked by content at upload; text is extracted in a child process with its own limits.
POLICY_FILE_MAX_BYTES = int(os.environ.get("POLICY_FILE_MAX_BYTES", str(25 * 1024 * 1024)))
# DOCX/XLSX are ZIP archives: refuse ones that unpack to more than this, or by more than this ratio.
POLICY_FILE_MAX_UNPACKED_BYTES = int(os.environ.get("POLICY_FILE_MAX_UNPACKED_BYTES", str(200 * 1024 * 1024)))
POLICY_FILE_MAX_COMPRESSION_RATIO = int(os.environ.get("POLICY_FILE_MAX_COMPRESSION_RATIO", "100"))
POLICY_IMAGE_MAX_PIXELS = int(os.environ.get("POLICY_IMAGE_MAX_PIXELS", str(50_000_000)))
POLICY_EXTRACT_TIMEOUT_SECONDS = float(os.environ.get("POLICY_EXTRACT_TIMEOUT_SECONDS", "120"))
POLICY_EXTRACT_MAX_MEMORY_BYTES = int(os.environ.get("POLICY_EXTRACT_MAX_MEMORY_BYTES", str(1024 * 1024 * 1024)))
POLICY_BODY_TEXT_MAX_CHARS = int(os.environ.get("POLICY_BODY_TEXT_MAX_CHARS", "2000000"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
