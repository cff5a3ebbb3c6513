"""Live documents across real server processes: two web processes share a room through Redis, and a web
process killed with SIGKILL in the middle of a session loses no update that anyone had received.

Starts two uvicorn processes (the production ASGI application) against a throwaway database (a SQLite
file, or a PostgreSQL database when DATABASE_URL is set) loaded with the demo data, and the Redis the
test run uses. Clients speak y-websocket over real sockets (tests/live_client.py).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pycrdt import Doc, Map

from tests.e2e.conftest import ROOT, free_port, postgres_database_for
from tests.live_client import WsPeer, http_json, sign_in

WORKSPACE = "education-network"
DEMO_PASSWORD = "roundtable-demo"


@dataclass
class Servers:
    env: dict[str, str]
    log_dir: Path
    ports: list[int]
    processes: list[subprocess.Popen[bytes] | None] = field(default_factory=list)

    def url(self, number: int) -> str:
        return f"http://127.0.0.1:{self.ports[number]}"

    def start(self, number: int) -> None:
        log = (self.log_dir / f"web{number}.log").open("ab")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "workspace.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.ports[number]),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[number] = process
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError((self.log_dir / f"web{number}.log").read_text(errors="replace")[-3000:])
            try:
                with urllib.request.urlopen(f"{self.url(number)}/healthz", timeout=2):  # noqa: S310 - loopback
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("web process did not become healthy")

    def kill(self, number: int) -> None:
        process = self.processes[number]
        if process is not None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            self.processes[number] = None

    def stop_all(self) -> None:
        for process in self.processes:
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    data_dir = tmp_path_factory.mktemp("live-processes")
    run_id = uuid.uuid4().hex[:8]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "workspace.settings.base",
        "ROUNDTABLE_DATA_DIR": str(data_dir),
        "DJANGO_STATIC_ROOT": str(data_dir / "static"),
        "CELERY_QUEUE": f"roundtable-live-{run_id}",
        "CHANNELS_PREFIX": f"roundtable-live-{run_id}",
        "CACHE_PREFIX": f"roundtable-live-{run_id}",
        "PYTHONUNBUFFERED": "1",
    }
    database_name = f"roundtable_live_{run_id}"
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = postgres_database_for(os.environ["DATABASE_URL"], database_name, "create")
    servers = Servers(env=env, log_dir=data_dir, ports=[free_port(), free_port()], processes=[None, None])
    try:
        for command in (["migrate", "--noinput"], ["seed_demo"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
        servers.start(0)
        servers.start(1)
        yield servers
    finally:
        servers.stop_all()
        if os.environ.get("DATABASE_URL"):
            postgres_database_for(os.environ["DATABASE_URL"], database_name, "drop")


def new_tree(servers: Servers, cookie: str, title: str) -> int:
    base = servers.url(0)
    groups = http_json(base, cookie, "GET", f"/api/workspaces/{WORKSPACE}/groups/")
    group_id = (groups["results"] if isinstance(groups, dict) else groups)[0]["id"]
    tree = http_json(
        base,
        cookie,
        "POST",
        f"/api/workspaces/{WORKSPACE}/groups/{group_id}/trees/",
        {"title": title, "focal_problem": "Children leave school early"},
    )
    return int(tree["id"])


def peer(servers: Servers, number: int, cookie: str, tree_id: int) -> WsPeer:
    base = servers.url(number)
    return WsPeer(f"{base.replace('http://', 'ws://')}/ws/doc/tree/{tree_id}/", cookie, base)


def keys(doc: Doc) -> set[str]:
    return set(doc.get("crash", type=Map).keys())


def run(scenario: Any) -> None:
    """Run the clients' event loop in a thread of its own: Playwright's sync API (the browser tests of the
    same session) keeps an event loop running in the main thread, where asyncio.run() refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, scenario).result()


async def until(condition: Any, timeout: float = 10.0) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)
    return time.monotonic() - start


def test_two_web_processes_share_a_room(servers: Servers) -> None:
    cookie = sign_in(servers.url(0), "admin@example.org", DEMO_PASSWORD)
    tree_id = new_tree(servers, cookie, "Shared across processes")

    async def scenario() -> None:
        alice, bob = peer(servers, 0, cookie, tree_id), peer(servers, 1, cookie, tree_id)
        await alice.connect()
        await bob.connect()
        await until(lambda: alice.client.synced and bob.client.synced)

        await alice.send(alice.client.edit(lambda doc: doc.get("crash", type=Map).__setitem__("from-alice", 1)))
        assert await until(lambda: "from-alice" in keys(bob.client.doc), timeout=5) < 1.0
        await bob.send(bob.client.edit(lambda doc: doc.get("crash", type=Map).__setitem__("from-bob", 2)))
        assert await until(lambda: "from-bob" in keys(alice.client.doc), timeout=5) < 1.0
        await alice.close()
        await bob.close()

    run(scenario())


def test_a_killed_web_process_loses_no_update_anyone_received(servers: Servers) -> None:
    cookie = sign_in(servers.url(1), "executive@example.org", DEMO_PASSWORD)
    tree_id = new_tree(servers, cookie, "Crash test")

    async def scenario() -> None:
        writers = [peer(servers, 0, cookie, tree_id) for _ in range(2)]
        witness = peer(servers, 1, cookie, tree_id)
        for client in [*writers, witness]:
            await client.connect()
        await until(lambda: all(client.client.synced for client in [*writers, witness]))

        async def write(number: int, client: WsPeer) -> None:
            for seq in range(150):

                def change(doc: Doc, key: str = f"w{number}-{seq}", seq: int = seq) -> None:
                    doc.get("crash", type=Map)[key] = seq

                await client.send(client.client.edit(change))
                await asyncio.sleep(0.01)

        writing = [asyncio.ensure_future(write(number, client)) for number, client in enumerate(writers)]
        await asyncio.sleep(0.6)
        servers.kill(0)
        # What anyone had received from the servers at the moment of the crash (a writer's own edits
        # are local; everything else in its document came from a server).
        seen_before_crash = keys(witness.client.doc).union(
            *(
                {key for key in keys(client.client.doc) if not key.startswith(f"w{number}-")}
                for number, client in enumerate(writers)
            )
        )
        assert seen_before_crash, "the crash came before anything was relayed"
        await asyncio.gather(*writing)
        assert any(client.close_code is not None for client in writers)

        servers.start(0)
        for client in writers:  # the browser provider reconnects and syncs (sync step 1/2 both ways)
            await client.close()
            await client.connect()
        everything = set().union(*(keys(client.client.doc) for client in writers))
        assert len(everything) == 300
        await until(lambda: all(client.client.is_saved() for client in writers), timeout=15)

        # A new client of the restarted process reads what the database holds.
        fresh = peer(servers, 0, cookie, tree_id)
        await fresh.connect()
        await until(lambda: fresh.client.synced)
        stored = keys(fresh.client.doc)
        assert seen_before_crash <= stored, f"lost: {sorted(seen_before_crash - stored)[:10]}"
        assert stored == everything  # and after reconnecting, every edit converged, none twice
        # The other process's room missed what the killed one stored but never published; it catches up
        # from the database.
        await until(lambda: keys(witness.client.doc) == everything, timeout=15)
        for client in [*writers, witness, fresh]:
            await client.close()

    run(scenario())
