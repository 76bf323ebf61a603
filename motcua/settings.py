"""Settings for motcua, read from environment variables.

MOTCUA_ENV=production switches on the hardened mode that passes `check --deploy`;
anything else is development. DATABASE_URL picks the database (SQLite under var/ by default).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("MOTCUA_ENV", "development").strip().lower() == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when MOTCUA_ENV=production.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production-motcua"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

VAR_DIR = Path(os.environ.get("MOTCUA_VAR_DIR", BASE_DIR / "var"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"

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
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "treebeard",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "motcua.core",
    "motcua.organization",
    "motcua.accounts",
    "motcua.workdays",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.documents",
    "motcua.payments",
    "motcua.notifications",
    "motcua.reporting",
    "motcua.feedback",
    "motcua.sync",
    "motcua.supervision",
    "motcua.scorecard",
    "motcua.stats",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # The development server serves static files itself; WhiteNoise does it in production.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "motcua.urls"
WSGI_APPLICATION = "motcua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60" if PRODUCTION else "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a concurrent writer instead of failing at once (the dev server is threaded).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Repeated failed logins lock the account (by username) for a while.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locking by address too would lock a whole one-stop desk or school behind one NAT address;
# the account lock is what protects a password (docs/decisions/0001-foundation.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "motcua.accounts.lockout.lockout_response"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "motcua" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
FORMAT_MODULE_PATH = ["motcua.formats"]
USE_TZ = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "motcua.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "motcua.core.api.exception_handler.api_exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "motcua API",
    "DESCRIPTION": "API của hệ thống một cửa điện tử motcua / The motcua one-stop shop API.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI is served from the sidecar package: nothing is fetched from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DossierStatusEnum": "motcua.dossiers.workflow.Status.choices",
        "FeedbackStatusEnum": "motcua.feedback.workflow.Status.choices",
        "FeedbackActionEnum": "motcua.feedback.workflow.Action.choices",
        "FeedbackKindEnum": "motcua.feedback.models.FeedbackKind.choices",
        "RatingChannelEnum": "motcua.feedback.models.RatingChannel.choices",
        # Keeps the dossier channel's name now that another "channel" exists (ratings).
        "ChannelEnum": "motcua.dossiers.models.Channel.choices",
        "DossierOutcomeEnum": "motcua.dossiers.models.Outcome.choices",
        "ProcedureStatusEnum": "motcua.catalog.models.ProcedureStatus.choices",
        "ReportStatusEnum": "motcua.reporting.workflow.ReportStatus.choices",
        "ReportActionEnum": "motcua.reporting.workflow.Action.choices",
        "ReportFrequencyEnum": "motcua.reporting.periods.Frequency.choices",
        "ReportDeadlineRuleEnum": "motcua.reporting.periods.DeadlineRule.choices",
        "ReportDayOffShiftEnum": "motcua.reporting.periods.DayOffShift.choices",
        "ReportFieldKindEnum": "motcua.reporting.models.FieldKind.choices",
        "ReportAggregateEnum": "motcua.reporting.models.Aggregate.choices",
        "ReportDossierMetricEnum": "motcua.reporting.models.DossierMetric.choices",
        "PlanTaskStatusEnum": "motcua.reporting.models.TaskStatus.choices",
    },
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Office hours and the afternoon cut-off are defaults; the database may override them.
MOTCUA_DEMO_PASSWORD = "motcua-demo"

# A dossier's files may come base64-encoded in a JSON body (the API); per-file limits are
# checked by the services.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 120 * 1024 * 1024))

# Where the public pages live, for links printed on papers (QR codes of receipts and
# e-results), e.g. https://motcua.example.gov.vn/; empty: http://127.0.0.1:8000/.
MOTCUA_PUBLIC_URL = os.environ.get("PUBLIC_URL", "")

# Uploads (motcua.documents.uploads): limits per file, per dossier, and the largest image in
# pixels that may be decoded (a small file can hold a huge "image bomb").
MOTCUA_UPLOAD_MAX_FILE_BYTES = int(os.environ.get("UPLOAD_MAX_FILE_BYTES", 20 * 1024 * 1024))
MOTCUA_UPLOAD_MAX_DOSSIER_BYTES = int(os.environ.get("UPLOAD_MAX_DOSSIER_BYTES", 100 * 1024 * 1024))
MOTCUA_UPLOAD_MAX_IMAGE_PIXELS = int(os.environ.get("UPLOAD_MAX_IMAGE_PIXELS", 60_000_000))

# The agency's signing certificate for electronic results (PKCS#12 file and its password) and
# the certificates a signature must chain to to be trusted on the verification page. `make
# run` creates a local CA and an agency certificate under var/signing/ (manage.py
# make_signing_certificate); production points these at the agency's real certificate.
SIGNING_DIR = Path(os.environ.get("SIGNING_DIR", VAR_DIR / "signing"))
MOTCUA_SIGNING_P12 = Path(os.environ.get("SIGNING_P12", SIGNING_DIR / "agency.p12"))
MOTCUA_SIGNING_PASSWORD = os.environ.get("SIGNING_PASSWORD", "")
MOTCUA_SIGNING_TRUST_ROOTS = [
    Path(p)
    for p in os.environ.get("SIGNING_TRUST_ROOTS", str(SIGNING_DIR / "ca.pem")).split(",")
    if p
]

# Online payment (motcua.payments): VNPay's protocol 2.1.0. Outside production the local
# sandbox gateway plays VNPay (no network); production must set its own merchant code,
# secret and the gateway's URL (a system check refuses the demo secret).
DEMO_VNPAY_SECRET = "MOTCUA-DEMO-SANDBOX-SECRET-NOT-FOR-PRODUCTION"
MOTCUA_PAYMENT = {
    "PROVIDER": "vnpay",
    "VNPAY_TMN_CODE": os.environ.get("VNPAY_TMN_CODE", "MOTCUA01"),
    "VNPAY_HASH_SECRET": os.environ.get("VNPAY_HASH_SECRET", DEMO_VNPAY_SECRET),
    "VNPAY_PAYMENT_URL": os.environ.get(
        "VNPAY_PAYMENT_URL", "/cong-thanh-toan-thu-nghiem/paymentv2/vpcpay.html"
    ),
    # Absolute URLs; empty: built from the request's host.
    "VNPAY_RETURN_URL": os.environ.get("VNPAY_RETURN_URL", ""),
    "ORDER_TIMEOUT_MINUTES": int(os.environ.get("PAYMENT_ORDER_TIMEOUT_MINUTES", "15")),
    "SANDBOX": env_bool("PAYMENT_SANDBOX", not PRODUCTION),
    "SANDBOX_IPN_URL": os.environ.get("PAYMENT_SANDBOX_IPN_URL", ""),
}

# Supervision (issue 7). The procedure review lists procedures with no dossier for this many
# years (`?years=` overrides it); the II.06a report names this receiving unit (empty: the
# reporting unit's parent).
SUPERVISION_REVIEW_IDLE_YEARS = int(os.environ.get("SUPERVISION_REVIEW_IDLE_YEARS", "3"))
MOTCUA_STATISTICS_RECEIVER = os.environ.get("STATISTICS_RECEIVER", "")

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The national portal (DVCQG): where the outbox delivers. "local" is the stand-in inside the
# project (demo and tests; refused in production, where PORTAL_URL must be set).
MOTCUA_PORTAL = {
    "URL": os.environ.get("PORTAL_URL", "" if PRODUCTION else "local"),
    "TOKEN": os.environ.get("PORTAL_TOKEN", ""),
    "TIMEOUT": 10,
    "DELIVER_ON_COMMIT": True,
}
MOTCUA_PORTAL_STANDIN = not PRODUCTION
MOTCUA_SMS_PROVIDER = os.environ.get("SMS_PROVIDER", "motcua.notifications.sms.LoggingSmsProvider")
# E-mail: printed to the console unless a backend is configured (SMTP in production).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
