"""The generic job machinery: a Job row is the truth, the broker only a doorbell.

A job is created and enqueued after commit; a worker claims it (queued → running) under a row lock, so a
duplicate delivery does nothing; progress is written to the row (the polling fallback) and pushed to
the person's browser; the sweeper re-enqueues jobs whose worker died. Job handlers must be idempotent:
running one twice changes nothing twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from workspace.models import Job, JobKind, JobStatus, Membership

logger = logging.getLogger(__name__)

PROGRESS_MIN_STEP = 5  # percentage points
PROGRESS_MIN_INTERVAL = 0.5  # seconds


class JobFailed(Exception):
    """Raised by a handler for an expected failure; `errors` are row-level details for the person."""

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class JobSuperseded(Exception):
    """This run lost its claim (the sweeper handed the job to another run); it must not write."""


@dataclass(frozen=True)
class JobKindHandler:
    run: Callable[[JobRun], dict[str, Any]]
    # Called inside the finishing transaction (notify the person, audit the outcome).
    on_finish: Callable[[Job], None]


# Handlers of job kinds that belong to other apps (workspace cannot import them); they register in their
# AppConfig.ready().
_registered_handlers: dict[str, JobKindHandler] = {}


def job_kind_register(kind: str, handler: JobKindHandler) -> None:
    _registered_handlers[kind] = handler


def job_handlers() -> dict[str, JobKindHandler]:
    # Imported here because the handlers' modules create jobs through this one.
    from workspace.services.imports import import_notify_finished, organisations_import_run, people_import_run

    return {
        JobKind.ORGANISATIONS_IMPORT: JobKindHandler(run=organisations_import_run, on_finish=import_notify_finished),
        JobKind.PEOPLE_IMPORT: JobKindHandler(run=people_import_run, on_finish=import_notify_finished),
        **_registered_handlers,
    }


def job_create(
    *, actor: Membership, kind: str, input_name: str = "", input_data: bytes = b"", params: dict[str, Any] | None = None
) -> Job:
    job = Job.objects.create(
        workspace=actor.workspace,
        created_by=actor.user,
        kind=kind,
        input_name=input_name,
        input_data=input_data,
        params=params or {},
    )
    _enqueue_on_commit(job.pk)
    return job


def _enqueue_on_commit(job_id: int) -> None:
    from workspace.tasks import job_run as job_run_task

    job_run_task.delay_on_commit(job_id)


class JobRun:
    """One claimed attempt at a job, handed to its handler."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.attempt = job.attempts
        self.last_report = time.monotonic()

    def report_progress(self, progress: int) -> None:
        """Record progress (0–100) outside any transaction, then push it.

        Reports are thinned to a visible step or a short interval: each one is a write and a push, and
        a large file would otherwise spend more time reporting than working.
        """
        progress = max(0, min(100, int(progress)))
        step = progress - self.job.progress
        if step <= 0 or (step < PROGRESS_MIN_STEP and time.monotonic() - self.last_report < PROGRESS_MIN_INTERVAL):
            return
        self.last_report = time.monotonic()
        now = timezone.now()
        updated = Job.objects.filter(pk=self.job.pk, attempts=self.attempt, status=JobStatus.RUNNING).update(
            progress=progress, heartbeat_at=now
        )
        if not updated:
            raise JobSuperseded
        self.job.progress, self.job.heartbeat_at = progress, now
        transaction.on_commit(lambda: job_push(self.job))

    def lock_claim(self) -> None:
        """Inside the handler's write transaction: make sure this run still owns the job."""
        owned = Job.objects.select_for_update().filter(pk=self.job.pk, attempts=self.attempt, status=JobStatus.RUNNING)
        if not owned.exists():
            raise JobSuperseded


def job_run(*, job_id: int) -> None:
    """Claim and run a job. Does nothing for a job that is already running or finished."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != JobStatus.QUEUED:
            return
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.started_at = job.heartbeat_at = timezone.now()
        job.save(update_fields=["status", "attempts", "started_at", "heartbeat_at"])
    run = JobRun(job)
    creator_language = _creator_language(job)
    job_push(job)
    try:
        # Messages stored on the job (errors) are written in the language of the person who started it.
        with override(creator_language):
            result = job_handlers()[job.kind].run(run)
    except JobSuperseded:
        logger.info("Job %s attempt %s was superseded; leaving it to the newer run", job.pk, run.attempt)
        return
    except JobFailed as failure:
        _job_finish(run, status=JobStatus.FAILED, error=failure.message, errors=failure.errors)
        return
    except Exception:
        logger.exception("Job %s failed unexpectedly", job.pk)
        with override(creator_language):
            message = _("Something went wrong while processing this job. Nothing was changed.")
        _job_finish(run, status=JobStatus.FAILED, error=message)
        return
    _job_finish(run, status=JobStatus.SUCCEEDED, result=result)


def _job_finish(
    run: JobRun,
    *,
    status: str,
    result: dict[str, Any] | None = None,
    error: str = "",
    errors: list[dict[str, Any]] | None = None,
) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=run.job.pk)
        if job.attempts != run.attempt or job.status != JobStatus.RUNNING:
            return
        job.status = status
        job.progress = 100 if status == JobStatus.SUCCEEDED else job.progress
        job.result = result
        job.error = error
        job.errors = errors or []
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "progress", "result", "error", "errors", "finished_at"])
        job_handlers()[job.kind].on_finish(job)
        transaction.on_commit(lambda: job_push(job))


def job_push(job: Job) -> None:
    if job.created_by_id is None:
        return
    from workspace.api.serializers import JobOutputSerializer
    from workspace.services.events import event_send_to_user

    event_send_to_user(user_id=job.created_by_id, event={"type": "job.progress", "job": JobOutputSerializer(job).data})


def _is_stale(job: Job, stale_before: datetime) -> bool:
    if job.status == JobStatus.RUNNING:
        return job.heartbeat_at is None or job.heartbeat_at < stale_before
    return job.status == JobStatus.QUEUED and job.enqueued_at < stale_before


def _creator_language(job: Job) -> str:
    return job.created_by.preferred_language if job.created_by else settings.LANGUAGE_CODE


def jobs_sweep() -> int:
    """Re-enqueue jobs whose worker died or whose message the broker lost; give up after a few tries."""
    stale_before = timezone.now() - settings.JOB_STALE_AFTER
    requeued = 0
    stale = Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=stale_before) | Job.objects.filter(
        status=JobStatus.QUEUED, enqueued_at__lt=stale_before
    )
    for job_id in stale.values_list("pk", flat=True):
        with transaction.atomic():
            job = Job.objects.select_related("created_by", "workspace").select_for_update(of=("self",)).get(pk=job_id)
            # Between the listing and the lock a worker may have finished the job or reported progress.
            if not _is_stale(job, stale_before):
                continue
            if job.attempts >= settings.JOB_MAX_ATTEMPTS:
                job.status = JobStatus.FAILED
                with override(_creator_language(job)):
                    job.error = _("The job stopped unexpectedly several times and was abandoned. Nothing was changed.")
                job.finished_at = timezone.now()
                job.save(update_fields=["status", "error", "finished_at"])
                job_handlers()[job.kind].on_finish(job)
                transaction.on_commit(lambda job=job: job_push(job))  # type: ignore[misc]
                continue
            job.status = JobStatus.QUEUED
            job.progress = 0
            job.enqueued_at = timezone.now()
            job.save(update_fields=["status", "progress", "enqueued_at"])
            _enqueue_on_commit(job.pk)
            requeued += 1
    if requeued:
        logger.warning("Sweeper re-enqueued %s stale jobs", requeued)
    return requeued
