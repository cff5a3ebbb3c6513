"""Upload abuse: every refused file answers 400 with the reason on `file`, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from policybank.models import DocumentFile, PolicyDocument
from tests.policybank import files
from tests.policybank.helpers import BASE, document_path, make_document
from workspace.models import User, Workspace

pytestmark = pytest.mark.django_db

Client = Callable[[User | None], APIClient]


def _stored(media_root: Path) -> list[Path]:
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def _create(client: APIClient, name: str, data: bytes) -> Any:
    return client.post(
        f"{BASE}documents/",
        {"kind": "research", "title": "Uploaded", "file": SimpleUploadedFile(name, data)},
        format="multipart",
    )


REFUSED = [
    ("empty.pdf", lambda: b"", "empty"),
    ("locked.pdf", files.encrypted_pdf, "password"),
    ("cut.pdf", files.truncated_pdf, "damaged"),
    ("bomb.docx", files.zip_bomb_docx, "decompression bomb"),
    ("huge.png", lambda: files.png(30_000, 30_000), "decompression bomb"),
    ("archive.pdf", files.plain_zip, "not accepted"),
    ("archive.zip", files.plain_zip, "not accepted"),
    ("program.exe", lambda: b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(range(256)) * 4, "not accepted"),
    ("photo.pdf", files.png, "content is PNG"),
    ("report.docx", lambda: files.pdf_with_text("hello"), "content is PDF"),
    ("broken.png", lambda: files.png()[:30], "damaged"),
]


@pytest.mark.parametrize(("name", "make", "reason"), REFUSED, ids=[case[0] for case in REFUSED])
def test_hostile_file_is_refused_with_a_reason_and_nothing_is_stored(
    client_for: Client, member: User, media_root: Path, name: str, make: Callable[[], bytes], reason: str
) -> None:
    response = _create(client_for(member), name, make())
    assert response.status_code == 400, response.data
    assert reason in " ".join(response.data["file"])
    assert not PolicyDocument.objects.exists()
    assert not DocumentFile.objects.exists()
    assert _stored(media_root) == []


def test_file_over_the_stated_limit_is_refused(
    client_for: Client, member: User, settings: Any, workspace: Workspace, media_root: Path
) -> None:
    settings.POLICY_FILE_MAX_BYTES = 1000
    document = make_document(workspace, added_by=member)
    data = files.pdf_with_text("teacher " * 200)
    assert len(data) > 1000
    response = client_for(member).post(
        document_path(document, "files/"), {"file": SimpleUploadedFile("big.pdf", data)}, format="multipart"
    )
    assert response.status_code == 400
    assert "too large" in response.data["file"][0]
    assert _stored(media_root) == []


def test_refused_new_version_keeps_the_current_one(client_for: Client, member: User, workspace: Workspace) -> None:
    client = client_for(member)
    created = _create(client, "good.pdf", files.pdf_with_text("dropout"))
    assert created.status_code == 201
    response = client.post(
        document_path(created.data["id"], "files/"),
        {"file": SimpleUploadedFile("bad.pdf", files.encrypted_pdf())},
        format="multipart",
    )
    assert response.status_code == 400
    assert DocumentFile.objects.get().version == 1


@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("report.pdf", lambda: files.pdf_with_text("dropout"), "application/pdf"),
        (
            "notes.docx",
            lambda: files.docx_with(["teacher"]),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "table.xlsx",
            lambda: files.xlsx_with([["a", 1]]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("table.csv", lambda: b"province,dropout\nKampot,12\n", "text/csv"),
        ("photo.png", files.png, "image/png"),
        # The name is not needed to know the type.
        ("scan", files.png, "image/png"),
    ],
)
def test_accepted_types_are_recognised_by_content(
    client_for: Client, member: User, name: str, make: Callable[[], bytes], content_type: str
) -> None:
    response = _create(client_for(member), name, make())
    assert response.status_code == 201, response.data
    assert response.data["current_file"]["content_type"] == content_type
