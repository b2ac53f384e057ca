"""Django settings, every one of them read from the environment (see README: Settings)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from answerable.env import env_bool, env_int, env_list, env_str, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
# The checkout's `.env` (written by `make run`; ANSWERABLE_ENV_FILE names another, or none
# when empty), under the environment: see README, Settings.
ENV_FILE = load_env_file(BASE_DIR / ".env")
VAR_DIR = Path(env_str("ANSWERABLE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")

# The key of the keyed pseudonym of source-system person identifiers (register/pseudonym.py).
# Changing it breaks the link between a person's records imported before and after, so
# production must set it explicitly and keep it secret, apart from the database.
PSEUDONYM_KEY = env_str("ANSWERABLE_PSEUDONYM_KEY", "dev-only-pseudonym-key" if DEBUG else "")
if not PSEUDONYM_KEY:
    raise ImproperlyConfigured("ANSWERABLE_PSEUDONYM_KEY must be set when DEBUG is off")

# The installation's own force: the default of the interchange formats' `force` column.
ANSWERABLE_FORCE = env_str("ANSWERABLE_FORCE", "Police Scotland")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "answerable.web",  # first: its templates (errors, sign-in) override the framework's
    "answerable.web.admin_app.AnswerableAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "simple_history",
    "answerable.register",
    "answerable.interchange",
    "answerable.answers",
    "answerable.casework",
    "answerable.mail",
    "answerable.disclosure_log",
    "answerable.statistics_releases",
    "answerable.clock",
    "answerable.roles",
    "answerable.audit",
    "answerable.dashboard",
    "answerable.api",
    "answerable.backup",
    "answerable.retention",
    "answerable.demo",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (GOV.UK Frontend and the built stylesheet) served by the application
    # itself, compressed and cached for ever under hashed names; see README: Production.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The s62 audit trail's actor: the signed-in user of the request.
    "answerable.audit.actor.AuditActorMiddleware",
    # Records which staff user made each change in a register record's history (s62 DPA 2018).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Cache-Control: no-store on every page with personal data (web/no_store.py).
    "answerable.web.no_store.NoStoreMiddleware",
    # A busy database is a 503 with Retry-After, never a 500 (web/busy.py).
    "answerable.web.busy.BusyDatabaseMiddleware",
    # Throttles failed sign-ins (django-axes): last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user is refused before their password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "answerable.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # An authority's own versions of the e-mails it sends (mail/acknowledgement.txt,
        # casework/dispatch_response.txt), found before the ones shipped (README: Mail).
        "DIRS": env_list("ANSWERABLE_TEMPLATE_DIRS", []),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "answerable.web.context.layout",
            ],
        },
    },
]

# Forms are drawn as GOV.UK Frontend components (web/forms.py).
FORM_RENDERER = "answerable.web.forms.GovukFormRenderer"

WSGI_APPLICATION = "answerable.wsgi.application"


# A write that finds the database busy (an import holding SQLite's write lock, a row locked
# on PostgreSQL) waits this many seconds, then gets 503 with Retry-After (web/busy.py).
ANSWERABLE_DATABASE_BUSY_TIMEOUT = env_int("ANSWERABLE_DATABASE_BUSY_TIMEOUT", 15, minimum=1)
ANSWERABLE_BUSY_RETRY_AFTER = env_int("ANSWERABLE_BUSY_RETRY_AFTER", 10, minimum=1)


# No JIT compilation of queries: an answer's query over a whole table is estimated dear
# enough for PostgreSQL to compile it, which costs more than it saves on queries that run in
# well under a second (0.49 s of a 0.96 s count of disclosures by detained_after at
# 1,000,000 episodes went on compiling; benchmarks/answer_benchmark.py).
NO_JIT = "-c jit=off"


def _database() -> dj_database_url.DBConfig:
    default_url = f"sqlite:///{VAR_DIR / 'answerable.sqlite3'}"
    url = env_str("DATABASE_URL", default_url)
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("CONN_MAX_AGE", 0, minimum=0))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {error}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server read while an import writes; NORMAL sync is safe under WAL.
        # A 256 MB page cache (the default is 2 MB) keeps the indexes of a million-row
        # import in memory instead of re-reading them for every row.
        config.setdefault("OPTIONS", {})["init_command"] = (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;"
        )
        config["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
        config["OPTIONS"]["timeout"] = ANSWERABLE_DATABASE_BUSY_TIMEOUT  # busy_timeout
        if config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    elif config["ENGINE"] == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        lock_timeout = f"-c lock_timeout={ANSWERABLE_DATABASE_BUSY_TIMEOUT * 1000}"
        options["options"] = f"{options.get('options', '')} {lock_timeout} {NO_JIT}".strip()
    return config


DATABASES: dict[str, dj_database_url.DBConfig] = {"default": _database()}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id (OWASP's first choice for password storage); older hashes are upgraded at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},  # NCSC: length over complexity
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Every date in the register and the Acts is a UK local date (Europe/London).
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end assets are installed by `make assets` (npm ci and sass), never committed by hand:
# the built stylesheet in var/assets, GOV.UK Frontend's fonts, images and scripts from npm.
ASSETS_DIR = Path(env_str("ANSWERABLE_ASSETS_DIR", str(BASE_DIR / "var" / "assets")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("answerable", ASSETS_DIR),
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
]
# In development the files are served from their folders, changes seen at once.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Nationality is self-declared and not always an ISO 3166-1 country: "stateless" needs a
# code of its own (ICAO Doc 9303 uses XXA for a stateless person), and Kosovo, which
# custody systems record, has the user-assigned code XK that ISO has not yet adopted.
COUNTRIES_OVERRIDE = {
    "XX": {"name": "Stateless", "alpha3": "XXA"},
    "XK": {"name": "Kosovo", "alpha3": "XKX"},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Disclosure control of published tables (answers/disclosure_control). No threshold is fixed
# in law (ICO v Miller [2018] UKUT 229 (AAC)), so the authority sets one and records why.
ANSWERABLE_SUPPRESSION_THRESHOLD = env_int("ANSWERABLE_SUPPRESSION_THRESHOLD", 5, minimum=2)
ANSWERABLE_SENSITIVE_THRESHOLD = env_int("ANSWERABLE_SENSITIVE_THRESHOLD", 10, minimum=2)
ANSWERABLE_SUPPRESSION_REASON = env_str("ANSWERABLE_SUPPRESSION_REASON", "")

# Staff time to run, check and present one catalogue answer (answers/cost.py): the
# estimate every answer carries under the Fees Regulations (SSI 2004/467).
ANSWERABLE_MINUTES_PER_QUESTION = env_int("ANSWERABLE_MINUTES_PER_QUESTION", 15, minimum=0)
ANSWERABLE_MINUTES_PER_BREAKDOWN = env_int("ANSWERABLE_MINUTES_PER_BREAKDOWN", 5, minimum=0)

# How long the counting of one catalogue answer may take, in milliseconds (0: no limit), so a
# costly question never holds a worker while quick ones wait (answers/budget.py): past it the
# API answers 503 `question_too_costly` with Retry-After, the pages and `answerable ask` say
# the question is too costly now.
ANSWERABLE_ANSWER_TIMEOUT_MS = env_int("ANSWERABLE_ANSWER_TIMEOUT_MS", 10_000, minimum=0)
ANSWERABLE_ANSWER_RETRY_AFTER = env_int("ANSWERABLE_ANSWER_RETRY_AFTER", 60, minimum=1)

_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_log_level = env_str("LOG_LEVEL", "WARNING")
LOG_LEVEL = _log_level.strip().upper()
if LOG_LEVEL not in _LOG_LEVELS:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}; got {_log_level!r}"
    )

# Nothing personal in the log (web/logging.py): every record is redacted before it is written,
# query strings cut from paths, e-mail addresses, postcodes, pseudonyms and IP addresses
# replaced. Django's own loggers write through the same handler: its mail_admins handler,
# which would e-mail a failed request's POST data, is not used.
_REDACTED = ["redact_personal_data"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_data": {"()": "answerable.web.logging.RedactPersonalData"}},
    "formatters": {
        "plain": {"format": "{levelname} {name}: {message}", "style": "{"},
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": _REDACTED,
            "level": LOG_LEVEL,
        },
        # The development server's request lines (INFO), shown whatever LOG_LEVEL is.
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": _REDACTED,
            "level": "INFO",
        },
    },
    "loggers": {
        # INFO, whatever LOG_LEVEL: its DEBUG records include SQL with the values queried.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # Their records carry the request: redacted at the source, before any handler.
        "django.request": {"filters": _REDACTED},
        "django.server": {"handlers": ["server"], "filters": _REDACTED, "propagate": False},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# The authority's letterhead on FOI notices and letters (casework/letters): its name, the
# unit that answers requests (seed 001: "Information Management (Disclosure)"), its postal
# address (lines separated by commas), e-mail, telephone and web address, the protective
# marking printed on each page, and how many days after a response its anonymised copy is
# put in the disclosure log (both seeds: seven).
ANSWERABLE_AUTHORITY_NAME = env_str("ANSWERABLE_AUTHORITY_NAME", "Police Scotland")
ANSWERABLE_AUTHORITY_UNIT = env_str(
    "ANSWERABLE_AUTHORITY_UNIT", "Information Management (Disclosure)"
)
ANSWERABLE_AUTHORITY_ADDRESS = env_list(
    "ANSWERABLE_AUTHORITY_ADDRESS", ["Clyde Gateway", "2 French Street", "Dalmarnock", "G40 4EH"]
)
ANSWERABLE_AUTHORITY_EMAIL = env_str("ANSWERABLE_AUTHORITY_EMAIL", "foi@scotland.police.uk")
ANSWERABLE_AUTHORITY_PHONE = env_str("ANSWERABLE_AUTHORITY_PHONE", "")
ANSWERABLE_AUTHORITY_WEBSITE = env_str(
    "ANSWERABLE_AUTHORITY_WEBSITE", "https://www.scotland.police.uk"
)
ANSWERABLE_PROTECTIVE_MARKING = env_str("ANSWERABLE_PROTECTIVE_MARKING", "OFFICIAL")
ANSWERABLE_DISCLOSURE_LOG_DAYS = env_int("ANSWERABLE_DISCLOSURE_LOG_DAYS", 7, minimum=0)
# The public contacts the disclosure log's copy keeps (the authority's and the Commissioner's
# review and appeal addresses), comma-separated; unset, disclosure_log/public_contacts.py's
# defaults (OSIC: enquiries@foi.scot). The letterhead's own contacts are always kept.
if os.environ.get("ANSWERABLE_DISCLOSURE_LOG_PUBLIC_CONTACTS"):
    ANSWERABLE_DISCLOSURE_LOG_PUBLIC_CONTACTS = env_list(
        "ANSWERABLE_DISCLOSURE_LOG_PUBLIC_CONTACTS", []
    )

# FOI casework (casework/, clock/): how requests are numbered (e.g. "IM-FOI-{year}-{n:04}" or
# "{yy}-{n:04}" for 23-1751), how many working days ahead officers are reminded of a
# deadline (`answerable remind`), the days for an appeal to the Court of Session (FOISA s56:
# 42 in OSIC's notices, 45 in Shelter Scotland's guide) and the months within which the ICO
# expects a complaint (FOIA s50; ICO practice, not statute).
ANSWERABLE_REFERENCE_PATTERN = env_str("ANSWERABLE_REFERENCE_PATTERN", "IM-FOI-{year}-{n:04}")
ANSWERABLE_REMIND_WITHIN_DAYS = env_int("ANSWERABLE_REMIND_WITHIN_DAYS", 5, minimum=0)
ANSWERABLE_COURT_OF_SESSION_DAYS = env_int("ANSWERABLE_COURT_OF_SESSION_DAYS", 42, minimum=1)
ANSWERABLE_ICO_COMPLAINT_MONTHS = env_int("ANSWERABLE_ICO_COMPLAINT_MONTHS", 6, minimum=1)
# Reminders are e-mailed with Django's mail framework: set EMAIL_HOST etc. in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30, minimum=1)
# For the file backend (django.core.mail.backends.filebased.EmailBackend): one file a send.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "sent-mail"))
# The FOI unit's own mailbox: `answerable remind` sends it the cases due or overdue that
# nobody is assigned to (unset: they are only listed on the command's standard error).
ANSWERABLE_FOI_UNIT_EMAIL = env_str("ANSWERABLE_FOI_UNIT_EMAIL", "")
# The FOI mailbox `answerable mail fetch` reads over IMAP with TLS (README: Mail): messages
# read are moved to ANSWERABLE_IMAP_PROCESSED; ANSWERABLE_IMAP_CA_FILE trusts a private CA.
ANSWERABLE_IMAP_HOST = env_str("ANSWERABLE_IMAP_HOST", "")
ANSWERABLE_IMAP_PORT = env_int("ANSWERABLE_IMAP_PORT", 993, minimum=1)
ANSWERABLE_IMAP_USER = env_str("ANSWERABLE_IMAP_USER", "")
ANSWERABLE_IMAP_PASSWORD = env_str("ANSWERABLE_IMAP_PASSWORD", "")
ANSWERABLE_IMAP_MAILBOX = env_str("ANSWERABLE_IMAP_MAILBOX", "INBOX")
ANSWERABLE_IMAP_PROCESSED = env_str("ANSWERABLE_IMAP_PROCESSED", "Answerable-Processed")
ANSWERABLE_IMAP_CA_FILE = env_str("ANSWERABLE_IMAP_CA_FILE", "")
# The public request form's spam protection (mail/spam.py): the fewest seconds a person
# takes to fill it in, and how many requests one address may send in an hour.
ANSWERABLE_FORM_MIN_SECONDS = env_int("ANSWERABLE_FORM_MIN_SECONDS", 5, minimum=0)
ANSWERABLE_FORM_PER_HOUR = env_int("ANSWERABLE_FORM_PER_HOUR", 5, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "foi-casework@localhost")

# Signing in and sessions. Sessions end after ANSWERABLE_SESSION_MINUTES without a request
# (each request renews the cookie) and when the browser closes; cookies are HTTP-only and,
# outside development, sent only over HTTPS.
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "dashboard:index"
LOGOUT_REDIRECT_URL = "web:start"
SESSION_COOKIE_AGE = 60 * env_int("ANSWERABLE_SESSION_MINUTES", 30, minimum=1)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HTTPS = env_bool("ANSWERABLE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "answerable.web.views.csrf_failure"
if SECURE_HTTPS:
    # The __Host- prefix: a browser keeps such a cookie only if it is Secure, for this host
    # alone and for every path, so a neighbouring subdomain cannot plant a session or a CSRF
    # token of its own choosing (RFC 6265bis s4.1.3.2).
    SESSION_COOKIE_NAME = "__Host-session"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE_HTTPS)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE_HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# check --deploy warns that HSTS preloading is off (security.W021). Only a registrable domain
# can be submitted to the browsers' preload list, with includeSubDomains for all of it, so
# preloading is the domain owner's decision (scotland.police.uk), not one this service on
# its own subdomain can take: SECURE_HSTS_PRELOAD=1 once the domain is preloaded.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (README: Production).
ANSWERABLE_BEHIND_PROXY = env_bool("ANSWERABLE_BEHIND_PROXY", False)
if ANSWERABLE_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Failed sign-ins (django-axes): after ANSWERABLE_LOGIN_ATTEMPTS failures for one user name
# from one address, that pair is locked out for ANSWERABLE_LOCKOUT_MINUTES (NCSC password
# guidance: throttle rather than lock accounts for good).
AXES_FAILURE_LIMIT = env_int("ANSWERABLE_LOGIN_ATTEMPTS", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ANSWERABLE_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The page says how long to wait (web/views.py), with status 429 Too Many Requests.
AXES_LOCKOUT_CALLABLE = "answerable.web.views.locked_out"
# The address the attempt came from: behind the proxy, the one the proxy saw (web/throttling.py).
AXES_CLIENT_IP_CALLABLE = "answerable.web.throttling.client_address"
# Nothing personal in the log: axes's log lines show these two as asterisks.
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]

# Content security policy (django-csp): only this site's own scripts, styles, images and
# fonts; no inline script or style, no framing. GOV.UK Frontend runs under it unchanged. The
# one exception: an issued letter, a self-contained document with its own <style>, is served
# with that stylesheet allowed by its hash (web/inline_styles.py).
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The s62 audit trail's database triggers (audit/guard.py): on everywhere but the test suite.
ANSWERABLE_AUDIT_GUARD = env_bool("ANSWERABLE_AUDIT_GUARD", True)
# The chain head anchored outside the database (audit/anchor.py): a file of HMAC-signed heads
# in this directory ("" turns anchoring off), written every N entries, after the first entry
# of each day and by `answerable audit anchor`, which also e-mails it to these addresses.
ANSWERABLE_AUDIT_ANCHOR_DIR = env_str("ANSWERABLE_AUDIT_ANCHOR_DIR", str(VAR_DIR / "audit-anchors"))
ANSWERABLE_AUDIT_ANCHOR_KEY = env_str("ANSWERABLE_AUDIT_ANCHOR_KEY", "")
ANSWERABLE_AUDIT_ANCHOR_EVERY = env_int("ANSWERABLE_AUDIT_ANCHOR_EVERY", 1000, minimum=0)
ANSWERABLE_AUDIT_ANCHOR_EMAIL = env_list("ANSWERABLE_AUDIT_ANCHOR_EMAIL", [])

# Backups are sealed (AES-256-GCM, backup/sealed.py) with this key: 32 bytes in URL-safe
# base64 (`answerable backup --new-key`). Without it `backup` and `restore` refuse to run.
# With DEBUG=1 (make run) a development-only key, like SECRET_KEY's; never in production.
ANSWERABLE_BACKUP_KEY = env_str(
    "ANSWERABLE_BACKUP_KEY", "ZGV2ZWxvcG1lbnQtb25seS1iYWNrdXAta2V5LTMyYnk=" if DEBUG else ""
)

# The retention schedule (retention/schedule.py; docs/dpia.md): register records are kept this
# many years from their event, requesters' details this many months after the case closes.
ANSWERABLE_RETENTION_YEARS = {
    record_type: env_int(f"ANSWERABLE_RETENTION_{record_type.upper()}_YEARS", 6, minimum=1)
    for record_type in ("custody_episode", "disclosure", "nccu_contact", "icce_request")
}
ANSWERABLE_RETENTION_REQUESTER_MONTHS = env_int(
    "ANSWERABLE_RETENTION_REQUESTER_MONTHS", 24, minimum=1
)
# Changes of staff accounts' access and of API clients (audit/accounts.py, api/audit_clients.py)
# are logged whoever makes them; also when no request or command names an actor ("system"),
# everywhere but the test suite, whose fixtures make accounts outside any request.
ANSWERABLE_AUDIT_UNNAMED_ACCESS_CHANGES = True

# --- The systems API (answerable/api, /api/v1/) ------------------------------------------------
# Systems call it with their own token (`answerable apitoken create NAME --scope ...`); JSON
# only; every error is {"error": ..., "fields": {...}} (api/errors.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["answerable.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["answerable.api.permissions.HasScope"],
    "DEFAULT_PARSER_CLASSES": ["answerable.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "answerable.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "answerable.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": [],
    "URL_FORMAT_OVERRIDE": None,  # JSON only: ?format= is no switch to another renderer
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Answerable systems API",
    "DESCRIPTION": (
        "Custody episodes, disclosures to the Home Office, NCCU contacts and ICCE requests in "
        "the interchange formats' fields and rules; Home Office outcomes; catalogue answers "
        "under disclosure control. Authenticate with `Authorization: Bearer <token>`; send "
        "an `Idempotency-Key` with every POST and the `ETag` you read as `If-Match` with "
        "every PUT and PATCH."
    ),
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "POSTPROCESSING_HOOKS": ["answerable.api.schema.refuse_unknown_fields"],
}
# Largest request body the API reads (bytes): one record is a few hundred bytes.
ANSWERABLE_API_MAX_BODY_BYTES = env_int("ANSWERABLE_API_MAX_BODY_BYTES", 64 * 1024, minimum=1024)
# How long a write's response is kept for a retry with the same Idempotency-Key.
ANSWERABLE_API_IDEMPOTENCY_HOURS = env_int("ANSWERABLE_API_IDEMPOTENCY_HOURS", 24, minimum=1)

# --- A read replica for the answer engine (answerable/db_router.py; README: production) ---
# DATABASE_REPLICA_URL: a PostgreSQL hot standby of DATABASE_URL. When set, catalogue answers
# (the answer pages and /api/v1/questions/) read the register from it; everything else, and
# every write, stays on the primary. The tests read the primary under this alias (MIRROR).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    try:
        DATABASES["replica"] = dj_database_url.parse(
            DATABASE_REPLICA_URL, conn_max_age=env_int("CONN_MAX_AGE", 0, minimum=0)
        )
        DATABASES["replica"].setdefault("OPTIONS", {})["options"] = NO_JIT
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URL is not a database URL: {error}") from None
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["answerable.db_router.AnswerEngineReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "answerable.db_router.ReplicaForAnswers"
    )
