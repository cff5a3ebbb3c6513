"""Who changed what in a tree or an agenda, and when: reads of the live documents' history.

The history rows (workspace.LiveDocumentChange) are written by the live-document machinery with a path
(`nodes/<key>`, `goal`, `actions/<key>`, `ready/<section>`). Here each path becomes a labelled target
read from the materialised rows, so the screen can say "Dara edited the cause “Too few trained
teachers”". A removed node or row keeps the label it last had (rows are kept as tombstones); one that
was added and removed before it was ever materialised is named by its kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advocacy.documents import METHODS, METHODS_NOTE, METHODS_ROOT, PROSE_SECTIONS, READY, ROW_SECTIONS, TREE_NODES
from advocacy.models import (
    AdvocacyAgenda,
    AgendaAction,
    AgendaIndicator,
    AgendaMessage,
    AgendaObjective,
    AgendaRisk,
    AgendaStakeholder,
    NodeKind,
    ProblemTree,
    ProblemTreeNode,
    TreeKind,
)
from advocacy.selectors.access import agenda_get_for_user, tree_get_for_user
from workspace.models import LiveDocument, LiveDocumentChange, Membership

__all__ = [
    "LAST_EDITORS",
    "HistoryEntry",
    "HistoryTarget",
    "Person",
    "agenda_history_entries",
    "agenda_history_for_user",
    "last_edited_at_subquery",
    "last_editors_for",
    "method_label",
    "section_label",
    "tree_history_entries",
    "tree_history_for_user",
]

# The list screens show this many of the most recent editors of each tree or agenda.
LAST_EDITORS = 3

SECTION_LABELS = {
    "issue_statement": gettext_lazy("Issue statement"),
    "goal": gettext_lazy("Goal"),
    "objectives": gettext_lazy("SMART objectives"),
    "stakeholders": gettext_lazy("Target audiences and stakeholders"),
    "messages": gettext_lazy("Key messages and asks"),
    "methods": gettext_lazy("Advocacy methods"),
    "actions": gettext_lazy("Action plan"),
    "indicators": gettext_lazy("Indicators"),
    "risks": gettext_lazy("Risks and mitigation"),
    "policy_support": gettext_lazy("Policy support"),
}
METHOD_LABELS = {
    "policy_dialogue": gettext_lazy("Policy dialogue"),
    "media": gettext_lazy("Media"),
    "campaigns": gettext_lazy("Campaigns"),
    "coalition_building": gettext_lazy("Coalition building"),
    "research": gettext_lazy("Research"),
    "capacity_building": gettext_lazy("Capacity building"),
    "public_mobilisation": gettext_lazy("Public mobilisation"),
    "litigation": gettext_lazy("Litigation"),
    "lobbying": gettext_lazy("Lobbying"),
}
# How a node is called, by the kind of its tree (an objectives tree has means and ends).
NODE_NOUNS = {
    TreeKind.PROBLEM: {
        NodeKind.PROBLEM: gettext_lazy("focal problem"),
        NodeKind.CAUSE: gettext_lazy("cause"),
        NodeKind.EFFECT: gettext_lazy("effect"),
    },
    TreeKind.OBJECTIVES: {
        NodeKind.PROBLEM: gettext_lazy("focal objective"),
        NodeKind.CAUSE: gettext_lazy("means"),
        NodeKind.EFFECT: gettext_lazy("end"),
    },
}
UNTITLED_ROWS = {
    "objectives": gettext_lazy("Untitled objective"),
    "stakeholders": gettext_lazy("Unnamed stakeholder"),
    "messages": gettext_lazy("Untitled message"),
    "actions": gettext_lazy("Untitled activity"),
    "indicators": gettext_lazy("Unnamed indicator"),
    "risks": gettext_lazy("Untitled risk"),
}
ROW_MODELS: dict[str, tuple[Any, str]] = {
    "objectives": (AgendaObjective, "statement"),
    "stakeholders": (AgendaStakeholder, "name"),
    "messages": (AgendaMessage, "message"),
    "actions": (AgendaAction, "activity"),
    "indicators": (AgendaIndicator, "name"),
    "risks": (AgendaRisk, "risk"),
}


def section_label(section: str) -> str:
    return str(SECTION_LABELS.get(section, section))


def method_label(method: str) -> str:
    return str(METHOD_LABELS.get(method, method))


# --- Last editors -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: int
    name: str


def last_edited_at_subquery(kind: str) -> Subquery:
    """When the object's document was last edited, for annotating a list of trees or agendas."""
    return Subquery(LiveDocument.objects.filter(kind=kind, object_id=OuterRef("pk")).values("last_edited_at")[:1])


def last_editors_for(kind: str, objects: Iterable[ProblemTree | AdvocacyAgenda]) -> dict[int, list[Person]]:
    """The people who edited each object most recently (up to LAST_EDITORS), in one query however many.

    Grouped by (document, author), so the rows read grow with the number of editors, not of edits. An
    object nobody has edited yet shows its creator.
    """
    objects = list(objects)
    rows = (
        LiveDocumentChange.objects.filter(
            document__kind=kind, document__object_id__in=[obj.pk for obj in objects], author__isnull=False
        )
        .values("document__object_id", "author_id", "author__display_name")
        .annotate(latest=Max("last_at"))
        .order_by("document__object_id", "-latest", "author_id")
    )
    editors: dict[int, list[Person]] = {}
    for row in rows:
        people = editors.setdefault(row["document__object_id"], [])
        if len(people) < LAST_EDITORS:
            people.append(Person(id=row["author_id"], name=row["author__display_name"]))
    for obj in objects:
        if not editors.get(obj.pk) and obj.created_by is not None:
            editors[obj.pk] = [Person(id=obj.created_by.pk, name=obj.created_by.display_name)]
    return editors


# --- History ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryTarget:
    type: str  # "node" | "section" | "row"
    section: str
    key: str | None
    label: str
    removed: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    change: LiveDocumentChange
    target: HistoryTarget

    @property
    def id(self) -> int:
        return self.change.pk

    @property
    def author(self) -> Person | None:
        author = self.change.author
        return None if author is None else Person(id=author.pk, name=author.display_name)

    @property
    def action(self) -> str:
        return self.change.action

    @property
    def path(self) -> str:
        return self.change.path

    @property
    def first_at(self) -> datetime:
        return self.change.first_at

    @property
    def last_at(self) -> datetime:
        return self.change.last_at

    @property
    def edits(self) -> int:
        return self.change.edits


def _changes(kind: str, object_id: int) -> QuerySet[LiveDocumentChange]:
    return (
        LiveDocumentChange.objects.filter(document__kind=kind, document__object_id=object_id)
        .select_related("author")
        .order_by("-last_at", "-id")
    )


def tree_history_for_user(*, actor: Membership, tree_id: int) -> tuple[ProblemTree, QuerySet[LiveDocumentChange]]:
    """The tree (404 if not visible) and its history, most recent first."""
    tree = tree_get_for_user(actor=actor, tree_id=tree_id)
    return tree, _changes("tree", tree.pk)


def agenda_history_for_user(
    *, actor: Membership, agenda_id: int
) -> tuple[AdvocacyAgenda, QuerySet[LiveDocumentChange]]:
    """The agenda (404 if not visible) and its history, most recent first."""
    agenda = agenda_get_for_user(actor=actor, agenda_id=agenda_id)
    return agenda, _changes("agenda", agenda.pk)


def _split(path: str) -> tuple[str, str | None]:
    root, _sep, key = path.partition("/")
    return root, key or None


def tree_history_entries(tree: ProblemTree, changes: Sequence[LiveDocumentChange]) -> list[HistoryEntry]:
    """The page of history with labelled targets, in one query for the nodes it names."""
    keys = {key for root, key in map(_split, (change.path for change in changes)) if root == TREE_NODES and key}
    nodes = {node.key: node for node in ProblemTreeNode.objects.filter(tree=tree, key__in=keys)}
    nouns = NODE_NOUNS.get(TreeKind(tree.kind), NODE_NOUNS[TreeKind.PROBLEM])
    entries = []
    for change in changes:
        root, key = _split(change.path)
        node = nodes.get(key) if key else None
        if root != TREE_NODES or key is None:
            target = HistoryTarget(type="section", section=root, key=None, label=_("Problem tree"))
        elif node is None:
            target = HistoryTarget(type="node", section=root, key=key, label=_("removed node"), removed=True)
        else:
            noun = str(nouns[NodeKind(node.kind)])
            removed = node.removed_at is not None
            if node.label.strip():
                label = node.label.strip()
            else:
                label = _("removed %(noun)s") % {"noun": noun} if removed else _("untitled %(noun)s") % {"noun": noun}
            target = HistoryTarget(type="node", section=root, key=key, label=label, removed=removed)
        entries.append(HistoryEntry(change=change, target=target))
    return entries


def agenda_history_entries(agenda: AdvocacyAgenda, changes: Sequence[LiveDocumentChange]) -> list[HistoryEntry]:
    """The page of history with labelled targets, in one query per section whose rows it names."""
    wanted: dict[str, set[str]] = {}
    for change in changes:
        root, key = _split(change.path)
        if root in ROW_SECTIONS and key:
            wanted.setdefault(root, set()).add(key)
    rows: dict[tuple[str, str], Any] = {}
    for section, keys in wanted.items():
        model, _text_field = ROW_MODELS[section]
        for row in model.objects.filter(agenda=agenda, key__in=keys):
            rows[(section, row.key)] = row
    return [HistoryEntry(change=change, target=_agenda_target(change.path, rows)) for change in changes]


def _agenda_target(path: str, rows: dict[tuple[str, str], Any]) -> HistoryTarget:
    root, key = _split(path)
    if root in ROW_SECTIONS:
        if key is None:
            return HistoryTarget(type="section", section=root, key=None, label=section_label(root))
        row = rows.get((root, key))
        if row is None:
            return HistoryTarget(type="row", section=root, key=key, label=_("removed row"), removed=True)
        text = str(getattr(row, ROW_MODELS[root][1])).strip()
        removed = row.removed_at is not None
        label = text or (_("removed row") if removed else str(UNTITLED_ROWS[root]))
        return HistoryTarget(type="row", section=root, key=key, label=label, removed=removed)
    if root == READY:
        section = key if key in SECTION_LABELS else root
        label = _("Ready mark: %(section)s") % {"section": section_label(key)} if key in SECTION_LABELS else section
        return HistoryTarget(type="section", section=section, key=None, label=label)
    if root == METHODS_ROOT:
        method = key if key in METHODS else None
        label = method_label(method) if method else section_label(METHODS_ROOT)
        return HistoryTarget(type="section", section=METHODS_ROOT, key=method, label=label)
    if root == METHODS_NOTE:
        return HistoryTarget(type="section", section=METHODS_ROOT, key=None, label=_("Notes on the methods"))
    if root in PROSE_SECTIONS:
        return HistoryTarget(type="section", section=root, key=None, label=section_label(root))
    return HistoryTarget(type="section", section=root, key=key, label=root)
