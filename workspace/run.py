"""The one-command runner: web, worker and beat on one machine (`python -m workspace.run`).

It is what `make run` ends with, after migrations, static files and demo data. Without REDIS_URL it
starts the in-process Redis stand-in (workspace.redis_standin) and hands its URL to the children, so
the channel layer, the cache and the Celery broker all speak to it; with REDIS_URL (and DATABASE_URL)
set it uses those and starts nothing of its own. honcho supervises the children: their output is
interleaved with a name prefix, one of them dying stops the others, and Ctrl-C (SIGINT) or SIGTERM
stops them all before the runner exits.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import socket
import sys
from pathlib import Path

from honcho.manager import Manager

BASE_DIR = Path(__file__).resolve().parent.parent
SETTINGS_MODULE = "workspace.settings.base"
DEFAULT_QUEUE = "roundtable"
# Vite's dev server proxies /api, /admin, /static and /ws to this port (frontend/vite.config.ts).
DEV_BACKEND_PORT = 8000
VITE_URL = "http://127.0.0.1:5173"

DEMO_PASSWORD = "roundtable-demo"
DEMO_LOGINS = [
    ("admin@example.org", "workspace admin"),
    ("executive@example.org", "executive committee"),
    ("facilitator@example.org", "facilitator"),
    ("lead.inclusion@example.org", "lead of the inclusive education group"),
    ("member@example.org", "member"),
    ("observer@example.org", "observer"),
]

# honcho reports SIGINT/SIGTERM as these return codes; a shutdown someone asked for is a clean exit.
REQUESTED_SHUTDOWN_CODES = {130, 143}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m workspace.run",
        description="Run Roundtable (web, Celery worker and beat) on this machine.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--dev",
        action="store_true",
        help="front-end development: also start Vite's dev server and reload Django on code changes",
    )
    return parser.parse_args(argv)


def data_dir() -> Path:
    # The same rule as workspace/settings/base.py; the runner does not import Django settings because
    # that would also open the database and read everything else before the children need it.
    return Path(os.environ.get("ROUNDTABLE_DATA_DIR", BASE_DIR / "data"))


def browser_url(host: str, port: int) -> str:
    if host in {"0.0.0.0", "::", ""}:  # noqa: S104 - only turns "all interfaces" into a clickable URL
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def port_is_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # uvicorn sets SO_REUSEADDR too, so a port in TIME_WAIT counts as free for both.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def python_command(*args: str) -> str:
    # honcho runs each command through the shell; quoting keeps paths with spaces intact.
    return shlex.join([sys.executable, *args])


def build_processes(args: argparse.Namespace, env: dict[str, str]) -> list[tuple[str, str, Path]]:
    """The (name, shell command, working directory) of every child process."""
    schedule = data_dir() / "celerybeat-schedule"
    queue = env.get("CELERY_QUEUE") or DEFAULT_QUEUE
    web = [
        "-m",
        "uvicorn",
        "workspace.asgi:application",
        "--host",
        args.host,
        "--port",
        str(args.port),
        # Django's ASGI handler does not speak the lifespan protocol; "off" avoids a confusing log line.
        "--lifespan",
        "off",
        # Open websockets would otherwise hold the shutdown until honcho resorts to SIGKILL.
        "--timeout-graceful-shutdown",
        "3",
        # Compressing every small frame costs more CPU per delivered update than anything else in a live
        # room, and a zlib context per socket (see workspace/uvicorn_worker.py).
        "--ws-per-message-deflate",
        "false",
    ]
    if args.dev:
        web.append("--reload")
        for package in ("workspace", "groups", "advocacy", "policybank"):
            web += ["--reload-dir", str(BASE_DIR / package)]
    processes = [
        ("web", python_command(*web), BASE_DIR),
        (
            "worker",
            python_command(
                "-m",
                "celery",
                "-A",
                "workspace",
                "worker",
                # Threads, not prefork: one light process that shares the stand-in connection pool.
                "--pool=threads",
                "--concurrency=4",
                "-Q",
                queue,
                "--loglevel=INFO",
            ),
            BASE_DIR,
        ),
        (
            "beat",
            python_command("-m", "celery", "-A", "workspace", "beat", "--loglevel=INFO", "--schedule", str(schedule)),
            BASE_DIR,
        ),
    ]
    if args.dev:
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("`--dev` needs npm (Node 20 or newer) on the PATH for Vite's dev server.")
        processes.append(("vite", shlex.join([npm, "run", "dev"]), BASE_DIR / "frontend"))
    return processes


def print_banner(url: str, redis_note: str, dev: bool) -> None:
    lines = [
        "",
        f"Roundtable is starting at {url}",
    ]
    if dev:
        lines.append(f"Front-end development: open {VITE_URL} (Vite, hot reload); Django answers at {url}.")
    lines += [
        f"Redis: {redis_note}",
        f"Demo logins (password {DEMO_PASSWORD}):",
        *(f"  {email:<30} {role}" for email, role in DEMO_LOGINS),
        "Stop with Ctrl-C.",
        "",
    ]
    print("\n".join(lines), flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.dev and args.port != DEV_BACKEND_PORT:
        print(
            f"Note: Vite proxies the API to port {DEV_BACKEND_PORT} (frontend/vite.config.ts), not {args.port}.",
            file=sys.stderr,
        )
    if not port_is_free(args.host, args.port):
        print(
            f"Port {args.port} on {args.host} is already in use. Stop whatever is using it, "
            f"or choose another port: `make run PORT=8001` (or `python -m workspace.run --port 8001`).",
            file=sys.stderr,
        )
        return 1

    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    # Children write to a pipe; unbuffered output keeps the interleaved log in real time.
    env["PYTHONUNBUFFERED"] = "1"
    data_dir().mkdir(parents=True, exist_ok=True)

    standin = None
    if env.get("REDIS_URL"):
        redis_note = f"using REDIS_URL ({env['REDIS_URL']})"
    else:
        from workspace.redis_standin import start_redis_standin

        standin, env["REDIS_URL"] = start_redis_standin()
        redis_note = f"in-process stand-in at {env['REDIS_URL']} (in memory; set REDIS_URL to use a real Redis)"

    try:
        manager = Manager()
        for name, command, cwd in build_processes(args, env):
            manager.add_process(name, command, env=env, cwd=str(cwd))
        url = browser_url(args.host, args.port)
        print_banner(url, redis_note, args.dev)
        # Blocks until every child has stopped; honcho handles SIGINT/SIGTERM by stopping them all.
        manager.loop()
    finally:
        if standin is not None:
            standin.shutdown()
            standin.server_close()

    returncode = manager.returncode or 0
    if returncode in REQUESTED_SHUTDOWN_CODES:
        return 0
    # A child killed by a signal reports -N; exit the way a shell would (128 + N).
    return 128 - returncode if returncode < 0 else returncode


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        # Ctrl-C before the children were started: nothing to stop.
        sys.exit(130)
