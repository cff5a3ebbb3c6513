"""Materialisation: the rows written from a document, on hand-built documents (the function the live
machinery calls after REST writes and ~2 s after socket edits)."""

from __future__ import annotations

from typing import Any

import pytest
from pycrdt import Doc, Map, Text, XmlElement, XmlFragment, XmlText

from advocacy.models import AdvocacyAgenda, AgendaAction, AgendaMessage, AgendaStakeholder, ProblemTree, ProblemTreeNode
from advocacy.services import agenda_materialise, tree_materialise
from tests.advocacy.helpers import agenda, tree
from workspace.models import Organisation, User, Workspace

pytestmark = pytest.mark.django_db

# The shared fixtures.
agenda = agenda
tree = tree


def nodes_doc(nodes: dict[str, dict[str, Any]]) -> Doc:
    doc: Doc = Doc()
    root = doc.get("nodes", type=Map)
    for key, values in nodes.items():
        root[key] = Map({**values, "label": Text(values.get("label", ""))})
    return doc


def rows(tree: ProblemTree) -> dict[str, tuple[str, str, int, bool]]:
    """key -> (kind, parent_key, depth, removed)."""
    return {
        node.key: (node.kind, node.parent_key, node.depth, node.removed_at is not None)
        for node in ProblemTreeNode.objects.filter(tree=tree)
    }


BASE: dict[str, dict[str, Any]] = {
    "focal-1": {"kind": "problem", "parent": None, "position": 0, "label": "Dropout"},
    "cause-1": {"kind": "cause", "parent": "focal-1", "position": 1, "label": "Teachers"},
    "cause-2": {"kind": "cause", "parent": "cause-1", "position": 1, "label": "Training"},
}


def test_rows_follow_the_effective_tree(tree: ProblemTree, lead: User) -> None:
    doc = nodes_doc({**BASE, "orphan-1": {"kind": "effect", "parent": "gone-away", "author": float(lead.pk)}})

    tree_materialise(tree.pk, doc)

    assert rows(tree) == {
        "focal-1": ("problem", "", 0, False),
        "cause-1": ("cause", "focal-1", 1, False),
        "cause-2": ("cause", "cause-1", 2, False),
        "orphan-1": ("effect", "focal-1", 1, False),
        # The focal problem made by tree_create is gone from this hand-built document.
        ProblemTreeNode.objects.get(tree=tree, label__startswith="Children").key: ("problem", "", 0, True),
    }
    assert ProblemTreeNode.objects.get(tree=tree, key="orphan-1").author == lead


def test_materialising_the_same_document_again_writes_nothing(
    tree: ProblemTree, django_assert_max_num_queries: Any
) -> None:
    doc = nodes_doc(BASE)
    tree_materialise(tree.pk, doc)

    # The tree, its authors (none here) and its rows are read; nothing is written.
    with django_assert_max_num_queries(3):
        tree_materialise(tree.pk, doc)


def test_removed_nodes_become_tombstones_and_come_back_with_their_key(tree: ProblemTree) -> None:
    doc = nodes_doc(BASE)
    tree_materialise(tree.pk, doc)

    del doc.get("nodes", type=Map)["cause-2"]
    tree_materialise(tree.pk, doc)
    assert rows(tree)["cause-2"] == ("cause", "cause-1", 2, True)
    assert ProblemTreeNode.objects.get(tree=tree, key="cause-2").label == "Training"

    # An undo brings the key back.
    doc.get("nodes", type=Map)["cause-2"] = Map({"kind": "effect", "parent": "focal-1", "label": Text("Back")})
    tree_materialise(tree.pk, doc)
    assert rows(tree)["cause-2"] == ("effect", "focal-1", 1, False)


def test_a_new_focal_problem_with_a_lower_key_takes_over_without_breaking_the_one_focal_rule(tree: ProblemTree) -> None:
    doc = nodes_doc(BASE)
    tree_materialise(tree.pk, doc)

    doc.get("nodes", type=Map)["aaa-focal"] = Map({"kind": "problem", "parent": None, "label": Text("Other")})
    tree_materialise(tree.pk, doc)

    present = {key: value for key, value in rows(tree).items() if not value[3]}
    assert present["aaa-focal"] == ("problem", "", 0, False)
    assert present["focal-1"] == ("cause", "aaa-focal", 1, False)
    assert present["cause-1"] == ("cause", "focal-1", 2, False)
    assert ProblemTreeNode.objects.present().filter(tree=tree, kind="problem").count() == 1


def test_unknown_authors_and_wrong_root_types_are_ignored(tree: ProblemTree) -> None:
    doc: Doc = Doc()
    doc.get("nodes", type=Map)["focal-1"] = Map(
        {"kind": "problem", "parent": None, "label": Text("Dropout"), "author": 987654}
    )
    tree_materialise(tree.pk, doc)
    assert ProblemTreeNode.objects.get(tree=tree, key="focal-1").author is None

    hostile: Doc = Doc()
    hostile.get("nodes", type=XmlFragment).children.append(XmlElement("paragraph"))
    reloaded: Doc = Doc()
    reloaded.apply_update(hostile.get_update())
    tree_materialise(tree.pk, reloaded)
    assert ProblemTreeNode.objects.present().filter(tree=tree).count() == 0


def test_a_deleted_tree_materialises_to_nothing() -> None:
    tree_materialise(123456, nodes_doc(BASE))

    assert not ProblemTreeNode.objects.exists()


# --- Agendas ---------------------------------------------------------------------------------------------


def agenda_doc(organisation_id: int | None) -> Doc:
    doc: Doc = Doc()
    goal = doc.get("goal", type=XmlFragment)
    goal.children.append(XmlElement("paragraph", None, [XmlText("Every child learns")]))
    doc.get("methods", type=Map).update({"research": True, "media": True, "astrology": True, "litigation": False})
    doc.get("methods_note", type=Text).insert(0, "Evidence first")
    doc.get("ready", type=Map).update({"goal": True, "risks": True, "nonsense": True})
    doc.get("stakeholders", type=Map)["ministry-1"] = Map(
        {"position": 1, "name": Text("Ministry"), "influence": 5, "interest": 4, "stance": "supportive"}
    )
    doc.get("messages", type=Map).update(
        {
            "message-1": Map({"position": 1, "stakeholder": "ministry-1", "message": Text("Fund it")}),
            "message-2": Map({"position": 2, "stakeholder": "nobody-here", "message": Text("To all")}),
        }
    )
    doc.get("objectives", type=Map)["objective-1"] = Map({"position": 1, "statement": Text("Train teachers")})
    doc.get("actions", type=Map)["action-1"] = Map(
        {
            "position": 1,
            "activity": Text("Policy brief"),
            "organisation": organisation_id,
            "objective": "objective-1",
            "status": "in_progress",
        }
    )
    return doc


def test_an_agenda_document_becomes_fields_and_rows(agenda: AdvocacyAgenda, organisation: Organisation) -> None:
    agenda_materialise(agenda.pk, agenda_doc(organisation.pk))

    agenda.refresh_from_db()
    assert agenda.goal == "<p>Every child learns</p>"
    assert agenda.methods == ["media", "research"]
    assert agenda.methods_note == "Evidence first"
    assert agenda.ready == ["goal", "risks"]
    stakeholder = AgendaStakeholder.objects.get(agenda=agenda)
    assert (stakeholder.name, stakeholder.influence, stakeholder.interest, stakeholder.stance) == (
        "Ministry",
        5,
        4,
        "supportive",
    )
    messages = {message.key: message.stakeholder_key for message in AgendaMessage.objects.filter(agenda=agenda)}
    assert messages == {"message-1": "ministry-1", "message-2": ""}
    action = AgendaAction.objects.get(agenda=agenda)
    assert (action.organisation, action.objective_key, action.status) == (organisation, "objective-1", "in_progress")


def test_an_organisation_of_another_workspace_is_not_linked(agenda: AdvocacyAgenda, other_workspace: Workspace) -> None:
    foreign = Organisation.objects.create(workspace=other_workspace, name="Elsewhere")

    agenda_materialise(agenda.pk, agenda_doc(foreign.pk))

    assert AgendaAction.objects.get(agenda=agenda).organisation is None


def test_a_removed_stakeholder_unlinks_its_messages_and_is_kept_as_a_tombstone(agenda: AdvocacyAgenda) -> None:
    doc = agenda_doc(None)
    agenda_materialise(agenda.pk, doc)

    del doc.get("stakeholders", type=Map)["ministry-1"]
    agenda_materialise(agenda.pk, doc)

    assert AgendaStakeholder.objects.present().filter(agenda=agenda).count() == 0
    assert AgendaStakeholder.objects.get(agenda=agenda).name == "Ministry"
    assert AgendaMessage.objects.get(agenda=agenda, key="message-1").stakeholder_key == ""


def test_an_agenda_document_of_the_wrong_shapes_materialises_to_empty_sections(agenda: AdvocacyAgenda) -> None:
    hostile: Doc = Doc()
    hostile.get("goal", type=Map)["x"] = 1
    hostile.get("objectives", type=Text).insert(0, "not rows")
    hostile.get("ready", type=Text).insert(0, "everything")
    hostile.get("methods_note", type=Map)["a"] = "b"
    reloaded: Doc = Doc()
    reloaded.apply_update(hostile.get_update())

    agenda_materialise(agenda.pk, reloaded)

    agenda.refresh_from_db()
    assert (agenda.goal, agenda.ready, agenda.methods_note) == ("", [], "")
    assert not agenda.objectives.exists()
