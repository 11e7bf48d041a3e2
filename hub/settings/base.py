"""Settings shared by every environment.

Everything that differs between machines comes from the environment. The
variables, their types and defaults are declared here, in one place, and listed
in README.md.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hub.timezones import admin_time_zones

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None, *, cast=str, required=False):
    """Read one environment variable, cast it, or stop with a clear message."""
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(
                f"The environment variable {name} is required with these settings."
            )
        return default
    if cast is bool:
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if cast is list:
        return [item.strip() for item in value.split(",") if item.strip()]
    return cast(value)


def redis_database(url, number):
    """The same Redis server as ``url``, with another numbered database."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))


# --- Environment schema -----------------------------------------------------
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", "localactionhub_")
REDIS_URL = env("REDIS_URL")
EMAIL_URL_HOST = env("EMAIL_HOST")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static_collected")))
REGISTRATION_RETENTION_DAYS = env("REGISTRATION_RETENTION_DAYS", 180, cast=int)
# seed_demo builds demo users and pages; production.py turns it off.
DEMO_CONTENT_ALLOWED = True
DEMO_CREDENTIALS_FILE = Path(env("DEMO_CREDENTIALS_FILE", str(BASE_DIR / ".demo-credentials")))
MODERATORS_EMAIL = env("MODERATORS_EMAIL", "moderators@localactionhub.example")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Local Action Hub <no-reply@localactionhub.example>")
# Every public form: at most this many posts per client and form in the window.
FORM_RATE_LIMIT = (
    env("FORM_RATE_LIMIT_POSTS", 10, cast=int),
    env("FORM_RATE_LIMIT_SECONDS", 600, cast=int),
)
# ... and at most this many posts naming the same email address, whoever sends them.
RECIPIENT_RATE_LIMIT = (
    env("RECIPIENT_RATE_LIMIT_POSTS", 3, cast=int),
    env("RECIPIENT_RATE_LIMIT_SECONDS", 3600, cast=int),
)
# The proxies in front of the site (addresses or networks, e.g. "10.0.0.0/8"):
# only a request arriving from one of them may name its client in X-Forwarded-For.
TRUSTED_PROXIES = env("TRUSTED_PROXIES", [], cast=list)
# How long a link that confirms an email address stays valid.
EMAIL_CONFIRMATION_HOURS = env("EMAIL_CONFIRMATION_HOURS", 24, cast=int)
# Endorsements and submissions: personal data deleted this long after the decision.
PLEDGE_RETENTION_DAYS = env("PLEDGE_RETENTION_DAYS", 365, cast=int)
REJECTED_PLEDGE_RETENTION_DAYS = env("REJECTED_PLEDGE_RETENTION_DAYS", 30, cast=int)
# Sent emails (and their attachments) leave the outbox this long after sending.
OUTBOX_RETENTION_DAYS = env("OUTBOX_RETENTION_DAYS", 30, cast=int)
# True: the request that queues an email tries to send it right after its commit
# (the embedded default, with no worker). False: only the outbox worker sends.
OUTBOX_SEND_AFTER_COMMIT = env("OUTBOX_SEND_AFTER_COMMIT", not EMAIL_URL_HOST, cast=bool)

# --- Applications -----------------------------------------------------------
INSTALLED_APPS = [
    "hub",
    # "search" comes before "pledges" so that its demo creates the practice
    # library page, under which the campaign's demo adds the local actions.
    "search",
    "pledges",
    "events",
    "learning",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "post_office",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Before anything reads the request: a 400 for an unreadable charset or a NUL.
    "hub.input_guard.RejectUnreadableRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous GETs answered from the full-page cache (after auth: it must know who asks).
    "hub.pagecache.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # "Approved and published" after a moderator's workflow decision (Wagtail says nothing).
    "pledges.moderation.WorkflowDecisionMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# Each worker keeps its connection between requests (up to a minute, checked before
# reuse): opening one costs more than most pages' queries, on SQLite as on PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two requests
    # competing for the last seat queue instead of failing with "locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lah",
            "OPTIONS": {
                # A cache that does not answer within half a second is treated as down.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A cache is never a single point of failure: with Redis down, reads miss and
# writes are dropped (each logged), and pages and forms go on answering.
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# The full-page cache for anonymous visitors (hub/pagecache.py): how long a page is
# kept (it is invalidated on every change anyway), and the s-maxage a CDN or proxy
# in front may keep it (0 unless a purge is configured: see FRONTEND_CACHE_*).
PAGE_CACHE_ENABLED = env("PAGE_CACHE_ENABLED", True, cast=bool)
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS", 24 * 3600, cast=int)
# The rendered fragments every visitor shares ({% fragment %}: chrome, page content,
# listings per query), kept per content generation; off only to measure or debug.
FRAGMENT_CACHE_ENABLED = env("FRAGMENT_CACHE_ENABLED", True, cast=bool)
# A CDN or caching proxy in front (wagtail.contrib.frontend_cache, see hub/frontend_cache.py):
# publishing purges the page's addresses in every language.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx proxy_cache_purge, Fastly-style PURGE
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN", required=True),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID"):  # needs boto3 and AWS credentials in the environment
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }
# The addresses to purge are computed per language (translated slugs differ).
WAGTAILFRONTENDCACHE_LANGUAGES = []
PAGE_CACHE_SHARED_SECONDS = env(
    "PAGE_CACHE_SHARED_SECONDS", 300 if WAGTAILFRONTENDCACHE else 0, cast=int
)

# --- Search -----------------------------------------------------------------
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": ELASTICSEARCH_INDEX_PREFIX + "wagtail",
            "TIMEOUT": 10,
            "AUTO_UPDATE": True,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True}
    }

# --- Email ------------------------------------------------------------------
# Every email, Wagtail's own included, goes into the outbox (django-post-office)
# in the transaction that caused it; the transport below delivers it from there.
EMAIL_BACKEND = "post_office.EmailBackend"
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
if EMAIL_FILE_PATH:
    # Each message as a file: used by the browser tests, handy for local checks.
    EMAIL_TRANSPORT = "django.core.mail.backends.filebased.EmailBackend"
elif EMAIL_URL_HOST:
    EMAIL_TRANSPORT = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = EMAIL_URL_HOST
    EMAIL_PORT = env("EMAIL_PORT", 587, cast=int)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env("EMAIL_USE_TLS", True, cast=bool)
    EMAIL_TIMEOUT = env("EMAIL_TIMEOUT", 10, cast=int)
else:
    EMAIL_TRANSPORT = "django.core.mail.backends.console.EmailBackend"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_TRANSPORT},
    "DEFAULT_PRIORITY": "medium",
    # A failed delivery is retried this many times; the worker doubles the wait
    # after each failure, starting from RETRY_INTERVAL (see hub/outbox.py).
    "MAX_RETRIES": env("OUTBOX_MAX_RETRIES", 6, cast=int),
    "RETRY_INTERVAL": timedelta(minutes=1),
    "LOG_LEVEL": 1,
    "MESSAGE_ID_ENABLED": True,
    "BATCH_SIZE": 100,
}

# --- Passwords and auth -----------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its username and client address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login throttling: after this many failures for one username from one
# client, that pair is locked out for the cool-off period.
AXES_FAILURE_LIMIT = env("LOGIN_FAILURE_LIMIT", 5, cast=int)
AXES_COOLOFF_TIME = timedelta(minutes=env("LOGIN_COOLOFF_MINUTES", 15, cast=int))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "hub.ratelimit.client_ip_or_none"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password"]

# --- Browser policies ---------------------------------------------------------
# Public pages run only the site's own scripts and styles, and no one frames
# them. The admin (Wagtail's own scripts and previews) keeps Wagtail's defaults.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "hub" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# wagtail-localize: no machine translator by default (the site needs no
# outside service). See README for WAGTAILLOCALIZE_MACHINE_TRANSLATOR.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Local Action Hub"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILFORMS_HELP_TEXT_ALLOW_HTML = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "csv", "txt", "zip"]
WAGTAIL_MODERATION_ENABLED = True
# The admin in the site's four languages only (each name in its own language),
# time zones that are real places (common ones first: hub/timezones.py), and no
# avatars fetched from Gravatar (an outside service that would receive a hash of
# each editor's email address, and fails offline).
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
]
WAGTAIL_USER_TIME_ZONES = admin_time_zones()
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The image form explains alternative text and the focal point (hub/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "hub.image_forms.ImageForm"
WAGTAILSEARCH_HITS_MAX_AGE = 30
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "hub": {"level": "INFO"},
        "pledges": {"level": "INFO"},
        "events": {"level": "INFO"},
        "learning": {"level": "INFO"},
        "search": {"level": "INFO"},
    },
}

# --- Worker -------------------------------------------------------------------
# `manage.py run_worker` delivers the outbox every OUTBOX_POLL_SECONDS and runs
# these management commands at these intervals (seconds).
OUTBOX_POLL_SECONDS = env("OUTBOX_POLL_SECONDS", 5, cast=int)
WORKER_JOBS = [
    ("send_event_reminders", 60),
    ("expire_unconfirmed_registrations", 300),
    ("purge_registration_data", 24 * 3600),
    ("purge_pledge_data", 24 * 3600),
    ("cleanup_mail", 24 * 3600, {"days": OUTBOX_RETENTION_DAYS, "delete_attachments": True}),
]
