"""Text extraction as a job: PDF (Khmer included), DOCX (paragraphs and tables), XLSX, CSV and images;
every broken file ends as "failed" with a reason, and the worker (this test process) carries on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from policybank.models import DocumentFile, ExtractionStatus, PolicyDocument
from policybank.services.extraction import extraction_finished
from tests.policybank import files
from tests.policybank.helpers import BASE, document_path
from workspace.models import Job, JobKind, JobStatus, User

pytestmark = pytest.mark.django_db

Client = Callable[[User | None], APIClient]


def _upload_and_extract(client: APIClient, name: str, data: bytes, capture: Any) -> dict[str, Any]:
    # The job is enqueued on commit; Celery runs eagerly in tests, so it runs when the callbacks do.
    with capture(execute=True):
        response = client.post(
            f"{BASE}documents/",
            {"kind": "research", "title": "Study", "file": SimpleUploadedFile(name, data)},
            format="multipart",
        )
    assert response.status_code == 201, response.data
    detail = client.get(document_path(response.data["id"])).data
    return dict(detail)


def test_khmer_pdf_text_is_extracted(client_for: Client, member: User, django_capture_on_commit_callbacks: Any) -> None:
    text = "ការអប់រំ និង គ្រូបង្រៀន ក្នុងខេត្តកំពត — teacher deployment"
    detail = _upload_and_extract(
        client_for(member), "km.pdf", files.pdf_with_text(text), django_capture_on_commit_callbacks
    )
    assert detail["extraction_status"] == ExtractionStatus.DONE
    document = PolicyDocument.objects.get(pk=detail["id"])
    assert "គ្រូបង្រៀន" in document.body_text
    assert "teacher deployment" in document.body_text
    assert detail["current_file"]["page_count"] == 1
    job = Job.objects.get(kind=JobKind.DOCUMENT_TEXT_EXTRACT)
    assert job.status == JobStatus.SUCCEEDED
    assert job.params == {"document_id": detail["id"], "file_id": detail["current_file"]["id"]}


def test_docx_paragraphs_and_tables_are_extracted(
    client_for: Client, member: User, django_capture_on_commit_callbacks: Any
) -> None:
    data = files.docx_with(
        ["អាហារូបករណ៍ for poor students", "Scholarship rules"], [["Province", "Dropout"], ["Kratie", "14%"]]
    )
    detail = _upload_and_extract(client_for(member), "a.docx", data, django_capture_on_commit_callbacks)
    body = PolicyDocument.objects.get(pk=detail["id"]).body_text
    assert detail["extraction_status"] == ExtractionStatus.DONE
    assert "អាហារូបករណ៍" in body and "Kratie" in body and "Dropout" in body


def test_xlsx_and_csv_cells_are_extracted(
    client_for: Client, member: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(member)
    sheet = _upload_and_extract(
        client,
        "t.xlsx",
        files.xlsx_with([["Province", "Teachers"], ["Takeo", 412]]),
        django_capture_on_commit_callbacks,
    )
    assert "Takeo\t412" in PolicyDocument.objects.get(pk=sheet["id"]).body_text
    table = _upload_and_extract(client, "t.csv", b"province,teachers\nKep,35\n", django_capture_on_commit_callbacks)
    assert "Kep,35" in PolicyDocument.objects.get(pk=table["id"]).body_text


def test_image_has_no_text(client_for: Client, member: User, django_capture_on_commit_callbacks: Any) -> None:
    detail = _upload_and_extract(client_for(member), "p.png", files.png(), django_capture_on_commit_callbacks)
    assert detail["extraction_status"] == ExtractionStatus.EMPTY


def test_damaged_docx_fails_with_a_reason_and_the_worker_carries_on(
    client_for: Client, member: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(member)
    broken = _upload_and_extract(client, "broken.docx", files.damaged_docx(), django_capture_on_commit_callbacks)
    assert broken["extraction_status"] == ExtractionStatus.FAILED
    assert "damaged" in broken["extraction_error"]
    assert Job.objects.get().status == JobStatus.FAILED
    # The same worker goes on to the next file.
    good = _upload_and_extract(client, "good.pdf", files.pdf_with_text("dropout"), django_capture_on_commit_callbacks)
    assert good["extraction_status"] == ExtractionStatus.DONE


def test_extraction_that_runs_too_long_is_stopped(
    client_for: Client, member: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.POLICY_EXTRACT_TIMEOUT_SECONDS = 0.001
    detail = _upload_and_extract(
        client_for(member), "a.pdf", files.pdf_with_text("x"), django_capture_on_commit_callbacks
    )
    assert detail["extraction_status"] == ExtractionStatus.FAILED
    assert "too long" in detail["extraction_error"]


def test_extraction_without_enough_memory_fails_cleanly(
    client_for: Client, member: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.POLICY_EXTRACT_MAX_MEMORY_BYTES = 32 * 1024 * 1024  # not even enough to start the parser
    detail = _upload_and_extract(
        client_for(member), "a.docx", files.docx_with(["teacher"]), django_capture_on_commit_callbacks
    )
    assert detail["extraction_status"] == ExtractionStatus.FAILED


def test_body_text_is_bounded(
    client_for: Client, member: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.POLICY_BODY_TEXT_MAX_CHARS = 50
    data = b"word," * 1000
    detail = _upload_and_extract(client_for(member), "a.csv", data, django_capture_on_commit_callbacks)
    assert len(PolicyDocument.objects.get(pk=detail["id"]).body_text) <= 50


def test_job_for_an_older_version_changes_nothing(
    client_for: Client, member: User, django_capture_on_commit_callbacks: Any
) -> None:
    from workspace.services.jobs import job_run

    client = client_for(member)
    first = _upload_and_extract(
        client, "a.pdf", files.pdf_with_text("first version"), django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            document_path(first["id"], "files/"),
            {"file": SimpleUploadedFile("b.pdf", files.pdf_with_text("second version"))},
            format="multipart",
        )
    old_job = Job.objects.filter(kind=JobKind.DOCUMENT_TEXT_EXTRACT).order_by("pk").first()
    assert old_job is not None
    Job.objects.filter(pk=old_job.pk).update(status=JobStatus.QUEUED)  # as if the sweeper re-enqueued it
    job_run(job_id=old_job.pk)
    assert PolicyDocument.objects.get(pk=first["id"]).body_text == "second version"
    result = Job.objects.get(pk=old_job.pk).result
    assert result is not None and result["skipped"] is True


def test_abandoned_job_leaves_the_document_failed_not_waiting(member: User, client_for: Client) -> None:
    response = client_for(member).post(
        f"{BASE}documents/",
        {"kind": "research", "title": "Study", "file": SimpleUploadedFile("a.pdf", files.pdf_with_text("x"))},
        format="multipart",
    )
    document_file = DocumentFile.objects.get()
    job = Job.objects.create(
        workspace=document_file.document.workspace,
        kind=JobKind.DOCUMENT_TEXT_EXTRACT,
        status=JobStatus.FAILED,
        params={"document_id": response.data["id"], "file_id": document_file.pk},
    )
    extraction_finished(job)
    assert PolicyDocument.objects.get().extraction_status == ExtractionStatus.FAILED
