"""Fast settings for the test suite: same apps and database engine as production."""

from .base import *  # noqa: F403
from .base import env, redis_database

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The outbox delivers into Django's test outbox (``django.core.mail.outbox``),
# right after the commit of the transaction that queued the email.
POST_OFFICE = {**POST_OFFICE, "BACKENDS": {"default": EMAIL_BACKEND}}  # noqa: F405
OUTBOX_SEND_AFTER_COMMIT = True
# Tests run inside transactions that never commit, so the cache would never be
# invalidated: the page cache is off unless a test turns it on (tests/hub/test_pagecache.py).
PAGE_CACHE_ENABLED = env("PAGE_CACHE_ENABLED", False, cast=bool)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env("TEST_MEDIA_ROOT", "/tmp/localactionhub-test-media")  # noqa: S108
WAGTAILADMIN_BASE_URL = "http://testserver"
if env("REDIS_URL"):
    # Each pytest-xdist worker gets its own Redis database (10, 11 ...): tests
    # clear the cache, and two workers must not clear or read each other's keys.
    _worker = int(env("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    CACHES["default"]["LOCATION"] = redis_database(env("REDIS_URL"), 10 + _worker)  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Static files come from the apps' folders; no collectstatic needed.
STATIC_ROOT = None

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The tests check behaviour, not durability: a commit need not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
