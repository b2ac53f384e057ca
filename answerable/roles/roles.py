"""The roles of Answerable's users and the permissions each holds (least privilege).

UK GDPR art. 5(1)(f) and art. 32, and DPA 2018 s40 and s66 for law-enforcement processing,
ask that each person sees only the personal data their job needs. Each role below is a
Django group whose permissions are exactly the set given here (groups.py keeps them so);
a user is given one or more roles, and the pages check permissions through predicates.py.

The public is not a role: it is anyone not signed in, and reads only the disclosure log.
"""

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CUSTODY = "custody"
    ICCE = "icce"
    FOI_OFFICER = "foi-officer"
    DISCLOSURE_MANAGER = "disclosure-manager"
    ANALYST = "analyst"
    DATA_PROTECTION_OFFICER = "dpo"
    ADMINISTRATOR = "administrator"


@dataclass(frozen=True)
class RoleSpec:
    name: str  # the group's name, as staff see it
    description: str
    permissions: frozenset[str]  # "app_label.codename"
    # Whether the role's users may use the administration site (is_staff). The admin shows
    # them only the models their permissions allow.
    uses_admin: bool = False
    # Whether the role's register permissions reach only the user's own division.
    by_division: bool = False


def _model_perms(app: str, model: str, *actions: str) -> set[str]:
    return {f"{app}.{action}_{model}" for action in actions}


DASHBOARD = {"roles.view_dashboard"}
# Published statistics: the release definitions edited, editions checked for publication.
STATISTICS_RELEASES = (
    _model_perms("statistics_releases", "releasedefinition", "view", "add", "change")
    | _model_perms("statistics_releases", "definedtable", "view", "add", "change", "delete")
    | _model_perms("statistics_releases", "edition", "view")
    | {"statistics_releases.check_edition"}
)
ASK = {"roles.ask_questions"}

# Casework: requests, their questions, exemptions, reviews and appeals, holds and letters,
# and the disclosure log's publications. Never deleted by a role: a request is a public
# record kept under the authority's retention schedule, removed by an administrator only.
CASEWORK = (
    {"casework.view_requester"}
    | _model_perms("casework", "informationrequest", "view", "add", "change")
    | _model_perms("casework", "requestquestion", "view", "add", "change", "delete")
    | _model_perms("casework", "citedexemption", "view", "add", "change", "delete")
    | _model_perms("casework", "thirdpartyconsultation", "view", "add", "change")
    | _model_perms("casework", "review", "view", "add", "change")
    | _model_perms("casework", "commissionerappeal", "view", "add", "change")
    | _model_perms("casework", "courtappeal", "view", "add", "change")
    | _model_perms("casework", "issuedletter", "view")
    | _model_perms("casework", "recordhold", "view")
    # Tasking the business units and the record of each search (casework/tasking.py).
    | _model_perms("casework", "businessunit", "view")
    | _model_perms("casework", "searchtask", "view", "add", "change")
    | _model_perms("casework", "taskchase", "view", "add")
    | _model_perms("casework", "searchrecord", "view", "add", "change")
    # Asking for sign-off, and reading the decisions (casework/signoff.py).
    | _model_perms("casework", "signoffrequest", "view", "add")
    | _model_perms("casework", "signoffdecision", "view")
    | _model_perms("casework", "dispatch", "view", "add", "change")
    # Messages received (answerable.mail): private like the requester; the unreadable ones
    # are dealt with (changed) by an officer, never deleted.
    | _model_perms("mail", "inboundmessage", "view", "change")
    | _model_perms("mail", "inboundattachment", "view")
    | _model_perms("disclosure_log", "publication", "view")
    | _model_perms("disclosure_log", "topic", "view")
    # Policy documents (MoUs, agreements, guidance) are often what a request asks for: FOI
    # officers add them and their versions (casework/views/documents.py), and answer
    # questions with them.
    | _model_perms("register", "document", "view", "add", "change")
    | _model_perms("register", "documentversion", "view", "add", "change")
    | _model_perms("casework", "questiondocument", "view", "add", "change", "delete")
)

# The register's records of people, read in full (all divisions, every attribute).
PERSONAL_RECORDS = {
    "register.view_custodyepisode",
    "register.view_nccucontact",
    "register.view_disclosure",
    "register.view_iccerequest",
    "register.view_person",
    "roles.view_person_record",
}

ROLES: dict[Role, RoleSpec] = {
    Role.CUSTODY: RoleSpec(
        name="Custody and divisional staff",
        description="Record and correct custody episodes and NCCU contacts in their division.",
        permissions=frozenset(
            DASHBOARD
            | _model_perms("register", "custodyepisode", "view", "add", "change")
            | _model_perms("register", "nccucontact", "view", "add", "change")
            | {"register.view_disclosure", "roles.view_person_record"}
        ),
        by_division=True,
    ),
    Role.ICCE: RoleSpec(
        name="ICCE coordinator",
        description="Record ICCE requests and high-harm referrals.",
        permissions=frozenset(
            DASHBOARD
            | _model_perms("register", "iccerequest", "view", "add", "change")
            | {"register.view_disclosure", "roles.view_person_record"}
        ),
        by_division=True,
    ),
    Role.FOI_OFFICER: RoleSpec(
        name="FOI officer",
        description=(
            "Answer requests: cases, letters and disclosure-controlled answers. "
            "No access to a person's record."
        ),
        permissions=frozenset(DASHBOARD | ASK | CASEWORK),
        uses_admin=True,
    ),
    Role.DISCLOSURE_MANAGER: RoleSpec(
        name="Disclosure manager",
        description=(
            "An FOI officer who may also see exact figures, approve responses before "
            "they are issued, and publish them."
        ),
        permissions=frozenset(
            DASHBOARD
            | ASK
            | CASEWORK
            | {"roles.see_exact_figures", "answers.view_release"}
            | _model_perms("disclosure_log", "publication", "change")
            # Approves responses before they are issued (signoff.py), never their own.
            | {"casework.approve_response"}
            | STATISTICS_RELEASES
        ),
        uses_admin=True,
    ),
    Role.ANALYST: RoleSpec(
        name="Analyst",
        description="Disclosure-controlled answers and the dashboard; no person's record.",
        permissions=frozenset(DASHBOARD | ASK),
    ),
    Role.DATA_PROTECTION_OFFICER: RoleSpec(
        name="Data protection officer",
        description="Audit every consultation and disclosure: the s62 audit trail.",
        permissions=frozenset(
            DASHBOARD | PERSONAL_RECORDS | {"audit.view_auditentry", "answers.view_release"}
        ),
    ),
    Role.ADMINISTRATOR: RoleSpec(
        name="Administrator",
        description=(
            "Staff accounts and roles, custody centres, divisions, holiday corrections "
            "and policy documents. Not a person's record."
        ),
        permissions=frozenset(
            DASHBOARD
            | _model_perms("auth", "user", "view", "add", "change")
            | _model_perms("auth", "group", "view")
            | _model_perms("roles", "staffprofile", "view", "add", "change")
            | _model_perms("register", "force", "view", "add", "change")
            | _model_perms("register", "division", "view", "add", "change")
            | _model_perms("register", "station", "view", "add", "change")
            | _model_perms("register", "document", "view", "add", "change")
            | _model_perms("register", "documentversion", "view", "add", "change")
            | _model_perms("clock", "holidaycorrection", "view", "add", "change", "delete")
            | _model_perms("disclosure_log", "topic", "view", "add", "change")
            # The business units FOI officers task with searches, and their mailboxes.
            | _model_perms("casework", "businessunit", "view", "add", "change")
            # The systems' API tokens (api/): seen and revoked by an administrator; issued
            # only on the server's command line (answerable apitoken create).
            | _model_perms("api", "apiclient", "view", "change")
        ),
        uses_admin=True,
    ),
}


def role_named(name: str) -> Role:
    """The role of a group name or a role's short name ("foi-officer")."""
    for role, spec in ROLES.items():
        if name in (role.value, spec.name):
            return role
    known = ", ".join(role.value for role in ROLES)
    raise ValueError(f"no role called {name!r}; the roles are {known}")
