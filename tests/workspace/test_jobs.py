"""The generic job machinery: claiming, idempotency, the sweeper, and progress over the websocket."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.utils import timezone

from workspace.asgi import application
from workspace.models import Job, JobStatus, Membership, Notification, Organisation, User, Workspace
from workspace.services import imports, jobs

CSV = b"name,acronym\nReading for All Cambodia,RFAC\nTeachers for Tomorrow,TFT\n"


def queued_import(admin: User, workspace: Workspace) -> Job:
    return Job.objects.create(
        workspace=workspace, created_by=admin, kind="organisations_import", input_name="orgs.csv", input_data=CSV
    )


@pytest.mark.django_db
def test_running_a_job_twice_changes_nothing_twice(admin: User, workspace: Workspace) -> None:
    job = queued_import(admin, workspace)

    jobs.job_run(job_id=job.pk)
    jobs.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.attempts, job.result["created"]) == (JobStatus.SUCCEEDED, 1, 2)  # type: ignore[index]
    assert Organisation.objects.filter(acronym__in=["RFAC", "TFT"]).count() == 2


@pytest.mark.django_db
def test_sweeper_requeues_a_job_whose_worker_died(
    admin: User, workspace: Workspace, django_capture_on_commit_callbacks: Any
) -> None:
    job = queued_import(admin, workspace)
    long_ago = timezone.now() - timedelta(minutes=10)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=1, heartbeat_at=long_ago, progress=40)

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.jobs_sweep() == 1

    # Tests run Celery eagerly, so the re-enqueued job has already run to completion.
    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress) == (JobStatus.SUCCEEDED, 2, 100)
    assert Organisation.objects.filter(acronym="RFAC").count() == 1


@pytest.mark.django_db
def test_sweeper_leaves_healthy_jobs_alone_and_gives_up_after_max_attempts(admin: User, workspace: Workspace) -> None:
    healthy = queued_import(admin, workspace)
    Job.objects.filter(pk=healthy.pk).update(status=JobStatus.RUNNING, attempts=1, heartbeat_at=timezone.now())
    doomed = queued_import(admin, workspace)
    Job.objects.filter(pk=doomed.pk).update(
        status=JobStatus.RUNNING, attempts=3, heartbeat_at=timezone.now() - timedelta(minutes=10)
    )

    assert jobs.jobs_sweep() == 0

    healthy.refresh_from_db()
    doomed.refresh_from_db()
    assert healthy.status == JobStatus.RUNNING
    assert doomed.status == JobStatus.FAILED
    assert "abandoned" in doomed.error
    assert Notification.objects.filter(recipient=admin, kind="import.failed").count() == 1


@pytest.mark.django_db
def test_sweeper_leaves_a_job_alone_that_finished_after_it_looked(
    admin: User, workspace: Workspace, monkeypatch: Any
) -> None:
    job = queued_import(admin, workspace)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, heartbeat_at=timezone.now() - timedelta(minutes=10)
    )
    original_get = jobs.Job.objects.select_related

    def finish_first(*args: Any, **kwargs: Any) -> Any:
        # The worker finishes the job between the sweeper's listing and its lock.
        Job.objects.filter(pk=job.pk).update(status=JobStatus.SUCCEEDED, progress=100)
        return original_get(*args, **kwargs)

    monkeypatch.setattr(jobs.Job.objects, "select_related", finish_first)

    assert jobs.jobs_sweep() == 0
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED


@pytest.mark.django_db
def test_a_superseded_run_does_not_write(admin: User, workspace: Workspace) -> None:
    job = queued_import(admin, workspace)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=1)
    stale_run = jobs.JobRun(Job.objects.get(pk=job.pk))
    # Meanwhile the sweeper handed the job to a newer attempt.
    Job.objects.filter(pk=job.pk).update(attempts=2)

    with pytest.raises(jobs.JobSuperseded):
        imports.organisations_import_run(stale_run)
    assert not Organisation.objects.filter(acronym="RFAC").exists()


async def connect_as(user: User) -> WebsocketCommunicator:
    client = Client()
    await sync_to_async(client.force_login)(user)
    communicator = WebsocketCommunicator(
        application,
        "/ws/events/",
        headers=[
            (b"origin", b"http://localhost"),
            (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()),
        ],
    )
    connected, _ = await communicator.connect()
    assert connected
    return communicator


@pytest.mark.django_db(transaction=True)
async def test_job_progress_reaches_the_person_over_the_websocket(admin: User, workspace: Workspace) -> None:
    communicator = await connect_as(admin)
    actor = await Membership.objects.select_related("workspace", "user").aget(user=admin)
    rows = "name\n" + "".join(f"Organisation number {n}\n" for n in range(200))

    # Celery runs eagerly in tests: the job runs as soon as the upload's transaction commits.
    job = await sync_to_async(imports.import_start)(
        actor=actor, kind="organisations_import", file_name="orgs.csv", data=rows.encode()
    )

    seen: list[tuple[str, int]] = []
    while not seen or seen[-1][0] not in ("succeeded", "failed"):
        event = await communicator.receive_json_from(timeout=5)
        if event["type"] == "job.progress":
            assert event["job"]["id"] == job.pk
            seen.append((event["job"]["status"], event["job"]["progress"]))
    await communicator.disconnect()

    assert seen[0] == ("running", 0)
    assert seen[-1] == ("succeeded", 100)
    progress = [value for _, value in seen]
    assert progress == sorted(progress) and len(set(progress)) > 5, "progress moves in steps, never backwards"


@pytest.mark.django_db(transaction=True)
async def test_events_socket_refuses_people_who_are_not_signed_in() -> None:
    communicator = WebsocketCommunicator(application, "/ws/events/", headers=[(b"origin", b"http://localhost")])
    connected, _ = await communicator.connect()
    assert connected
    closed = await communicator.receive_output(timeout=2)
    assert closed == {"type": "websocket.close", "code": 4401}


@pytest.mark.django_db(transaction=True)
async def test_events_socket_refuses_foreign_origins(admin: User) -> None:
    communicator = WebsocketCommunicator(application, "/ws/events/", headers=[(b"origin", b"https://evil.example.com")])
    connected, _ = await communicator.connect()
    assert not connected
