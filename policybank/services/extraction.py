"""Text extraction as a job (DOCUMENT_TEXT_EXTRACT): reads the current file in a child process with its own
limits (policybank.extraction) and writes the text, status and page count on the document.

Idempotent: a job for a file that is no longer the current version does nothing, and running a job twice
writes the same text twice. A failed or abandoned job leaves the document "failed", never "running".
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_noop

from policybank.extraction import CORRUPT, ENCRYPTED, RESOURCES, TIMEOUT, UNSUPPORTED, extract_text
from policybank.models import DocumentFile, ExtractionStatus, PolicyDocument
from workspace.models import Job, JobKind, JobStatus, Membership
from workspace.services.jobs import JobFailed, JobRun, job_create

__all__ = ["extraction_enqueue", "extraction_finished", "extraction_run"]

# Stored untranslated on the document and translated when shown (the reader's language, not the uploader's).
EXTRACTION_ERRORS = {
    ENCRYPTED: gettext_noop("The file is protected with a password or encrypted, so its text cannot be read."),
    CORRUPT: gettext_noop("The file is damaged and its text cannot be read."),
    UNSUPPORTED: gettext_noop("Text cannot be read from this type of file."),
    TIMEOUT: gettext_noop("Reading the text took too long and was stopped."),
    RESOURCES: gettext_noop("Reading the text needed more memory or time than allowed and was stopped."),
}
ABANDONED = gettext_noop("Text extraction stopped unexpectedly.")


def extraction_enqueue(*, actor: Membership, document_file: DocumentFile) -> Job:
    return job_create(
        actor=actor,
        kind=JobKind.DOCUMENT_TEXT_EXTRACT,
        input_name=document_file.original_name,
        params={"document_id": document_file.document_id, "file_id": document_file.pk},
    )


def _result(*, updated: bool, **extra: Any) -> dict[str, Any]:
    # The job's result is shown through the import result's shape (workspace.api.serializers
    # ImportResultOutputSerializer: created/updated/unchanged/rows); the extraction's own figures ride along.
    return {"created": 0, "updated": int(updated), "unchanged": int(not updated), "rows": 1, **extra}


def _current_file(document_id: int) -> DocumentFile | None:
    return DocumentFile.objects.filter(document_id=document_id).order_by("-version").first()


def extraction_run(run: JobRun) -> dict[str, Any]:
    document_id, file_id = run.job.params["document_id"], run.job.params["file_id"]
    current = _current_file(document_id)
    if current is None or current.pk != file_id:
        return _result(updated=False, skipped=True)  # a newer version has its own job
    PolicyDocument.objects.filter(pk=document_id).update(extraction_status=ExtractionStatus.RUNNING)
    run.report_progress(10)
    with current.file.open("rb") as stored:
        data = stored.read()
    run.report_progress(20)
    result = extract_text(
        data=data,
        content_type=current.content_type,
        max_chars=settings.POLICY_BODY_TEXT_MAX_CHARS,
        timeout=settings.POLICY_EXTRACT_TIMEOUT_SECONDS,
        max_memory=settings.POLICY_EXTRACT_MAX_MEMORY_BYTES,
    )
    run.report_progress(90)
    if result.error:
        status, text, error = ExtractionStatus.FAILED, "", EXTRACTION_ERRORS.get(result.error, ABANDONED)
    else:
        status = ExtractionStatus.DONE if result.text.strip() else ExtractionStatus.EMPTY
        text, error = result.text.replace("\x00", ""), ""
    with transaction.atomic():
        run.lock_claim()
        # A newer version may have been uploaded while the child ran: its own job writes its text.
        latest = _current_file(document_id)
        if latest is None or latest.pk != file_id:
            return _result(updated=False, skipped=True)
        PolicyDocument.objects.filter(pk=document_id).update(
            body_text=text, extraction_status=status, extraction_error=error
        )
        if result.page_count is not None:
            DocumentFile.objects.filter(pk=file_id).update(page_count=result.page_count)
    if status == ExtractionStatus.FAILED:
        # The document says why; the job fails too, so the uploader's progress bar says so.
        from django.utils.translation import gettext

        raise JobFailed(gettext(error))
    return _result(updated=True, status=status, characters=len(text), page_count=result.page_count)


def extraction_finished(job: Job) -> None:
    """Inside the finishing transaction: a job that died (or was abandoned by the sweeper) must not leave
    the document waiting forever."""
    if job.status != JobStatus.FAILED:
        return
    document_id, file_id = job.params.get("document_id"), job.params.get("file_id")
    current = _current_file(document_id) if document_id else None
    if current is None or current.pk != file_id:
        return
    PolicyDocument.objects.filter(
        pk=document_id, extraction_status__in=[ExtractionStatus.PENDING, ExtractionStatus.RUNNING]
    ).update(extraction_status=ExtractionStatus.FAILED, extraction_error=ABANDONED)
