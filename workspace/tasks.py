"""Celery entry points: ids in, call the service of the same name."""

from celery import shared_task

from workspace.live import services as live_services
from workspace.services import jobs, notification_emails, people


@shared_task(name="workspace.tasks.job_run")
def job_run(job_id: int) -> None:
    jobs.job_run(job_id=job_id)


@shared_task(name="workspace.tasks.jobs_sweep")
def jobs_sweep() -> int:
    return jobs.jobs_sweep()


@shared_task(name="workspace.tasks.invitations_send", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def invitations_send(membership_ids: list[int]) -> int:
    return people.invitations_send(membership_ids=membership_ids)


@shared_task(name="workspace.tasks.password_reset_send", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def password_reset_send(user_id: int) -> None:
    people.password_reset_send(user_id=user_id)


@shared_task(name="workspace.tasks.live_document_materialise")
def live_document_materialise(document_id: int) -> None:
    live_services.live_document_materialise(document_id=document_id)


@shared_task(name="workspace.tasks.live_documents_sweep")
def live_documents_sweep() -> int:
    return live_services.live_documents_sweep()


@shared_task(
    name="workspace.tasks.notification_email_send", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def notification_email_send(notification_id: int) -> bool:
    return notification_emails.notification_email_send(notification_id=notification_id)


@shared_task(
    name="workspace.tasks.notification_digests_send", autoretry_for=(OSError,), retry_backoff=True, max_retries=3
)
def notification_digests_send() -> int:
    return notification_emails.notification_digests_send()
