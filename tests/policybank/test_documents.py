"""Documents through the API: who may add, edit, see and remove them; themes; versions and downloads;
soft removal when the advocacy work cites a document; the network-position service for issue 6."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from groups.models import GroupMembership, GroupRole, WorkingGroup
from policybank.models import DocumentKind, DocumentVisibility, ExtractionStatus, PolicyDocument, Theme
from policybank.services import document_publish_network_position
from tests.policybank.files import pdf_with_text
from tests.policybank.helpers import BASE, document_path, make_document
from workspace.models import AuditEvent, Membership, User, Workspace

pytestmark = pytest.mark.django_db

Client = Callable[[User | None], APIClient]


@pytest.fixture
def sdg4(workspace: Workspace) -> Theme:
    return Theme.objects.create(workspace=workspace, code="sdg4", name_en="SDG 4: Quality education")


def test_member_adds_a_document_with_metadata(client_for: Client, member: User, sdg4: Theme) -> None:
    response = client_for(member).post(
        f"{BASE}documents/",
        {
            "kind": "policy",
            "title": "National Policy on Inclusive Education",
            "other_titles": {"km": "គោលនយោបាយជាតិស្តីពីការអប់រំបរិយាប័ន្ន"},
            "year": 2018,
            "publisher": "Ministry of Education, Youth and Sport",
            "countries": ["kh"],
            "languages": ["en", "km"],
            "themes": [sdg4.pk],
            "places": ["Battambang"],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    body = response.data
    assert body["countries"] == ["KH"]
    assert body["languages"] == ["en", "km"]
    assert [theme["code"] for theme in body["themes"]] == ["sdg4"]
    assert body["extraction_status"] == ExtractionStatus.NONE
    assert body["added_by"]["id"] == member.pk
    assert body["permissions"] == {"can_edit": True, "can_remove": False}
    assert AuditEvent.objects.filter(verb="policy_document.created", target_id=str(body["id"])).exists()


def test_observer_cannot_add_a_document(client_for: Client, observer: User) -> None:
    response = client_for(observer).post(f"{BASE}documents/", {"kind": "policy", "title": "A"}, format="json")
    assert response.status_code == 403
    assert not PolicyDocument.objects.exists()


def test_network_positions_are_not_added_by_hand(client_for: Client, member: User) -> None:
    response = client_for(member).post(
        f"{BASE}documents/", {"kind": "network_position", "title": "Our position"}, format="json"
    )
    assert response.status_code == 400
    assert "kind" in response.data


def test_theme_of_another_workspace_is_refused(client_for: Client, member: User, other_workspace: Workspace) -> None:
    foreign = Theme.objects.create(workspace=other_workspace, code="x", name_en="Elsewhere")
    response = client_for(member).post(
        f"{BASE}documents/", {"kind": "policy", "title": "A", "themes": [foreign.pk]}, format="json"
    )
    assert response.status_code == 400
    assert "themes" in response.data
    assert not PolicyDocument.objects.exists()


def test_member_edits_own_document_but_not_anothers(
    client_for: Client, member: User, executive: User, workspace: Workspace
) -> None:
    mine = make_document(workspace, added_by=member)
    theirs = make_document(workspace, added_by=executive)
    client = client_for(member)
    response = client.patch(document_path(mine), {"title": "Renamed", "year": 2020}, format="json")
    assert response.status_code == 200, response.data
    assert response.data["title"] == "Renamed"
    assert client.patch(document_path(theirs), {"title": "Mine now"}, format="json").status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Out-of-school children"


def test_executive_edits_any_document(client_for: Client, member: User, executive: User, workspace: Workspace) -> None:
    document = make_document(workspace, added_by=member)
    response = client_for(executive).patch(document_path(document), {"countries": ["KH", "TH"]}, format="json")
    assert response.status_code == 200
    assert response.data["countries"] == ["KH", "TH"]


def test_outsider_gets_404(client_for: Client, outsider: User, workspace: Workspace) -> None:
    document = make_document(workspace)
    assert client_for(outsider).get(document_path(document)).status_code == 404
    other_workspace_path = f"/api/workspaces/another-network/policy/documents/{document.pk}/"
    assert client_for(outsider).get(other_workspace_path).status_code == 404


def test_group_private_document_is_visible_only_to_those_who_see_the_group(
    client_for: Client,
    member: User,
    lead: User,
    admin: User,
    observer: User,
    workspace: Workspace,
    data_group: WorkingGroup,
) -> None:
    GroupMembership.objects.create(group=data_group, user=member, role=GroupRole.MEMBER)
    document = make_document(workspace, visibility=DocumentVisibility.GROUP, group=data_group, added_by=member)
    assert client_for(member).get(document_path(document)).status_code == 200
    assert client_for(admin).get(document_path(document)).status_code == 200
    assert client_for(lead).get(document_path(document)).status_code == 404
    assert client_for(observer).get(document_path(document)).status_code == 404


def test_member_files_private_documents_only_under_their_own_groups(
    client_for: Client, member: User, inclusion_group: WorkingGroup, data_group: WorkingGroup
) -> None:
    client = client_for(member)
    body = {"kind": "dataset", "title": "Microdata", "visibility": "group", "group": inclusion_group.pk}
    # The inclusion group is visible to everyone, but the member does not belong to it.
    assert client.post(f"{BASE}documents/", body, format="json").status_code == 400
    # The data group is private: to the member it does not exist.
    response = client.post(f"{BASE}documents/", {**body, "group": data_group.pk}, format="json")
    assert response.status_code == 400
    GroupMembership.objects.create(group=inclusion_group, user=member, role=GroupRole.MEMBER)
    assert client.post(f"{BASE}documents/", body, format="json").status_code == 201
    missing_group = {"kind": "dataset", "title": "Microdata", "visibility": "group"}
    assert client.post(f"{BASE}documents/", missing_group, format="json").status_code == 400


def test_upload_versions_are_kept_and_listed(client_for: Client, member: User, workspace: Workspace) -> None:
    client = client_for(member)
    document = make_document(workspace, added_by=member)
    for text in ("first draft about dropout", "final text about dropout"):
        upload = SimpleUploadedFile("report.pdf", pdf_with_text(text), content_type="application/pdf")
        assert client.post(document_path(document, "files/"), {"file": upload}).status_code == 201
    versions = client.get(document_path(document, "files/")).data
    assert [version["version"] for version in versions] == [2, 1]
    assert versions[0]["content_type"] == "application/pdf"
    assert versions[0]["page_count"] == 1
    detail = client.get(document_path(document)).data
    assert detail["current_file"]["version"] == 2
    assert detail["extraction_status"] == ExtractionStatus.PENDING


def test_observer_cannot_upload_a_version(client_for: Client, observer: User, workspace: Workspace) -> None:
    document = make_document(workspace)
    upload = SimpleUploadedFile("report.pdf", pdf_with_text("x"))
    assert client_for(observer).post(document_path(document, "files/"), {"file": upload}).status_code == 403
    assert not document.files.exists()


def test_download_goes_through_the_permission_check(
    client_for: Client, member: User, lead: User, workspace: Workspace, data_group: WorkingGroup
) -> None:
    GroupMembership.objects.create(group=data_group, user=member, role=GroupRole.MEMBER)
    client = client_for(member)
    response = client.post(
        f"{BASE}documents/",
        {
            "kind": "research",
            "title": "Private study",
            "visibility": "group",
            "group": data_group.pk,
            "file": SimpleUploadedFile("សិក្សា study.pdf", pdf_with_text("teacher shortage")),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.data
    file_id = response.data["current_file"]["id"]
    download = client.get(document_path(response.data["id"], f"files/{file_id}/download/"))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%E1%9E%9F" in disposition
    assert b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert client_for(lead).get(document_path(response.data["id"], f"files/{file_id}/download/")).status_code == 404


def test_download_of_another_documents_file_is_404(client_for: Client, member: User, workspace: Workspace) -> None:
    client = client_for(member)
    first = client.post(
        f"{BASE}documents/", {"kind": "research", "title": "A", "file": SimpleUploadedFile("a.pdf", pdf_with_text("a"))}
    ).data
    second = make_document(workspace, added_by=member)
    file_id = first["current_file"]["id"]
    assert client.get(document_path(second, f"files/{file_id}/download/")).status_code == 404


def test_admin_removes_an_uncited_document(client_for: Client, admin: User, workspace: Workspace) -> None:
    document = make_document(workspace)
    assert client_for(admin).delete(document_path(document)).status_code == 204
    document.refresh_from_db()
    assert document.removed_at is not None
    assert client_for(admin).get(document_path(document)).status_code == 404


def test_removing_a_cited_document_asks_first(
    client_for: Client, admin: User, workspace: Workspace, citations_counted: dict[int, int]
) -> None:
    document = make_document(workspace)
    citations_counted[document.pk] = 3
    client = client_for(admin)
    response = client.delete(document_path(document))
    assert response.status_code == 409
    assert response.data["citation_count"] == 3
    assert "3" in response.data["detail"]
    document.refresh_from_db()
    assert document.removed_at is None
    assert client.delete(document_path(document) + "?confirm=true").status_code == 204
    document.refresh_from_db()
    assert document.removed_at is not None
    assert AuditEvent.objects.get(verb="policy_document.removed").after == {"citation_count": 3}


def test_only_admins_remove_documents(client_for: Client, member: User, executive: User, workspace: Workspace) -> None:
    document = make_document(workspace, added_by=member)
    assert client_for(member).delete(document_path(document)).status_code == 403
    assert client_for(executive).delete(document_path(document)).status_code == 403
    document.refresh_from_db()
    assert document.removed_at is None


def test_admin_manages_themes(client_for: Client, admin: User, member: User, workspace: Workspace) -> None:
    client = client_for(admin)
    parent = client.post(f"{BASE}themes/", {"code": "sdg4", "name_en": "SDG 4"}, format="json")
    assert parent.status_code == 201
    child = client.post(
        f"{BASE}themes/", {"code": "sdg4-1", "name_en": "Target 4.1", "parent": parent.data["id"]}, format="json"
    )
    assert child.status_code == 201
    assert client.post(f"{BASE}themes/", {"code": "sdg4", "name_en": "Again"}, format="json").status_code == 400
    assert client_for(member).post(f"{BASE}themes/", {"code": "x", "name_en": "X"}, format="json").status_code == 403
    renamed = client.patch(f"{BASE}themes/{child.data['id']}/", {"name_km": "គោលដៅ ៤.១"}, format="json")
    assert renamed.status_code == 200
    assert renamed.data["name_en"] == "Target 4.1"
    # A parent with children, and a theme in use, stay.
    response = client.delete(f"{BASE}themes/{parent.data['id']}/")
    assert response.status_code == 400
    assert "sub-themes" in response.data["detail"]
    document = make_document(workspace)
    document.themes.add(child.data["id"])
    response = client.delete(f"{BASE}themes/{child.data['id']}/")
    assert response.status_code == 400
    document.themes.clear()
    assert client.delete(f"{BASE}themes/{child.data['id']}/").status_code == 204
    assert [theme["code"] for theme in client_for(member).get(f"{BASE}themes/").data] == ["sdg4"]


def test_a_theme_cannot_be_placed_under_its_own_child(client_for: Client, admin: User, workspace: Workspace) -> None:
    parent = Theme.objects.create(workspace=workspace, code="a", name_en="A")
    child = Theme.objects.create(workspace=workspace, code="b", name_en="B", parent=parent)
    response = client_for(admin).patch(f"{BASE}themes/{parent.pk}/", {"parent": child.pk}, format="json")
    assert response.status_code == 400


def test_publishing_a_network_position_indexes_its_text_at_once(
    member: User, workspace: Workspace, inclusion_group: WorkingGroup
) -> None:
    actor = Membership.objects.get(user=member, workspace=workspace)
    document = document_publish_network_position(
        actor=actor,
        title="Every child in school: our agenda on dropout",
        summary="What the network asks of the ministry.",
        body_text="Reduce dropout in lower secondary school.",
        group=inclusion_group,
    )
    assert document.kind == DocumentKind.NETWORK_POSITION
    assert document.extraction_status == ExtractionStatus.DONE
    assert "dropout" in document.body_text
    assert not document.files.exists()


def test_lists_have_a_query_budget(
    client_for: Client, member: User, workspace: Workspace, django_assert_max_num_queries: Any
) -> None:
    client = client_for(member)
    document = make_document(workspace, added_by=member)
    for index in range(5):
        Theme.objects.create(workspace=workspace, code=f"t{index}", name_en=f"Theme {index}")
        client.post(document_path(document, "files/"), {"file": SimpleUploadedFile(f"{index}.pdf", pdf_with_text("x"))})
    with django_assert_max_num_queries(6):
        assert len(client.get(f"{BASE}themes/").data) == 5
    with django_assert_max_num_queries(8):
        assert len(client.get(document_path(document, "files/")).data) == 5
    with django_assert_max_num_queries(12):
        assert client.get(document_path(document)).status_code == 200


def test_stored_files_have_no_public_address(client_for: Client, member: User, media_root: Path) -> None:
    client = client_for(member)
    response = client.post(
        f"{BASE}documents/", {"kind": "research", "title": "A", "file": SimpleUploadedFile("a.pdf", pdf_with_text("x"))}
    )
    assert response.status_code == 201
    stored = next(path for path in media_root.rglob("*") if path.is_file())
    relative = stored.relative_to(media_root).as_posix()
    assert "a.pdf" not in relative  # the uploader's name is not in the path
    for prefix in ("/media/", "/"):
        answer = client.get(prefix + relative)
        assert b"%PDF-" not in answer.content
