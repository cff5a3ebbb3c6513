"""Advocacy agendas through the API: creating (blank or prefilled from a tree), listing, the sections and
rows read from the live document, ready marks, action status, frozen agendas, history, deleting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pycrdt import Doc, Map, Text, XmlElement, XmlFragment, XmlText
from rest_framework.test import APIClient

from advocacy import services
from advocacy.models import AdvocacyAgenda, AgendaStatus, ProblemTree
from groups.models import GroupMembership, Visibility, WorkingGroup
from tests.advocacy.helpers import BASE, actor_of, add_node, agenda, agenda_path, focal_key, tree
from tests.conftest import make_person
from workspace.live.services import live_document_change
from workspace.models import AuditEvent, LiveDocument, Organisation, Role, User, Workspace

pytestmark = pytest.mark.django_db

# The shared fixtures: a tree and a blank draft agenda of the inclusion group (led by `lead`).
agenda = agenda
tree = tree


def write(agenda: AdvocacyAgenda, user: User, change: Callable[[Doc], None]) -> None:
    """An edit as a browser would make it, applied to the agenda's document."""
    live_document_change(kind="agenda", object_id=agenda.pk, author=user, change=change)


# The fields that are Y.Text in the document (CONTRACT §2); the others are plain values.
TEXT_FIELDS = {
    "statement",
    "name",
    "notes",
    "message",
    "ask",
    "activity",
    "resources",
    "baseline",
    "target",
    "verification",
    "risk",
    "mitigation",
}


def add_rows(section: str, *rows: dict[str, Any]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        root = doc.get(section, type=Map)
        for position, row in enumerate(rows, start=1):
            values = {name: Text(value) if name in TEXT_FIELDS else value for name, value in row.items()}
            key = values.pop("key")
            root[key] = Map({"position": float(position), **values})

    return change


# --- Creating ------------------------------------------------------------------------------------------


def test_a_group_lead_creates_a_blank_draft_agenda(
    lead: User, inclusion_group: WorkingGroup, client_for: Callable[[User], APIClient]
) -> None:
    response = client_for(lead).post(
        f"{BASE}/groups/{inclusion_group.pk}/agendas/", {"title": "Inclusive primary schools"}, format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["status"], body["version"], body["can_edit"], body["can_delete"]) == (
        "Inclusive primary schools",
        "draft",
        1,
        True,
        True,
    )
    assert (body["issue_statement"], body["goal"], body["policy_support"], body["methods"], body["ready"]) == (
        "",
        "",
        "",
        [],
        [],
    )
    assert all(body[section] == [] for section in ("objectives", "stakeholders", "messages", "actions", "risks"))
    assert LiveDocument.objects.filter(kind="agenda", object_id=body["id"]).exists()
    assert AuditEvent.objects.get(verb="advocacy_agenda.created").after["title"] == "Inclusive primary schools"


def test_an_agenda_made_from_a_problem_tree_starts_with_its_issue_and_objectives(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    focal = focal_key(tree)
    teachers = add_node(tree, lead, focal, "cause", "Lack of trained teachers")
    add_node(tree, lead, teachers, "cause", "Low pay")  # second level: not an objective
    add_node(tree, lead, focal, "cause", "Schools are not accessible")
    add_node(tree, lead, focal, "effect", "Low literacy")

    response = client_for(lead).post(
        f"{BASE}/groups/{tree.group_id}/agendas/", {"title": "Agenda", "source_tree_id": tree.pk}, format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["source_tree_id"] == tree.pk
    assert body["issue_statement"] == "<p>Children with disabilities drop out of primary school</p>"
    assert body["goal"] == ""
    assert [row["statement"] for row in body["objectives"]] == [
        "Enough trained teachers",
        "Schools are accessible",
    ]


def test_an_agenda_made_from_an_objectives_tree_takes_its_means_and_focal_objective(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    add_node(tree, lead, focal_key(tree), "cause", "Lack of trained teachers")
    objectives = services.tree_objectives_create(actor=actor_of(lead), tree=tree)

    body = (
        client_for(lead)
        .post(
            f"{BASE}/groups/{tree.group_id}/agendas/",
            {"title": "Agenda", "source_tree_id": objectives.pk},
            format="json",
        )
        .json()
    )

    assert body["issue_statement"] == "<p>Children with disabilities drop out of primary school</p>"
    assert body["goal"] == "<p>Children with disabilities complete primary school</p>"
    assert [row["statement"] for row in body["objectives"]] == ["Enough trained teachers"]


def test_an_agenda_cannot_be_made_from_another_groups_tree(
    tree: ProblemTree, data_group: WorkingGroup, admin: User, client_for: Callable[[User], APIClient]
) -> None:
    response = client_for(admin).post(
        f"{BASE}/groups/{data_group.pk}/agendas/", {"title": "Agenda", "source_tree_id": tree.pk}, format="json"
    )

    assert response.status_code == 400 and "source_tree_id" in response.json()
    assert not AdvocacyAgenda.objects.exists()


# --- Reading ---------------------------------------------------------------------------------------------


def test_the_detail_shows_every_section_as_the_document_holds_it(
    agenda: AdvocacyAgenda, lead: User, organisation: Organisation, client_for: Callable[[User], APIClient]
) -> None:
    def prose(doc: Doc) -> None:
        goal = doc.get("goal", type=XmlFragment)
        paragraph = goal.children.append(XmlElement("paragraph"))
        text = paragraph.children.append(XmlText())
        text.insert(0, "Every child ")
        text.insert(len("Every child "), "learns", attrs={"bold": {}})
        doc.get("methods", type=Map).update({"policy_dialogue": True, "media": True})
        doc.get("methods_note", type=Text).insert(0, "Backed by our assessment")

    write(agenda, lead, prose)
    write(
        agenda, lead, add_rows("objectives", {"key": "objective-1", "statement": "Train teachers", "due": "2027-12-31"})
    )
    write(
        agenda,
        lead,
        add_rows(
            "stakeholders",
            {
                "key": "ministry-1",
                "name": "Ministry",
                "category": "decision_maker",
                "influence": 5,
                "interest": 4,
                "stance": "supportive",
                "notes": "",
            },
        ),
    )
    write(
        agenda,
        lead,
        add_rows("messages", {"key": "message-1", "stakeholder": "ministry-1", "message": "Fund it", "ask": "Budget"}),
    )
    write(
        agenda,
        lead,
        add_rows(
            "actions",
            {
                "key": "action-1",
                "activity": "Policy brief",
                "organisation": organisation.pk,
                "start": "2027-01-15",
                "due": "2027-03-31",
                "resources": "Printing",
                "status": "in_progress",
                "objective": "objective-1",
            },
        ),
    )
    write(
        agenda,
        lead,
        add_rows(
            "indicators",
            {
                "key": "indicator-1",
                "name": "Completion",
                "baseline": "48%",
                "target": "70%",
                "verification": "EMIS",
                "objective": "objective-1",
            },
        ),
    )
    write(
        agenda,
        lead,
        add_rows(
            "risks",
            {"key": "risk-1", "risk": "Budget cut", "likelihood": "medium", "impact": "high", "mitigation": "Phase it"},
        ),
    )

    body = client_for(lead).get(agenda_path(agenda)).json()

    assert body["goal"] == "<p>Every child <strong>learns</strong></p>"
    assert (body["methods"], body["methods_note"]) == (["policy_dialogue", "media"], "Backed by our assessment")
    assert body["objectives"] == [
        {"key": "objective-1", "position": 1.0, "statement": "Train teachers", "due": "2027-12-31"}
    ]
    assert body["stakeholders"][0]["stance"] == "supportive" and body["stakeholders"][0]["influence"] == 5
    assert body["messages"] == [
        {"key": "message-1", "position": 1.0, "stakeholder": "ministry-1", "message": "Fund it", "ask": "Budget"}
    ]
    assert body["actions"] == [
        {
            "key": "action-1",
            "position": 1.0,
            "activity": "Policy brief",
            "organisation": {"id": organisation.pk, "name": "Disability Inclusion Action", "acronym": "DIA"},
            "start": "2027-01-15",
            "due": "2027-03-31",
            "resources": "Printing",
            "status": "in_progress",
            "objective": "objective-1",
        }
    ]
    assert body["indicators"][0]["objective"] == "objective-1"
    assert (body["risks"][0]["likelihood"], body["risks"][0]["impact"]) == ("medium", "high")
    assert [person["name"] for person in body["last_editors"]] == ["Lead"]


def test_the_agenda_detail_query_count_does_not_grow_with_rows(
    agenda: AdvocacyAgenda,
    lead: User,
    organisation: Organisation,
    client_for: Callable[[User], APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    for section, fields in (
        ("objectives", {"statement": "Objective"}),
        ("stakeholders", {"name": "Stakeholder"}),
        ("messages", {"message": "Message"}),
        ("actions", {"activity": "Action", "organisation": organisation.pk}),
        ("indicators", {"name": "Indicator"}),
        ("risks", {"risk": "Risk"}),
    ):
        write(agenda, lead, add_rows(section, *({"key": f"{section}-{n:03d}", **fields} for n in range(15))))
    client = client_for(lead)

    with django_assert_max_num_queries(16):
        body = client.get(agenda_path(agenda)).json()

    assert len(body["actions"]) == 15 and body["actions"][0]["organisation"]["id"] == organisation.pk


def test_the_group_list_shows_ready_sections_and_last_editors(
    agenda: AdvocacyAgenda, lead: User, member: User, client_for: Callable[[User], APIClient]
) -> None:
    services.agenda_section_ready_set(actor=actor_of(lead), agenda=agenda, section="goal", ready=True)
    services.agenda_section_ready_set(actor=actor_of(lead), agenda=agenda, section="risks", ready=True)

    as_lead = client_for(lead).get(f"{BASE}/groups/{agenda.group_id}/agendas/").json()["results"]
    as_member = client_for(member).get(f"{BASE}/groups/{agenda.group_id}/agendas/").json()["results"]

    assert as_lead[0]["ready_sections"] == {"count": 2, "total": 10}
    assert (as_lead[0]["status"], as_lead[0]["version"]) == ("draft", 1)
    assert [person["name"] for person in as_lead[0]["last_editors"]] == ["Lead"]
    assert (as_lead[0]["can_edit"], as_member[0]["can_edit"]) == (True, False)


def test_the_agenda_list_query_count_does_not_grow(
    lead: User,
    inclusion_group: WorkingGroup,
    workspace: Workspace,
    client_for: Callable[[User], APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    editors = [make_person(workspace, f"editor{n}@example.org", Role.MEMBER) for n in range(4)]
    for editor in editors:
        GroupMembership.objects.create(group=inclusion_group, user=editor)
    for n in range(12):
        made = services.agenda_create(actor=actor_of(lead), group=inclusion_group, title=f"Agenda {n}")
        for editor in editors:
            services.agenda_section_ready_set(actor=actor_of(editor), agenda=made, section="goal", ready=True)
    client = client_for(lead)

    with django_assert_max_num_queries(9):
        response = client.get(f"{BASE}/groups/{inclusion_group.pk}/agendas/")

    assert response.json()["count"] == 12
    assert all(len(row["last_editors"]) == 3 for row in response.json()["results"])


# --- Writes ------------------------------------------------------------------------------------------------


def test_sections_are_marked_ready_and_unmarked(
    agenda: AdvocacyAgenda, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(lead)

    marked = client.put(agenda_path(agenda, "sections/stakeholders/ready/"), {"ready": True}, format="json")
    client.put(agenda_path(agenda, "sections/goal/ready/"), {"ready": True}, format="json")
    unmarked = client.put(agenda_path(agenda, "sections/stakeholders/ready/"), {"ready": False}, format="json")

    assert marked.status_code == 200 and marked.json()["ready"] == ["stakeholders"]
    assert unmarked.json()["ready"] == ["goal"]
    assert client.get(agenda_path(agenda)).json()["ready"] == ["goal"]
    assert (
        client.put(agenda_path(agenda, "sections/appendix/ready/"), {"ready": True}, format="json").status_code == 404
    )
    assert client.put(agenda_path(agenda, "sections/goal/ready/"), {}, format="json").status_code == 400


def test_the_status_of_an_action_is_set_through_the_document(
    agenda: AdvocacyAgenda, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    write(agenda, lead, add_rows("actions", {"key": "action-1", "activity": "Brief", "status": "planned"}))
    client = client_for(lead)

    response = client.patch(agenda_path(agenda, "actions/action-1/"), {"status": "done"}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done"
    assert client.get(agenda_path(agenda)).json()["actions"][0]["status"] == "done"
    assert (
        client.patch(agenda_path(agenda, "actions/action-1/"), {"status": "finished"}, format="json").status_code == 400
    )
    assert (
        client.patch(agenda_path(agenda, "actions/no-such-action/"), {"status": "done"}, format="json").status_code
        == 404
    )


def test_renaming_an_agenda_is_audited(
    agenda: AdvocacyAgenda, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    response = client_for(lead).patch(agenda_path(agenda), {"title": "Schools for every child"}, format="json")

    assert response.status_code == 200 and response.json()["title"] == "Schools for every child"
    assert AuditEvent.objects.get(verb="advocacy_agenda.updated").after == {"title": "Schools for every child"}


def test_a_frozen_agenda_is_read_only_for_everyone(
    agenda: AdvocacyAgenda, lead: User, admin: User, client_for: Callable[[User], APIClient]
) -> None:
    write(agenda, lead, add_rows("actions", {"key": "action-1", "activity": "Brief"}))
    AdvocacyAgenda.objects.filter(pk=agenda.pk).update(status=AgendaStatus.SUBMITTED)

    for user in (lead, admin):
        client = client_for(user)
        body = client.get(agenda_path(agenda)).json()
        assert (body["can_edit"], body["can_delete"]) == (False, False)
        assert client.patch(agenda_path(agenda), {"title": "New"}, format="json").status_code == 400
        assert (
            client.put(agenda_path(agenda, "sections/goal/ready/"), {"ready": True}, format="json").status_code == 400
        )
        assert (
            client.patch(agenda_path(agenda, "actions/action-1/"), {"status": "done"}, format="json").status_code == 400
        )
        assert client.delete(agenda_path(agenda)).status_code == 400
    agenda.refresh_from_db()
    assert (agenda.title, agenda.ready) == ("Inclusive primary schools", [])


def test_a_group_lead_deletes_a_draft_and_a_plain_member_may_not(
    agenda: AdvocacyAgenda,
    lead: User,
    workspace: Workspace,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    colleague = make_person(workspace, "sokha@example.org", Role.MEMBER)
    GroupMembership.objects.create(group=agenda.group, user=colleague)

    refused = client_for(colleague).delete(agenda_path(agenda))
    with django_capture_on_commit_callbacks(execute=True):
        deleted = client_for(lead).delete(agenda_path(agenda))

    assert refused.status_code == 403
    assert deleted.status_code == 204
    assert not LiveDocument.objects.filter(kind="agenda", object_id=agenda.pk).exists()
    assert AuditEvent.objects.get(verb="advocacy_agenda.deleted").before["title"] == "Inclusive primary schools"


# --- History ---------------------------------------------------------------------------------------------


def test_the_agenda_history_labels_sections_rows_and_ready_marks(
    agenda: AdvocacyAgenda, lead: User, client_for: Callable[[User], APIClient], django_assert_max_num_queries: Any
) -> None:
    write(agenda, lead, add_rows("risks", {"key": "risk-1", "risk": "Budget cut"}))
    write(
        agenda,
        lead,
        lambda doc: doc.get("goal", type=XmlFragment).children.append(XmlElement("paragraph", None, [XmlText("Goal")])),
    )
    write(agenda, lead, lambda doc: doc.get("methods", type=Map).update({"research": True}))
    services.agenda_section_ready_set(actor=actor_of(lead), agenda=agenda, section="risks", ready=True)
    write(agenda, lead, lambda doc: doc.get("risks", type=Map).pop("risk-1"))
    client = client_for(lead)

    with django_assert_max_num_queries(10):
        response = client.get(agenda_path(agenda, "history/"))

    targets = {entry["path"]: (entry["action"], entry["target"]) for entry in response.json()["results"]}
    assert targets["risks/risk-1"][1] == {
        "type": "row",
        "section": "risks",
        "key": "risk-1",
        "label": "Budget cut",
        "removed": True,
    }
    assert targets["goal"][1]["label"] == "Goal" and targets["goal"][1]["type"] == "section"
    assert targets["methods/research"][1] == {
        "type": "section",
        "section": "methods",
        "key": "research",
        "label": "Research",
        "removed": False,
    }
    assert targets["ready/risks"][1]["label"] == "Ready mark: Risks and mitigation"
    assert targets["ready/risks"][1]["section"] == "risks"


def test_history_labels_follow_the_persons_language(
    agenda: AdvocacyAgenda, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    services.agenda_section_ready_set(actor=actor_of(lead), agenda=agenda, section="goal", ready=True)
    lead.preferred_language = "km"
    lead.save(update_fields=["preferred_language"])

    entry = client_for(lead).get(agenda_path(agenda, "history/")).json()["results"][0]

    assert entry["target"]["label"] != "Ready mark: Goal"


def test_private_groups_agendas_are_hidden_from_outsiders_of_the_group(
    data_group: WorkingGroup, admin: User, member: User, client_for: Callable[[User], APIClient]
) -> None:
    assert data_group.visibility == Visibility.PRIVATE
    hidden = services.agenda_create(actor=actor_of(admin), group=data_group, title="Data agenda")

    assert client_for(member).get(agenda_path(hidden)).status_code == 404
    assert client_for(member).get(agenda_path(hidden, "history/")).status_code == 404
    assert client_for(member).get(f"{BASE}/groups/{data_group.pk}/agendas/").status_code == 404
    assert client_for(admin).get(agenda_path(hidden)).status_code == 200
