"""Django settings, every one of them read from the environment (see README: Settings)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from answerable.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
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
    "answerable.register.admin_app.RegisterAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "simple_history",
    "answerable.register",
    "answerable.answers",
    "answerable.casework",
    "answerable.disclosure_log",
    "answerable.clock",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which staff user made each change in a register record's history (s62 DPA 2018).
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "answerable.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "answerable.wsgi.application"


def _database() -> dict:
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
        if config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    return config


DATABASES = {"default": _database()}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Every date in the register and the Acts is a UK local date (Europe/London).
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
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
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "foi-casework@localhost")
