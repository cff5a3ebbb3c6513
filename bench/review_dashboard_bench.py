"""Benchmark: the executive committee's review dashboard at scale, against PostgreSQL.

Creates a throwaway database on the server of DATABASE_URL and a network far larger than any real one:
N agendas (default 20,000) in 40 working groups, each submitted one to three times (earlier submissions
sent back with changes requested), the latest awaiting a decision, approved or sent back, with reviews
from five executives and a few kilobytes of frozen content each. Then prints p50/p95 of what the
dashboard's endpoint does for one executive (the four queue counts, the queue's size and its first page
of 50, serialised), per queue and with a group filter. Drops the database at the end.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/roundtable .venv/bin/python bench/review_dashboard_bench.py \
        [--agendas 20000] [--runs 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The throwaway database and the percentile are the search benchmark's.
from search_bench import drop_database, percentile, prepare_database  # noqa: E402

GROUPS = 40
EXECUTIVES = 5
PAGE = 50


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agendas", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    database = prepare_database(None)
    try:
        run(args)
    finally:
        from django.db import connection

        connection.close()
        drop_database(database)


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    executive = load(args)
    measure(args, executive)


def load(args: argparse.Namespace) -> Any:
    from django.db import connection
    from django.utils import timezone

    from advocacy.models import (
        AdvocacyAgenda,
        AgendaReview,
        AgendaStatus,
        AgendaSubmission,
        ReviewDecision,
        SubmissionStatus,
    )
    from groups.models import WorkingGroup
    from workspace.models import Membership, Role, User, Workspace

    rng = random.Random(args.seed)
    begun = time.perf_counter()
    workspace = Workspace.objects.create(name="Bench network", slug="bench")
    executives = [
        User.objects.create_user(email=f"executive{index}@bench.example.org", display_name=f"Executive {index}")
        for index in range(EXECUTIVES)
    ]
    lead = User.objects.create_user(email="lead@bench.example.org", display_name="Lead")
    Membership.objects.bulk_create(
        [Membership(user=user, workspace=workspace, role=Role.EXECUTIVE) for user in executives]
        + [Membership(user=lead, workspace=workspace, role=Role.MEMBER)]
    )
    groups = WorkingGroup.objects.bulk_create(
        [WorkingGroup(workspace=workspace, name=f"Working group {index}") for index in range(GROUPS)]
    )
    # A frozen agenda of a few kilobytes: the dashboard must not read it.
    content = {"goal": "<p>" + "Every child with a disability learns in school. " * 40 + "</p>"}
    now = timezone.now()
    plans = []
    for index in range(args.agendas):
        submissions = rng.choice((1, 1, 1, 2, 3))
        latest = rng.choices(
            (SubmissionStatus.PENDING, SubmissionStatus.APPROVED, SubmissionStatus.CHANGES_REQUESTED), (5, 3, 2)
        )[0]
        plans.append((index, submissions, latest, now - timedelta(days=rng.uniform(0, 60))))
    agenda_status = {
        SubmissionStatus.PENDING: AgendaStatus.SUBMITTED,
        SubmissionStatus.APPROVED: AgendaStatus.APPROVED,
        SubmissionStatus.CHANGES_REQUESTED: AgendaStatus.CHANGES_REQUESTED,
    }
    agendas = AdvocacyAgenda.objects.bulk_create(
        [
            AdvocacyAgenda(
                group=groups[index % GROUPS], title=f"Agenda {index}", status=agenda_status[latest], created_by=lead
            )
            for index, _count, latest, _at in plans
        ],
        batch_size=2000,
    )
    submissions = []
    for agenda, (_index, count, latest, submitted_at) in zip(agendas, plans, strict=True):
        for number in range(1, count + 1):
            last = number == count
            status = latest if last else SubmissionStatus.CHANGES_REQUESTED
            at = submitted_at - timedelta(days=7 * (count - number))
            submissions.append(
                AgendaSubmission(
                    agenda=agenda,
                    number=number,
                    agenda_version=1,
                    status=status,
                    title=agenda.title,
                    content=content,
                    submitted_by=lead,
                    submitted_at=at,
                    decided_at=None if status == SubmissionStatus.PENDING else at + timedelta(days=3),
                )
            )
    submissions = AgendaSubmission.objects.bulk_create(submissions, batch_size=2000)
    reviews = []
    for submission in submissions:
        if submission.status == SubmissionStatus.PENDING:
            reviewers = rng.sample(executives, rng.choice((0, 0, 1, 2)))
            decisions = [ReviewDecision.APPROVE] * len(reviewers)
        elif submission.status == SubmissionStatus.APPROVED:
            reviewers, decisions = [rng.choice(executives)], [ReviewDecision.APPROVE]
        else:
            reviewers, decisions = [rng.choice(executives)], [ReviewDecision.REQUEST_CHANGES]
        for reviewer, decision in zip(reviewers, decisions, strict=True):
            reasons = "Costs are missing." if decision == ReviewDecision.REQUEST_CHANGES else ""
            reviews.append(AgendaReview(submission=submission, reviewer=reviewer, decision=decision, reasons=reasons))
    AgendaReview.objects.bulk_create(reviews, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"loaded {len(agendas):,} agendas, {len(submissions):,} submissions, {len(reviews):,} reviews "
        f"in {time.perf_counter() - begun:.1f} s"
    )
    return Membership.objects.select_related("workspace").get(user=executives[0])


def measure(args: argparse.Namespace, actor: Any) -> None:
    from advocacy.api.review_dashboard import ReviewDashboardEntryOutputSerializer
    from advocacy.selectors import ReviewQueue, review_dashboard_for_user
    from groups.models import WorkingGroup

    group = WorkingGroup.objects.filter(workspace_id=actor.workspace_id).order_by("id").first()

    def dashboard(queue: str, group_id: int | None) -> tuple[int, int]:
        # What the endpoint does: the counts, the queue's size, its first page, serialised.
        found = review_dashboard_for_user(actor=actor, queue=queue, group_id=group_id)
        size = found.submissions.count()
        page = list(found.submissions[:PAGE])
        data = ReviewDashboardEntryOutputSerializer(page, many=True, context={"review_days": found.review_days}).data
        return size, len(data)

    print(f"\n{'queue':<12} {'filter':<10} {'agendas':>8} | {'p50 / p95 ms':>17}")
    worst = 0.0
    for queue in ReviewQueue:
        for label, group_id in (("none", None), ("one group", group.pk if group else None)):
            size, _shown = dashboard(queue.value, group_id)  # warm the caches: a server in use
            times = []
            for _ in range(args.runs):
                begun = time.perf_counter()
                dashboard(queue.value, group_id)
                times.append((time.perf_counter() - begun) * 1000)
            worst = max(worst, percentile(times, 0.95))
            print(
                f"{queue.value:<12} {label:<10} {size:>8,} | {statistics.median(times):7.1f} / {percentile(times, 0.95):7.1f}"
            )
    print(f"\nworst p95: {worst:.1f} ms")


if __name__ == "__main__":
    main()
