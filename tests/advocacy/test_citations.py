"""Citations through the API: evidence from the policy bank cited from problem-tree nodes and agenda sections,
who may cite, what a viewer who may not open a document sees, removed documents, and "cited by"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from advocacy import services
from advocacy.models import AdvocacyAgenda, AgendaStatus, Citation, ProblemTree, TreeStatus
from advocacy.selectors.citations import citation_count_for_document
from advocacy.services import citations as citation_services
from advocacy.services.citations import MAX_CITATION_QUOTE
from groups.models import GroupMembership, GroupRole, WorkingGroup
from policybank.models import DocumentVisibility, PolicyDocument
from policybank.services.citation_counters import document_citation_count
from tests.advocacy.helpers import BASE, actor_of, add_node, agenda, agenda_path, focal_key, tree, tree_path
from workspace.models import AuditEvent, User, Workspace

pytestmark = pytest.mark.django_db

agenda = agenda
tree = tree

Client = Callable[[User | None], APIClient]


@pytest.fixture
def report(workspace: Workspace) -> PolicyDocument:
    return PolicyDocument.objects.create(
        workspace=workspace, kind="research", title="Out-of-school children with disabilities", year=2021
    )


@pytest.fixture
def private_report(workspace: Workspace, data_group: WorkingGroup) -> PolicyDocument:
    """Private to the data group, which the inclusion group's people cannot see."""
    return PolicyDocument.objects.create(
        workspace=workspace,
        kind="dataset",
        title="Learning assessment microdata 2023",
        year=2023,
        visibility=DocumentVisibility.GROUP,
        group=data_group,
    )


@pytest.fixture
def group_member(workspace: Workspace, inclusion_group: WorkingGroup, member: User) -> User:
    GroupMembership.objects.create(group=inclusion_group, user=member, role=GroupRole.MEMBER)
    return member


def node_citations(tree: ProblemTree, key: str) -> str:
    return tree_path(tree, f"nodes/{key}/citations/")


def section_citations(agenda: AdvocacyAgenda, section: str) -> str:
    return agenda_path(agenda, f"sections/{section}/citations/")


def citation_path(citation_id: int) -> str:
    return f"{BASE}/citations/{citation_id}/"


def cited_by(document: PolicyDocument) -> str:
    return f"{BASE}/policy/documents/{document.pk}/cited-by/"


def cite(client: APIClient, path: str, document: PolicyDocument, **extra: Any) -> Any:
    return client.post(path, {"document_id": document.pk, **extra}, format="json")


# --- Citing ---------------------------------------------------------------------------------------------


def test_a_member_of_the_group_cites_from_a_node(
    client_for: Client, group_member: User, tree: ProblemTree, report: PolicyDocument
) -> None:
    key = focal_key(tree)
    response = cite(client_for(group_member), node_citations(tree, key), report, page=" 12-14 ", quote="One in three.")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["can_cite"] is True
    [citation] = body["citations"]
    assert citation["node_key"] == key
    assert citation["section"] == ""
    assert citation["page"] == "12-14"
    assert citation["quote"] == "One in three."
    assert citation["document"] == {
        "id": report.pk,
        "title": "Out-of-school children with disabilities",
        "kind": "research",
        "year": 2021,
        "removed": False,
    }
    assert citation["created_by"]["id"] == group_member.pk
    assert citation["can_edit"] is True
    event = AuditEvent.objects.get(verb="citation.created")
    assert event.after == {
        "document": report.pk,
        "tree": tree.pk,
        "node_key": key,
        "page": "12-14",
        "quote": "One in three.",
    }
    # The node's list and the whole tree's list both show it.
    assert client_for(group_member).get(node_citations(tree, key)).json() == body
    assert [c["id"] for c in client_for(group_member).get(tree_path(tree, "citations/")).json()["citations"]] == [
        citation["id"]
    ]


def test_a_member_of_the_group_cites_from_a_section(
    client_for: Client, group_member: User, agenda: AdvocacyAgenda, report: PolicyDocument
) -> None:
    response = cite(client_for(group_member), section_citations(agenda, "issue_statement"), report)
    assert response.status_code == 201, response.json()
    [citation] = response.json()["citations"]
    assert citation["section"] == "issue_statement"
    assert citation["section_label"] == "Issue statement"
    assert citation["page"] == ""
    listed = client_for(group_member).get(agenda_path(agenda, "citations/")).json()["citations"]
    assert [c["id"] for c in listed] == [citation["id"]]
    assert client_for(group_member).get(section_citations(agenda, "goal")).json()["citations"] == []


@pytest.mark.parametrize("persona_name", ["member", "observer"])
def test_people_outside_the_group_who_see_it_cannot_cite(
    client_for: Client,
    request: pytest.FixtureRequest,
    persona_name: str,
    tree: ProblemTree,
    agenda: AdvocacyAgenda,
    report: PolicyDocument,
) -> None:
    user = request.getfixturevalue(persona_name)
    client = client_for(user)
    assert cite(client, node_citations(tree, focal_key(tree)), report).status_code == 403
    assert cite(client, section_citations(agenda, "goal"), report).status_code == 403
    # They read the evidence, and are told they cannot add to it.
    listed = client.get(node_citations(tree, focal_key(tree)))
    assert listed.status_code == 200
    assert listed.json()["can_cite"] is False
    assert not Citation.objects.exists()


def test_outsiders_get_404(
    client_for: Client, outsider: User, lead: User, tree: ProblemTree, agenda: AdvocacyAgenda, report: PolicyDocument
) -> None:
    citation = services_cite_node(lead, tree, report)
    client = client_for(outsider)
    assert cite(client, node_citations(tree, focal_key(tree)), report).status_code == 404
    assert client.get(node_citations(tree, focal_key(tree))).status_code == 404
    assert cite(client, section_citations(agenda, "goal"), report).status_code == 404
    assert client.patch(citation_path(citation.pk), {"page": "3"}, format="json").status_code == 404
    assert client.delete(citation_path(citation.pk)).status_code == 404
    assert client.get(cited_by(report)).status_code == 404


def test_a_group_private_document_of_another_group_cannot_be_cited(
    client_for: Client, lead: User, tree: ProblemTree, agenda: AdvocacyAgenda, private_report: PolicyDocument
) -> None:
    assert cite(client_for(lead), node_citations(tree, focal_key(tree)), private_report).status_code == 404
    assert cite(client_for(lead), section_citations(agenda, "goal"), private_report).status_code == 404
    assert cite(client_for(lead), node_citations(tree, focal_key(tree)), PolicyDocument(pk=999999)).status_code == 404
    assert not Citation.objects.exists()


def test_bad_places_and_bad_input(
    client_for: Client, lead: User, tree: ProblemTree, agenda: AdvocacyAgenda, report: PolicyDocument
) -> None:
    client = client_for(lead)
    assert cite(client, node_citations(tree, "no-such-node"), report).status_code == 404
    assert cite(client, section_citations(agenda, "no_such_section"), report).status_code == 404
    key = focal_key(tree)
    too_long_page = cite(client, node_citations(tree, key), report, page="p" * 21)
    assert too_long_page.status_code == 400
    assert "page" in too_long_page.json()
    too_long_quote = cite(client, node_citations(tree, key), report, quote="q" * (MAX_CITATION_QUOTE + 1))
    assert too_long_quote.status_code == 400
    assert "quote" in too_long_quote.json()
    assert client.post(node_citations(tree, key), {}, format="json").status_code == 400
    assert not Citation.objects.exists()


def test_the_same_document_twice_at_the_same_page_is_refused(
    client_for: Client, lead: User, tree: ProblemTree, report: PolicyDocument
) -> None:
    client = client_for(lead)
    path = node_citations(tree, focal_key(tree))
    assert cite(client, path, report).status_code == 201
    again = cite(client, path, report)
    assert again.status_code == 400
    assert "already cited" in again.json()["document_id"][0]
    assert cite(client, path, report, page="4").status_code == 201
    assert cite(client, path, report, page="4").status_code == 400
    # Another node of the same tree is another place.
    cause = add_node(tree, lead, focal_key(tree), "cause", "Schools are far away")
    assert cite(client, node_citations(tree, cause), report).status_code == 201
    assert Citation.objects.count() == 3


def test_a_removed_document_cannot_be_newly_cited(
    client_for: Client, lead: User, tree: ProblemTree, report: PolicyDocument
) -> None:
    report.removed_at = timezone.now()
    report.save()
    response = cite(client_for(lead), node_citations(tree, focal_key(tree)), report)
    assert response.status_code == 400
    assert "removed" in response.json()["document_id"][0]


def test_archived_trees_and_agendas_past_draft_refuse_citations(
    client_for: Client, lead: User, tree: ProblemTree, agenda: AdvocacyAgenda, report: PolicyDocument
) -> None:
    ProblemTree.objects.filter(pk=tree.pk).update(status=TreeStatus.ARCHIVED)
    AdvocacyAgenda.objects.filter(pk=agenda.pk).update(status=AgendaStatus.SUBMITTED)
    assert cite(client_for(lead), node_citations(tree, focal_key(tree)), report).status_code == 400
    assert cite(client_for(lead), section_citations(agenda, "goal"), report).status_code == 400
    assert client_for(lead).get(section_citations(agenda, "goal")).json()["can_cite"] is False


# --- Changing and removing ----------------------------------------------------------------------------


def services_cite_node(user: User, tree: ProblemTree, document: PolicyDocument, **extra: Any) -> Citation:
    return citation_services.citation_create_for_node(
        actor=actor_of(user), tree=tree, node_key=focal_key(tree), document_id=document.pk, **extra
    )


def test_editors_change_the_page_and_quote_and_remove_a_citation(
    client_for: Client, lead: User, observer: User, tree: ProblemTree, report: PolicyDocument
) -> None:
    citation = services_cite_node(lead, tree, report, page="3")
    assert client_for(observer).patch(citation_path(citation.pk), {"page": "4"}, format="json").status_code == 403
    assert client_for(observer).delete(citation_path(citation.pk)).status_code == 403

    response = client_for(lead).patch(citation_path(citation.pk), {"page": "4", "quote": "A quote"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["page"] == "4"
    assert response.json()["quote"] == "A quote"
    event = AuditEvent.objects.get(verb="citation.updated")
    assert event.before == {"page": "3", "quote": ""}
    assert event.after == {"page": "4", "quote": "A quote"}

    too_long = client_for(lead).patch(citation_path(citation.pk), {"page": "p" * 21}, format="json")
    assert too_long.status_code == 400
    citation.refresh_from_db()
    assert citation.page == "4"

    assert client_for(lead).delete(citation_path(citation.pk)).status_code == 204
    assert not Citation.objects.exists()
    assert AuditEvent.objects.filter(verb="citation.deleted").exists()
    assert client_for(lead).delete(citation_path(citation.pk)).status_code == 404


def test_changing_the_page_to_one_already_cited_is_refused(
    client_for: Client, lead: User, tree: ProblemTree, report: PolicyDocument
) -> None:
    services_cite_node(lead, tree, report, page="3")
    second = services_cite_node(lead, tree, report, page="4")
    response = client_for(lead).patch(citation_path(second.pk), {"page": "3"}, format="json")
    assert response.status_code == 400
    second.refresh_from_db()
    assert second.page == "4"


# --- What viewers see ---------------------------------------------------------------------------------


def test_a_document_the_viewer_may_not_open_shows_as_unavailable(
    client_for: Client,
    admin: User,
    lead: User,
    tree: ProblemTree,
    private_report: PolicyDocument,
) -> None:
    # An administrator sees every group, so may cite the data group's private document on this tree.
    citation = services_cite_node(admin, tree, private_report, page="7", quote="Only 4% of learners ...")
    as_admin = client_for(admin).get(node_citations(tree, focal_key(tree))).json()["citations"]
    assert as_admin[0]["document"]["title"] == "Learning assessment microdata 2023"

    [as_lead] = client_for(lead).get(node_citations(tree, focal_key(tree))).json()["citations"]
    assert as_lead["id"] == citation.pk
    assert as_lead["document"] is None
    assert as_lead["page"] == ""
    assert as_lead["quote"] == ""
    # The lead cannot change what is quoted from it, but may take the citation off their group's tree.
    assert client_for(lead).patch(citation_path(citation.pk), {"page": "8"}, format="json").status_code == 404
    assert client_for(lead).delete(citation_path(citation.pk)).status_code == 204


def test_a_removed_document_shows_as_removed_on_the_node_and_in_cited_by(
    client_for: Client, lead: User, tree: ProblemTree, report: PolicyDocument
) -> None:
    services_cite_node(lead, tree, report)
    report.removed_at = timezone.now()
    report.save()
    [citation] = client_for(lead).get(node_citations(tree, focal_key(tree))).json()["citations"]
    assert citation["document"]["removed"] is True
    assert citation["document"]["title"] == "Out-of-school children with disabilities"
    response = client_for(lead).get(cited_by(report))
    assert response.status_code == 200
    [entry] = response.json()["citations"]
    assert entry["tree_id"] == tree.pk


def test_cited_by_labels_the_places_and_hides_what_the_viewer_cannot_see(
    client_for: Client,
    admin: User,
    lead: User,
    tree: ProblemTree,
    agenda: AdvocacyAgenda,
    data_group: WorkingGroup,
    report: PolicyDocument,
) -> None:
    services_cite_node(lead, tree, report, page="2")
    citation_services.citation_create_for_section(
        actor=actor_of(lead), agenda=agenda, section="stakeholders", document_id=report.pk
    )
    # A private group's tree, which the lead may not see.
    hidden_tree = services.tree_create(
        actor=actor_of(admin), group=data_group, title="Weak assessment data", focal_problem="No data on learning"
    )
    services_cite_node(admin, hidden_tree, report)

    entries = client_for(lead).get(cited_by(report)).json()["citations"]
    assert [(entry["type"], entry["group"]["name"]) for entry in entries] == [
        ("tree_node", "Inclusive education and disability"),
        ("agenda_section", "Inclusive education and disability"),
    ]
    node, section = entries
    assert node["tree_title"] == "Why children with disabilities leave school"
    assert node["node_label"] == "Children with disabilities drop out of primary school"
    assert node["node_present"] is True
    assert node["page"] == "2"
    assert section["agenda_title"] == "Inclusive primary schools"
    assert section["section_label"] == "Target audiences and stakeholders"

    assert len(client_for(admin).get(cited_by(report)).json()["citations"]) == 3
    # Counted for the policy bank, whoever may see them.
    assert citation_count_for_document(report) == 3


def test_a_node_removed_from_the_tree_keeps_its_citations_in_the_tree_list(
    client_for: Client, lead: User, tree: ProblemTree, report: PolicyDocument
) -> None:
    cause = add_node(tree, lead, focal_key(tree), "cause", "Teachers lack training")
    assert cite(client_for(lead), node_citations(tree, cause), report).status_code == 201
    services.tree_node_delete(actor=actor_of(lead), tree=tree, key=cause)
    assert client_for(lead).get(node_citations(tree, cause)).status_code == 404
    [citation] = client_for(lead).get(tree_path(tree, "citations/")).json()["citations"]
    assert citation["node_key"] == cause
    [entry] = client_for(lead).get(cited_by(report)).json()["citations"]
    assert entry["node_present"] is False
    assert entry["node_label"] == ""


def test_a_group_private_document_s_cited_by_is_404_for_those_who_cannot_open_it(
    client_for: Client, lead: User, private_report: PolicyDocument
) -> None:
    assert client_for(lead).get(cited_by(private_report)).status_code == 404


# --- Deleting the work ---------------------------------------------------------------------------------


def test_deleting_a_tree_or_agenda_deletes_its_citations(
    client_for: Client, lead: User, tree: ProblemTree, agenda: AdvocacyAgenda, report: PolicyDocument
) -> None:
    services_cite_node(lead, tree, report)
    citation_services.citation_create_for_section(
        actor=actor_of(lead), agenda=agenda, section="goal", document_id=report.pk
    )
    assert client_for(lead).delete(tree_path(tree)).status_code == 204
    assert list(Citation.objects.values_list("section", flat=True)) == ["goal"]
    assert client_for(lead).delete(agenda_path(agenda)).status_code == 204
    assert not Citation.objects.exists()
    assert citation_count_for_document(report) == 0


def test_the_policy_bank_counts_advocacy_s_citations(
    lead: User, tree: ProblemTree, agenda: AdvocacyAgenda, report: PolicyDocument, private_report: PolicyDocument
) -> None:
    services_cite_node(lead, tree, report)
    citation_services.citation_create_for_section(
        actor=actor_of(lead), agenda=agenda, section="risks", document_id=report.pk
    )
    assert document_citation_count(report) == 2
    assert document_citation_count(private_report) == 0
