"""API tokens: random, shown once, stored only as their SHA-256.

A token is 256 random bits (NCSC: machine credentials must be long and random), so a plain
SHA-256 is enough to store it: unlike a password it cannot be guessed from a list, and a
stolen table of digests gives nobody a token. The prefix marks it as ours, so a token
pasted where it should not be is recognised by secret scanners.
"""

import hashlib
import secrets

PREFIX = "ans_"
HINT_LENGTH = len(PREFIX) + 4  # shown in the admin to tell tokens apart; reveals nothing


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", errors="surrogatepass")).hexdigest()


def hint(token: str) -> str:
    return token[:HINT_LENGTH] + "..."
