"""Who may see and change problem trees and agendas: every endpoint against every persona, private groups,
facilitators running a session, and the websocket's access check (the same selectors).

The trees and agendas here belong to the workspace-visible inclusion group, which `lead` leads. `member`
is in another group; `facilitator` runs no session unless a test gives them one. So: everyone in the
workspace reads, the group and the committee edit, the lead and the committee delete, observers and
members of other groups are refused (403), outsiders never learn the ids exist (404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from pycrdt import Doc, Map, Text
from rest_framework.test import APIClient

from advocacy.live import agenda_access, tree_access
from advocacy.models import AdvocacyAgenda, ProblemTree, ProblemTreeNode
from advocacy.services import tree_create
from groups.models import GroupMembership, GroupSession, SessionStatus, WorkingGroup
from tests.advocacy.helpers import BASE, actor_of, add_node, agenda, agenda_path, focal_key, tree, tree_path
from tests.groups import session_helpers
from workspace.live.registry import LiveAccess, live_kind_get
from workspace.live.services import live_document_change
from workspace.models import AuditEvent, LiveDocumentUpdate, Membership, User, Workspace

pytestmark = pytest.mark.django_db

# The shared fixtures.
agenda = agenda
tree = tree
live_meeting = session_helpers.live_meeting
session = session_helpers.session

EDITORS = {"admin", "executive", "lead"}
DELETERS = {"admin", "executive", "lead"}
VOTE_OPENERS = {"admin", "executive", "facilitator"}
HIDDEN = {"outsider"}

Endpoint = Callable[[ProblemTree, AdvocacyAgenda, Any], tuple[str, str, str, dict[str, Any] | None, int]]


def _with_action(agenda: AdvocacyAgenda, lead: User) -> str:
    def change(doc: Doc) -> None:
        doc.get("actions", type=Map)["action-1"] = Map(
            {"position": 1.0, "activity": Text("Brief"), "status": "planned"}
        )

    live_document_change(kind="agenda", object_id=agenda.pk, author=lead, change=change)
    return "action-1"


ENDPOINTS: dict[str, Endpoint] = {
    "tree list": lambda t, a, x: ("read", "get", f"{BASE}/groups/{t.group_id}/trees/", None, 200),
    "tree detail": lambda t, a, x: ("read", "get", tree_path(t), None, 200),
    "tree history": lambda t, a, x: ("read", "get", tree_path(t, "history/"), None, 200),
    "create tree": lambda t, a, x: (
        "edit",
        "post",
        f"{BASE}/groups/{t.group_id}/trees/",
        {"title": "Another tree", "focal_problem": "Girls leave school"},
        201,
    ),
    "rename tree": lambda t, a, x: ("edit", "patch", tree_path(t), {"title": "Renamed"}, 200),
    "add node": lambda t, a, x: (
        "edit",
        "post",
        tree_path(t, "nodes/"),
        {"parent_key": focal_key(t), "kind": "effect", "label": "Isolation"},
        201,
    ),
    "edit node": lambda t, a, x: ("edit", "patch", tree_path(t, f"nodes/{x['cause']}/"), {"label": "Teachers!"}, 200),
    "remove node": lambda t, a, x: ("edit", "delete", tree_path(t, f"nodes/{x['cause']}/"), None, 204),
    "objectives": lambda t, a, x: ("edit", "post", tree_path(t, "objectives/"), {}, 201),
    "cause vote": lambda t, a, x: (
        "vote",
        "post",
        tree_path(t, "cause-vote/"),
        {"session_id": x["session"].pk, "dots_per_person": 2},
        201,
    ),
    "delete tree": lambda t, a, x: ("delete", "delete", tree_path(t), None, 204),
    "agenda list": lambda t, a, x: ("read", "get", f"{BASE}/groups/{a.group_id}/agendas/", None, 200),
    "agenda detail": lambda t, a, x: ("read", "get", agenda_path(a), None, 200),
    "agenda history": lambda t, a, x: ("read", "get", agenda_path(a, "history/"), None, 200),
    "create agenda": lambda t, a, x: (
        "edit",
        "post",
        f"{BASE}/groups/{a.group_id}/agendas/",
        {"title": "Another agenda", "source_tree_id": t.pk},
        201,
    ),
    "rename agenda": lambda t, a, x: ("edit", "patch", agenda_path(a), {"title": "Renamed"}, 200),
    "mark ready": lambda t, a, x: ("edit", "put", agenda_path(a, "sections/goal/ready/"), {"ready": True}, 200),
    "action status": lambda t, a, x: (
        "edit",
        "patch",
        agenda_path(a, f"actions/{x['action']}/"),
        {"status": "done"},
        200,
    ),
    "delete agenda": lambda t, a, x: ("delete", "delete", agenda_path(a), None, 204),
}


def snapshot(tree: ProblemTree, agenda: AdvocacyAgenda) -> dict[str, Any]:
    """What a refused request must leave exactly as it was."""
    return {
        "trees": list(ProblemTree.objects.order_by("pk").values_list("pk", "title")),
        "nodes": list(ProblemTreeNode.objects.order_by("pk").values_list("pk", "label", "parent_key", "removed_at")),
        "agendas": list(AdvocacyAgenda.objects.order_by("pk").values_list("pk", "title", "ready")),
        "updates": LiveDocumentUpdate.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_every_persona_against_every_advocacy_endpoint(
    endpoint: str,
    persona: tuple[str, User],
    tree: ProblemTree,
    agenda: AdvocacyAgenda,
    session: GroupSession,
    lead: User,
    client_for: Callable[[User], APIClient],
) -> None:
    name, user = persona
    # The facilitator runs no session of the group here (running one lets them edit: tested below).
    GroupSession.objects.filter(pk=session.pk).update(facilitator=None)
    cause = add_node(tree, lead, focal_key(tree), "cause", "Teachers")
    add_node(tree, lead, focal_key(tree), "cause", "Funding")
    extra = {"cause": cause, "session": session, "action": _with_action(agenda, lead)}
    who, method, url, payload, allowed_status = ENDPOINTS[endpoint](tree, agenda, extra)
    before = snapshot(tree, agenda)

    response = getattr(client_for(user), method)(url, payload, format="json")

    allowed = {
        "read": {"admin", "executive", "facilitator", "member", "lead", "observer"},
        "edit": EDITORS,
        "delete": DELETERS,
        "vote": VOTE_OPENERS,
    }[who]
    expected = allowed_status if name in allowed else 404 if name in HIDDEN else 403
    assert response.status_code == expected, response.content
    if expected == 403:
        assert response.json()["detail"]
    if expected != allowed_status or who == "read":
        assert snapshot(tree, agenda) == before


@pytest.mark.parametrize("endpoint", ["tree detail", "add node", "agenda detail", "mark ready"])
def test_signed_out_people_get_401(
    endpoint: str,
    tree: ProblemTree,
    agenda: AdvocacyAgenda,
    session: GroupSession,
    lead: User,
    anonymous_client: APIClient,
) -> None:
    _who, method, url, payload, _status = ENDPOINTS[endpoint](tree, agenda, {"session": session})

    assert getattr(anonymous_client, method)(url, payload, format="json").status_code == 401


def test_a_member_of_the_group_edits_but_does_not_delete(
    tree: ProblemTree,
    agenda: AdvocacyAgenda,
    workspace: Workspace,
    member: User,
    client_for: Callable[[User], APIClient],
) -> None:
    GroupMembership.objects.create(group=tree.group, user=member)
    client = client_for(member)

    added = client.post(
        tree_path(tree, "nodes/"), {"parent_key": focal_key(tree), "kind": "cause", "label": "Stigma"}, format="json"
    )
    ready = client.put(agenda_path(agenda, "sections/goal/ready/"), {"ready": True}, format="json")

    assert (added.status_code, ready.status_code) == (201, 200)
    assert (client.get(tree_path(tree)).json()["can_edit"], client.get(tree_path(tree)).json()["can_delete"]) == (
        True,
        False,
    )
    assert client.delete(tree_path(tree)).status_code == 403
    assert client.delete(agenda_path(agenda)).status_code == 403


def test_a_facilitator_edits_while_running_an_open_session_of_the_group_only(
    tree: ProblemTree, session: GroupSession, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(facilitator)
    add = {"parent_key": focal_key(tree), "kind": "cause", "label": "Stigma"}
    assert session.facilitator == facilitator and session.status == SessionStatus.OPEN

    running = client.post(tree_path(tree, "nodes/"), add, format="json")
    GroupSession.objects.filter(pk=session.pk).update(status=SessionStatus.CLOSED, closed_at=timezone.now())
    closed = client.post(tree_path(tree, "nodes/"), add, format="json")

    assert running.status_code == 201, running.content
    assert closed.status_code == 403
    assert client.get(tree_path(tree)).json()["can_edit"] is False


def test_observers_who_are_in_the_group_still_only_read(
    tree: ProblemTree, observer: User, client_for: Callable[[User], APIClient]
) -> None:
    GroupMembership.objects.create(group=tree.group, user=observer)

    response = client_for(observer).patch(tree_path(tree), {"title": "Mine"}, format="json")

    assert response.status_code == 403
    assert client_for(observer).get(tree_path(tree)).json()["can_edit"] is False


@pytest.mark.parametrize("role", ["member", "facilitator", "observer", "outsider"])
def test_trees_of_a_private_group_are_404_for_people_outside_it(
    role: str,
    data_group: WorkingGroup,
    admin: User,
    client_for: Callable[[User], APIClient],
    request: pytest.FixtureRequest,
) -> None:
    hidden = tree_create(actor=actor_of(admin), group=data_group, title="Data gaps", focal_problem="No data")
    client = client_for(request.getfixturevalue(role))

    assert client.get(tree_path(hidden)).status_code == 404
    assert client.get(tree_path(hidden, "history/")).status_code == 404
    assert client.get(f"{BASE}/groups/{data_group.pk}/trees/").status_code == 404
    assert client.patch(tree_path(hidden), {"title": "x"}, format="json").status_code == 404
    assert client.delete(tree_path(hidden)).status_code == 404


def test_a_member_of_a_private_group_sees_and_edits_its_trees(
    data_group: WorkingGroup, admin: User, member: User, client_for: Callable[[User], APIClient]
) -> None:
    GroupMembership.objects.create(group=data_group, user=member)
    shared = tree_create(actor=actor_of(admin), group=data_group, title="Data gaps", focal_problem="No data")

    response = client_for(member).patch(tree_path(shared), {"title": "Data gaps in the north-east"}, format="json")

    assert response.status_code == 200 and response.json()["can_edit"] is True


# --- The websocket's access check --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", True),
        ("executive", True),
        ("lead", True),
        ("facilitator", False),
        ("member", False),
        ("observer", False),
        ("outsider", None),
    ],
)
def test_the_live_access_check_answers_like_the_rest_api(
    role: str,
    expected: bool | None,
    tree: ProblemTree,
    agenda: AdvocacyAgenda,
    workspace: Workspace,
    request: pytest.FixtureRequest,
) -> None:
    user = request.getfixturevalue(role)

    for check, object_id in ((tree_access, tree.pk), (agenda_access, agenda.pk)):
        access = check(user, object_id)
        if expected is None:
            assert access is None
        else:
            assert access == LiveAccess(workspace_id=workspace.pk, can_edit=expected)


def test_the_live_access_check_refuses_unknown_ids_inactive_people_and_frozen_agendas(
    tree: ProblemTree, agenda: AdvocacyAgenda, lead: User
) -> None:
    assert tree_access(lead, 987654) is None
    assert agenda_access(lead, 987654) is None

    AdvocacyAgenda.objects.filter(pk=agenda.pk).update(status="submitted")
    assert agenda_access(lead, agenda.pk) == LiveAccess(workspace_id=agenda.group.workspace_id, can_edit=False)

    Membership.objects.filter(user=lead).update(is_active=False)
    assert tree_access(lead, tree.pk) is None


def test_both_kinds_are_registered_with_the_live_machinery() -> None:
    tree_kind, agenda_kind = live_kind_get("tree"), live_kind_get("agenda")

    assert tree_kind is not None and tree_kind.access is tree_access and set(tree_kind.roots) == {"nodes"}
    assert agenda_kind is not None and agenda_kind.access is agenda_access
    assert {"goal", "ready", "methods", "methods_note", "actions", "risks"} <= set(agenda_kind.roots)


def test_during_group_work_members_edit_only_while_the_facilitator_has_editing_open(
    client_for: Callable[[User | None], APIClient],
    tree: ProblemTree,
    session: GroupSession,
    lead: User,
    facilitator: User,
) -> None:
    from groups.models import MeetingRunState

    run_state = MeetingRunState.objects.create(meeting=session.meeting, editing_open=False)
    lead_client = client_for(lead)
    add = {"parent_key": focal_key(tree), "kind": "cause", "label": "Long distances to school"}

    assert lead_client.post(tree_path(tree, "nodes/"), add, format="json").status_code == 403
    assert lead_client.get(tree_path(tree)).json()["can_edit"] is False
    assert tree_access(lead, tree.pk) == LiveAccess(workspace_id=tree.group.workspace_id, can_edit=False)
    # The facilitator running the session still edits (e.g. to note what the group says).
    assert client_for(facilitator).post(tree_path(tree, "nodes/"), add, format="json").status_code == 201

    run_state.editing_open = True
    run_state.save(update_fields=["editing_open"])
    assert lead_client.post(tree_path(tree, "nodes/"), add, format="json").status_code == 201

    session.status = SessionStatus.CLOSED
    session.save(update_fields=["status"])
    run_state.editing_open = False
    run_state.save(update_fields=["editing_open"])
    # Outside group work the meeting's switch does not apply.
    assert lead_client.post(tree_path(tree, "nodes/"), add, format="json").status_code == 201


def test_a_facilitator_who_belongs_to_the_group_keeps_editing_the_session_they_run(
    client_for: Callable[[User | None], APIClient], tree: ProblemTree, session: GroupSession, facilitator: User
) -> None:
    from groups.models import MeetingRunState

    MeetingRunState.objects.create(meeting=session.meeting, editing_open=False)
    GroupMembership.objects.create(group=tree.group, user=facilitator)
    add = {"parent_key": focal_key(tree), "kind": "cause", "label": "Long distances to school"}
    assert client_for(facilitator).post(tree_path(tree, "nodes/"), add, format="json").status_code == 201
