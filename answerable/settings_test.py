"""Settings for the test suite: the production settings with development secrets."""

import os

# The suite reads no `.env` (the checkout's development settings), nor do the commands it runs.
os.environ["ANSWERABLE_ENV_FILE"] = ""
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ANSWERABLE_PSEUDONYM_KEY", "test-only-pseudonym-key")
# The test client speaks plain HTTP; tests/test_deploy_check.py checks the HTTPS settings.
os.environ.setdefault("ANSWERABLE_HTTPS", "0")

from answerable.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
# The runner empties every table between tests, which the audit trail's triggers refuse;
# tests/test_audit_guard.py installs them itself.
ANSWERABLE_AUDIT_GUARD = False
# Parallel test databases share no anchor file: tests that anchor give their own directory.
ANSWERABLE_AUDIT_ANCHOR_DIR = ""
# A fixed key for the suite's backups (32 bytes, URL-safe base64); never a real one.
ANSWERABLE_BACKUP_KEY = "dGVzdC1vbmx5LWJhY2t1cC1rZXktMzItYnl0ZXMhISE="
# Fixtures make accounts and tokens outside any request or command: not logged, so that the
# trail holds only what each test does (tests/test_admin_least_privilege.py logs them).
ANSWERABLE_AUDIT_UNNAMED_ACCESS_CHANGES = False

# Static files by their own names: the suite does not run collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Served from the apps' and npm's folders (no collectstatic in the suite).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
