"""Published statistics and the release ledger (issue 18, "Done when"): an edition is one
release in the ledger, so two editions and an FOI answer cannot be combined to recover a
small count; the steps prepared -> checked (by another user) -> published on its date.

The register (built here, of known truth): in 2026-Q1 (January to March) 20 episodes at
Govan; in 2026-Q2 (April to June) 2 at Govan and 10 at Dundee. Edition 2026-Q1 by custody
centre shows Govan 20 and Dundee 0; edition 2026-Q2 must withhold Govan's 2, and so Dundee's
10 with it (secondary suppression), showing the total 12. An FOI answer "custody episodes at
Dundee from January to June" would give 10; less Dundee's 0 in Q1 that is Dundee's Q2, and
12 less that is Govan's 2.
"""

from datetime import date

import pytest
from attacker import Attacker
from casework_helpers import officer
from django.conf import settings
from ledger_register import PUBLIC_STATIONS
from statistics_releases_support import DUNDEE_FIRST_HALF, manager, publish, register, series  # noqa: F401  (fixtures)

from answerable.answers.answer import ReleaseRefused, answer
from answerable.answers.engine import Ask
from answerable.answers.ledger.release import release
from answerable.answers.models import Release, ReleaseKind
from answerable.answers.output.document import as_document
from answerable.register.models import CustodyEpisode
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role
from answerable.statistics_releases import services
from answerable.statistics_releases.models import (
    EditionStatus,
)
from answerable.statistics_releases.periods import parse_period

pytestmark = pytest.mark.django_db


def attack(documents) -> list:
    attacker = Attacker(
        PUBLIC_STATIONS,
        settings.ANSWERABLE_SUPPRESSION_THRESHOLD,
        settings.ANSWERABLE_SENSITIVE_THRESHOLD,
    )
    for n, document in enumerate(documents):
        attacker.receive(document, source=f"release {n + 1}")
    return [f for f in attacker.findings() if f.kind != "average" and f.low == f.high]


def figure(document, station: str) -> str:
    return next(c["display"] for c in document["cells"] if c["station"] == station)


def test_the_attack_works_on_exact_figures(register):
    """Without the ledger the three releases recover Govan's 2 in 2026-Q2."""
    q1 = answer(Ask("custody-count", date(2026, 1, 1), date(2026, 3, 31), by=("station",)))
    q2 = answer(Ask("custody-count", date(2026, 4, 1), date(2026, 6, 30), by=("station",)))
    foi = answer(DUNDEE_FIRST_HALF, suppress=False)
    documents = [as_document(q1), as_document(q2), as_document(foi)]
    assert figure(documents[1], "Govan") == "[c]" and figure(documents[1], "Dundee") == "[c]"
    assert documents[2]["total"]["display"] == "10"
    assert any("Govan" in f.what and f.low == 2 for f in attack(documents))


def test_two_editions_and_an_foi_answer_are_refused_by_the_ledger(series, manager):
    first = publish(series, manager, "2026-Q1")
    second = publish(series, manager, "2026-Q2")
    documents = [table.document for e in (first, second) for table in e.tables.all()]
    assert figure(documents[0], "Govan") == "20" and figure(documents[0], "Dundee") == "0"
    assert figure(documents[1], "Govan") == "[c]" and documents[1]["total"]["display"] == "12"
    # Each edition is one "statistics" release of the ledger.
    assert list(Release.objects.values_list("kind", "reference")) == [
        (ReleaseKind.STATISTICS, "custody-2026-q2"),
        (ReleaseKind.STATISTICS, "custody-2026-q1"),
    ]

    # The FOI answer that would complete the difference: its figure is withheld (or the
    # response refused), and nothing can be recovered from all three.
    try:
        decision = release(
            [DUNDEE_FIRST_HALF],
            kind=ReleaseKind.RESPONSE,
            reference="IM-FOI-2026-0001",
            released_by="officer",
        )
    except ReleaseRefused:
        foi = None
    else:
        foi = as_document(decision.answers[0])
        assert foi["total"]["display"] == "[c]"
    assert not attack([*documents, *([foi] if foi else [])])


def test_an_edition_after_the_foi_answer_is_protected_against_it(series, manager):
    """The other order: the FOI answer is out first; the second edition then withholds."""
    publish(series, manager, "2026-Q1")
    foi = release(
        [DUNDEE_FIRST_HALF],
        kind=ReleaseKind.RESPONSE,
        reference="IM-FOI-2026-0002",
        released_by="officer",
    )
    foi_document = as_document(foi.answers[0])
    assert foi_document["total"]["display"] == "10"
    second = publish(series, manager, "2026-Q2")
    document = second.tables.get().document
    assert document["total"]["display"] == "[c]" or figure(document, "Dundee") == "[c]"
    first = series.editions.get(period="2026-Q1").tables.get().document
    assert not attack([first, foi_document, document])


def test_a_revision_is_published_with_its_reason_and_the_first_edition_kept(series, manager):
    first = publish(series, manager, "2026-Q1")
    with pytest.raises(services.ReleaseError, match="reason"):
        services.prepare(series, parse_period("2026-Q1"), prepared_by="analyst")
    revision = services.prepare(
        series,
        parse_period("2026-Q1"),
        prepared_by="analyst",
        publish_on=date(2026, 8, 28),
        reason="Late records from the custody system",
    )
    assert revision.number == 2 and revision.slug == "custody-2026-q1-revision-1"
    services.check(revision, manager)
    assert services.publish(revision, date(2026, 8, 28)).published
    first.refresh_from_db()
    assert first.status == EditionStatus.PUBLISHED and first.tables.count() == 1
    assert services.superseded(first) and not services.superseded(revision)
    assert [e.slug for e in services.current_editions()] == [revision.slug]


def test_checking_needs_a_disclosure_manager_other_than_who_prepared_it(series, manager):
    edition = services.prepare(series, parse_period("2026-Q1"), prepared_by="manager")
    with pytest.raises(services.ReleaseError, match="someone else"):
        services.check(edition, manager)
    analyst = officer("analyst")
    assign_role(analyst, Role.ANALYST)
    with pytest.raises(services.ReleaseError, match="disclosure manager"):
        services.check(edition, analyst)
    other = officer("other-manager")
    assign_role(other, Role.DISCLOSURE_MANAGER)
    assert services.check(edition, other).status == EditionStatus.CHECKED


def test_publication_waits_for_its_date_and_for_the_check(series, manager):
    edition = services.prepare(
        series, parse_period("2026-Q1"), prepared_by="analyst", publish_on=date(2026, 4, 28)
    )
    outcomes = services.publish_due(date(2026, 4, 28))
    assert [o.published for o in outcomes] == [False] and "awaiting a check" in outcomes[0].message
    services.check(edition, manager)
    assert services.publish_due(date(2026, 4, 27)) == []
    assert not Release.objects.exists()
    assert [o.published for o in services.publish_due(date(2026, 4, 28))] == [True]
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PUBLISHED and edition.ledger_release is not None


def test_a_correction_after_the_check_sends_the_edition_back(series, manager):
    edition = services.prepare(
        series, parse_period("2026-Q1"), prepared_by="analyst", publish_on=date(2026, 4, 28)
    )
    services.check(edition, manager)
    # A late record: Govan's 20 becomes 21.
    late = CustodyEpisode.objects.get(custody_ref="NCS-S-0001")
    late.pk, late.custody_ref = None, "NCS-S-LATE"
    late.save()
    outcome = services.publish(edition, date(2026, 4, 28))
    assert not outcome.published and "changed" in outcome.message
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PREPARED and "check them again" in edition.problem
    assert not Release.objects.exists()
