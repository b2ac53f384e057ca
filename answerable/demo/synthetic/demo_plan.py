"""The whole demo, planned once from a fixed seed, and what of it has happened by a day.

The plan runs to demo_clock.HORIZON and is the same on every run; loading it "as at" a day
takes what happened before that day. Re-running on the same day therefore changes nothing,
and on a later day only adds what has happened since (new episodes, releases, replies).
"""

import random
from dataclasses import dataclass
from datetime import date

from answerable.demo.synthetic.demo_aftermath import plan_aftermath
from answerable.demo.synthetic.demo_clock import cutoff
from answerable.demo.synthetic.demo_custody import DemoEpisode, plan_episodes
from answerable.demo.synthetic.demo_disclosures import plan_disclosures
from answerable.demo.synthetic.demo_icce import plan_icce
from answerable.demo.synthetic.demo_nccu import plan_nccu
from answerable.demo.synthetic.demo_people import People
from answerable.demo.synthetic.demo_records import DemoDisclosure, DemoIcce, DemoNccuContact

DEMO_SEED = 20170401  # fixed: the demo must be the same on every machine and every run


@dataclass(frozen=True)
class DemoPlan:
    episodes: list[DemoEpisode]
    disclosures: list[DemoDisclosure]
    icce: list[DemoIcce]
    nccu: list[DemoNccuContact]

    def custody_rows(self, as_of: date) -> list[dict[str, str]]:
        end = cutoff(as_of)
        return [episode.row(end) for episode in self.episodes if episode.arrived < end]

    def disclosure_rows(self, as_of: date) -> list[dict[str, str]]:
        end = cutoff(as_of)
        return [d.row(as_of, end) for d in self.disclosures if d.disclosed < end]

    def outcome_reports_as_of(self, as_of: date) -> list[tuple[str, str, date]]:
        """(disclosure reference, outcome, date) of every Home Office report known by
        `as_of`, for the disclosures with more than one report (demo_aftermath.py); the
        others hold their one outcome from the import, as an imported disclosure does."""
        end = cutoff(as_of)
        return [
            (disclosure.ref, outcome, on)
            for disclosure in self.disclosures
            if disclosure.earlier and disclosure.disclosed < end
            for outcome, on in disclosure.reports(as_of)
        ]

    def icce_as_of(self, as_of: date) -> list[DemoIcce]:
        return [request for request in self.icce if request.sent_on < as_of]

    def nccu_as_of(self, as_of: date) -> list[DemoNccuContact]:
        end = cutoff(as_of)
        return [contact for contact in self.nccu if contact.contacted < end]


def build_plan(seed: int = DEMO_SEED) -> DemoPlan:
    rng = random.Random(seed)
    people = People(rng)
    episodes = plan_episodes(rng, people)
    icce, referrals = plan_icce(rng, episodes)
    disclosures = plan_disclosures(rng, people, episodes) + referrals
    disclosures.sort(key=lambda d: (d.disclosed, d.person.ref if d.person else ""))
    for number, disclosure in enumerate(disclosures, start=1):
        disclosure.ref = f"DEMO-DIS-{number:06d}"
    plan_aftermath(seed + 1, disclosures, episodes)  # its own generator: see its module
    nccu = plan_nccu(rng, disclosures)
    return DemoPlan(episodes, disclosures, icce, nccu)
