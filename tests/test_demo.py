"""`answerable demo`: SYNTHETIC data calibrated exactly to Police Scotland's published figures.

The demo is loaded once for the module (inside a transaction rolled back at the end), as
at a fixed day, through the real import pipeline.
"""

import io
import os
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from seed_001 import STATION_COUNTS

from answerable.demo.synthetic import profiles
from answerable.demo.synthetic.columns import CUSTODY_COLUMNS, DISCLOSURE_COLUMNS
from answerable.demo.synthetic.demo import load_demo, write_csv
from answerable.demo.synthetic.demo_plan import DemoPlan, build_plan
from answerable.interchange.importer import import_file
from answerable.register.choices import IMMIGRATION_BASES, REFERRAL_PURPOSES
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Document,
    DocumentVersion,
    IcceRequest,
    ImportBatch,
    NccuContact,
    Person,
)
from answerable.register.reference_data import STATIONS

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 23)
DAY, TWO_DAYS = 24 * 60, 48 * 60

MODELS = (CustodyEpisode, Disclosure, Person, Document, DocumentVersion, NccuContact, IcceRequest)


@pytest.fixture(scope="module")
def plan() -> DemoPlan:
    return build_plan()


@pytest.fixture(scope="module")
def demo(plan, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = load_demo(AS_OF, plan=plan)
        yield summary
        transaction.set_rollback(True)


def _immigration(first: date, last: date):
    return CustodyEpisode.objects.filter(
        detention_basis__in=IMMIGRATION_BASES, arrived_on__gte=first, arrived_on__lte=last
    )


def _bands(episodes) -> tuple[int, int, int]:
    return (
        episodes.filter(duration_minutes__lte=DAY).count(),
        episodes.filter(duration_minutes__gt=DAY, duration_minutes__lte=TWO_DAYS).count(),
        episodes.filter(duration_minutes__gt=TWO_DAYS).count(),
    )


def _fy(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


def _counts() -> dict[str, int]:
    counts = {"batches": ImportBatch.objects.count()}
    for model in MODELS:
        counts[model.__name__] = model.objects.count()
        counts[f"{model.__name__} history"] = model.history.count()
    return counts


def test_immigration_episodes_by_financial_year(demo):
    # Seed 001 (2017/18) and corpus B1 (2018/19, 2019/20, April to October 2020).
    assert _immigration(*_fy(2017)).count() == 537
    assert _immigration(*_fy(2018)).count() == 735
    assert _immigration(*_fy(2019)).count() == 767
    assert _immigration(date(2020, 4, 1), date(2020, 10, 31)).count() == 231


def test_2017_18_by_custody_centre_is_seed_001s_table(demo):
    by_station = dict(_immigration(*_fy(2017)).values_list("station__name").annotate(n=Count("id")))
    assert by_station == STATION_COUNTS
    assert by_station["Govan"] == 76
    assert by_station["Kittybrewster"] == 50
    assert by_station["Stewart Street"] == 53


def test_2017_18_durations_are_seed_001s_bands(demo):
    episodes = _immigration(*_fy(2017))
    assert _bands(episodes) == (384, 126, 27)
    assert not episodes.filter(released_at__isnull=True).exists()


def test_april_2018_to_october_2020_durations_are_b1s(demo):
    episodes = _immigration(date(2018, 4, 1), date(2020, 10, 31))
    _, over_24, over_48 = _bands(episodes)
    assert over_24 + over_48 > 500  # "more than 500" held over 24 hours
    assert over_48 == 41  # "including 41 held more than 48 hours"


def test_later_years_are_plausible(demo):
    # B2: "more than 1,200" since April 2020 (reported mid-2022).
    assert _immigration(date(2020, 4, 1), date(2022, 6, 30)).count() > 1200
    # Lower in 2020/21 (COVID), then about 550 to 650 a year.
    assert _immigration(*_fy(2020)).count() < 537
    for year in range(2021, 2026):
        assert 550 <= _immigration(*_fy(year)).count() <= 650, year
    assert _immigration(date(2026, 4, 1), AS_OF).count() > 300
    assert not CustodyEpisode.objects.filter(arrived_on__gte=AS_OF).exists()


def test_other_episodes_make_the_filter_matter(demo):
    other = CustodyEpisode.objects.filter(detention_basis="other")
    assert other.count() > 3000
    assert (
        _immigration(*_fy(2017)).count()
        < CustodyEpisode.objects.filter(
            arrived_on__gte=date(2017, 4, 1), arrived_on__lte=date(2018, 3, 31)
        ).count()
    )


def test_victims_referred_are_b3s(demo):
    victims = Disclosure.objects.filter(
        role="victim",
        purpose__in=("referral", "icce_high_harm"),
        recipient="hoie_nccu",
        disclosed_on__gte=date(2020, 5, 1),
        disclosed_on__lte=date(2022, 9, 30),
    )
    assert victims.count() == 207
    by_crime = dict(victims.values_list("crime_type").annotate(n=Count("id")))
    assert by_crime["domestic_abuse"] == 19
    assert by_crime["human_trafficking"] == 87
    assert by_crime["modern_slavery"] == 43
    assert by_crime["child_sexual_exploitation"] == 5
    assert sum(by_crime.values()) == 207
    assert set(by_crime) <= {
        "domestic_abuse",
        "human_trafficking",
        "modern_slavery",
        "child_sexual_exploitation",
        "exploitation",
        "other",
    }
    # "A quarter" of domestic abuse victims were served with enforcement papers.
    served = victims.filter(
        crime_type="domestic_abuse", home_office_outcome="enforcement_papers_served"
    )
    assert served.count() == 5
    # However the window is drawn (a week either way), no other victim falls in it.
    near = Disclosure.objects.filter(
        role="victim", disclosed_on__gte=date(2020, 4, 24), disclosed_on__lte=date(2022, 10, 7)
    )
    assert near.count() == 207
    assert set(victims.values_list("channel", flat=True)) == {"phone", "email"}
    assert Disclosure.objects.filter(role="victim").count() > 207  # before and after too


def test_everything_is_labelled_synthetic(demo):
    assert ImportBatch.objects.filter(synthetic=False).count() == 0
    assert set(ImportBatch.objects.values_list("kind", flat=True)) == {"custody", "disclosures"}
    assert not CustodyEpisode.objects.exclude(custody_ref__startswith="DEMO-").exists()
    assert not Disclosure.objects.exclude(disclosure_ref__startswith="DEMO-").exists()
    assert not NccuContact.objects.exclude(reference__startswith="DEMO-").exists()
    assert not IcceRequest.objects.exclude(reference__startswith="DEMO-").exists()
    assert not Document.objects.exclude(reference__startswith="DEMO-").exists()
    assert all(
        "SYNTHETIC" in summary for summary in Document.objects.values_list("summary", flat=True)
    )
    assert not DocumentVersion.objects.exclude(notes__icontains="synthetic").exists()
    assert "SYNTHETIC" in demo.lines()[0]


def test_documents_named_in_seed_000(demo):
    titles = set(Document.objects.values_list("title", flat=True))
    assert any(title.startswith("Information Sharing Agreement (umbrella)") for title in titles)
    assert any(title.startswith("Umbrella MoU") for title in titles)
    assert "MoU / information sharing agreement template" in titles
    assert any(
        "victim or witness of crime is a suspected immigration offender" in t for t in titles
    )
    criteria = DocumentVersion.objects.filter(document__kind="high_harm_criteria")
    assert set(criteria.values_list("version", flat=True)) == {"1", "2"}
    assert DocumentVersion.objects.filter(document__kind="mou").count() >= 2


def test_records_link_to_each_other(demo):
    with_episode = Disclosure.objects.exclude(custody_ref="")
    assert with_episode.count() > 3000
    assert not with_episode.filter(custody_episode__isnull=True).exists()
    assert not Disclosure.objects.filter(agreement__isnull=True).exists()
    status_checks = Disclosure.objects.filter(purpose="status_check")
    assert not status_checks.filter(custody_episode__isnull=True).exists()
    # A person's records link through the same keyed pseudonym, whichever way they came in.
    contacts = NccuContact.objects.exclude(disclosure=None).select_related("disclosure")
    assert all(c.person_id == c.disclosure.person_id for c in contacts)
    assert Person.objects.annotate(n=Count("custody_episodes")).filter(n__gt=1).exists()
    assert Person.objects.filter(custody_episodes__isnull=False, disclosures__isnull=False).exists()


def test_nccu_contacts(demo):
    for year in range(2017, 2026):
        count = NccuContact.objects.filter(
            contacted_on__gte=_fy(year)[0], contacted_on__lte=_fy(year)[1]
        ).count()
        assert 300 <= count <= 1000, year  # several hundred a year
    assert set(NccuContact.objects.values_list("channel", flat=True)) == {"phone", "email"}
    assert NccuContact.objects.exclude(custody_episode=None).count() > 2000
    assert NccuContact.objects.filter(disclosure=None).exists()  # advice only, nothing shared
    victims = NccuContact.objects.filter(role="victim", trigger="victim_or_witness")
    assert victims.filter(disclosure__role="victim").count() == victims.count() > 207


def test_icce_requests(demo):
    requests = IcceRequest.objects.all()
    assert set(requests.values_list("result", flat=True)) == {
        "no_trace",
        "convictions_returned",
        "no_reply",
        "awaiting",
    }
    high = requests.filter(high_harm="yes")
    assert 0.05 < high.count() / requests.count() < 0.15  # about one in ten
    assert len(set(requests.values_list("division__code", flat=True))) > 5  # per division
    referred = requests.filter(referred_to_hoie="yes")
    assert referred.exists()
    assert not referred.filter(referral_disclosure=None).exists()
    assert not referred.exclude(referral_disclosure__purpose="icce_high_harm").exists()
    assert not referred.filter(referral_consideration=None).exists()
    assert {"deported", "removed", "pending"} <= set(
        referred.values_list("referral_outcome", flat=True)
    )
    # The criteria version in force: v1 before April 2021, v2 after.
    assessed = requests.exclude(criteria=None)
    assert not assessed.exclude(criteria__document__kind="high_harm_criteria").exists()
    assert set(assessed.values_list("criteria__version", flat=True)) == {"1", "2"}


def test_disclosures_cover_what_foi_requests_ask(demo):
    # Seed 000 asks about women, children and people with disabilities, and what happened next.
    disclosures = Disclosure.objects.all()
    assert disclosures.filter(sex="female").count() > 100
    assert disclosures.filter(age__lt=18).count() > 10
    assert disclosures.filter(disability="yes").count() > 50
    outcomes = set(disclosures.values_list("home_office_outcome", flat=True))
    assert {
        "detained_immigration_powers",
        "removed",
        "deported",
        "enforcement_papers_served",
    } <= outcomes
    requests = disclosures.filter(purpose="home_office_request")
    assert requests.count() > 300
    assert not requests.filter(Q(requested_at=None) | Q(initiated_by__isnull=True)).exists()
    assert disclosures.exclude(corrected_at=None).exclude(correction_reason=None).count() > 50
    assert set(disclosures.values_list("channel", flat=True)) >= {"phone", "email"}
    assert Counter(disclosures.values_list("consent", flat=True))["yes"] > 20
    assert not disclosures.filter(legal_basis="").exists()


def test_a_second_run_changes_nothing(demo, plan):
    before = _counts()
    again = load_demo(AS_OF, plan=plan)
    assert not again.changed
    assert again.custody.summary is None and again.disclosures.summary is None
    assert _counts() == before


def test_reimporting_the_same_demo_files_changes_nothing(demo, plan, tmp_path):
    custody = write_csv(tmp_path / "c.csv", CUSTODY_COLUMNS, plan.custody_rows(AS_OF))
    disclosures = write_csv(tmp_path / "d.csv", DISCLOSURE_COLUMNS, plan.disclosure_rows(AS_OF))
    for kind, path in (("custody", custody), ("disclosures", disclosures)):
        summary = import_file(kind, path, imported_by="test", synthetic=True, progress=False)
        assert (summary.created, summary.updated) == (0, 0)
        assert summary.unchanged == summary.rows_read > 5000


def test_command_says_synthetic(demo):
    out = io.StringIO()
    call_command("demo", "--as-of", AS_OF.isoformat(), "--no-progress", stdout=out)
    assert "SYNTHETIC DEMO DATA" in out.getvalue()
    assert "already loaded" in out.getvalue()


@time_machine.travel(date(2026, 12, 5), tick=False)
def test_a_day_in_the_future_is_refused():
    with pytest.raises(ValueError, match="after today"):
        load_demo(date(2026, 12, 7))


def test_a_later_day_only_adds_to_an_earlier_one(plan):
    earlier = {row["custody_ref"]: row for row in plan.custody_rows(date(2025, 6, 1))}
    later = {row["custody_ref"]: row for row in plan.custody_rows(date(2026, 6, 1))}
    assert set(earlier) < set(later)
    for ref, row in earlier.items():
        if row["released_at"]:
            assert later[ref] == row
    earlier_disclosures = {r["disclosure_ref"]: r for r in plan.disclosure_rows(date(2025, 6, 1))}
    later_disclosures = {r["disclosure_ref"]: r for r in plan.disclosure_rows(date(2026, 6, 1))}
    assert set(earlier_disclosures) < set(later_disclosures)
    for ref, row in earlier_disclosures.items():
        assert later_disclosures[ref]["disclosed_at"] == row["disclosed_at"]


def test_the_plan_is_the_same_in_every_process():
    """`make run` loads the demo in a new process each time: the plan must not depend on
    Python's per-process hash randomisation, or a second run would change records."""
    script = (
        "import hashlib, json; from datetime import date;"
        "from answerable.demo.synthetic.demo_plan import DemoPlan, build_plan;"
        "p = build_plan(); d = date(2026, 11, 23);"
        "rows = [p.custody_rows(d), p.disclosure_rows(d),"
        " [r.fields(d) for r in p.icce_as_of(d)], [c.fields() for c in p.nccu_as_of(d)]];"
        "print(hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest())"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        digests.add(result.stdout.strip())
    assert len(digests) == 1


def test_published_figures_are_copied_consistently():
    assert profiles.SEED_001_STATION_COUNTS == STATION_COUNTS
    assert sum(STATION_COUNTS.values()) == profiles.SEED_001_TOTAL == 537
    assert sum(profiles.SEED_001_BANDS) == 537
    assert set(STATION_COUNTS) == set(STATIONS)  # every centre is in the reference data
    periods = profiles.B1_PERIOD_BANDS
    assert sum(periods["2018/19"]) == profiles.B1_FY_2018_19
    assert sum(periods["2019/20"]) == profiles.B1_FY_2019_20
    assert sum(periods["Apr-Oct 2020"]) == profiles.B1_APR_OCT_2020
    assert sum(bands[2] for bands in periods.values()) == profiles.B1_OVER_48H_APR_2018_OCT_2020
    over_24 = sum(bands[1] + bands[2] for bands in periods.values())
    assert over_24 > profiles.B1_OVER_24H_MORE_THAN
    victims = {**profiles.B3_VICTIMS_BY_CRIME, **profiles.B3_REST_SPLIT}
    assert sum(victims.values()) == profiles.B3_VICTIMS_TOTAL == 207


def test_the_seeds_cases_are_answered_issued_and_published(demo):
    import html
    import re

    from django.test import Client

    from answerable.casework.letters.request import paragraphs, split
    from answerable.casework.models import InformationRequest
    from answerable.demo.cases import load_demo_cases

    assert load_demo_cases() == ["IM-FOI-2018-1421", "23-1751"]
    assert load_demo_cases() == []  # idempotent
    seed_001 = InformationRequest.objects.get(reference="IM-FOI-2018-1421")
    assert seed_001.questions.get(number=1).result["total"]["count"] == 537
    # 2017/18 given; 2015/16 and 2016/17 refused on cost (s12) with advice (s15).
    assert seed_001.notice == "partial"
    assert seed_001.letters.get().provisions[0] == "12(1)"
    listing = Client().get("/disclosure-log/").content.decode()
    assert "IM-FOI-2018-1421" in listing and "23-1751" in listing
    page = Client().get("/disclosure-log/23-1751/").content.decode()
    assert "Demonstration Requester" not in page and "How many were women?" in page
    seed_000 = InformationRequest.objects.get(reference="23-1751")
    assert seed_000.questions.count() == 13 and seed_000.notice == "partial"
    # The request replicated word for word, the requester's own paragraphs included.
    # (A bullet the requester typed before a question is not repeated on its own.)
    read = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    questions = [(q.number, q.text) for q in seed_000.questions.all()]
    for passage in split(seed_000.request_text, questions):
        for paragraph in paragraphs(passage.text):
            assert re.sub(r"\s+", " ", paragraph) in read
    assert (
        "12(1)" in seed_000.letters.get().provisions
        and "17(1)" in seed_000.letters.get().provisions
    )


def test_after_a_report_or_referral_is_more_than_the_latest_outcome(demo):
    """Seed 000's "detained ... after a report or referral" needs the earlier outcome
    reports and the person's later custody, which the demo holds (demo_aftermath.py)."""
    from answerable.answers.engine import Ask, count
    from answerable.register.models import OutcomeReport

    earlier = OutcomeReport.objects.filter(outcome="detained_immigration_powers").exclude(
        disclosure__home_office_outcome="detained_immigration_powers"
    )
    assert earlier.count() > 50
    # Each disclosure holds the last outcome of its reports.
    last: dict[int, tuple[str, date]] = {}
    for report in OutcomeReport.objects.order_by("outcome_on"):
        last[report.disclosure_id] = (report.outcome, report.outcome_on)
    held = Disclosure.objects.filter(pk__in=last).values_list(
        "pk", "home_office_outcome", "outcome_on"
    )
    assert {pk: (outcome, on) for pk, outcome, on in held} == last
    victims = {"role": ["victim"], "crime_type": ["domestic_abuse", "human_trafficking"]}
    period = {"first_day": date(2022, 5, 1), "last_day": date(2023, 5, 31)}
    table = count(
        Ask("reported-or-referred", where=victims, by=("detained_after",), **period)
    ).table
    latest = Disclosure.objects.filter(
        role="victim",
        crime_type__in=victims["crime_type"],
        disclosed_on__range=tuple(period.values()),
        home_office_outcome="detained_immigration_powers",
    ).count()
    assert table.count(("yes",)) > latest
    assert table.count(("not_known",)) > 0 and table.count(("no",)) > 0
    later_custody = Disclosure.objects.filter(
        purpose="referral",
        custody_episode=None,
        person__custody_episodes__arrived_at__gt=F("disclosed_at"),
        person__custody_episodes__detention_basis__in=IMMIGRATION_BASES,
    ).distinct()
    assert later_custody.count() > 100
    removed = count(Ask("reported-or-referred", by=("removed_after",), **period)).table
    assert removed.count(("yes",)) > 0


def test_custody_is_held_from_the_national_custody_system(demo, plan):
    from answerable.answers.answer import answer
    from answerable.answers.engine import Ask
    from answerable.register.coverage_records import held_from
    from answerable.register.models import RecordCoverage

    assert held_from("custody") == date(2017, 4, 1)
    coverage = RecordCoverage.objects.get(kind="custody")
    assert coverage.reason == "National Custody System introduced in 2017"
    assert any("custody held from 2017-04-01" in line for line in demo.lines())
    load_demo(AS_OF, plan=plan)  # idempotent: no second history entry
    assert coverage.history.count() == 1
    # Seed 001 asks for 2015/16, 2016/17 and 2017/18.
    seed_001 = answer(
        Ask(
            "custody-count",
            first_day=date(2015, 4, 1),
            last_day=date(2018, 3, 31),
            by=("financial_year",),
        )
    )
    cells = [(c.labels[0], c.count, c.display, c.status) for c in seed_001.published.cells]
    assert cells == [
        ("2015/16", None, "not held", "not_held"),
        ("2016/17", None, "not held", "not_held"),
        ("2017/18", 537, "537", "shown"),
    ]


def test_seed_000s_crime_types_are_exactly_those_asked(demo):
    from answerable.answers.answer import answer
    from answerable.answers.engine import Ask

    asked = ["domestic_abuse", "human_trafficking", "exploitation"]
    result = answer(
        Ask(
            "referrals",
            first_day=date(2020, 5, 1),
            last_day=date(2022, 9, 30),
            where={"role": ["victim"], "crime_type": asked},
            by=("crime_type",),
        ),
        suppress=False,
    )
    referred = Disclosure.objects.filter(
        role="victim",
        purpose__in=REFERRAL_PURPOSES,
        disclosed_on__gte=date(2020, 5, 1),
        disclosed_on__lte=date(2022, 9, 30),
    )
    assert referred.filter(crime_type="modern_slavery").count() >= 43
    # Modern slavery is in the register but not asked for: it is not shown, not even as 0.
    assert [(c.labels[0], c.count) for c in result.published.cells] == [
        (crime, referred.filter(crime_type=crime).count()) for crime in asked
    ]
