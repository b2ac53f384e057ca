"""Locust users for benchmarks/load_test.py (run through it: it builds the register, starts
gunicorn and passes the plan). Two kinds of user, chosen by class name on the command line:

- DisclosureLogVisitor: a member of the public reading the disclosure log: the list,
  searches and filters, a response's page, its PDF, the Atom feed.
- AnswersClient: a system calling the answers API (GET /api/v1/questions/NAME/answer/) with
  its bearer token, for catalogue figures over a year.

LOAD_TEST_PLAN names a JSON file with the references, search words, topics, token and
questions to use; LOAD_TEST_WAIT is the pause between one user's requests, "MIN,MAX"
seconds (default 0.5,2: a person reading; 0,0 for the most the server can take).
"""

import json
import os
import random

from locust import FastHttpUser, between, constant, task

with open(os.environ["LOAD_TEST_PLAN"], encoding="utf-8") as stream:
    PLAN = json.load(stream)
_low, _high = (float(part) for part in os.environ.get("LOAD_TEST_WAIT", "0.5,2").split(","))
WAIT = constant(0) if _high == 0 else between(_low, _high)


class DisclosureLogVisitor(FastHttpUser):
    wait_time = WAIT

    @task(4)
    def list_page(self) -> None:
        pages = PLAN["pages"]
        page = random.randint(1, pages) if pages > 1 else 1
        self.client.get(f"/disclosure-log/?page={page}", name="log: list")

    @task(3)
    def search(self) -> None:
        word = random.choice(PLAN["words"])
        self.client.get(f"/disclosure-log/?q={word}", name="log: search")

    @task(1)
    def filter_by_topic(self) -> None:
        topic = random.choice(PLAN["topics"])
        self.client.get(f"/disclosure-log/?topic={topic}&regime=foisa", name="log: filter")

    @task(3)
    def detail(self) -> None:
        reference = random.choice(PLAN["references"])
        self.client.get(f"/disclosure-log/{reference}/", name="log: response page")

    @task(1)
    def pdf(self) -> None:
        reference = random.choice(PLAN["references"])
        self.client.get(f"/disclosure-log/{reference}.pdf", name="log: response PDF")

    @task(1)
    def feed(self) -> None:
        self.client.get("/disclosure-log/feed.atom", name="log: Atom feed")


class AnswersClient(FastHttpUser):
    wait_time = WAIT

    @task
    def answer(self) -> None:
        name, query = random.choice(PLAN["questions"])
        self.client.get(
            f"/api/v1/questions/{name}/answer/?{query}",
            headers={"Authorization": f"Bearer {PLAN['token']}"},
            name=f"api: {name} {query.rsplit('by=', 1)[-1] if 'by=' in query else ''}",
        )
