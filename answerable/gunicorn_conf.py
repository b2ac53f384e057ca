"""gunicorn's settings for Answerable: `gunicorn -c answerable/gunicorn_conf.py answerable.wsgi`.

Every value can be set from the environment (README: Running in production):

- GUNICORN_BIND: where to listen (default 127.0.0.1:8000: behind the reverse proxy, never
  on a public address itself).
- WEB_CONCURRENCY: worker processes (default 2 x cores + 1, gunicorn's own advice). Each is
  a separate Python, so they use every core where threads of one process share the GIL.
- GUNICORN_THREADS: threads per worker (default 1: sync workers). More threads overlap
  requests that wait on the database (PostgreSQL) at little memory cost; with SQLite they
  mostly wait on each other.
- GUNICORN_TIMEOUT: seconds before a silent worker is killed and replaced (default 60: a
  catalogue answer over a large register takes well under one).
- GUNICORN_MAX_REQUESTS: a worker is replaced after this many requests, +/- 10% (default
  2,000), so that memory a long-lived process accumulates is given back.
- GUNICORN_ACCESS_LOG: "-" for standard output, or a file; off by default. Its lines carry
  no client address and no query string (a disclosure log search may hold a name), as
  the application's own log does (web/logging.py). Both gunicorn's logs go through the
  application's redaction, one line per event (web/server_log.py).
- GUNICORN_FORWARDED_ALLOW_IPS: the proxy's addresses, whose X-Forwarded-* gunicorn trusts
  (default 127.0.0.1). Django reads X-Forwarded-Proto only when ANSWERABLE_BEHIND_PROXY=1.
"""

import multiprocessing
import os
from contextlib import suppress
from pathlib import Path


def _int(name: str, default: int, minimum: int = 1) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, got {text!r}") from None
    if value < minimum:
        raise SystemExit(f"{name} must be {minimum} or more, got {value}")
    return value


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000, minimum=0)
max_requests_jitter = max_requests // 10
# The application is imported once, before the workers fork: they share its memory, and a
# broken configuration stops the server at start instead of in every worker.
preload_app = True
# Workers' heartbeat files in memory, not on a disk that may stall (gunicorn's FAQ).
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Loaded once in the master, before each fork (a no-op after the first), so that workers
# inherit them: the URLconf and every view, the answer engine's disclosure control with
# its solver (highspy), every template compiled (the cached loader keeps them) and the
# static files' manifest. Each worker would otherwise load them on its first requests, up
# to a second of a user's wait, again whenever max_requests replaces the worker.
WARM_IMPORTS = ("answerable.answers.answer", "answerable.api.questions", "highspy")
TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")


def _warm_templates() -> None:
    from django.apps import apps
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    for app in apps.get_app_configs():
        folder = Path(app.path) / "templates"
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            # A template shadowed by another app's, or broken: its own request will say.
            if path.suffix in TEMPLATE_SUFFIXES:
                with suppress(TemplateDoesNotExist, TemplateSyntaxError):
                    get_template(path.relative_to(folder).as_posix())
    staticfiles_storage.url("answerable/answerable.css")


# Whether pre_fork has warmed the arbiter up (it runs before every fork; the work is done once).
_warmed = False


def pre_fork(server, worker) -> None:
    import importlib

    global _warmed
    if _warmed:
        return
    _warmed = True
    try:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 - imports the URLconf and its views
        for name in WARM_IMPORTS:
            importlib.import_module(name)
        _warm_templates()
    except Exception as error:  # warming up is an optimisation, never fatal
        server.log.warning("warm-up before fork skipped: %s", error)


accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# Time, method, path without query string, status, bytes, duration; no client address.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
# E-mail addresses, postcodes, pseudonyms and addresses redacted; line breaks escaped.
logger_class = "answerable.web.server_log.RedactingLogger"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
