"""Problem trees through the API: creating, listing, editing nodes (applied to the live document), the
objectives tree, the cause vote and its results, the history, deleting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pycrdt import Map, Text
from rest_framework.test import APIClient

from advocacy import services
from advocacy.models import ProblemTree, ProblemTreeNode
from groups import services as group_services
from groups.models import DotVoteOption, GroupMembership, GroupSession, WorkingGroup
from tests.advocacy.helpers import BASE, actor_of, add_node, focal_key, node_rows, tree, tree_path
from tests.conftest import make_person
from tests.groups import session_helpers
from workspace.live.services import live_document_load, live_document_materialise, live_updates_append
from workspace.models import AuditEvent, LiveDocument, Role, User, Workspace

pytestmark = pytest.mark.django_db

# The shared fixtures: a tree of the inclusion group (led by `lead`), a live meeting and its session.
tree = tree
live_meeting = session_helpers.live_meeting
session = session_helpers.session
private_session = session_helpers.private_session

FOCAL = "Children with disabilities drop out of primary school"


def labels(body: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(label, kind, depth) of the detail's nodes, in outline order."""
    return [(node["label"], node["kind"], node["depth"]) for node in body["nodes"]]


# --- Creating and listing -------------------------------------------------------------------------------


def test_a_group_lead_creates_a_tree_that_starts_with_its_focal_problem(
    lead: User, inclusion_group: WorkingGroup, client_for: Callable[[User], APIClient]
) -> None:
    response = client_for(lead).post(
        f"{BASE}/groups/{inclusion_group.pk}/trees/",
        {"title": "  Why children leave school ", "focal_problem": FOCAL},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["kind"], body["status"], body["can_edit"], body["can_delete"]) == (
        "Why children leave school",
        "problem",
        "active",
        True,
        True,
    )
    assert body["group"] == {"id": inclusion_group.pk, "name": "Inclusive education and disability"}
    assert labels(body) == [(FOCAL, "problem", 0)]
    assert body["nodes"][0]["parent_key"] is None
    assert body["created_by"] == {"id": lead.pk, "name": "Lead"}
    assert LiveDocument.objects.filter(kind="tree", object_id=body["id"]).exists()
    event = AuditEvent.objects.get(verb="problem_tree.created")
    assert (event.actor, event.after["title"]) == (lead, "Why children leave school")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": "   ", "focal_problem": FOCAL}, "title"),
        ({"title": "Tree", "focal_problem": "  "}, "focal_problem"),
        ({"title": "Tree"}, "focal_problem"),
        ({"title": "x" * 201, "focal_problem": FOCAL}, "title"),
    ],
)
def test_a_tree_needs_a_title_and_a_focal_problem(
    payload: dict[str, Any],
    field: str,
    lead: User,
    inclusion_group: WorkingGroup,
    client_for: Callable[[User], APIClient],
) -> None:
    response = client_for(lead).post(f"{BASE}/groups/{inclusion_group.pk}/trees/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not ProblemTree.objects.exists()


def test_the_group_list_shows_node_counts_last_editors_and_edit_rights(
    tree: ProblemTree, lead: User, member: User, workspace: Workspace, client_for: Callable[[User], APIClient]
) -> None:
    editor = make_person(workspace, "sokha@example.org", Role.MEMBER)
    GroupMembership.objects.create(group=tree.group, user=editor)
    cause = add_node(tree, lead, focal_key(tree), "cause", "Too few trained teachers")
    add_node(tree, editor, cause, "cause", "No budget for training")
    add_node(tree, lead, focal_key(tree), "effect", "Low literacy")

    as_lead = client_for(lead).get(f"{BASE}/groups/{tree.group_id}/trees/").json()["results"][0]
    as_member = client_for(member).get(f"{BASE}/groups/{tree.group_id}/trees/").json()["results"][0]

    assert as_lead["node_counts"] == {"causes": 2, "effects": 1}
    assert [person["name"] for person in as_lead["last_editors"]] == ["Lead", "Sokha"]
    assert (as_lead["can_edit"], as_member["can_edit"]) == (True, False)
    assert as_lead["last_edited_at"] is not None


def test_the_tree_list_query_count_does_not_grow_with_trees_nodes_or_editors(
    lead: User,
    inclusion_group: WorkingGroup,
    workspace: Workspace,
    client_for: Callable[[User], APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(lead)
    editors = [make_person(workspace, f"editor{n}@example.org", Role.MEMBER) for n in range(4)]
    for editor in editors:
        GroupMembership.objects.create(group=inclusion_group, user=editor)
    for n in range(12):
        made = services.tree_create(
            actor=actor_of(lead), group=inclusion_group, title=f"Tree {n}", focal_problem="Dropout"
        )
        for editor in editors:
            add_node(made, editor, focal_key(made), "cause", f"Cause by {editor.display_name}")

    with django_assert_max_num_queries(9):
        response = client.get(f"{BASE}/groups/{inclusion_group.pk}/trees/")

    assert response.json()["count"] == 12
    assert all(len(row["last_editors"]) == 3 for row in response.json()["results"])


# --- Nodes through REST ----------------------------------------------------------------------------------


def test_nodes_added_edited_moved_and_removed_through_rest_show_in_the_next_get(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(lead)
    focal = focal_key(tree)

    teachers = client.post(
        tree_path(tree, "nodes/"), {"parent_key": focal, "kind": "cause", "label": "Too few teachers"}, format="json"
    )
    assert teachers.status_code == 201, teachers.content
    teachers_key = teachers.json()["key"]
    assert teachers.json() == {
        "key": teachers_key,
        "parent_key": focal,
        "kind": "cause",
        "label": "Too few teachers",
        "position": 1.0,
        "depth": 1,
        "dots": 0,
        "is_top": False,
    }
    budget = client.post(
        tree_path(tree, "nodes/"), {"parent_key": focal, "kind": "cause", "label": "No budget"}, format="json"
    ).json()
    client.post(
        tree_path(tree, "nodes/"), {"parent_key": focal, "kind": "effect", "label": "Low literacy"}, format="json"
    )

    edited = client.patch(
        tree_path(tree, f"nodes/{teachers_key}/"), {"label": "Too few trained teachers"}, format="json"
    )
    moved = client.patch(tree_path(tree, f"nodes/{budget['key']}/"), {"parent_key": teachers_key}, format="json")

    assert edited.status_code == 200 and moved.status_code == 200, (edited.content, moved.content)
    assert moved.json()["depth"] == 2
    assert labels(client.get(tree_path(tree)).json()) == [
        (FOCAL, "problem", 0),
        ("Too few trained teachers", "cause", 1),
        ("No budget", "cause", 2),
        ("Low literacy", "effect", 1),
    ]

    removed = client.delete(tree_path(tree, f"nodes/{teachers_key}/"))

    assert removed.status_code == 204
    assert labels(client.get(tree_path(tree)).json()) == [(FOCAL, "problem", 0), ("Low literacy", "effect", 1)]
    # The document itself changed, not only the rows.
    in_document = set(live_document_load(kind="tree", object_id=tree.pk).get("nodes", type=Map).keys())
    assert in_document == node_keys(tree)
    assert teachers_key not in in_document


def node_keys(tree: ProblemTree) -> set[str]:
    return set(ProblemTreeNode.objects.present().filter(tree=tree).values_list("key", flat=True))


def test_siblings_can_be_reordered_by_position(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    first = add_node(tree, lead, focal_key(tree), "cause", "First")
    add_node(tree, lead, focal_key(tree), "cause", "Second")

    response = client_for(lead).patch(tree_path(tree, f"nodes/{first}/"), {"position": 9.5}, format="json")

    assert response.status_code == 200
    assert [label for label, _kind, _depth in labels(client_for(lead).get(tree_path(tree)).json())] == [
        FOCAL,
        "Second",
        "First",
    ]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("cause below an effect", "parent_key"),
        ("below its own sub-node", "parent_key"),
        ("unknown parent", "parent_key"),
        ("move the focal problem", "parent_key"),
        ("add a second focal problem", "kind"),
        ("empty label", "label"),
    ],
)
def test_node_writes_that_would_break_the_tree_are_refused(
    case: str, expected: str, tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(lead)
    focal = focal_key(tree)
    cause = add_node(tree, lead, focal, "cause", "Teachers")
    sub = add_node(tree, lead, cause, "cause", "Training")
    effect = add_node(tree, lead, focal, "effect", "Literacy")
    requests = {
        "cause below an effect": ("patch", f"nodes/{cause}/", {"parent_key": effect}),
        "below its own sub-node": ("patch", f"nodes/{cause}/", {"parent_key": sub}),
        "unknown parent": ("post", "nodes/", {"parent_key": "no-such-node", "kind": "cause", "label": "X"}),
        "move the focal problem": ("patch", f"nodes/{focal}/", {"parent_key": cause}),
        "add a second focal problem": ("post", "nodes/", {"parent_key": focal, "kind": "problem", "label": "X"}),
        "empty label": ("patch", f"nodes/{cause}/", {"label": "  "}),
    }
    method, suffix, payload = requests[case]
    before = node_rows(tree)

    response = getattr(client, method)(tree_path(tree, suffix), payload, format="json")

    assert response.status_code == 400, response.content
    assert expected in response.json()
    assert node_rows(tree) == before


def test_the_focal_problem_cannot_be_removed_but_its_label_can_change(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(lead)
    focal = focal_key(tree)

    refused = client.delete(tree_path(tree, f"nodes/{focal}/"))
    relabelled = client.patch(tree_path(tree, f"nodes/{focal}/"), {"label": "Girls drop out"}, format="json")

    assert refused.status_code == 400
    assert relabelled.status_code == 200 and relabelled.json()["label"] == "Girls drop out"


def test_unknown_node_keys_are_404(tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]) -> None:
    client = client_for(lead)

    assert client.patch(tree_path(tree, "nodes/no-such-node/"), {"label": "X"}, format="json").status_code == 404
    assert client.delete(tree_path(tree, "nodes/no-such-node/")).status_code == 404


def test_edits_from_a_socket_reach_the_rows_once_materialised(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    """The socket path: an update from a browser is appended to the log, then materialised."""
    doc = live_document_load(kind="tree", object_id=tree.pk)
    before = doc.get_state()
    with doc.transaction():
        doc.get("nodes", type=Map)["from-browser"] = Map(
            {
                "kind": "effect",
                "parent": focal_key(tree),
                "position": 1.0,
                "label": Text("Isolation"),
                "author": lead.pk,
            }
        )
    document = LiveDocument.objects.get(kind="tree", object_id=tree.pk)
    live_updates_append(document_id=document.pk, updates=[(doc.get_update(before), lead.pk)])
    live_document_materialise(document_id=document.pk)

    assert ("Isolation", "effect", 1) in labels(client_for(lead).get(tree_path(tree)).json())


# --- Objectives tree -------------------------------------------------------------------------------------


def test_turning_a_problem_tree_into_objectives_restates_each_node_as_a_positive(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    focal = focal_key(tree)
    teachers = add_node(tree, lead, focal, "cause", "Lack of trained teachers")
    add_node(tree, lead, teachers, "cause", "Low pay for teachers")
    add_node(tree, lead, focal, "effect", "High dropout in grade 5")

    response = client_for(lead).post(tree_path(tree, "objectives/"), {}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["source_tree_id"], body["title"]) == (
        "objectives",
        tree.pk,
        "Objectives: Why children with disabilities leave school",
    )
    assert labels(body) == [
        ("Children with disabilities complete primary school", "problem", 0),
        ("Enough trained teachers", "cause", 1),
        ("Higher pay for teachers", "cause", 2),
        ("Reduced dropout in grade 5", "effect", 1),
    ]
    # The problem tree is left as it was.
    assert labels(client_for(lead).get(tree_path(tree)).json())[1] == ("Lack of trained teachers", "cause", 1)


def test_objectives_are_made_from_problem_trees_only(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    objectives = client_for(lead).post(tree_path(tree, "objectives/"), {"title": "Ours"}, format="json").json()

    again = client_for(lead).post(tree_path(objectives["id"], "objectives/"), {}, format="json")

    assert objectives["title"] == "Ours"
    assert again.status_code == 400


# --- Cause vote ------------------------------------------------------------------------------------------


def test_a_cause_vote_marks_the_top_causes_of_the_tree_once_it_closes(
    tree: ProblemTree,
    session: GroupSession,
    lead: User,
    facilitator: User,
    workspace: Workspace,
    client_for: Callable[[User], APIClient],
) -> None:
    focal = focal_key(tree)
    keys = {
        label: add_node(tree, lead, focal, "cause", label)
        for label in ("Funding", "Teachers", "Buildings", "Transport", "Data")
    }
    add_node(tree, lead, focal, "effect", "Low literacy")  # effects are not voted on

    started = client_for(facilitator).post(
        tree_path(tree, "cause-vote/"), {"session_id": session.pk, "dots_per_person": 3}, format="json"
    )

    assert started.status_code == 201, started.content
    top_vote = started.json()["top_vote"]
    assert (top_vote["status"], top_vote["session_id"], top_vote["meeting_id"]) == (
        "open",
        session.pk,
        session.meeting_id,
    )
    options = list(DotVoteOption.objects.filter(vote_id=top_vote["id"]).order_by("position"))
    assert [option.label for option in options] == ["Funding", "Teachers", "Buildings", "Transport", "Data"]
    assert options[0].source == {"kind": "tree_node", "tree": tree.pk, "key": keys["Funding"]}
    # Results stay hidden while the vote is open.
    assert all(node["dots"] == 0 for node in started.json()["nodes"])

    vote = options[0].vote
    voter = actor_of(lead)
    for label in ("Teachers", "Teachers", "Funding"):
        group_services.dot_place(actor=voter, vote=vote, option_id=next(o.pk for o in options if o.label == label))
    group_services.dot_vote_close(actor=actor_of(facilitator), vote=vote)

    nodes = {node["label"]: node for node in client_for(lead).get(tree_path(tree)).json()["nodes"]}
    assert (nodes["Teachers"]["dots"], nodes["Teachers"]["is_top"]) == (2, True)
    assert (nodes["Funding"]["dots"], nodes["Funding"]["is_top"]) == (1, True)
    assert (nodes["Data"]["dots"], nodes["Data"]["is_top"]) == (0, False)
    assert nodes["Low literacy"]["dots"] == 0


def test_cause_votes_need_two_causes_and_a_session_of_the_trees_group(
    tree: ProblemTree,
    session: GroupSession,
    private_session: GroupSession,
    lead: User,
    facilitator: User,
    client_for: Callable[[User], APIClient],
) -> None:
    client = client_for(facilitator)
    add_node(tree, lead, focal_key(tree), "cause", "Funding")

    too_few = client.post(
        tree_path(tree, "cause-vote/"), {"session_id": session.pk, "dots_per_person": 3}, format="json"
    )
    add_node(tree, lead, focal_key(tree), "cause", "Teachers")
    other_group = client.post(
        tree_path(tree, "cause-vote/"), {"session_id": private_session.pk, "dots_per_person": 3}, format="json"
    )
    as_member = client_for(lead).post(
        tree_path(tree, "cause-vote/"), {"session_id": session.pk, "dots_per_person": 3}, format="json"
    )

    assert too_few.status_code == 400 and "two causes" in too_few.json()["detail"]
    assert other_group.status_code == 400 and "session_id" in other_group.json()
    # Opening votes is the facilitators' (the session's rule).
    assert as_member.status_code == 403


def test_two_causes_with_the_same_label_become_two_distinct_options(
    tree: ProblemTree, session: GroupSession, lead: User, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    add_node(tree, lead, focal_key(tree), "cause", "Funding")
    add_node(tree, lead, focal_key(tree), "cause", "funding")

    response = client_for(facilitator).post(
        tree_path(tree, "cause-vote/"), {"session_id": session.pk, "dots_per_person": 2}, format="json"
    )

    assert response.status_code == 201, response.content
    assert sorted(DotVoteOption.objects.values_list("label", flat=True)) == ["Funding", "funding (2)"]


# --- History ---------------------------------------------------------------------------------------------


def test_the_history_names_who_changed_which_node_and_keeps_removed_ones(
    tree: ProblemTree, lead: User, workspace: Workspace, client_for: Callable[[User], APIClient]
) -> None:
    colleague = make_person(workspace, "sokha@example.org", Role.MEMBER)
    GroupMembership.objects.create(group=tree.group, user=colleague)
    teachers = add_node(tree, lead, focal_key(tree), "cause", "Too few teachers")
    budget = add_node(tree, colleague, teachers, "cause", "No budget")
    services.tree_node_update(actor=actor_of(colleague), tree=tree, key=teachers, label="Too few trained teachers")
    services.tree_node_delete(actor=actor_of(lead), tree=tree, key=teachers)

    response = client_for(lead).get(tree_path(tree, "history/"))

    assert response.status_code == 200
    entries = [
        (entry["author"]["name"], entry["action"], entry["target"]["label"], entry["target"]["removed"])
        for entry in response.json()["results"]
    ]
    # Lead added, then removed, the teachers cause (one line: the same person within minutes); Sokha added
    # the budget cause (removed with it) and edited the teachers' label.
    assert ("Lead", "removed", "Too few trained teachers", True) in entries
    assert ("Sokha", "edited", "Too few trained teachers", True) in entries
    assert ("Lead", "removed", "No budget", True) in entries
    assert ("Sokha", "added", "No budget", True) in entries
    first = response.json()["results"][0]
    assert first["target"]["type"] == "node" and first["path"].startswith("nodes/")
    assert {budget, teachers} <= {entry["target"]["key"] for entry in response.json()["results"]}


def test_the_history_query_count_does_not_grow_with_changes(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient], django_assert_max_num_queries: Any
) -> None:
    for n in range(25):
        add_node(tree, lead, focal_key(tree), "cause", f"Cause {n}")
    client = client_for(lead)

    with django_assert_max_num_queries(9):
        response = client.get(tree_path(tree, "history/"))

    assert response.json()["count"] == 25


def test_the_tree_detail_query_count_does_not_grow_with_nodes(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient], django_assert_max_num_queries: Any
) -> None:
    parent = focal_key(tree)
    for n in range(30):
        parent = add_node(tree, lead, parent if n % 3 else focal_key(tree), "cause", f"Cause {n}")
    client = client_for(lead)

    with django_assert_max_num_queries(11):
        response = client.get(tree_path(tree))

    assert len(response.json()["nodes"]) == 31


# --- Renaming and deleting -------------------------------------------------------------------------------


def test_renaming_a_tree_is_audited(tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient]) -> None:
    response = client_for(lead).patch(
        tree_path(tree), {"title": "Dropout of children with disabilities"}, format="json"
    )

    assert response.status_code == 200 and response.json()["title"] == "Dropout of children with disabilities"
    event = AuditEvent.objects.get(verb="problem_tree.updated")
    assert event.before == {"title": "Why children with disabilities leave school"}


def test_a_group_lead_deletes_a_tree_with_its_document_and_the_deletion_is_audited(
    tree: ProblemTree, lead: User, client_for: Callable[[User], APIClient], django_capture_on_commit_callbacks: Any
) -> None:
    tree_id = tree.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).delete(tree_path(tree))

    assert response.status_code == 204
    assert not ProblemTree.objects.filter(pk=tree_id).exists()
    assert not LiveDocument.objects.filter(kind="tree", object_id=tree_id).exists()
    assert AuditEvent.objects.get(verb="problem_tree.deleted").before["title"] == tree.title
    assert client_for(lead).get(tree_path(tree_id)).status_code == 404


def test_the_tree_offers_its_groups_open_sessions_to_whoever_may_open_a_cause_vote_there(
    client_for: Callable[[User | None], APIClient],
    tree: ProblemTree,
    session: GroupSession,
    facilitator: User,
    lead: User,
) -> None:
    offered = client_for(facilitator).get(tree_path(tree)).json()["vote_sessions"]
    assert offered == [{"id": session.pk, "meeting_id": session.meeting_id, "meeting_title": "Joint meeting"}]
    # The group's lead takes part in the vote but does not open it (the session's facilitator does).
    assert client_for(lead).get(tree_path(tree)).json()["vote_sessions"] == []

    session.status = "closed"
    session.save(update_fields=["status"])
    assert client_for(facilitator).get(tree_path(tree)).json()["vote_sessions"] == []
