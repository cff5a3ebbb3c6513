"""Importing organisations and people from CSV or XLSX as a background job."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from openpyxl import Workbook
from rest_framework.test import APIClient

from workspace.models import AuditEvent, Job, Membership, Notification, Organisation, User, Workspace
from workspace.services.tables import MAX_COLUMNS, _xlsx_matrix, table_read

pytestmark = pytest.mark.django_db

BASE = "/api/workspaces/test-network"

ORGANISATIONS_CSV = (
    "name,acronym,kind,province,country,contact_name,contact_email,contact_phone\n"
    "Kampuchean Action for Primary Education,KAPE,ngo,Kampong Cham,Cambodia,Sokha Chan,sokha@kape.example.org,012 345 678\n"
    "Early Years Cambodia,EYC,Local NGO,Phnom Penh,Cambodia,,,\n"
    "Education Policy Research Institute,EPRI,university,Phnom Penh,Cambodia,,,\n"
)


def upload(content: bytes, name: str = "file.csv") -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


def start_import(client: APIClient, kind: str, content: bytes, name: str, capture: Any) -> Any:
    with capture(execute=True):
        return client.post(f"{BASE}/imports/", {"kind": kind, "file": upload(content, name)}, format="multipart")


def job_of(client: APIClient, response: Any) -> dict[str, Any]:
    return client.get(f"{BASE}/jobs/{response.json()['id']}/").json()


def test_admin_imports_organisations_from_csv(
    client_for: Callable[[User], APIClient], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(admin)

    response = start_import(
        client, "organisations", ORGANISATIONS_CSV.encode(), "orgs.csv", django_capture_on_commit_callbacks
    )

    assert response.status_code == 202, response.content
    job = job_of(client, response)
    assert (job["status"], job["progress"], job["errors"]) == ("succeeded", 100, [])
    assert job["result"] == {"created": 3, "updated": 0, "unchanged": 0, "rows": 3}
    kape = Organisation.objects.get(acronym="KAPE")
    assert (kape.province, kape.contact_email, kape.kind) == ("Kampong Cham", "sokha@kape.example.org", "ngo")
    assert Organisation.objects.get(acronym="EYC").kind == "ngo", "kinds are accepted by their label too"
    assert AuditEvent.objects.filter(verb="organisation.imported").count() == 3
    assert Notification.objects.get(recipient=admin, kind="import.succeeded")


def test_reimporting_the_same_file_changes_nothing(
    client_for: Callable[[User], APIClient], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(admin)
    start_import(client, "organisations", ORGANISATIONS_CSV.encode(), "orgs.csv", django_capture_on_commit_callbacks)
    audit_before = AuditEvent.objects.filter(verb="organisation.imported").count()

    again = start_import(
        client, "organisations", ORGANISATIONS_CSV.encode(), "orgs.csv", django_capture_on_commit_callbacks
    )

    assert job_of(client, again)["result"] == {"created": 0, "updated": 0, "unchanged": 3, "rows": 3}
    assert Organisation.objects.count() == 4  # the three imported + the persona's own
    assert AuditEvent.objects.filter(verb="organisation.imported").count() == audit_before


def test_changed_rows_update_existing_organisations(
    client_for: Callable[[User], APIClient], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(admin)
    start_import(client, "organisations", ORGANISATIONS_CSV.encode(), "orgs.csv", django_capture_on_commit_callbacks)

    changed = ORGANISATIONS_CSV.replace("Kampong Cham", "Kratie").encode()
    response = start_import(client, "organisations", changed, "orgs.csv", django_capture_on_commit_callbacks)

    assert job_of(client, response)["result"] == {"created": 0, "updated": 1, "unchanged": 2, "rows": 3}
    assert Organisation.objects.get(acronym="KAPE").province == "Kratie"


def test_bad_rows_are_reported_and_nothing_is_imported(
    client_for: Callable[[User], APIClient], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(admin)
    content = (
        b"name,acronym,kind,contact_email\n"
        b"Good Organisation,GO,ngo,\n"
        b",NONAME,ngo,\n"
        b"Bad Kind Org,BK,club,\n"
        b"Bad Email Org,BE,ngo,not-an-email\n"
        b"Good Organisation,GO2,ngo,\n"
        b"Acronym Thief,DIA,ngo,\n"
    )

    response = start_import(client, "organisations", content, "orgs.csv", django_capture_on_commit_callbacks)

    job = job_of(client, response)
    assert job["status"] == "failed"
    assert [(error["row"], error["column"]) for error in job["errors"]] == [
        (3, "name"),
        (4, "kind"),
        (5, "contact_email"),
        (6, "name"),
        (7, "acronym"),
    ]
    assert "This name already appears in row 2." in [error["message"] for error in job["errors"]]
    assert "Nothing was imported" in job["error"]
    assert not Organisation.objects.filter(name="Good Organisation").exists()
    assert Notification.objects.get(recipient=admin, kind="import.failed")


def test_people_import_links_organisations_and_invites_new_people(
    client_for: Callable[[User], APIClient], admin: User, member: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(admin)
    content = (
        b"email,display_name,role,organisation,preferred_language\n"
        b"dara@example.org,Dara Sok,facilitator,DIA,km\n"
        b"navy@example.org,Navy Touch,,Disability Inclusion Action,English\n"
        b"member@example.org,Member,observer,,\n"
    )

    response = start_import(client, "people", content, "people.csv", django_capture_on_commit_callbacks)

    assert job_of(client, response)["result"] == {"created": 2, "updated": 1, "unchanged": 0, "rows": 3}
    dara = Membership.objects.get(user__email="dara@example.org")
    assert (dara.role, dara.organisation.acronym, dara.user.preferred_language) == ("facilitator", "DIA", "km")  # type: ignore[union-attr]
    assert Membership.objects.get(user__email="navy@example.org").role == "member"
    assert Membership.objects.get(user=member).role == "observer"
    assert sorted(message.to[0] for message in mail.outbox) == ["dara@example.org", "navy@example.org"]

    mail.outbox.clear()
    again = start_import(client, "people", content, "people.csv", django_capture_on_commit_callbacks)
    assert job_of(client, again)["result"] == {"created": 0, "updated": 0, "unchanged": 3, "rows": 3}
    assert mail.outbox == [], "a re-import does not invite people again"


def test_people_import_reports_unknown_organisation_and_role(
    client_for: Callable[[User], APIClient], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(admin)
    content = b"email,display_name,role,organisation\nx@example.org,X,boss,NOPE\nnot-an-email,Y,member,\n"

    job = job_of(client, start_import(client, "people", content, "people.csv", django_capture_on_commit_callbacks))

    assert job["status"] == "failed"
    assert [(error["row"], error["column"]) for error in job["errors"]] == [
        (2, "role"),
        (2, "organisation"),
        (3, "email"),
    ]
    assert not User.objects.filter(email="x@example.org").exists()


def test_xlsx_files_are_imported(
    client_for: Callable[[User], APIClient], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Acronym", "Province"])  # headers are matched case-insensitively
    sheet.append(["Highland Minority Schools Association", "HMSA", "Ratanakiri"])
    sheet.append(["អង្គការអប់រំកុមារ", "", "សៀមរាប"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    client = client_for(admin)
    response = start_import(client, "organisations", buffer.getvalue(), "orgs.xlsx", django_capture_on_commit_callbacks)

    assert job_of(client, response)["result"]["created"] == 2
    assert Organisation.objects.get(name="អង្គការអប់រំកុមារ").province == "សៀមរាប"


@override_settings(IMPORT_MAX_BYTES=1024)
def test_oversized_file_is_refused_with_a_clear_message(client_for: Callable[[User], APIClient], admin: User) -> None:
    content = ("name\n" + "Organisation name\n" * 100).encode()

    response = client_for(admin).post(
        f"{BASE}/imports/", {"kind": "organisations", "file": upload(content)}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["file"] == ["The file is too large (1.8\xa0KB). The limit is 1.0\xa0KB."]
    assert Job.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "orgs.csv", "This is not a CSV or XLSX file."),
        (b"PK\x03\x04 broken zip", "orgs.xlsx", "The XLSX file is damaged and cannot be opened."),
        (b"", "orgs.csv", "The submitted file is empty."),
        (b"acronym,province\nKAPE,Takeo\n", "orgs.csv", "The file has no “name” column."),
        (b"name\n", "orgs.csv", "The file has a header row but no data rows."),
        ("name\nCaf\xe9 Org\n".encode("latin-1"), "orgs.csv", "The file is not UTF-8 text."),
    ],
    ids=["png-named-csv", "broken-xlsx", "empty", "missing-column", "header-only", "not-utf8"],
)
def test_unreadable_files_are_refused_before_any_job_starts(
    content: bytes, name: str, message: str, client_for: Callable[[User], APIClient], admin: User
) -> None:
    response = client_for(admin).post(
        f"{BASE}/imports/", {"kind": "organisations", "file": upload(content, name)}, format="multipart"
    )

    assert response.status_code == 400
    assert message in response.json()["file"][0]
    assert Job.objects.count() == 0


def test_zip_that_is_not_a_workbook_is_refused(client_for: Callable[[User], APIClient], admin: User) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    response = client_for(admin).post(
        f"{BASE}/imports/",
        {"kind": "organisations", "file": upload(buffer.getvalue(), "orgs.xlsx")},
        format="multipart",
    )

    assert response.status_code == 400
    assert "This is not an XLSX workbook." in response.json()["file"][0]


def test_decompression_bomb_is_refused(client_for: Callable[[User], APIClient], admin: User) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024

    response = client_for(admin).post(
        f"{BASE}/imports/",
        {"kind": "organisations", "file": upload(buffer.getvalue(), "bomb.xlsx")},
        format="multipart",
    )

    assert response.status_code == 400
    assert "unpacks to more than 50 MB" in response.json()["file"][0]


def test_import_template_lists_the_expected_columns(client_for: Callable[[User], APIClient], admin: User) -> None:
    response = client_for(admin).get(f"{BASE}/import-template/?kind=people")

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0] == "email,display_name,role,organisation,preferred_language"


def test_a_job_is_visible_only_to_its_creator_and_admins(
    client_for: Callable[[User], APIClient], admin: User, member: User, outsider: User, workspace: Workspace
) -> None:
    job = Job.objects.create(workspace=workspace, created_by=admin, kind="organisations_import")

    assert client_for(admin).get(f"{BASE}/jobs/{job.pk}/").status_code == 200
    assert client_for(member).get(f"{BASE}/jobs/{job.pk}/").status_code == 404
    assert client_for(outsider).get(f"{BASE}/jobs/{job.pk}/").status_code == 404


def test_xlsx_that_declares_huge_dimensions_is_read_by_its_real_cells() -> None:
    workbook = Workbook()
    workbook.active.append(["name"])
    workbook.active.append(["Mekong Rural Education Trust"])
    workbook.active["A5001"] = "Stung Treng Schools Forum"
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Rewrite the sheet so it claims every column, as a hostile 5 KB file can: openpyxl would pad each
    # of its 5,001 rows to 16,384 cells (seconds of CPU and hundreds of MB for one upload).
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                # openpyxl writes `<dimension ref=.../>` with or without a space, depending on whether lxml is there.
                content = re.sub(rb'<dimension ref="A1:A5001"\s*/>', b'<dimension ref="A1:XFD5001"/>', content)
                assert b"XFD5001" in content
            target.writestr(item, content)

    matrix = _xlsx_matrix(hostile.getvalue())

    assert max(len(row) for row in matrix) <= MAX_COLUMNS
    assert table_read(hostile.getvalue()).rows[-1] == (5001, {"name": "Stung Treng Schools Forum"})


def test_broken_utf16_text_is_refused_with_a_message(client_for: Callable[[User], APIClient], admin: User) -> None:
    content = b"\xff\xfe" + "name\n".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate

    response = client_for(admin).post(
        f"{BASE}/imports/", {"kind": "organisations", "file": upload(content, "orgs.csv")}, format="multipart"
    )

    assert response.status_code == 400
    assert "The file is not UTF-8 text." in response.json()["file"][0]


def test_an_import_cannot_remove_the_last_administrator(
    client_for: Callable[[User], APIClient], admin: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(admin)
    content = b"email,display_name,role\nnew@example.org,New Person,member\nadmin@example.org,Admin,member\n"

    job = job_of(client, start_import(client, "people", content, "people.csv", django_capture_on_commit_callbacks))

    assert job["status"] == "failed"
    assert job["errors"] == [
        {"row": 3, "column": "role", "message": "The workspace needs at least one active administrator."}
    ]
    assert Membership.objects.get(user=admin).role == "admin"
    assert not User.objects.filter(email="new@example.org").exists()
