"""Benchmark: a live meeting with many participants, against the real running stack.

Starts the stack exactly as `make run` does (`python -m workspace.run`: uvicorn, Celery worker and beat, and
the Redis stand-in unless REDIS_URL is set) on a free loopback port, in its own process group, against a
throwaway database loaded with the demo data (`migrate`, `seed_demo`). Then, as the browser app would:

- signs in over HTTP (CSRF cookie, then the session login of /api/auth/) as the facilitator and as the
  demo members, and opens N websockets to /ws/meeting/<demo meeting>/ spread over the members, each
  sending the app's 20-second heartbeat;
- fan-out: K console commands (`start`, then `next`/`previous` in turn) over REST, and for each the time
  from sending the request to every socket receiving the `run_state` event of the new version
  (p50/p95/max over every socket and command, and how many events never arrived);
- the `GET live/` snapshot a client fetches on every (re)connect, as a member, at the group-work item;
- dot-vote throughput: the meeting moves to the group-work item, everyone joins their room, the
  facilitator opens a vote in the room with the most signed-in participants, and every participant in
  that room sends all their dots plus a few extra at once (all requests released together); accepted
  dots per second, and whether exactly the extras were refused (the per-person limit under a burst);
- peak RSS of the stack's process tree, sampled from /proc (and each process's own high-water mark).

Uses a throwaway SQLite database and the in-process Redis stand-in unless DATABASE_URL / REDIS_URL are
set (then it creates and drops a database on that PostgreSQL server, and uses that Redis with fresh key
prefixes). The client runs on the same machine: on a small one its own work (decoding 100 sockets'
frames on one event loop) is part of the latencies measured.

    .venv/bin/python bench/live_bench.py [--clients 100] [--commands 20] [--snapshots 50]
                                         [--dots 10] [--extra-dots 3] [--vote-rounds 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/roundtable REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/live_bench.py
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import math
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "roundtable-demo"  # noqa: S105 - the public demo password seed_demo sets
WORKSPACE = "education-network"
FACILITATOR = "facilitator@example.org"
# Members of the demo network; lead.inclusion makes a third participant of the Inclusive education room.
MEMBERS = [f"member{suffix}@example.org" for suffix in ("", "2", "3", "4", "5", "6")] + ["lead.inclusion@example.org"]
HEARTBEAT_SECONDS = 20  # as the front end's live layer
VOTE_OPTIONS = ["Funding", "Teachers", "Data", "Buildings"]


# --- The stack ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_database(url: str, name: str, action: str) -> str:
    import psycopg

    parsed = urlparse(url)
    with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as connection:
        if action == "create":
            connection.execute(f'CREATE DATABASE "{name}"')
        else:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return urlunparse(parsed._replace(path=f"/{name}"))


@dataclass
class Stack:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    database: str
    redis: str


@contextmanager
def running_stack(keep_data: bool = False) -> Iterator[Stack]:
    run_id = uuid.uuid4().hex[:8]
    data_dir = Path(tempfile.mkdtemp(prefix="roundtable-live-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "workspace.settings.base",
        "ROUNDTABLE_DATA_DIR": str(data_dir),
        "DJANGO_STATIC_ROOT": str(data_dir / "static"),
        "CELERY_QUEUE": f"roundtable-bench-{run_id}",
        "CHANNELS_PREFIX": f"roundtable-bench-{run_id}",
        "CACHE_PREFIX": f"roundtable-bench-{run_id}",
        "PYTHONUNBUFFERED": "1",
    }
    database_name = f"roundtable_live_bench_{run_id}"
    database = "sqlite (throwaway file)"
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = postgres_database(os.environ["DATABASE_URL"], database_name, "create")
        database = f"postgresql (throwaway database {database_name})"
    redis = f"redis at {os.environ['REDIS_URL']}" if os.environ.get("REDIS_URL") else "in-process stand-in"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env["PUBLIC_BASE_URL"] = url
    log_path = data_dir / "stack.log"
    process = None
    try:
        for command in (["migrate", "--noinput"], ["seed_demo"]):
            subprocess.run(  # noqa: S603 - our own manage.py
                [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
            )
        with log_path.open("wb") as log:
            process = subprocess.Popen(  # noqa: S603 - our own runner
                [sys.executable, "-m", "workspace.run", "--host", "127.0.0.1", "--port", str(port)],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: Ctrl-C at the end reaches the runner and its children, nothing else.
                start_new_session=True,
            )
        wait_until_ready(url, process, log_path)
        yield Stack(url=url, process=process, log_path=log_path, database=database, redis=redis)
    finally:
        if process is not None:
            stop(process)
        if os.environ.get("DATABASE_URL"):
            postgres_database(os.environ["DATABASE_URL"], database_name, "drop")
        report_log(log_path)
        if keep_data:
            print(f"kept: {data_dir} (the stack's log is stack.log)")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def report_log(log_path: Path) -> None:
    """Warnings and errors the stack logged: a figure is only worth something if nothing failed behind it."""
    if not log_path.exists():
        return
    lines = log_path.read_text(errors="replace").splitlines()
    flagged = [line for line in lines if any(word in line for word in ("WARNING", "ERROR", "Traceback", "Exception"))]
    print(f"stack log: {len(lines)} lines, {len(flagged)} with WARNING/ERROR/Traceback")
    for line in list(dict.fromkeys(line.split("|", 1)[-1].strip() for line in flagged))[:5]:
        print(f"  {line[:240]}")


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log_path: Path, timeout: float = 90) -> None:
    """Healthy web process, and a Celery worker that is ready (its start-up would skew the first figures)."""
    parsed = urlparse(url)
    deadline = time.monotonic() + timeout
    healthy = False
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the stack exited early:\n{log_path.read_text(errors='replace')[-4000:]}")
        if not healthy:
            try:
                connection = http.client.HTTPConnection(parsed.hostname or "", parsed.port, timeout=2)
                connection.request("GET", "/healthz")
                healthy = connection.getresponse().status == 200
                connection.close()
            except OSError:
                pass
        if healthy and " ready." in log_path.read_text(errors="replace"):
            return
        time.sleep(0.3)
    raise RuntimeError(f"the stack did not become ready:\n{log_path.read_text(errors='replace')[-4000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C to the runner's own process group (honcho stops its children), SIGKILL if it hangs."""
    try:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=5)


# --- Memory of the stack's process tree ----------------------------------------------------------------


class TreeMemory:
    """Samples the summed RSS of a process and its descendants from /proc (Linux only; silent elsewhere)."""

    def __init__(self, root_pid: int, interval: float = 0.25) -> None:
        self.root_pid = root_pid
        self.interval = interval
        self.peak_bytes = 0
        self.high_water: dict[int, tuple[str, int]] = {}
        self.page_size = os.sysconf("SC_PAGE_SIZE")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        if Path("/proc/self/stat").exists():
            self._thread.start()

    def finish(self) -> None:
        """Stop sampling and read every process's own peak (VmHWM), while the stack still runs."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self.sample()
        for pid in self.tree():
            peak = self._status_kb(pid, "VmHWM")
            if peak is not None:
                self.high_water[pid] = (self._name(pid), peak * 1024)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        total = 0
        for pid in self.tree():
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self.page_size
            except (OSError, IndexError, ValueError):
                continue
        self.peak_bytes = max(self.peak_bytes, total)

    def tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                # The command name may contain spaces and parentheses: the fields after the last ")" are safe.
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
        found, pending = [], [self.root_pid]
        while pending:
            pid = pending.pop()
            found.append(pid)
            pending.extend(children.get(pid, []))
        return found

    @staticmethod
    def _status_kb(pid: int, key: str) -> int | None:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith(f"{key}:"):
                    return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            return None
        return None

    @staticmethod
    def _name(pid: int) -> str:
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return "?"
        words = [word.decode(errors="replace") for word in argv if word]
        for marker, name in (("uvicorn", "web"), ("worker", "worker"), ("beat", "beat"), ("workspace.run", "runner")):
            if marker in words:
                return name
        return Path(words[0]).name if words else "?"


# --- HTTP as the browser app speaks it ----------------------------------------------------------------


class HttpSession:
    """One signed-in person: their cookies, and JSON requests with the CSRF header the front end sends.

    A fresh connection per request keeps it usable from any thread; on loopback that costs well under
    a millisecond.
    """

    def __init__(self, base_url: str, email: str) -> None:
        parsed = urlparse(base_url)
        self.host = parsed.hostname or "127.0.0.1"
        self.port = parsed.port
        self.origin = base_url
        self.email = email
        self.cookies: dict[str, str] = {}
        self._lock = threading.Lock()

    def cookie_header(self) -> str:
        with self._lock:
            return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        headers = {"Accept": "application/json", "Origin": self.origin}
        cookie = self.cookie_header()
        if cookie:
            headers["Cookie"] = cookie
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if method not in ("GET", "HEAD") and "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                jar: SimpleCookie = SimpleCookie()
                jar.load(header)
                with self._lock:
                    self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        finally:
            connection.close()
        try:
            return response.status, json.loads(raw) if raw else None
        except ValueError:
            return response.status, raw.decode(errors="replace")[:500]


def expect(result: tuple[int, Any], status: int, what: str) -> Any:
    if result[0] != status:
        raise RuntimeError(f"{what}: expected HTTP {status}, got {result[0]}: {result[1]}")
    return result[1]


def sign_in(base_url: str, email: str) -> HttpSession:
    person = HttpSession(base_url, email)
    expect(person.request("GET", "/api/auth/csrf/"), 204, "CSRF cookie")
    expect(person.request("POST", "/api/auth/login/", {"email": email, "password": DEMO_PASSWORD}), 200, email)
    if "sessionid" not in person.cookies:
        raise RuntimeError(f"no session cookie after signing in as {email}")
    return person


# --- Websockets ---------------------------------------------------------------------------------------


@dataclass
class Traffic:
    """Everything every socket received: counts by event type, and when the last message arrived."""

    counts: Counter[str] = field(default_factory=Counter)
    last_at: float = 0.0


@dataclass
class LiveSocket:
    person: HttpSession
    traffic: Traffic
    connection: ClientConnection | None = None
    run_state_at: dict[int, float] = field(default_factory=dict)
    close_code: int | None = None
    pongs: int = 0
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def open(self, ws_url: str) -> None:
        self.connection = await connect(
            ws_url,
            origin=Origin(self.person.origin),
            additional_headers={"Cookie": self.person.cookie_header()},
            proxy=None,
            open_timeout=60,
        )
        self.tasks = [asyncio.create_task(self.read()), asyncio.create_task(self.heartbeat())]

    async def read(self) -> None:
        assert self.connection is not None
        try:
            async for raw in self.connection:
                now = time.perf_counter()
                message = json.loads(raw)
                kind = str(message.get("type", "?"))
                self.traffic.counts[kind] += 1
                if kind != "pong":  # the heartbeat's replies never stop; "quiet" means no meeting events
                    self.traffic.last_at = now
                if kind == "pong":
                    self.pongs += 1
                elif kind == "run_state":
                    self.run_state_at.setdefault(int(message["run_state"]["version"]), now)
        except ConnectionClosed:
            pass
        finally:
            self.close_code = self.connection.close_code

    async def heartbeat(self) -> None:
        # Spread over the interval, as clients that connected at different times would be.
        await asyncio.sleep(random.uniform(0, HEARTBEAT_SECONDS))
        while True:
            await self.send({"type": "ping"})
            await asyncio.sleep(HEARTBEAT_SECONDS)

    async def send(self, message: dict[str, Any]) -> None:
        assert self.connection is not None
        try:
            await self.connection.send(json.dumps(message))
        except ConnectionClosed:
            pass

    async def close(self) -> None:
        for task in self.tasks[1:]:
            task.cancel()
        if self.connection is not None:
            await self.connection.close()
        if self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)


async def wait_quiet(traffic: Traffic, quiet: float = 1.0, limit: float = 120) -> float:
    """Wait until no socket has received anything for `quiet` seconds; returns how long that took."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if time.perf_counter() - max(traffic.last_at, started) >= quiet:
            break
        await asyncio.sleep(0.05)
    return time.perf_counter() - started


# --- Figures ------------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def ms(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 0.5) * 1000:7.1f} ms  p95 {percentile(values, 0.95) * 1000:7.1f} ms  "
        f"max {max(values, default=math.nan) * 1000:7.1f} ms"
    )


def mb(value: int) -> str:
    return f"{value / 2**20:6.0f} MB"


# --- The measurements --------------------------------------------------------------------------------


async def run_command(
    facilitator: HttpSession, meeting_path: str, sockets: list[LiveSocket], action: str, grace: float, **payload: Any
) -> tuple[float, list[float], int]:
    """Send one console command; (REST round trip, each socket's time to its run_state event, events lost)."""
    started = time.perf_counter()
    result = await asyncio.to_thread(
        facilitator.request, "POST", f"{meeting_path}live/commands/", {"action": action, **payload}
    )
    round_trip = time.perf_counter() - started
    version = int(expect(result, 200, f"command {action}")["run_state"]["version"])
    deadline = time.perf_counter() + grace
    while time.perf_counter() < deadline and any(version not in s.run_state_at for s in sockets):
        await asyncio.sleep(0.01)
    latencies = [s.run_state_at[version] - started for s in sockets if version in s.run_state_at]
    return round_trip, latencies, len(sockets) - len(latencies)


async def bench(args: argparse.Namespace, stack: Stack, memory: TreeMemory) -> None:
    base = stack.url
    print(f"stack: {base}  database: {stack.database}  redis: {stack.redis}")
    facilitator = await asyncio.to_thread(sign_in, base, FACILITATOR)
    members = [await asyncio.to_thread(sign_in, base, email) for email in MEMBERS]
    meetings = expect(facilitator.request("GET", f"/api/workspaces/{WORKSPACE}/meetings/"), 200, "meetings")
    meeting_id = int(meetings["results"][0]["id"])
    meeting_path = f"/api/workspaces/{WORKSPACE}/meetings/{meeting_id}/"
    ws_url = base.replace("http://", "ws://") + f"/ws/meeting/{meeting_id}/"

    # Connect: every connection announces itself to everyone already there (a `presence` event each).
    traffic = Traffic()
    sockets = [LiveSocket(person=members[n % len(members)], traffic=traffic) for n in range(args.clients)]
    opening = asyncio.Semaphore(10)

    async def open_one(live: LiveSocket) -> None:
        async with opening:
            await live.open(ws_url)

    started = time.perf_counter()
    await asyncio.gather(*(open_one(live) for live in sockets))
    connected = time.perf_counter() - started
    settled = await wait_quiet(traffic)
    refused = [live.close_code for live in sockets if live.close_code is not None]
    if refused:
        raise RuntimeError(f"{len(refused)} sockets were closed by the server (codes {Counter(refused)})")
    print(
        f"connect: {args.clients} sockets over {len(members)} member sessions in {connected:5.2f} s "
        f"({args.clients / connected:5.0f}/s, 10 at a time); presence settled {settled:5.2f} s later; "
        f"{traffic.counts['presence']} presence events delivered"
    )

    print(f"  sockets answering a ping: {await answering_pings(sockets)} of {args.clients}")

    # (a) Fan-out of the console's commands.
    actions = ["start"] + ["next" if n % 2 else "previous" for n in range(1, args.commands)]
    round_trips: list[float] = []
    latencies: list[float] = []
    whole_room: list[float] = []
    lost = 0
    for action in actions:
        round_trip, arrived, missing = await run_command(facilitator, meeting_path, sockets, action, args.grace)
        round_trips.append(round_trip)
        latencies.extend(arrived)
        if arrived and not missing:
            whole_room.append(max(arrived))
        lost += missing
    await wait_quiet(traffic, quiet=0.5)
    print(
        f"fan-out: {len(actions)} commands x {args.clients} sockets, REST command to run_state event\n"
        f"  per socket       {ms(latencies)}\n"
        f"  whole room       {ms(whole_room)}   (last socket of each command)\n"
        f"  REST round trip  {ms(round_trips)}\n"
        f"  lost             {lost} of {len(actions) * args.clients} events (not received within {args.grace:.0f} s of the reply)"
    )

    # Move to the group-work item: it opens one session per group.
    snapshot = expect(facilitator.request("GET", f"{meeting_path}live/"), 200, "live snapshot")
    group_work = next(item for item in snapshot["items"] if item["kind"] == "group_work")
    _rt, arrived, missing = await run_command(
        facilitator, meeting_path, sockets, "go_to", args.grace, item_id=group_work["id"]
    )
    await wait_quiet(traffic, quiet=0.5)

    # (b) The snapshot every client fetches on (re)connect.
    snapshot_person = members[0]
    timings = []
    size = 0
    for _n in range(args.snapshots):
        started = time.perf_counter()
        result = await asyncio.to_thread(snapshot_person.request, "GET", f"{meeting_path}live/")
        timings.append(time.perf_counter() - started)
        size = len(json.dumps(expect(result, 200, "live snapshot")))
    print(
        f"snapshot: {args.snapshots} x GET live/ as {snapshot_person.email} at the group-work item "
        f"({size / 1024:.1f} kB JSON), sequential\n  {ms(timings)}"
    )

    # (c) Dot votes. Everyone goes to the room they land in; the bench's room is the one with the most
    # signed-in participants, and everyone who takes part there goes to it.
    views = {
        person.email: expect(person.request("GET", f"{meeting_path}live/"), 200, "live snapshot") for person in members
    }
    participants: Counter[int] = Counter(
        session["id"] for view in views.values() for session in view["sessions"] if session["participate"]
    )
    room_id = participants.most_common(1)[0][0]
    room = next(session for session in snapshot_sessions(facilitator, meeting_path) if session["id"] == room_id)
    in_room = {
        email
        for email, view in views.items()
        if any(session["id"] == room_id and session["participate"] for session in view["sessions"])
    }
    for live in sockets:
        target = room_id if live.person.email in in_room else views[live.person.email]["my_session_id"]
        if target is not None:
            await live.send({"type": "join_room", "session_id": target})
    presence_before = traffic.counts["presence"]
    await wait_quiet(traffic, quiet=2.0)
    joined = traffic.counts["presence"] - presence_before
    answering = await answering_pings(sockets)
    print(
        f"room joins: {args.clients} join_room messages; presence events delivered {joined} "
        f"(one per join to every socket would be {args.clients * args.clients}); "
        f"sockets answering a ping 5 s later: {answering} of {args.clients}"
    )
    presence = expect(facilitator.request("GET", f"{meeting_path}live/"), 200, "live snapshot")["presence"]
    present = {entry["user"]["email"] for entry in presence if entry["session_id"] == room_id}
    voters = [person for person in members if person.email in present]
    if not voters:
        raise RuntimeError(f"nobody is present in room {room_id}: {presence}")
    sockets_in_room = sum(1 for live in sockets if live.person.email in present)
    await vote_rounds(args, facilitator, meeting_path, room, voters, sockets_in_room, traffic)

    # (d) Memory, read while everything is still connected.
    memory.finish()
    per_process = ", ".join(f"{name} {mb(peak).strip()}" for name, peak in sorted(memory.high_water.values()))
    print(f"memory: peak RSS of the stack's process tree {mb(memory.peak_bytes).strip()} (sampled every 0.25 s)")
    print(f"  each process's own peak (VmHWM): {per_process}")
    print(f"websocket messages received in all: {dict(traffic.counts)}")
    closed = Counter(live.close_code for live in sockets if live.close_code is not None)
    print(f"sockets closed before the end: {sum(closed.values())} {dict(closed) or ''}")
    await asyncio.gather(*(live.close() for live in sockets))


async def answering_pings(sockets: list[LiveSocket], wait: float = 5.0) -> int:
    """How many sockets get a `pong` back within `wait` seconds: is each consumer still serving its socket?"""
    before = {id(live): live.pongs for live in sockets}
    await asyncio.gather(*(live.send({"type": "ping"}) for live in sockets))
    deadline = time.perf_counter() + wait
    while time.perf_counter() < deadline and any(live.pongs == before[id(live)] for live in sockets):
        await asyncio.sleep(0.05)
    return sum(1 for live in sockets if live.pongs > before[id(live)])


def snapshot_sessions(person: HttpSession, meeting_path: str) -> list[dict[str, Any]]:
    return list(expect(person.request("GET", f"{meeting_path}live/"), 200, "live snapshot")["sessions"])


def place_dot(
    voter: HttpSession, dots_path: str, option_id: int, barrier: threading.Barrier
) -> tuple[str, int, Any, float, float]:
    """One click on an option, sent when the whole burst is ready: (who, status, body, sent, answered)."""
    barrier.wait()
    started = time.perf_counter()
    status, body = voter.request("POST", dots_path, {"option_id": option_id})
    return voter.email, status, body, started, time.perf_counter()


async def vote_rounds(
    args: argparse.Namespace,
    facilitator: HttpSession,
    meeting_path: str,
    room: dict[str, Any],
    voters: list[HttpSession],
    sockets_in_room: int,
    traffic: Traffic,
) -> None:
    session_path = f"{meeting_path}sessions/{room['id']}/"
    per_voter = args.dots + args.extra_dots
    accepted = refused = 0
    unexpected: Counter[int] = Counter()
    samples: list[str] = []
    burst_seconds = 0.0
    dot_timings: list[float] = []
    over_limit = 0
    totals_mismatch = 0
    events = 0
    refusal = ""
    loop = asyncio.get_running_loop()
    for _round in range(args.vote_rounds):
        vote = expect(
            facilitator.request(
                "POST",
                f"{session_path}votes/",
                {
                    "question": "Which root causes matter most?",
                    "options": VOTE_OPTIONS,
                    "dots_per_person": args.dots,
                    "minutes": 10,
                },
            ),
            201,
            "open a vote",
        )
        options = [option["id"] for option in vote["options"]]
        dots_path = f"{session_path}votes/{vote['id']}/dots/"
        jobs = [(voter, options[n % len(options)]) for voter in voters for n in range(per_voter)]
        # Every request waits at the barrier, so the burst starts at once, as a room clicking together.
        barrier = threading.Barrier(len(jobs))

        session_events_before = traffic.counts["session"]
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            results = await asyncio.gather(
                *(loop.run_in_executor(pool, place_dot, voter, dots_path, option, barrier) for voter, option in jobs)
            )
        burst_seconds += max(r[4] for r in results) - min(r[3] for r in results)
        accepted_by: Counter[str] = Counter()
        for email, status, body, started, finished in results:
            if status == 200:
                accepted_by[email] += 1
                dot_timings.append(finished - started)
            elif status == 400 and isinstance(body, dict) and "detail" in body:
                refused += 1
                refusal = refusal or str(body["detail"])
            else:
                unexpected[status] += 1
                if len(samples) < 3:
                    samples.append(f"{status}: {str(body)[:200]}")
        accepted += sum(accepted_by.values())
        over_limit += sum(max(0, count - args.dots) for count in accepted_by.values())
        # What each voter's own screen says, and the totals once closed: the database's word, not the replies'.
        for voter in voters:
            detail = expect(voter.request("GET", session_path), 200, "session detail")
            used = next(v["my_dots_used"] for v in detail["votes"] if v["id"] == vote["id"])
            if used != accepted_by[voter.email]:
                totals_mismatch += 1
        await wait_quiet(traffic, quiet=0.5)
        events += traffic.counts["session"] - session_events_before
        closed = expect(facilitator.request("POST", f"{session_path}votes/{vote['id']}/close/"), 200, "close the vote")
        if sum(option["total"] or 0 for option in closed["options"]) != sum(accepted_by.values()):
            totals_mismatch += 1
        await wait_quiet(traffic, quiet=0.5)

    attempts = args.vote_rounds * len(voters) * per_voter
    expected_refused = args.vote_rounds * len(voters) * args.extra_dots
    print(
        f"dot vote: room {room['group']['name']!r} with {len(voters)} participants present ({sockets_in_room} of their "
        f"sockets); {args.vote_rounds} rounds, each participant sending {args.dots} dots + {args.extra_dots} extra at once "
        f"({len(voters) * per_voter} requests released together per round)\n"
        f"  accepted         {accepted} of {args.vote_rounds * len(voters) * args.dots} in {burst_seconds:5.2f} s of bursts "
        f"= {accepted / burst_seconds:6.1f} dots/s ({attempts / burst_seconds:6.1f} requests/s)\n"
        f"  accepted dot     {ms(dot_timings)}   (request to reply, under the burst)\n"
        f"  refused extras   {refused} of {expected_refused} expected; over the limit: {over_limit}; "
        f"other replies: {dict(unexpected) or 'none'} {samples or ''}\n"
        f"  refusal reads    {refusal!r}\n"
        f"  checks           screens or closing totals disagreeing with the replies: {totals_mismatch}; "
        f"`session` events delivered to sockets: {events} (accepted dots x clients = {accepted * args.clients})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=100, help="websocket connections (default 100)")
    parser.add_argument("--commands", type=int, default=20, help="console commands for the fan-out (default 20)")
    parser.add_argument("--snapshots", type=int, default=50, help="GET live/ requests (default 50)")
    parser.add_argument("--dots", type=int, default=10, help="dots per person in each vote (1-10, default 10)")
    parser.add_argument("--extra-dots", type=int, default=3, help="dots over the limit each person also sends")
    parser.add_argument("--vote-rounds", type=int, default=3, help="votes opened one after the other (default 3)")
    parser.add_argument("--grace", type=float, default=10.0, help="seconds before an event counts as lost")
    parser.add_argument("--keep-data", action="store_true", help="keep the data directory and the stack's log")
    args = parser.parse_args()

    with running_stack(keep_data=args.keep_data) as stack:
        memory = TreeMemory(stack.process.pid)
        memory.start()
        asyncio.run(bench(args, stack, memory))


if __name__ == "__main__":
    main()
