"""The demo's ICCE requests and high-harm referrals (seed 000).

Officers submit an ICCE form when a foreign national is arrested; each division collates
them; when convictions returned meet the force's high-harm criteria the case is referred
to Immigration Enforcement for consideration of deportation, removal or curtailment. About
one request in ten meets the criteria (synthetic). Each referral is also a disclosure
(purpose icce_high_harm) and quotes the criteria version in force (demo_documents.py).
"""

import random
from datetime import date, timedelta

import pycountry

from answerable.demo.synthetic import profiles
from answerable.demo.synthetic.demo_clock import at_uk
from answerable.demo.synthetic.demo_custody import DemoEpisode
from answerable.demo.synthetic.demo_documents import CRITERIA_V2_FROM
from answerable.demo.synthetic.demo_records import DemoDisclosure, DemoIcce

# Who gets an ICCE request: arrested foreign nationals (synthetic shares).
REQUEST_SHARE = {"immigration_powers": 0.25, "immigration_offence": 0.8, "other": 0.9}
RESULTS = (("no_trace", 0.5), ("convictions_returned", 0.32), ("no_reply", 0.18))
NO_REPLY_AFTER = 90  # days without a reply before a request is recorded as "no reply"
HIGH_HARM_SHARE = 0.3  # of requests that return convictions: about 10% of all requests
CONSIDERATIONS = (("deportation", 0.5), ("removal", 0.3), ("curtailment", 0.2))
REFERRAL_OUTCOMES = (
    ("no_action", 0.35),
    ("deported", 0.25),
    ("removed", 0.2),
    ("leave_curtailed", 0.12),
    ("other", 0.08),
)


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([label for label, _ in table], [share for _, share in table])[0]


def _alpha_2(code: str) -> list[str]:
    if code == profiles.STATELESS:
        return []
    if code == "XKX":
        return ["XK"]
    country = pycountry.countries.get(alpha_3=code)
    return [country.alpha_2] if country else []


def _wanted(rng: random.Random, episode: DemoEpisode) -> bool:
    return episode.person.foreign and rng.random() < REQUEST_SHARE[episode.basis]


def _referral(rng: random.Random, request: DemoIcce, referred_on: date) -> DemoDisclosure:
    episode = request.episode
    return DemoDisclosure(
        kind="icce",
        disclosed=at_uk(referred_on, rng.randrange(9, 17), rng.randrange(60)),
        division=episode.division,
        person=episode.person,
        subject=dict(episode.subject),
        role="offender",
        recipient="hoie_other",
        channel=_pick(rng, (("email", 0.8), ("system", 0.2))),
        purpose="icce_high_harm",
        consent="not_sought",
        legal_basis="Immigration and Asylum Act 1999 s20; high-harm criteria "
        f"version {request.criteria_version}",
        episode=episode,
        outcome=request.referral_outcome or "",
        outcome_on=request.referral_outcome_on,
    )


def plan_icce(
    rng: random.Random, episodes: list[DemoEpisode]
) -> tuple[list[DemoIcce], list[DemoDisclosure]]:
    """ICCE requests in order of sending, with references, and their referral disclosures."""
    requests: list[DemoIcce] = []
    referrals: list[DemoDisclosure] = []
    for episode in episodes:
        if not _wanted(rng, episode):
            continue
        sent_on = episode.arrived_on + timedelta(days=rng.randint(0, 3))
        result = _pick(rng, RESULTS)
        answered_on = sent_on + timedelta(
            days=NO_REPLY_AFTER if result == "no_reply" else rng.randint(7, 60)
        )
        request = DemoIcce(
            episode=episode,
            sent_on=sent_on,
            countries=_alpha_2(episode.person.country),
            result=result,
            answered_on=answered_on,
        )
        if result != "no_reply":
            request.criteria_version = "2" if answered_on >= CRITERIA_V2_FROM else "1"
            high = result == "convictions_returned" and rng.random() < HIGH_HARM_SHARE
            request.high_harm = "yes" if high else "no"
            if high:
                request.high_harm_basis = _pick(
                    rng, (("foreign_convictions", 0.7), ("both", 0.2), ("uk_convictions", 0.1))
                )
                request.referred_on = answered_on + timedelta(days=rng.randint(1, 14))
                request.consideration = _pick(rng, CONSIDERATIONS)
                request.referral_outcome = _pick(rng, REFERRAL_OUTCOMES)
                request.referral_outcome_on = request.referred_on + timedelta(
                    days=rng.randint(30, 300)
                )
                request.referral = _referral(rng, request, request.referred_on)
                referrals.append(request.referral)
        requests.append(request)
    requests.sort(key=lambda request: (request.sent_on, request.episode.ref))
    for number, request in enumerate(requests, start=1):
        request.ref = f"DEMO-ICCE-{number:06d}"
    return requests, referrals
