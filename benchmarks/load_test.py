"""Load test: the public disclosure log and the answers API, served by gunicorn on loopback,
over a register of 1,000,000 custody episodes (issue 7, part 5).

    .venv/bin/python benchmarks/load_test.py [--episodes 1000000] [--users 50] [--seconds 60]
        [--wait 0.5,2] [--scenarios log,answers] [--workers N] [--threads N] [--rebuild]
    DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/NAME .venv/bin/python \\
        benchmarks/load_test.py

1. Builds the register under var/load-test/ with the real commands, or reuses the one built
   there before for the same database and size: `answerable migrate`, `answerable generate
   --episodes N --seed 1`, `answerable import custody|disclosures --synthetic`, `answerable
   demo` (FOI cases answered and issued, two of them in the disclosure log), then
   --publications SYNTHETIC disclosure log entries (titles and text invented, the PDF a
   demo response's), `answerable apitoken create load-test --scope answers:read` and
   `answerable collectstatic`. About 5 minutes on SQLite for 1,000,000 episodes.
2. Starts gunicorn (answerable/gunicorn_conf.py) on 127.0.0.1, production settings: DEBUG
   off, static files collected and served by WhiteNoise, the audit trail's guard on.
3. For each scenario runs locust headless (benchmarks/locustfile.py) for --seconds with
   --users users (spawned at --spawn-rate a second), bounded by a timeout, and prints per
   endpoint the requests per second, median, 95th and 99th percentile latency and errors,
   with the CPU that gunicorn's workers and locust itself used (2 cores are shared by both:
   what the server gets is what locust leaves).

Traffic goes to 127.0.0.1 only. The answers scenario is skipped, with a message, when the
server has no /api/v1/questions/ (the API not installed). Target (the issue): no errors and
a 99th percentile under 300 ms for the disclosure log at 50 concurrent users.
"""

import argparse
import csv
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "load-test"
BIN = Path(sys.executable).parent
ANSWERABLE = [sys.executable, "-m", "answerable"]
GENERATED_TO = "2026-03-31"  # fixed, so that the files and register are the same any day
DEMO_AS_OF = "2026-05-01"
BUILD_TIMEOUT = 3600
SCENARIOS = {"log": "DisclosureLogVisitor", "answers": "AnswersClient"}

# Catalogue questions a dashboard would ask over one financial year, and one over all years.
QUESTIONS = [
    ("custody-count", "from=2024-04-01&to=2025-03-31&by=station"),
    ("custody-count", "from=2024-04-01&to=2025-03-31&by=month"),
    ("custody-count", "from=2024-04-01&to=2025-03-31&by=duration"),
    ("custody-all", "by=financial_year"),
    ("disclosures", "from=2024-04-01&to=2025-03-31&by=role"),
    ("referrals", "from=2024-04-01&to=2025-03-31&by=sex"),
]

TOPICS = [
    "immigration enforcement",
    "custody",
    "information sharing",
    "victims of crime",
    "Home Office referrals",
    "modern slavery",
    "police powers",
    "statistics",
]
SUBJECTS = [
    "Immigration-related custodies at {place} in {year}",
    "Referrals to Home Office Immigration Enforcement, {year}",
    "Information sharing agreements with the Home Office",
    "People held under immigration powers for more than 24 hours, {year}",
    "Victims and witnesses referred to the Home Office, {year}",
    "Use of custody centres by detention basis, {place}",
    "Nationality of people detained at {place}, {year}",
    "Contacts with the Immigration Enforcement National Command and Control Unit",
]
PLACES = ["Govan", "Falkirk", "Inverness", "Kilmarnock", "Dundee", "Aberdeen", "Livingston"]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def environment(database_url: str) -> dict[str, str]:
    """Production settings, with secrets that are for this synthetic register only."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "answerable.settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-test-only-secret-key-not-for-any-real-service",
        "ANSWERABLE_PSEUDONYM_KEY": "load-test-only-pseudonym-key",
        "ANSWERABLE_HTTPS": "0",  # plain HTTP on loopback; a proxy terminates TLS in production
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ANSWERABLE_VAR_DIR": str(WORK),
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",  # as README: Running in production advises: one connection per worker
    }
    env.pop("ANSWERABLE_AUDIT_GUARD", None)  # on, as in production
    return env


def answerable(env: dict[str, str], *args: str, timeout: float = BUILD_TIMEOUT) -> str:
    start = time.perf_counter()
    done = subprocess.run(
        [*ANSWERABLE, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        sys.exit(f"answerable {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    log(f"  answerable {' '.join(args[:3])} ... {time.perf_counter() - start:.0f} s")
    return done.stdout


def database_key(url: str) -> str:
    if url.startswith("sqlite"):
        return "sqlite"
    return "postgres-" + url.rsplit("/", 1)[-1].split("?")[0]


def fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg  # installed with the project (the PostgreSQL driver)

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as db:
        db.execute("DROP SCHEMA public CASCADE")
        db.execute("CREATE SCHEMA public")


def generate(env: dict[str, str], episodes: int) -> Path:
    data = WORK / f"data-{episodes}"
    marker = data / "complete"
    if not marker.exists():
        shutil.rmtree(data, ignore_errors=True)
        answerable(
            env,
            "generate",
            f"--episodes={episodes}",
            "--seed=1",
            f"--to={GENERATED_TO}",
            f"--out={data}",
            "--no-progress",
        )
        marker.write_text("ok")
    return data


def build(env: dict[str, str], episodes: int, publications: int, stamp: Path) -> dict[str, Any]:
    log(f"building a register of {episodes:,} episodes in {env['DATABASE_URL'].split('@')[-1]}")
    fresh_database(env["DATABASE_URL"])
    answerable(env, "migrate", "--noinput", "-v0")
    data = generate(env, episodes)
    for kind, name in (("custody", "custody-episodes.csv"), ("disclosures", "disclosures.csv")):
        answerable(env, "import", kind, str(data / name), "--synthetic", "--no-progress")
    answerable(env, "demo", f"--as-of={DEMO_AS_OF}", "--no-progress")
    plan = json.loads(
        subprocess.run(
            [sys.executable, __file__, "--publish-synthetic", str(publications)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=BUILD_TIMEOUT,
        ).stdout
    )
    plan["token"] = answerable(
        env, "apitoken", "create", "load-test", "--scope", "answers:read", "--new-token"
    ).strip()
    plan["questions"] = QUESTIONS
    stamp.write_text(json.dumps({"episodes": episodes, "plan": plan}, indent=1))
    log(f"built: {stamp}")
    return plan


def publish_synthetic(count: int) -> None:
    """`--publish-synthetic N`, run in a Django process of its own: N SYNTHETIC disclosure
    log entries beside the demo's, and the plan (references, words, topics) as JSON."""
    import django

    django.setup()
    from datetime import date, timedelta

    from django.utils.text import slugify

    from answerable.disclosure_log.models import Outcome, Publication, Regime, Topic

    rng = random.Random(1)
    demo = Publication.objects.order_by("pk").first()
    pdf = bytes(demo.pdf) if demo else b"%PDF-1.4\n%%EOF\n"
    topics = [Topic.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0] for n in TOPICS]
    regimes, outcomes = [r.value for r in Regime], [o.value for o in Outcome]
    start = date(2019, 1, 7)
    for n in range(1, count + 1):
        issued = start + timedelta(days=rng.randrange(0, 2500))
        title = rng.choice(SUBJECTS).format(place=rng.choice(PLACES), year=issued.year - 1)
        body = (
            f"SYNTHETIC LOAD-TEST RESPONSE {n}. You asked: {title}. The figures requested "
            "are held in the register and are given in the table below, under disclosure "
            "control. " * 6
        )
        publication, _ = Publication.objects.update_or_create(
            reference=f"LOAD-{issued.year}-{n:04}",
            defaults={
                "title": f"SYNTHETIC: {title}",
                "summary": f"SYNTHETIC load-test entry: {title}.",
                "regime": rng.choice(regimes[:2]),
                "outcome": rng.choice(outcomes),
                "received_on": issued - timedelta(days=rng.randrange(5, 20)),
                "issued_on": issued,
                "publish_on": issued + timedelta(days=7),
                "body_html": f"<p>{body}</p>",
                "body_text": body,
                "pdf": pdf,
            },
        )
        publication.topics.set(rng.sample(topics, rng.randint(1, 3)))
    published = list(Publication.objects.published().values_list("reference", flat=True))
    print(
        json.dumps(
            {
                "references": published,
                "pages": max(1, math.ceil(len(published) / 20)),
                "topics": [topic.slug for topic in topics],
                "words": ["immigration", "custody", "Govan", "referrals", "nationality", "2023"],
            }
        )
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, token: str | None = None) -> int:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def start_server(env: dict[str, str], workers: int, threads: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
    }
    logfile = (WORK / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "answerable/gunicorn_conf.py", "answerable.wsgi"],
        env=server_env,
        cwd=ROOT,
        stdout=logfile,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped at start: see {WORK / 'gunicorn.log'}")
        try:
            if get(f"{base}/disclosure-log/") == 200:
                log(f"gunicorn up at {base}: {workers} workers x {threads} threads")
                return server, base
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not answer within 60 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class CpuMeter:
    """CPU seconds used by each process tree (gunicorn's, the database's, locust's) and by
    the whole machine while a scenario runs: the difference of two readings, at its start
    and at its end.

    A tree's reading is each live process's own time plus the time of the children it has
    reaped (the kernel adds an ended child's time, and its own reaped children's, to its
    parent's `children_*` times when the parent waits for it). So processes that start and
    end within the scenario are counted: gunicorn's replaced workers, and PostgreSQL's
    parallel query workers, which live for one query (a once-a-second sample of live
    processes missed them and put the database's counting under "other work").

    `reaped_here` names the group whose root is this script's own child (locust): it has
    ended by the end reading, and its time is then in this process's children times.
    """

    def __init__(self, roots: dict[str, int], reaped_here: str | None = None) -> None:
        import psutil  # installed with locust

        self.psutil = psutil
        self.roots = roots
        self.reaped_here = reaped_here
        self.used: dict[str, float] = {}
        self.at_start: dict[str, float] = {}

    def _reading(self, pid: int) -> float | None:
        try:
            root = self.psutil.Process(pid)
            tree = [root, *root.children(recursive=True)]
        except self.psutil.NoSuchProcess:
            return None
        seconds = 0.0
        for process in tree:
            try:
                times = process.cpu_times()
            except self.psutil.NoSuchProcess:
                continue  # ended since listed: its time is in its parent's children_* now
            seconds += times.user + times.system + times.children_user + times.children_system
        return seconds

    def _group_reading(self, group: str) -> float | None:
        reading = self._reading(self.roots[group])
        if group != self.reaped_here:
            return reading
        mine = os.times()
        return (reading or 0.0) + mine.children_user + mine.children_system

    def __enter__(self) -> "CpuMeter":
        for group in self.roots:
            if (reading := self._group_reading(group)) is not None:
                self.at_start[group] = reading
        self.machine = self.psutil.cpu_times()
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.monotonic() - self.started
        for group in self.roots:
            reading = self._group_reading(group)
            if reading is not None and group in self.at_start:
                self.used[group] = reading - self.at_start[group]
        now = self.psutil.cpu_times()
        self.used["machine"] = (now.user + now.system + now.nice) - (
            self.machine.user + self.machine.system + self.machine.nice
        )

    def share(self, group: str) -> float:
        """Percent of the machine's cores."""
        return 100 * self.used[group] / (self.seconds * (os.cpu_count() or 1))


def _postmaster() -> int | None:
    """A local PostgreSQL server's main process (all its databases), if one runs here."""
    import psutil

    for process in psutil.process_iter(["name", "ppid"]):
        if process.info["name"] == "postgres":
            try:
                if psutil.Process(process.info["ppid"]).name() != "postgres":
                    return process.pid
            except psutil.NoSuchProcess:
                continue
    return None


def run_scenario(
    name: str, base: str, plan_file: Path, options: argparse.Namespace, server_pid: int
) -> tuple[list[dict[str, str]], CpuMeter]:
    prefix = WORK / "results" / f"{name}-{options.users}u"
    prefix.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "benchmarks" / "locustfile.py"),
        "--headless",
        "--host",
        base,
        "-u",
        str(options.users),
        "-r",
        str(options.spawn_rate),
        "-t",
        f"{options.seconds}s",
        "--stop-timeout",
        "5",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        SCENARIOS[name],
    ]
    env = {**os.environ, "LOAD_TEST_PLAN": str(plan_file), "LOAD_TEST_WAIT": options.wait}
    log(f"scenario {name}: {options.users} users for {options.seconds} s (wait {options.wait} s)")
    locust = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    roots = {"gunicorn": server_pid, "locust": locust.pid}
    if postmaster := _postmaster():
        roots["postgres"] = postmaster  # the database's work is in its own processes
    with CpuMeter(roots, reaped_here="locust") as meter:
        try:
            _, stderr = locust.communicate(timeout=options.seconds + 60)
        except subprocess.TimeoutExpired:
            locust.kill()
            sys.exit(f"locust did not stop within {options.seconds + 60} s")
    if locust.returncode not in (0, 1):  # 1: some requests failed, reported below
        sys.exit(f"locust failed ({locust.returncode}):\n{stderr[-3000:]}")
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream)), meter


def print_table(name: str, rows: list[dict[str, str]], meter: CpuMeter) -> None:
    print(f"\n{name}: requests/s, latency in ms, errors")
    header = f"{'endpoint':<28} {'requests':>9} {'req/s':>7} {'median':>7} {'p95':>6} {'p99':>6}"
    print(header + f" {'max':>6} {'errors':>7}")
    for row in rows:
        label = "total" if row["Name"] == "Aggregated" else row["Name"]
        print(
            f"{label:<28} {int(row['Request Count']):>9,} {float(row['Requests/s']):>7.1f} "
            f"{row['50%']:>7} {row['95%']:>6} {row['99%']:>6} "
            f"{float(row['Max Response Time']):>6.0f} {int(row['Failure Count']):>7}"
        )
    groups = [group for group in ("gunicorn", "postgres", "locust") if group in meter.used]
    shares = ", ".join(f"{group} {meter.share(group):.0f}%" for group in groups)
    print(
        f"CPU (% of {os.cpu_count()} cores): {shares}, whole machine {meter.share('machine'):.0f}%"
        " (the rest: other work on the machine)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1_000_000)
    parser.add_argument("--publications", type=int, default=300, help="synthetic log entries")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=60, help="each scenario's length")
    parser.add_argument("--wait", default="0.5,2", help="MIN,MAX pause between requests (s)")
    parser.add_argument("--scenarios", default="log,answers")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="build the register again")
    parser.add_argument("--publish-synthetic", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.publish_synthetic is not None:
        publish_synthetic(options.publish_synthetic)
        return
    scenarios = [name.strip() for name in options.scenarios.split(",") if name.strip()]
    unknown = [name for name in scenarios if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {unknown}; choose from {', '.join(SCENARIOS)}")

    WORK.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{WORK / 'register.sqlite3'}"
    env = environment(url)
    stamp = WORK / f"built-{database_key(url)}.json"
    built = json.loads(stamp.read_text()) if stamp.exists() else None
    if options.rebuild or not built or built["episodes"] != options.episodes:
        plan = build(env, options.episodes, options.publications, stamp)
    else:
        plan = built["plan"]
        log(f"reusing the register of {options.episodes:,} episodes ({stamp})")
    answerable(env, "collectstatic", "--noinput", "-v0")
    plan_file = WORK / "plan.json"
    plan_file.write_text(json.dumps(plan))

    server, base = start_server(env, options.workers, options.threads)
    try:
        if "answers" in scenarios:
            status = get(f"{base}/api/v1/questions/", plan["token"])
            if status == 404:
                log("skipping the answers scenario: the server has no /api/v1/questions/ (404)")
                scenarios.remove("answers")
            elif status != 200:
                sys.exit(f"GET /api/v1/questions/ answered {status}: is the token valid?")
        # Warm up: each kind of page once, so that no worker's first import is timed.
        for path in ("/disclosure-log/", "/disclosure-log/feed.atom"):
            get(base + path)
        for name, query in QUESTIONS if "answers" in scenarios else []:
            get(f"{base}/api/v1/questions/{name}/answer/?{query}", plan["token"])
        results = {
            name: run_scenario(name, base, plan_file, options, server.pid) for name in scenarios
        }
    finally:
        stop(server)
    database = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
    print(
        f"\n{options.episodes:,} episodes on {database}, {len(plan['references'])} published "
        f"responses; gunicorn {options.workers} workers x {options.threads} threads; "
        f"{options.users} users, {options.seconds} s each, wait {options.wait} s; "
        f"{os.cpu_count()} cores shared by server and load generator"
    )
    for name, (rows, meter) in results.items():
        print_table(name, rows, meter)


if __name__ == "__main__":
    main()
