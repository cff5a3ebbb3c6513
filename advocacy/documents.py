"""The shapes of the live documents of problem trees and agendas (CONTRACT §2), read and written with pycrdt.

Reading is defensive: a document is the merge of whatever every browser wrote, concurrently and
offline, and a malicious client can write anything. So every reader here takes any value and answers
a valid one or a default, never raises. The effective-parent rule of a tree lives here, once; the
browser applies the same rule (CONTRACT §2 and QUESTIONS.md), so both sides draw the same tree.

Text offsets: pycrdt counts a Text's positions in UTF-8 bytes (Yjs counts UTF-16 units), so edits
here convert Python string indices to byte offsets before touching a Text.
"""

from __future__ import annotations

import html
import math
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import nh3
from pycrdt import Doc, Map, Text, XmlElement, XmlFragment, XmlText

from advocacy.models import (
    RATING_MAX,
    RATING_MIN,
    ActionStatus,
    NodeKind,
    RiskLevel,
    StakeholderCategory,
    StakeholderStance,
)

KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{6,40}\Z")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

# --- Roots ---------------------------------------------------------------------------------------

TREE_NODES = "nodes"
TREE_ROOTS: dict[str, type] = {TREE_NODES: Map}

PROSE_SECTIONS = ("issue_statement", "goal", "policy_support")
ROW_SECTIONS = ("objectives", "stakeholders", "messages", "actions", "indicators", "risks")
# The sections of an agenda, in the order of the page (and of `ready`).
SECTIONS = (
    "issue_statement",
    "goal",
    "objectives",
    "stakeholders",
    "messages",
    "methods",
    "actions",
    "indicators",
    "risks",
    "policy_support",
)
METHODS = (
    "policy_dialogue",
    "media",
    "campaigns",
    "coalition_building",
    "research",
    "capacity_building",
    "public_mobilisation",
    "litigation",
    "lobbying",
)
READY = "ready"
METHODS_ROOT = "methods"
METHODS_NOTE = "methods_note"
AGENDA_ROOTS: dict[str, type] = {
    **dict.fromkeys(PROSE_SECTIONS, XmlFragment),
    READY: Map,
    METHODS_ROOT: Map,
    METHODS_NOTE: Text,
    **dict.fromkeys(ROW_SECTIONS, Map),
}


def new_key() -> str:
    """A fresh key for a node or row, of the shape the browser makes ([A-Za-z0-9_-], 16 characters)."""
    return secrets.token_urlsafe(12)


# --- Reading values ----------------------------------------------------------------------------------


def read_text(value: Any) -> str:
    """A Y.Text's content; a plain string is accepted too (an older or careless client)."""
    if isinstance(value, Text):
        return str(value)
    if isinstance(value, str):
        return value
    return ""


def read_number(value: Any) -> float | None:
    # bool is an int in Python; `true` is not a number here.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def read_rating(value: Any) -> int | None:
    """1..5 (Yjs numbers arrive as floats: 3.0 is 3, 3.5 is not a rating)."""
    number = read_number(value)
    if number is None or not number.is_integer() or not RATING_MIN <= number <= RATING_MAX:
        return None
    return int(number)


def read_choice(value: Any, choices: Iterable[str]) -> str | None:
    return value if isinstance(value, str) and value in set(choices) else None


def read_date(value: Any) -> date | None:
    if not isinstance(value, str) or not DATE_PATTERN.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def read_key(value: Any) -> str | None:
    return value if isinstance(value, str) and KEY_PATTERN.match(value) else None


def read_id(value: Any) -> int | None:
    """A database id (a user, an organisation): a positive whole number, which Yjs sends as a float."""
    number = read_number(value)
    if number is None or not number.is_integer() or not 0 < number < 2**63:
        return None
    return int(number)


def read_entries(root: Any) -> list[tuple[str, Map]]:
    """The (key, row) pairs of a row collection, skipping keys and values of the wrong shape."""
    if not isinstance(root, Map):
        return []
    return [(key, value) for key, value in root.items() if read_key(key) and isinstance(value, Map)]


# --- Writing values -------------------------------------------------------------------------------


def _utf8_length(value: str) -> int:
    return len(value.encode("utf-8"))


def text_replace(text: Text, new: str) -> None:
    """Changes `text` to `new` by replacing only the part that differs, so concurrent edits of the
    unchanged start and end survive."""
    old = str(text)
    if old == new:
        return
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    start = _utf8_length(old[:prefix])
    removed = old[prefix : len(old) - suffix]
    inserted = new[prefix : len(new) - suffix]
    if removed:
        del text[start : start + _utf8_length(removed)]
    if inserted:
        text.insert(start, inserted)


def map_text_set(row: Map, name: str, value: str) -> None:
    """Sets a Y.Text field of a row, editing the existing Text in place (or replacing a value of the wrong type)."""
    current = row.get(name)
    if isinstance(current, Text):
        text_replace(current, value)
    else:
        row[name] = Text(value)


def prose_set_paragraphs(doc: Doc, section: str, paragraphs: Iterable[str]) -> None:
    """Fills an empty prose section with plain paragraphs (used to prefill a new agenda)."""
    fragment = doc.get(section, type=XmlFragment)
    for paragraph in paragraphs:
        fragment.children.append(XmlElement("paragraph", None, [XmlText(paragraph)]))


# --- Problem trees --------------------------------------------------------------------------------

CAUSE, EFFECT, PROBLEM = NodeKind.CAUSE.value, NodeKind.EFFECT.value, NodeKind.PROBLEM.value


@dataclass
class TreeNode:
    """A node as the tree shows it: its effective kind, parent and depth."""

    key: str
    kind: str
    parent_key: str | None
    label: str
    position: float
    author_id: int | None
    depth: int = 0


def _stored_nodes(doc: Doc) -> dict[str, TreeNode]:
    nodes: dict[str, TreeNode] = {}
    for key, row in read_entries(doc.get(TREE_NODES, type=Map)):
        parent = row.get("parent")
        nodes[key] = TreeNode(
            key=key,
            # A node without a valid kind is shown as a cause rather than dropped (CONTRACT §2, QUESTIONS.md).
            kind=read_choice(row.get("kind"), NodeKind.values) or CAUSE,
            parent_key=parent if isinstance(parent, str) else None,
            label=read_text(row.get("label")),
            position=read_number(row.get("position")) or 0.0,
            author_id=read_id(row.get("author")),
        )
    return nodes


def tree_read(doc: Doc) -> list[TreeNode]:
    """The effective tree of a document, in pre-order (focal problem, then each subtree by (position, key)).

    The rule both sides apply (CONTRACT §2, spelled out in QUESTIONS.md):
    1. The focal problem is the `problem` node with the lowest key; any other `problem` node is a cause
       hanging directly below it.
    2. A stored parent that is missing, the node itself, or of an incompatible kind (causes below the
       problem or a cause, effects below the problem or an effect) is replaced by the focal problem.
    3. The nodes on a cycle of parents hang directly below the focal problem (their descendants follow).
    Siblings are ordered by (position, key), the focal problem's causes before its effects.
    Without any focal problem (a damaged document), parentless nodes are the top level at depth 1.
    """
    nodes = _stored_nodes(doc)
    problems = sorted(key for key, node in nodes.items() if node.kind == PROBLEM)
    focal = problems[0] if problems else None
    for key in problems[1:]:
        nodes[key].kind = CAUSE
        nodes[key].parent_key = focal
    for key, node in nodes.items():
        if key == focal:
            node.parent_key = None
        elif node.parent_key is not None and not _may_hang_below(node, nodes.get(node.parent_key), focal):
            node.parent_key = focal
        elif node.parent_key is None:
            node.parent_key = focal
    for key in _on_cycles(nodes):
        nodes[key].parent_key = focal
    return _in_order(nodes, focal)


def _may_hang_below(node: TreeNode, parent: TreeNode | None, focal: str | None) -> bool:
    if parent is None or parent.key == node.key:
        return False
    if parent.key == focal:
        return True
    return parent.kind == node.kind and node.kind in (CAUSE, EFFECT)


def _on_cycles(nodes: dict[str, TreeNode]) -> set[str]:
    """The keys on cycles of the parent links (each node has at most one parent: a functional graph)."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    on_cycles: set[str] = set()
    for start in nodes:
        walk: list[str] = []
        key: str | None = start
        while key is not None and key in nodes and state.get(key) is None:
            state[key] = 1
            walk.append(key)
            key = nodes[key].parent_key
        if key is not None and state.get(key) == 1:
            # The walk came back to a node of this same walk: from there on it is a cycle.
            on_cycles.update(walk[walk.index(key) :])
        for visited in walk:
            state[visited] = 2
    return on_cycles


def sibling_order(kind: str, position: float, key: str) -> tuple[bool, float, str]:
    """Siblings by (position, key); below the focal problem, its causes come before its effects."""
    return (kind == EFFECT, position, key)


def _in_order(nodes: dict[str, TreeNode], focal: str | None) -> list[TreeNode]:
    children: dict[str | None, list[TreeNode]] = {}
    for node in nodes.values():
        children.setdefault(node.parent_key, []).append(node)
    for siblings in children.values():
        siblings.sort(key=lambda node: sibling_order(node.kind, node.position, node.key))
    ordered: list[TreeNode] = []
    top = [nodes[focal]] if focal is not None else children.get(None, [])
    stack = [(node, 0 if node.key == focal else 1) for node in reversed(top)]
    # Iterative: a hostile document may nest thousands deep.
    while stack:
        node, depth = stack.pop()
        node.depth = depth
        ordered.append(node)
        stack.extend((child, depth + 1) for child in reversed(children.get(node.key, [])))
    return ordered


def tree_descendants(nodes: list[TreeNode], key: str) -> set[str]:
    """`key` and every node below it in the effective tree."""
    children: dict[str | None, list[str]] = {}
    for node in nodes:
        children.setdefault(node.parent_key, []).append(node.key)
    found: set[str] = set()
    stack = [key]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


# --- Agendas ----------------------------------------------------------------------------------------


def read_flags(root: Any, keys: Iterable[str]) -> list[str]:
    """The keys (of `keys`, in that order) set to true in a Map of booleans."""
    if not isinstance(root, Map):
        return []
    return [key for key in keys if root.get(key) is True]


def read_agenda_rows(doc: Doc, section: str) -> dict[str, dict[str, Any]]:
    """The rows of a section as model field values, every value valid (or its default)."""
    rows: dict[str, dict[str, Any]] = {}
    for key, row in read_entries(doc.get(section, type=Map)):
        position = read_number(row.get("position"))
        values: dict[str, Any] = {"position": position or 0.0}
        values.update(_ROW_READERS[section](row))
        # A stakeholder's stance once shared the key `position` with the row order (QUESTIONS.md).
        if section == "stakeholders" and row.get("stance") is None:
            stance = read_choice(row.get("position"), StakeholderStance.values)
            if stance is not None:
                values["stance"] = stance
        rows[key] = values
    return rows


def _objective(row: Map) -> dict[str, Any]:
    return {"statement": read_text(row.get("statement")), "due": read_date(row.get("due"))}


def _stakeholder(row: Map) -> dict[str, Any]:
    return {
        "name": read_text(row.get("name")),
        "category": read_choice(row.get("category"), StakeholderCategory.values) or StakeholderCategory.OTHER,
        "influence": read_rating(row.get("influence")),
        "interest": read_rating(row.get("interest")),
        "stance": read_choice(row.get("stance"), StakeholderStance.values) or StakeholderStance.UNKNOWN,
        "notes": read_text(row.get("notes")),
    }


def _message(row: Map) -> dict[str, Any]:
    return {
        "stakeholder_key": read_key(row.get("stakeholder")) or "",
        "message": read_text(row.get("message")),
        "ask": read_text(row.get("ask")),
    }


def _action(row: Map) -> dict[str, Any]:
    return {
        "activity": read_text(row.get("activity")),
        # Checked against the workspace's organisations by the materialiser.
        "organisation_id": read_id(row.get("organisation")),
        "start": read_date(row.get("start")),
        "due": read_date(row.get("due")),
        "resources": read_text(row.get("resources")),
        "status": read_choice(row.get("status"), ActionStatus.values) or ActionStatus.PLANNED,
        "objective_key": read_key(row.get("objective")) or "",
    }


def _indicator(row: Map) -> dict[str, Any]:
    return {
        "name": read_text(row.get("name")),
        "baseline": read_text(row.get("baseline")),
        "target": read_text(row.get("target")),
        "verification": read_text(row.get("verification")),
        "objective_key": read_key(row.get("objective")) or "",
    }


def _risk(row: Map) -> dict[str, Any]:
    return {
        "risk": read_text(row.get("risk")),
        "likelihood": read_choice(row.get("likelihood"), RiskLevel.values) or "",
        "impact": read_choice(row.get("impact"), RiskLevel.values) or "",
        "mitigation": read_text(row.get("mitigation")),
    }


_ROW_READERS = {
    "objectives": _objective,
    "stakeholders": _stakeholder,
    "messages": _message,
    "actions": _action,
    "indicators": _indicator,
    "risks": _risk,
}

# --- Prose: a TipTap/ProseMirror XmlFragment to sanitised HTML --------------------------------------

ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "blockquote", "br", "strong", "em", "a"}
BLOCK_TAGS = {"paragraph": "p", "bulletList": "ul", "orderedList": "ol", "listItem": "li", "blockquote": "blockquote"}
MAX_PROSE_DEPTH = 40


def prose_html(fragment: Any) -> str:
    """The sanitised HTML of a prose section; "" when it holds no text (TipTap's empty paragraph)."""
    if not isinstance(fragment, XmlFragment | XmlElement):
        return ""
    renderer = _ProseRenderer()
    renderer.children(fragment, 0)
    if not renderer.has_content:
        return ""
    return nh3.clean(
        "".join(renderer.parts),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


class _ProseRenderer:
    """Walks the ProseMirror tree; the HTML it writes is sanitised by nh3 afterwards all the same."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.has_content = False

    def children(self, parent: XmlFragment | XmlElement, depth: int) -> None:
        # A hostile document may nest elements thousands deep: below this depth nothing is shown.
        if depth > MAX_PROSE_DEPTH:
            return
        for child in parent.children:
            if isinstance(child, XmlText):
                self.text(child)
            elif isinstance(child, XmlElement):
                self.element(child, depth + 1)

    def element(self, element: XmlElement, depth: int) -> None:
        name = element.tag or ""
        if name == "hardBreak":
            self.parts.append("<br>")
            return
        if name == "heading":
            level = element.attributes.get("level")
            # A number from y-prosemirror; a numeric string from a careless client is read the same.
            if isinstance(level, str) and level.strip().isdigit():
                level = int(level)
            number = read_number(level)
            tag: str | None = "h3" if number is not None and number >= 3 else "h2"
        else:
            # Unknown elements keep their text without their tag.
            tag = BLOCK_TAGS.get(name)
        if tag is not None:
            self.parts.append(f"<{tag}>")
        self.children(element, depth)
        if tag is not None:
            self.parts.append(f"</{tag}>")

    def text(self, text: XmlText) -> None:
        for chunk, attributes in text.diff():
            if not isinstance(chunk, str):
                continue  # an embed: nothing the schema knows
            self.has_content = self.has_content or bool(chunk.strip())
            marks = attributes if isinstance(attributes, dict) else {}
            rendered = html.escape(chunk, quote=True)
            if "italic" in marks:
                rendered = f"<em>{rendered}</em>"
            if "bold" in marks:
                rendered = f"<strong>{rendered}</strong>"
            link = marks.get("link")
            href = link.get("href") if isinstance(link, dict) else None
            if isinstance(href, str) and href:
                rendered = f'<a href="{html.escape(href, quote=True)}">{rendered}</a>'
            self.parts.append(rendered)
