"""Bulk import of document metadata from CSV: a job, all rows or none, row errors with line numbers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from policybank.models import PolicyDocument, Theme
from tests.policybank.helpers import BASE
from workspace.models import Job, JobStatus, User, Workspace

pytestmark = pytest.mark.django_db

Client = Callable[[User | None], APIClient]

GOOD = (
    "title,kind,year,publisher,summary,countries,languages,themes,external_url,licence\r\n"
    "Teacher deployment in rural provinces,research,2022,MoEYS,Why teachers leave.,KH,en; km,sdg4-c,,\r\n"
    "ផែនការយុទ្ធសាស្ត្រអប់រំ ២០១៩-២០២៣,Strategy or plan,2019,MoEYS,,KH,km,,https://example.org/esp,\r\n"
)


def _start(client: APIClient, csv: str, capture: Any) -> Any:
    with capture(execute=True):
        response = client.post(
            f"{BASE}imports/", {"file": SimpleUploadedFile("documents.csv", csv.encode())}, format="multipart"
        )
    assert response.status_code == 202, response.data
    return Job.objects.get(pk=response.data["id"])


def test_admin_imports_documents_from_csv(
    client_for: Client, admin: User, workspace: Workspace, django_capture_on_commit_callbacks: Any
) -> None:
    Theme.objects.create(workspace=workspace, code="sdg4-c", name_en="Target 4.c: teachers")
    job = _start(client_for(admin), GOOD, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.SUCCEEDED, job.errors
    assert job.result is not None and job.result["created"] == 2
    teacher = PolicyDocument.objects.get(year=2022)
    assert teacher.kind == "research"
    assert list(teacher.themes.values_list("code", flat=True)) == ["sdg4-c"]
    assert sorted(teacher.language_rows.values_list("code", flat=True)) == ["en", "km"]
    assert PolicyDocument.objects.get(year=2019).kind == "strategy"
    # The same file again adds nothing.
    again = _start(client_for(admin), GOOD, django_capture_on_commit_callbacks)
    assert again.result is not None and again.result["unchanged"] == 2
    assert PolicyDocument.objects.count() == 2


def test_row_errors_name_the_line_and_nothing_is_imported(
    client_for: Client, admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    csv = (
        "title,kind,year,countries,themes\r\n"
        "Good row,policy,2020,KH,\r\n"
        ",policy,2020,KH,\r\n"
        "Bad kind,poem,1800,Cambodia,nope\r\n"
    )
    job = _start(client_for(admin), csv, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED
    problems = {(error["row"], error["column"]) for error in job.errors}
    assert problems == {(3, "title"), (4, "kind"), (4, "year"), (4, "countries"), (4, "themes")}
    assert not PolicyDocument.objects.exists()


def test_file_without_required_columns_is_refused_at_once(client_for: Client, admin: User) -> None:
    response = client_for(admin).post(
        f"{BASE}imports/", {"file": SimpleUploadedFile("x.csv", b"name,year\r\nA,2020\r\n")}, format="multipart"
    )
    assert response.status_code == 400
    assert "title" in response.data["file"][0]
    assert not Job.objects.exists()


def test_only_admins_import(client_for: Client, member: User) -> None:
    client = client_for(member)
    response = client.post(f"{BASE}imports/", {"file": SimpleUploadedFile("d.csv", GOOD.encode())}, format="multipart")
    assert response.status_code == 403
    assert client.get(f"{BASE}imports/template/").status_code == 403


def test_template_lists_the_columns(client_for: Client, admin: User) -> None:
    response = client_for(admin).get(f"{BASE}imports/template/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0].startswith("title,kind,year")
