"""Test overrides only. Everything else comes from base.py and the environment."""

import os

# The stand-in is started before base.py reads REDIS_URL, so the channel layer, cache and Celery point
# at it. With REDIS_URL set (CI), the real Redis is used instead.
if not os.environ.get("REDIS_URL"):
    from workspace.redis_standin import start_redis_standin

    _standin, os.environ["REDIS_URL"] = start_redis_standin()

os.environ.setdefault("CHANNELS_PREFIX", f"roundtable-test-{os.getpid()}")
os.environ.setdefault("CACHE_PREFIX", f"roundtable-test-{os.getpid()}")
os.environ.setdefault("CELERY_QUEUE", f"roundtable-test-{os.getpid()}")

from .base import *  # noqa: F403
from .base import DATABASES, REST_FRAMEWORK

DEBUG = False
# Websocket tests touch the database from worker threads; persistent connections there would outlive
# the test and keep PostgreSQL from dropping the test database at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# API tests run jobs in-process when their transaction commits; the end-to-end tests start a real
# worker so the progress bar is exercised for real.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"login": "5/min", "login_client": "8/min", "password_reset": "3/hour"},
}
# Tests never run collectstatic; autorefresh skips WhiteNoise's start-up scan of STATIC_ROOT.
WHITENOISE_AUTOREFRESH = True
