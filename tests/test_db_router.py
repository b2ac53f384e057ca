"""The read replica for the answer engine (answerable/db_router.py, DATABASE_REPLICA_URL)."""

import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory

from answerable import db_router
from answerable.audit.models import AuditEntry
from answerable.db_router import AnswerEngineReplicaRouter, ReplicaForAnswers, replica_reads
from answerable.register.models import CustodyEpisode, Person

SETTINGS_FILE = Path(db_router.__file__).with_name("settings.py")


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(
        db_router, "settings", SimpleNamespace(DATABASES={"default": {}, "replica": {}})
    )


def test_the_register_is_read_from_the_replica_only_while_answering(with_replica):
    router = AnswerEngineReplicaRouter()
    assert router.db_for_read(CustodyEpisode) is None
    with replica_reads():
        assert router.db_for_read(CustodyEpisode) == "replica"
        assert router.db_for_read(Person) == "replica"
        assert router.db_for_read(AuditEntry) is None  # the chain head: from the primary
        assert router.db_for_write(CustodyEpisode) is None  # writes: the primary
    assert router.db_for_read(CustodyEpisode) is None


def test_without_a_replica_everything_stays_on_the_primary():
    with replica_reads():
        assert AnswerEngineReplicaRouter().db_for_read(CustodyEpisode) is None


def test_the_replica_is_never_migrated():
    router = AnswerEngineReplicaRouter()
    assert router.allow_migrate("replica", "register") is False
    assert router.allow_migrate("default", "register") is None


@pytest.mark.parametrize(
    ("path", "replica"),
    [
        ("/api/v1/questions/custody-count/answer/", True),
        ("/answers/custody-count/", True),
        ("/api/v1/custody-episodes/", False),
        ("/register/", False),
        ("/disclosure-log/", False),
    ],
)
def test_the_middleware_reads_answers_from_the_replica(with_replica, path, replica):
    seen = []

    def view(request):
        seen.append(AnswerEngineReplicaRouter().db_for_read(CustodyEpisode))
        return HttpResponse()

    ReplicaForAnswers(view)(RequestFactory().get(path))
    assert seen == ["replica" if replica else None]
    assert AnswerEngineReplicaRouter().db_for_read(CustodyEpisode) is None  # reset after


def _settings(monkeypatch, tmp_path, **environ: str) -> dict:
    for name in ("DEBUG", "DATABASE_URL", "DATABASE_REPLICA_URL", "CONN_MAX_AGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANSWERABLE_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SECRET_KEY", "s3cret")
    monkeypatch.setenv("ANSWERABLE_PSEUDONYM_KEY", "k3y")
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_database_replica_url_adds_the_replica_router_and_middleware(monkeypatch, tmp_path):
    plain = _settings(monkeypatch, tmp_path)
    assert list(plain["DATABASES"]) == ["default"]
    assert "answerable.db_router.ReplicaForAnswers" not in plain["MIDDLEWARE"]

    settings = _settings(
        monkeypatch,
        tmp_path,
        DATABASE_URL="postgres://app:pw@primary.internal:5432/answerable",
        DATABASE_REPLICA_URL="postgres://reader:pw@replica.internal:5432/answerable",
    )
    replica = settings["DATABASES"]["replica"]
    assert (replica["HOST"], replica["USER"]) == ("replica.internal", "reader")
    assert replica["TEST"] == {"MIRROR": "default"}
    assert settings["DATABASE_ROUTERS"] == ["answerable.db_router.AnswerEngineReplicaRouter"]
    middleware = settings["MIDDLEWARE"]
    assert middleware.index("answerable.db_router.ReplicaForAnswers") == len(middleware) - 2
    assert middleware[-1] == "axes.middleware.AxesMiddleware"  # still last


def test_a_bad_replica_url_is_refused_naming_the_setting(monkeypatch, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL"):
        _settings(monkeypatch, tmp_path, DATABASE_REPLICA_URL="not a url")
