"""Benchmark: importing organisations and people as a background job, end to end through the services.

Generates a CSV of N organisations and N people (default 5,000 each, the IMPORT_MAX_ROWS limit), runs the
import job synchronously in this process and prints wall time, rows per second, queries and peak Python
memory for each phase. Uses a throwaway SQLite database unless DATABASE_URL is set (then it creates and
drops a database on that server).

    .venv/bin/python bench/import_bench.py [--rows 5000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare_environment() -> str | None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "workspace.settings.base"
    os.environ.setdefault("ROUNDTABLE_DATA_DIR", tempfile.mkdtemp(prefix="roundtable-bench-"))
    if not os.environ.get("REDIS_URL"):
        from workspace.redis_standin import start_redis_standin

        _server, os.environ["REDIS_URL"] = start_redis_standin()
    os.environ["CHANNELS_PREFIX"] = f"bench-{uuid.uuid4().hex[:6]}"
    if os.environ.get("DATABASE_URL"):
        import psycopg

        name = f"roundtable_bench_{uuid.uuid4().hex[:8]}"
        parsed = urlparse(os.environ["DATABASE_URL"])
        with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{name}"))
        return name
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    database = prepare_environment()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from workspace.models import Job, Membership, Role, User, Workspace
    from workspace.services import imports, jobs

    call_command("migrate", verbosity=0)
    workspace = Workspace.objects.create(name="Bench network", slug=f"bench-{uuid.uuid4().hex[:6]}")
    admin = User.objects.create_user(email=f"admin-{workspace.slug}@example.org", display_name="Bench admin")
    actor = Membership.objects.create(user=admin, workspace=workspace, role=Role.ADMIN)

    organisations_csv = "name,acronym,kind,province\n" + "".join(
        f"Organisation {n},ORG{n},ngo,Province {n % 25}\n" for n in range(args.rows)
    )
    people_csv = "email,display_name,role,organisation,preferred_language\n" + "".join(
        f"person{n}@{workspace.slug}.example.org,Person {n},member,ORG{n % args.rows},km\n" for n in range(args.rows)
    )

    print(f"database: {connection.vendor}; rows per file: {args.rows}")
    for kind, content in (("organisations_import", organisations_csv), ("people_import", people_csv)):
        for attempt in ("first import", "re-import (unchanged)"):
            reset_queries()
            tracemalloc.start()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                job = imports.import_start(actor=actor, kind=kind, file_name="bench.csv", data=content.encode())
                # Run here rather than through the broker, so the figure is the job's own cost.
                Job.objects.filter(pk=job.pk).update(status="queued")
                jobs.job_run(job_id=job.pk)
            elapsed = time.perf_counter() - started
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            job.refresh_from_db()
            print(
                f"{kind:<22} {attempt:<22} status={job.status:<9} {elapsed:6.2f} s  "
                f"{args.rows / elapsed:8.0f} rows/s  {len(queries):6d} queries  peak {peak / 1e6:6.1f} MB  result={job.result}"
            )

    connection.close()
    if database:
        import psycopg

        parsed = urlparse(os.environ["DATABASE_URL"])
        with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as admin_connection:
            admin_connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
