"""The real stack for end-to-end tests: the one-command runner on a fresh database, and Chromium.

The stack is started exactly as `make run` starts it (`python -m workspace.run`: ASGI server, Celery
worker and beat, and the Redis stand-in unless REDIS_URL is set), against its own database: a temporary
SQLite file, or a throwaway PostgreSQL database when DATABASE_URL is set. Browsers are Playwright's
Chromium: the system one when installed (PLAYWRIGHT_CHROMIUM_EXECUTABLE or /usr/bin/chromium),
otherwise the one `playwright install chromium` downloaded.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def chromium_executable() -> str | None:
    explicit = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE")
    if explicit:
        return explicit
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # Playwright's own download


def postgres_database_for(url: str, name: str, action: str) -> str:
    import psycopg

    parsed = urlparse(url)
    admin_url = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if action == "create":
            connection.execute(f'CREATE DATABASE "{name}"')
        else:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return urlunparse(parsed._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_stack(tmp_path_factory) as url:
        yield url


@contextmanager
def running_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole stack (web, worker, beat) against a fresh database with the demo data."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    run_id = uuid.uuid4().hex[:8]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "workspace.settings.base",
        "ROUNDTABLE_DATA_DIR": str(data_dir),
        "DJANGO_STATIC_ROOT": str(data_dir / "static"),
        "CELERY_QUEUE": f"roundtable-e2e-{run_id}",
        "CHANNELS_PREFIX": f"roundtable-e2e-{run_id}",
        "CACHE_PREFIX": f"roundtable-e2e-{run_id}",
        "PYTHONUNBUFFERED": "1",
    }
    database_name = f"roundtable_e2e_{run_id}"
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = postgres_database_for(os.environ["DATABASE_URL"], database_name, "create")
    port = free_port()
    env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{port}"
    log_path = data_dir / "stack.log"
    process = None
    try:
        for command in (["migrate", "--noinput"], ["seed_demo"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "workspace.run", "--host", "127.0.0.1", "--port", str(port)],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, process, log_path)
        wait_for_worker(log_path, process)
        yield url
    finally:
        if process is not None:
            stop(process)
        if os.environ.get("DATABASE_URL"):
            postgres_database_for(os.environ["DATABASE_URL"], database_name, "drop")


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the stack exited early:\n{log_path.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 - our loopback server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the stack did not become healthy:\n{log_path.read_text(errors='replace')[-4000:]}")


def wait_for_worker(log_path: Path, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if " ready." in log_path.read_text(errors="replace"):
            return
        if process.poll() is not None:
            break
        time.sleep(0.3)
    raise RuntimeError(f"the Celery worker did not start:\n{log_path.read_text(errors='replace')[-4000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the runner we started (Ctrl-C, as a person would), then make sure its children are gone."""
    try:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
