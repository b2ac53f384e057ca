"""Idempotency keys: a retried POST never writes twice.

A system that sends a record and loses the answer (a timeout, a dropped connection) cannot
know whether it was stored; it sends the same request again with the same Idempotency-Key.
The first answer is kept with the key, and the retry gets it back ("Idempotent-Replayed:
true") without a second write. The same key with a different request is refused (422): it
is a mistake in the sending system, and guessing which request was meant would be worse.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.request import Request

from answerable.api.errors import Unprocessable
from answerable.api.models import ApiClient, IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
MAX_KEY = 255


def key_of(request: Request) -> str:
    """The request's Idempotency-Key: required, 1 to 255 visible ASCII characters."""
    key = request.headers.get(HEADER)
    if key is None or not key.strip():
        raise exceptions.ValidationError(
            {
                HEADER: [
                    "required on every POST: a unique value (e.g. a UUID) that a retry of the "
                    "same request sends again, so that it is never stored twice"
                ]
            }
        )
    key = key.strip()
    if len(key) > MAX_KEY or not all("\x21" <= char <= "\x7e" for char in key):
        raise exceptions.ValidationError(
            {HEADER: [f"must be 1 to {MAX_KEY} visible ASCII characters, e.g. a UUID"]}
        )
    return key


def fingerprint(request: Request, data: Any) -> str:
    """The request as a digest: method, path and the body's meaning (key order and spacing
    do not matter)."""
    body = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{request.method}\n{request.path}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class Stored:
    status: int
    body: Any
    headers: dict[str, str]
    record_type: str = ""
    record_id: str = ""


def held(client: ApiClient, key: str, digest: str) -> Stored | None:
    """The answer already given to this key, if any (422 if it was for another request).
    Answers older than the retention period are deleted first, so their keys are free."""
    IdempotentRequest.objects.filter(
        client=client, created_at__lt=IdempotentRequest.expiry()
    ).delete()
    found = IdempotentRequest.objects.filter(client=client, key=key).first()
    if found is None:
        return None
    if found.request_hash != digest:
        raise Unprocessable(
            f"This {HEADER} was used for a different request ({found.method} {found.path}); "
            "use a new key for a new request. Nothing was changed."
        )
    return Stored(
        found.status,
        json.loads(found.body),
        dict(found.headers),
        found.record_type,
        found.record_id,
    )


def keep(client: ApiClient, key: str, digest: str, request: Request, stored: Stored) -> None:
    IdempotentRequest.objects.create(
        client=client,
        key=key,
        request_hash=digest,
        method=request.method or "",
        path=request.path[:500],
        status=stored.status,
        body=json.dumps(stored.body, ensure_ascii=False),
        headers=stored.headers,
        record_type=stored.record_type,
        record_id=stored.record_id,
        created_at=timezone.now(),
    )
