"""Settings for Quarterly. Every value comes from the environment, with safe defaults for the demo.

See the README's "Configuration" section for the full list of variables.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from config.env import env_bool, env_choice, env_date, env_ip, env_list, env_str
from config.production import production_guard

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("QUARTERLY_DATA_DIR", str(Path.cwd() / ".quarterly"))).resolve()

# "production" makes Quarterly refuse to start with settings only fit for a demo on one's own
# machine (config/production.py lists them); anything else is a demo or development.
QUARTERLY_ENVIRONMENT = env_choice(
    "QUARTERLY_ENVIRONMENT", "development", {"development", "production"}
)
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if QUARTERLY_ENVIRONMENT == "production":
    production_guard(
        debug=DEBUG, secret_key=SECRET_KEY or None, allowed_hosts=ALLOWED_HOSTS or None
    )
if not SECRET_KEY:
    # The demo needs no configuration: keep a random key in the data directory so sessions
    # survive restarts. Production sets SECRET_KEY (or SECRET_KEY_FILE).
    from config.env import secret_key_from_data_dir

    SECRET_KEY = secret_key_from_data_dir(DATA_DIR)
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # quarterly.web comes before allauth so its templates replace allauth's.
    "quarterly.web",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "quarterly.core",
    "quarterly.organisation",
    "quarterly.places",
    "quarterly.register",
    "quarterly.collection",
    "quarterly.benchmarking",
    "quarterly.exchange",
    "quarterly.reports",
    "quarterly.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "quarterly.web.caching.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "quarterly.web.context_processors.site",
            ],
        },
    },
]

SQLITE_OPTIONS = {
    # DESIGN.md "Architecture": with these settings 40 concurrent submitters saw no
    # "database is locked"; with Django's defaults, half their requests failed.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}

DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "quarterly.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
            # Tests use a file, not shared-cache memory: shared cache locks whole tables and
            # ignores the busy timeout, so concurrency tests would not test the real settings.
            "TEST": {"NAME": str(DATA_DIR / "test_quarterly.sqlite3")},
        }
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    for key, value in SQLITE_OPTIONS.items():
        DATABASES["default"]["OPTIONS"].setdefault(key, value)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisation.Person"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth: sign in by email; no public sign-up (the performance team creates accounts).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "quarterly.organisation.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
# Rate limits are per account and per IP *and* account, so one office behind a single
# address is never locked out together.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOGIN_REDIRECT_URL = "web:home"
LOGIN_URL = "account_login"
ACCOUNT_LOGOUT_REDIRECT_URL = "web:home"

# Background work (reminders, long imports) runs through django-tasks with its database
# backend: no broker. Run a worker with `quarterly db_worker`; tests use the immediate backend.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only `collectstatic` needs STATIC_ROOT; Quarterly serves static files straight from the package.
STATIC_ROOT = env_str("STATIC_ROOT", "") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the package: `quarterly serve` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Upload limits: refuse oversized files before any parser sees them.
QUARTERLY_MAX_UPLOAD_BYTES = int(env_str("QUARTERLY_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = QUARTERLY_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = QUARTERLY_MAX_UPLOAD_BYTES

# The business date Quarterly works to (deadlines, open cycles, what is due). Unset: the real
# date in TIME_ZONE. Set it (2025-07-20) to run a demo or a rehearsal on a chosen day.
QUARTERLY_TODAY = env_date("QUARTERLY_TODAY")
QUARTERLY_COUNCIL_NAME = env_str("QUARTERLY_COUNCIL_NAME", "Leeds City Council")
# A council's own Word template for committee reports (a .docx with the built-in styles);
# empty uses the one shipped in quarterly/reports/templates/reports/.
QUARTERLY_REPORT_DOCX_TEMPLATE = env_str("QUARTERLY_REPORT_DOCX_TEMPLATE", "")

# Reminders and escalation (`quarterly remind`, run daily): key contacts are reminded this many
# days before a submission deadline, on the day and when overdue; overdue results are escalated
# to the directorate team and then to the performance team after these many days.
QUARTERLY_REMINDER_DAYS_BEFORE = int(env_str("QUARTERLY_REMINDER_DAYS_BEFORE", "5"))
QUARTERLY_ESCALATE_DIRECTORATE_DAYS = int(env_str("QUARTERLY_ESCALATE_DIRECTORATE_DAYS", "2"))
QUARTERLY_ESCALATE_PERFORMANCE_DAYS = int(env_str("QUARTERLY_ESCALATE_PERFORMANCE_DAYS", "7"))
# Separation of duties: whoever submits a result cannot also sign it off, unless this is on.
ALLOW_SELF_SIGN_OFF = env_bool("ALLOW_SELF_SIGN_OFF", False)
# The address people use to reach Quarterly, for links in emails.
QUARTERLY_BASE_URL = env_str("QUARTERLY_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "quarterly@localhost")

BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
# Behind the proxy, `quarterly serve` believes X-Forwarded-Proto, -For and -Host only from this
# address ("*" for any peer) and removes them from every other request, so a client that reaches
# the server directly cannot claim HTTPS or another address.
TRUSTED_PROXY = env_ip("TRUSTED_PROXY", "127.0.0.1", allow_any=True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): pages load scripts, styles, images and fonts only from
# Quarterly itself, and nothing inline: no inline <script>, <style> or style="", so no
# 'unsafe-inline' (docs/security.md). Charts are inline SVG, which needs no img-src.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): the browser features a council's performance
# system never uses are denied to every page and frame. Passkeys stay with Quarterly itself, for
# sign-in with a security key. Only features Chromium knows are listed: it logs an error for
# any other. "unload" stays allowed: the Django admin's scripts listen for it.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "captured-surface-control",
        "clipboard-read", "clipboard-write", "compute-pressure", "digital-credentials-create",
        "digital-credentials-get", "display-capture", "encrypted-media", "fullscreen", "gamepad",
        "geolocation", "gyroscope", "hid", "identity-credentials-get", "idle-detection",
        "interest-cohort", "keyboard-map", "language-detector", "language-model", "local-fonts",
        "local-network-access", "magnetometer", "microphone", "midi",
        "on-device-speech-recognition", "otp-credentials", "payment", "picture-in-picture",
        "private-state-token-issuance", "private-state-token-redemption", "screen-wake-lock",
        "serial", "speaker-selection", "storage-access", "summarizer", "sync-xhr", "translator",
        "usb", "window-management", "xr-spatial-tracking",
    )
}  # fmt: skip
PERMISSIONS_POLICY |= {
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
