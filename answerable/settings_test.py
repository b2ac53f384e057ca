"""Settings for the test suite: the production settings with development secrets."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ANSWERABLE_PSEUDONYM_KEY", "test-only-pseudonym-key")

from answerable.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
