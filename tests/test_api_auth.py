"""Who may call the API: a token per system, each limited to its scopes and its force."""

import hashlib

import pytest
from api_helpers import EPISODE, calling, post, system
from django.core.management import CommandError, call_command

from answerable.api.models import ApiClient
from answerable.register.models import CustodyEpisode, Force

pytestmark = pytest.mark.django_db

EPISODES = "/api/v1/custody-episodes/"


def test_no_token_is_401_and_says_how_to_authenticate(stations):
    response = post(calling(None), EPISODES, EPISODE)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["error"] == "Authentication credentials were not provided."
    assert not CustodyEpisode.objects.exists()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Bearer ans_not-a-token", "The token is not valid."),
        ("Basic dXNlcjpwYXNz", "Send the token as 'Authorization: Bearer <token>'."),
        ("Bearer", "Send the token as 'Authorization: Bearer <token>'."),
        ("Bearer " + "x" * 500, "The token is not valid."),
    ],
)
def test_a_wrong_token_is_401(stations, header, message):
    system()
    api = calling(None)
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get(EPISODES + "NCS-1/")
    assert response.status_code == 401
    assert response.json() == {"error": message, "fields": {}}


def test_a_revoked_token_is_401(stations):
    client, token = system()
    client.revoke()
    client.save()
    response = calling(token).get(EPISODES + "NCS-1/")
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]


def test_a_token_without_the_scope_is_403_and_names_the_scope(stations):
    _, token = system("home-office-replies", ["outcomes:write"])
    response = post(calling(token), EPISODES, EPISODE)
    assert response.status_code == 403
    assert "custody:write" in response.json()["error"]
    assert not CustodyEpisode.objects.exists()


def test_a_write_scope_reads_back_its_own_kind_only(stations):
    _, token = system("custody-system", ["custody:write"])
    api = calling(token)
    assert post(api, EPISODES, EPISODE).status_code == 201
    assert api.get(EPISODES + "NCS-2017-000123/").status_code == 200
    assert api.get("/api/v1/disclosures/HO-1/").status_code == 403
    assert api.get("/api/v1/questions/").status_code == 403


def test_a_read_scope_cannot_write(stations):
    _, token = system("dashboard", ["custody:read", "answers:read"])
    api = calling(token)
    assert post(api, EPISODES, EPISODE).status_code == 403
    assert api.get("/api/v1/questions/").status_code == 200


def test_a_system_sees_only_its_own_forces_records(stations):
    _, ours = system("custody-system", ["custody:write"])
    assert post(calling(ours), EPISODES, EPISODE).status_code == 201
    other = ApiClient(name="other-force", scopes=["custody:write"])
    other.force = Force.objects.create(name="Other Constabulary")
    token = other.issue_token()
    other.save()
    api = calling(token)
    assert api.get(EPISODES + "NCS-2017-000123/").status_code == 404
    # ... and cannot write records of our force by naming it.
    response = post(api, EPISODES, {**EPISODE, "force": "Police Scotland"})
    assert response.status_code == 400
    assert "Other Constabulary only" in response.json()["fields"]["force"][0]


def test_only_the_tokens_sha256_is_stored(stations):
    client, token = system()
    client.refresh_from_db()
    assert client.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ApiClient.objects.values().get())


def test_the_command_prints_a_token_once_and_revokes_it(stations, capsys):
    call_command("apitoken", "create", "crime-system", "--scope", "nccu:write,icce:write")
    token = capsys.readouterr().out.strip()
    client = ApiClient.objects.get(name="crime-system")
    assert client.scopes == ["icce:write", "nccu:write"]
    assert calling(token).get("/api/v1/nccu-contacts/1/").status_code == 404  # authenticated

    call_command("apitoken", "list")
    assert "crime-system\tactive\tPolice Scotland\ticce:write nccu:write" in capsys.readouterr().out

    call_command("apitoken", "revoke", "crime-system")
    assert calling(token).get("/api/v1/nccu-contacts/1/").status_code == 401


def test_the_command_refuses_unknown_scopes_and_names(stations):
    with pytest.raises(CommandError, match="unknown scope 'custody:delete'"):
        call_command("apitoken", "create", "x", "--scope", "custody:delete")
    with pytest.raises(CommandError, match="name"):
        call_command("apitoken", "create", "Not A Name", "--scope", "custody:read")
    call_command("apitoken", "create", "custody-system", "--scope", "custody:read")
    with pytest.raises(CommandError, match="exists already"):
        call_command("apitoken", "create", "custody-system", "--scope", "custody:read")
    with pytest.raises(CommandError, match="no such API client"):
        call_command("apitoken", "revoke", "nobody")
