"""Reading the live documents (advocacy.documents): the effective tree, prose to HTML, rows, on hand-built
pycrdt documents, including the shapes concurrent edits and hostile clients produce."""

from __future__ import annotations

from typing import Any

import pytest
from pycrdt import Array, Doc, Map, Text, XmlElement, XmlFragment, XmlText

from advocacy.documents import (
    prose_html,
    read_agenda_rows,
    read_flags,
    text_replace,
    tree_descendants,
    tree_read,
)
from advocacy.objectives import restate_positively

FOCAL = "focal-problem"


def node(kind: Any, parent: Any, label: Any = "", position: Any = 1.0, **extra: Any) -> Map:
    return Map(
        {
            "kind": kind,
            "parent": parent,
            "position": position,
            "label": Text(label) if isinstance(label, str) else label,
        }
        | extra
    )


def tree_doc(**nodes: Map) -> Doc:
    doc: Doc = Doc()
    root = doc.get("nodes", type=Map)
    root[FOCAL] = node("problem", None, "Children drop out", 0.0)
    for key, value in nodes.items():
        root[key] = value
    return doc


def shape(doc: Doc) -> list[tuple[str, str | None, str, int]]:
    """(key, effective parent, kind, depth) in outline order."""
    return [(n.key, n.parent_key, n.kind, n.depth) for n in tree_read(doc)]


def sync(*docs: Doc) -> None:
    """Exchanges every document's state with every other, as the server relays updates."""
    updates = [doc.get_update() for doc in docs]
    for doc in docs:
        for update in updates:
            doc.apply_update(update)


# --- The effective tree ------------------------------------------------------------------------------


def test_a_well_formed_tree_reads_in_outline_order_with_depths() -> None:
    doc = tree_doc(
        cause_b=node("cause", FOCAL, "Teachers", 2.0),
        cause_a=node("cause", FOCAL, "Funding", 1.0),
        sub_a1=node("cause", "cause_a", "Budget cuts"),
        effect_1=node("effect", FOCAL, "Low literacy"),
        effect_2=node("effect", "effect_1", "Unemployment"),
    )

    assert shape(doc) == [
        (FOCAL, None, "problem", 0),
        ("cause_a", FOCAL, "cause", 1),
        ("sub_a1", "cause_a", "cause", 2),
        ("cause_b", FOCAL, "cause", 1),
        ("effect_1", FOCAL, "effect", 1),
        ("effect_2", "effect_1", "effect", 2),
    ]


def test_siblings_with_equal_positions_are_ordered_by_key() -> None:
    doc = tree_doc(zz_cause=node("cause", FOCAL, position=1.0), aa_cause=node("cause", FOCAL, position=1.0))

    assert [key for key, *_rest in shape(doc)] == [FOCAL, "aa_cause", "zz_cause"]


def test_orphans_and_self_parents_hang_below_the_focal_problem() -> None:
    doc = tree_doc(
        orphan=node("cause", "deleted-node"),
        selfish=node("cause", "selfish"),
        no_parent=node("effect", None),
        child_1=node("cause", "orphan"),
    )

    assert shape(doc) == [
        (FOCAL, None, "problem", 0),
        ("orphan", FOCAL, "cause", 1),
        ("child_1", "orphan", "cause", 2),
        ("selfish", FOCAL, "cause", 1),
        ("no_parent", FOCAL, "effect", 1),
    ]


def test_a_cause_below_an_effect_hangs_below_the_focal_problem() -> None:
    doc = tree_doc(
        effect_1=node("effect", FOCAL), cause_1=node("cause", "effect_1"), effect_2=node("effect", "cause_1")
    )

    parents = {key: parent for key, parent, _kind, _depth in shape(doc)}
    assert parents["cause_1"] == FOCAL
    assert parents["effect_2"] == FOCAL


def test_nodes_on_a_cycle_hang_below_the_focal_problem_and_their_subtrees_follow() -> None:
    doc = tree_doc(
        node_a=node("cause", "node_b", "A"),
        node_b=node("cause", "node_c", "B"),
        node_c=node("cause", "node_a", "C"),
        below_a=node("cause", "node_a", "Below A"),
    )

    rows = {key: (parent, depth) for key, parent, _kind, depth in shape(doc)}
    assert rows["node_a"] == (FOCAL, 1) and rows["node_b"] == (FOCAL, 1) and rows["node_c"] == (FOCAL, 1)
    assert rows["below_a"] == ("node_a", 2)
    assert len(rows) == 5


def test_two_concurrent_moves_that_make_a_cycle_still_read_as_a_tree_on_every_replica() -> None:
    base = tree_doc(node_x=node("cause", FOCAL, "X"), node_y=node("cause", FOCAL, "Y"))
    alice: Doc = Doc()
    bob: Doc = Doc()
    alice.apply_update(base.get_update())
    bob.apply_update(base.get_update())

    alice.get("nodes", type=Map)["node_x"]["parent"] = "node_y"  # X below Y
    bob.get("nodes", type=Map)["node_y"]["parent"] = "node_x"  # Y below X, at the same time
    sync(alice, bob)

    assert shape(alice) == shape(bob)
    assert {key: parent for key, parent, _kind, _depth in shape(alice)} == {
        FOCAL: None,
        "node_x": FOCAL,
        "node_y": FOCAL,
    }


def test_a_second_focal_problem_is_a_cause_of_the_first_lowest_key_wins() -> None:
    alice: Doc = Doc()
    bob: Doc = Doc()
    # Two people create the tree's focal problem at once (offline): both survive the merge.
    alice.get("nodes", type=Map)["problem-b"] = node("problem", None, "Dropout")
    bob.get("nodes", type=Map)["problem-a"] = node("problem", None, "Children leave school")
    bob.get("nodes", type=Map)["under-b"] = node("cause", "problem-b", "Below the second")
    bob.get("nodes", type=Map)["effect-under-b"] = node("effect", "problem-b", "An effect below the second")
    sync(alice, bob)

    rows = {key: (parent, kind, depth) for key, parent, kind, depth in shape(alice)}
    assert rows["problem-a"] == (None, "problem", 0)
    assert rows["problem-b"] == ("problem-a", "cause", 1)
    assert rows["under-b"] == ("problem-b", "cause", 2)
    # An effect cannot hang below what is now a cause.
    assert rows["effect-under-b"] == ("problem-a", "effect", 1)


@pytest.mark.parametrize(
    "garbage",
    [
        {"kind": 7, "parent": FOCAL, "position": 1.0, "label": Text("Kind is a number")},
        {"kind": "cause", "parent": 12, "position": "first", "label": 99},
        {"kind": "cause", "parent": [FOCAL], "position": float("nan"), "label": Text("NaN position")},
        {"kind": None, "parent": None, "position": True, "label": None},
        {},
    ],
)
def test_garbage_values_are_defaulted_never_fatal(garbage: dict[str, Any]) -> None:
    doc: Doc = Doc()
    root = doc.get("nodes", type=Map)
    root[FOCAL] = node("problem", None, "Children drop out", 0.0)
    root["garbage"] = Map(garbage)

    rows = {n.key: n for n in tree_read(doc)}

    assert rows["garbage"].kind == "cause"
    assert rows["garbage"].parent_key == FOCAL
    assert isinstance(rows["garbage"].label, str)
    assert rows["garbage"].position == (
        1.0 if type(garbage.get("position")) is float and garbage["position"] == 1 else 0.0
    )


def test_entries_of_the_wrong_shape_are_skipped() -> None:
    doc = tree_doc(ok_cause=node("cause", FOCAL, "Fine"))
    root = doc.get("nodes", type=Map)
    root["not-a-map"] = "a string"
    root["an-array"] = Array([1, 2])
    root["x"] = node("cause", FOCAL, "Key too short")
    root["bad key!"] = node("cause", FOCAL, "Key with a space")

    assert [key for key, *_rest in shape(doc)] == [FOCAL, "ok_cause"]


def test_a_document_without_a_focal_problem_reads_its_nodes_as_the_top_level() -> None:
    doc: Doc = Doc()
    root = doc.get("nodes", type=Map)
    root["cause-1"] = node("cause", "gone-node", "One")
    root["cause-2"] = node("cause", "cause-1", "Two")

    assert shape(doc) == [("cause-1", None, "cause", 1), ("cause-2", "cause-1", "cause", 2)]


def test_an_empty_document_or_a_root_of_the_wrong_type_reads_as_no_nodes() -> None:
    assert tree_read(Doc()) == []
    doc: Doc = Doc()
    doc.get("nodes", type=Text).insert(0, "not a map")
    other: Doc = Doc()
    other.apply_update(doc.get_update())

    assert tree_read(other) == []


def test_a_very_deep_chain_does_not_exhaust_the_stack() -> None:
    doc = tree_doc()
    root = doc.get("nodes", type=Map)
    parent = FOCAL
    for index in range(3000):
        key = f"deep-{index:05d}"
        root[key] = node("cause", parent)
        parent = key

    nodes = tree_read(doc)

    assert nodes[-1].depth == 3000
    assert len(tree_descendants(nodes, "deep-00000")) == 3000


# --- Prose -----------------------------------------------------------------------------------------------


def prose_doc(*blocks: XmlElement) -> XmlFragment:
    doc: Doc = Doc()
    fragment = doc.get("goal", type=XmlFragment)
    for block in blocks:
        fragment.children.append(block)
    return fragment


def heading(level: Any, text: str) -> XmlElement:
    # y-prosemirror stores the level as a number; pycrdt's annotation says str.
    attributes: Any = {"level": level}
    return XmlElement("heading", attributes, [XmlText(text)])


def test_prose_becomes_html_with_marks_headings_and_lists() -> None:
    fragment = prose_doc(
        heading(2, "Goal"),
        XmlElement("paragraph"),
        XmlElement(
            "bulletList", None, [XmlElement("listItem", None, [XmlElement("paragraph", None, [XmlText("One")])])]
        ),
    )
    paragraph: Any = fragment.children[1]
    text = paragraph.children.append(XmlText())
    text.insert(0, "Every child ")
    text.insert(len("Every child "), "learns", attrs={"bold": {}})
    text.insert(len("Every child learns"), " — see ", attrs={})
    text.insert(
        len("Every child learns — see ".encode()), "the plan", attrs={"link": {"href": "https://example.org/plan"}}
    )
    paragraph.children.append(XmlElement("hardBreak"))

    html = prose_html(fragment)

    assert html.startswith("<h2>Goal</h2><p>Every child <strong>learns</strong> — see ")
    assert '<a href="https://example.org/plan" rel="noopener noreferrer nofollow">the plan</a><br></p>' in html
    assert html.endswith("<ul><li><p>One</p></li></ul>")


def test_prose_is_sanitised_scripts_and_javascript_links_never_come_through() -> None:
    fragment = prose_doc(XmlElement("paragraph"), XmlElement("script", None, [XmlText("alert(1)")]))
    paragraph: Any = fragment.children[0]
    text = paragraph.children.append(XmlText())
    text.insert(0, "<img src=x onerror=alert(1)>")
    text.insert(len(str(text).encode()), "click", attrs={"link": {"href": "javascript:alert(1)"}})

    html = prose_html(fragment)

    assert "<img" not in html and "<script" not in html and "javascript:" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # An unknown element keeps its text without its tag.
    assert "alert(1)" in html


def test_an_empty_editor_or_a_missing_section_is_empty_prose() -> None:
    assert prose_html(prose_doc(XmlElement("paragraph"))) == ""
    assert prose_html(prose_doc(XmlElement("paragraph", None, [XmlText("   ")]))) == ""
    assert prose_html(None) == ""


def test_heading_levels_outside_two_and_three_are_clamped() -> None:
    fragment = prose_doc(
        heading(1, "Big"),
        heading(6, "Small"),
        heading("3", "A number as text"),
        heading("three", "Not a number"),
    )

    assert prose_html(fragment) == "<h2>Big</h2><h3>Small</h3><h3>A number as text</h3><h2>Not a number</h2>"


def test_very_deep_prose_is_cut_not_fatal() -> None:
    doc: Doc = Doc()
    fragment = doc.get("goal", type=XmlFragment)
    parent: Any = fragment
    for _ in range(500):
        parent = parent.children.append(XmlElement("blockquote"))
    parent.children.append(XmlText("deep"))
    fragment.children.append(XmlElement("paragraph", None, [XmlText("shallow")]))

    assert prose_html(fragment).endswith("<p>shallow</p>")


# --- Agenda rows -----------------------------------------------------------------------------------------


def test_agenda_rows_read_valid_values_and_default_the_rest() -> None:
    doc: Doc = Doc()
    stakeholders = doc.get("stakeholders", type=Map)
    stakeholders["ministry-1"] = Map(
        {
            "position": 2,
            "name": Text("Ministry"),
            "category": "decision_maker",
            "influence": 5.0,
            "interest": 3,
            "stance": "supportive",
            "notes": Text(""),
        }
    )
    stakeholders["garbage-1"] = Map(
        {"position": "x", "name": 42, "category": "king", "influence": 9, "interest": 2.5, "stance": "hostile"}
    )
    # The contract once put the stance under "position", the row order's key.
    stakeholders["old-shape"] = Map({"position": "opposed", "name": Text("Old client")})
    actions = doc.get("actions", type=Map)
    actions["action-1"] = Map(
        {"activity": Text("Brief"), "start": "2027-02-30", "due": "2027-03-31", "status": "done", "organisation": 4.0}
    )
    actions["action-2"] = Map({"start": "31/03/2027", "due": 20270331, "status": "finished", "organisation": "DIA"})

    people = read_agenda_rows(doc, "stakeholders")
    plan = read_agenda_rows(doc, "actions")

    assert people["ministry-1"] == {
        "position": 2.0,
        "name": "Ministry",
        "category": "decision_maker",
        "influence": 5,
        "interest": 3,
        "stance": "supportive",
        "notes": "",
    }
    assert people["garbage-1"] == {
        "position": 0.0,
        "name": "",
        "category": "other",
        "influence": None,
        "interest": None,
        "stance": "unknown",
        "notes": "",
    }
    assert people["old-shape"]["stance"] == "opposed"
    assert (plan["action-1"]["start"], str(plan["action-1"]["due"]), plan["action-1"]["status"]) == (
        None,
        "2027-03-31",
        "done",
    )
    assert plan["action-1"]["organisation_id"] == 4
    assert (plan["action-2"]["start"], plan["action-2"]["due"], plan["action-2"]["status"]) == (None, None, "planned")
    assert plan["action-2"]["organisation_id"] is None


def test_flags_keep_only_known_keys_set_to_true_in_page_order() -> None:
    doc: Doc = Doc()
    ready = doc.get("ready", type=Map)
    ready["risks"] = True
    ready["goal"] = True
    ready["objectives"] = "yes"
    ready["appendix"] = True
    ready["messages"] = False

    assert read_flags(ready, ["goal", "objectives", "messages", "risks"]) == ["goal", "risks"]
    assert read_flags(None, ["goal"]) == []


# --- Writing -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Too few teachers", "Too few trained teachers"),
        ("ខ្វះគ្រូបង្រៀន 😀 abc", "ខ្វះគ្រូ 😀 abcd"),
        ("", "New text"),
        ("Remove me", ""),
        ("aaa", "aaaa"),
    ],
)
def test_text_replace_changes_only_the_middle_and_counts_in_utf8(old: str, new: str) -> None:
    doc: Doc = Doc()
    text = doc.get("t", type=Text)
    text.insert(0, old)

    text_replace(text, new)

    assert str(text) == new


def test_text_replace_keeps_a_concurrent_edit_of_the_unchanged_start() -> None:
    alice: Doc = Doc()
    bob: Doc = Doc()
    alice.get("t", type=Text).insert(0, "Teachers lack training")
    sync(alice, bob)

    text_replace(alice.get("t", type=Text), "Teachers lack inclusive training")
    bob.get("t", type=Text).insert(0, "Rural ")
    sync(alice, bob)

    assert str(alice.get("t", type=Text)) == str(bob.get("t", type=Text)) == "Rural Teachers lack inclusive training"


# --- Objectives ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "objective"),
    [
        ("Lack of trained teachers", "Enough trained teachers"),
        ("Low enrolment of girls", "Higher enrolment of girls"),
        ("high dropout in grade 5", "Reduced dropout in grade 5"),
        ("Schools are not accessible", "Schools are accessible"),
        ("Children with disabilities drop out of school", "Children with disabilities complete school"),
        ("Parents cannot pay for transport", "Parents can pay for transport"),
        ("No ramps in schools", "Ramps in schools"),
        ("", ""),
    ],
)
def test_problems_are_restated_as_positives(problem: str, objective: str) -> None:
    assert restate_positively(problem) == objective


def test_a_problem_without_a_known_pattern_gets_the_template() -> None:
    assert restate_positively("Stigma in the community") == "Solved: Stigma in the community"
    assert restate_positively("ខ្វះគ្រូ") == "Solved: ខ្វះគ្រូ"
