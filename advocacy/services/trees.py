"""Every write to problem trees: creating, renaming and deleting them, their nodes through REST, the
objectives tree made from one, and the dot vote on its causes.

A tree's content is its live document: node writes are applied to the document through
`live_document_change` (never around it), which materialises the rows at once, so the response and
every open screen agree. The checks a node write needs (the parent exists, kinds fit, no move below
itself) run against the document inside that change, on the same effective tree the browser draws.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from pycrdt import Doc, Map, Text

from advocacy.documents import (
    CAUSE,
    EFFECT,
    PROBLEM,
    TREE_NODES,
    TreeNode,
    map_text_set,
    new_key,
    tree_descendants,
    tree_read,
)
from advocacy.models import MAX_TITLE, ProblemTree, TreeKind
from advocacy.objectives import restate_positively
from advocacy.selectors.access import require_group_work_editor, require_tree_deleter, require_tree_editor
from advocacy.selectors.trees import TREE_NODE_SOURCE
from groups.models import MAX_VOTE_OPTIONS, DotVote, DotVoteOption, GroupSession, WorkingGroup
from groups.services import dot_vote_open
from groups.services.votes import MAX_OPTION_LABEL
from workspace.live.services import (
    live_access_changed,
    live_document_change,
    live_document_create,
    live_document_load,
)
from workspace.models import LiveDocument, Membership
from workspace.services.audit import audit_record, changed_fields

__all__ = [
    "MAX_LABEL",
    "TREE",
    "tree_cause_vote_start",
    "tree_create",
    "tree_delete",
    "tree_node_add",
    "tree_node_delete",
    "tree_node_update",
    "tree_objectives_create",
    "tree_update",
]

TREE = "tree"
MAX_LABEL = 500
DEFAULT_VOTE_MINUTES = 5


def clean_title(title: str, field: str = "title") -> str:
    title = " ".join(title.split())
    if not 1 <= len(title) <= MAX_TITLE:
        raise ValidationError({field: _("Give a title of 1 to %(max)s characters.") % {"max": MAX_TITLE}})
    return title


def _clean_label(label: str, field: str = "label") -> str:
    label = label.strip()
    if not 1 <= len(label) <= MAX_LABEL:
        raise ValidationError({field: _("Write a text of 1 to %(max)s characters.") % {"max": MAX_LABEL}})
    return label


def _put_node(doc: Doc, *, key: str, kind: str, parent: str | None, position: float, label: str, author: int) -> None:
    doc.get(TREE_NODES, type=Map)[key] = Map(
        {"kind": kind, "parent": parent, "position": position, "label": Text(label), "author": author}
    )


# --- Trees ------------------------------------------------------------------------------------------


def _create(
    *,
    actor: Membership,
    group: WorkingGroup,
    title: str,
    kind: str,
    nodes: list[TreeNode],
    source_tree: ProblemTree | None = None,
) -> ProblemTree:
    tree = ProblemTree.objects.create(
        group=group, kind=kind, title=title, source_tree=source_tree, created_by=actor.user
    )

    def initialise(doc: Doc) -> None:
        for node in nodes:
            _put_node(
                doc,
                key=node.key,
                kind=node.kind,
                parent=node.parent_key,
                position=node.position,
                label=node.label,
                author=actor.user_id,
            )

    live_document_create(
        workspace=actor.workspace, kind=TREE, object_id=tree.pk, author=actor.user, initialise=initialise
    )
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="problem_tree.created",
        target=tree,
        after={
            "group": group.name,
            "title": title,
            "kind": kind,
            "source_tree": source_tree.pk if source_tree is not None else None,
        },
    )
    return tree


@transaction.atomic
def tree_create(*, actor: Membership, group: WorkingGroup, title: str, focal_problem: str) -> ProblemTree:
    """A new problem tree of `group`, its document holding the focal problem."""
    require_group_work_editor(actor, group)
    title = clean_title(title)
    focal = TreeNode(
        key=new_key(),
        kind=PROBLEM,
        parent_key=None,
        label=_clean_label(focal_problem, "focal_problem"),
        position=0.0,
        author_id=actor.user_id,
    )
    return _create(actor=actor, group=group, title=title, kind=TreeKind.PROBLEM, nodes=[focal])


@transaction.atomic
def tree_update(*, actor: Membership, tree: ProblemTree, title: str | None = None) -> ProblemTree:
    require_tree_editor(actor, tree)
    if title is None:
        return tree
    before, after = changed_fields(tree, {"title": clean_title(title)})
    if not after:
        return tree
    tree.title = after["title"]
    tree.save(update_fields=["title"])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="problem_tree.updated",
        target=tree,
        before=before,
        after=after,
    )
    return tree


@transaction.atomic
def tree_delete(*, actor: Membership, tree: ProblemTree) -> None:
    """Deletes the tree and its document; open sockets on it close (the access re-check finds nothing)."""
    require_tree_deleter(actor, tree)
    tree_id = tree.pk
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="problem_tree.deleted",
        target=tree,
        before={"group": tree.group.name, "title": tree.title, "kind": tree.kind},
    )
    LiveDocument.objects.filter(kind=TREE, object_id=tree_id).delete()
    tree.delete()
    live_access_changed(kind=TREE, object_id=tree_id)


@transaction.atomic
def tree_objectives_create(*, actor: Membership, tree: ProblemTree, title: str | None = None) -> ProblemTree:
    """An objectives tree made from a problem tree: the same shape, each label restated as a positive
    (the focal problem becomes the focal objective, causes the means, effects the ends)."""
    require_group_work_editor(actor, tree.group)
    if tree.kind != TreeKind.PROBLEM:
        raise ValidationError(_("Objectives trees are made from a problem tree."))
    if title is None or not title.strip():
        title = _("Objectives: %(title)s") % {"title": tree.title}
        title = title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"
    title = clean_title(title)
    nodes = tree_read(live_document_load(kind=TREE, object_id=tree.pk))
    for node in nodes:
        node.label = restate_positively(node.label)
    return _create(actor=actor, group=tree.group, title=title, kind=TreeKind.OBJECTIVES, nodes=nodes, source_tree=tree)


# --- Nodes --------------------------------------------------------------------------------------------


def _fits_below(kind: str, parent: TreeNode) -> bool:
    return parent.kind == PROBLEM or parent.kind == kind


def _check_parent(nodes: dict[str, TreeNode], parent_key: str, kind: str) -> TreeNode:
    parent = nodes.get(parent_key)
    if parent is None:
        raise ValidationError({"parent_key": _("Choose a node of this tree.")})
    if not _fits_below(kind, parent):
        raise ValidationError(
            {
                "parent_key": _(
                    "A cause goes below the focal problem or another cause, an effect below the focal problem or "
                    "another effect."
                )
            }
        )
    return parent


def _next_position(nodes: list[TreeNode], parent_key: str) -> float:
    return max((node.position for node in nodes if node.parent_key == parent_key), default=0.0) + 1.0


def tree_node_add(*, actor: Membership, tree: ProblemTree, parent_key: str, kind: str, label: str) -> str:
    """Adds a cause or an effect below `parent_key`, last among its siblings; returns the new node's key."""
    require_tree_editor(actor, tree)
    if kind not in (CAUSE, EFFECT):
        raise ValidationError({"kind": _("Add a cause or an effect; a tree has one focal problem.")})
    label = _clean_label(label)
    key = new_key()

    def change(doc: Doc) -> None:
        nodes = tree_read(doc)
        _check_parent({node.key: node for node in nodes}, parent_key, kind)
        _put_node(
            doc,
            key=key,
            kind=kind,
            parent=parent_key,
            position=_next_position(nodes, parent_key),
            label=label,
            author=actor.user_id,
        )

    live_document_change(kind=TREE, object_id=tree.pk, author=actor.user, change=change)
    return key


def tree_node_update(
    *,
    actor: Membership,
    tree: ProblemTree,
    key: str,
    label: str | None = None,
    parent_key: str | None = None,
    position: float | None = None,
) -> None:
    """Edits a node's label and/or moves it (below `parent_key`, at `position` among its siblings)."""
    require_tree_editor(actor, tree)
    if label is not None:
        label = _clean_label(label)

    def change(doc: Doc) -> None:
        nodes = tree_read(doc)
        by_key = {node.key: node for node in nodes}
        node = by_key.get(key)
        row = doc.get(TREE_NODES, type=Map).get(key)
        if node is None or not isinstance(row, Map):
            raise ValidationError(_("This node has just been removed by someone else."))
        if label is not None:
            map_text_set(row, "label", label)
        if parent_key is None and position is None:
            return
        if node.kind == PROBLEM:
            raise ValidationError(
                {"parent_key": _("The focal problem stays at the centre of the tree; it cannot move.")}
            )
        new_parent = node.parent_key or ""
        if parent_key is not None and parent_key != node.parent_key:
            _check_parent(by_key, parent_key, node.kind)
            if parent_key in tree_descendants(nodes, key):
                raise ValidationError({"parent_key": _("A node cannot move below itself or one of its own sub-nodes.")})
            new_parent = parent_key
            row["parent"] = parent_key
            # A second focal problem (two made at once) is shown as a cause: moving it makes that so.
            if row.get("kind") != node.kind:
                row["kind"] = node.kind
        if position is not None:
            row["position"] = float(position)
        elif new_parent != node.parent_key:
            row["position"] = _next_position(nodes, new_parent)

    live_document_change(kind=TREE, object_id=tree.pk, author=actor.user, change=change)


def tree_node_delete(*, actor: Membership, tree: ProblemTree, key: str) -> None:
    """Removes a node and everything below it."""
    require_tree_editor(actor, tree)

    def change(doc: Doc) -> None:
        nodes = tree_read(doc)
        node = next((node for node in nodes if node.key == key), None)
        if node is None:
            return  # already gone: the outcome asked for
        if node.kind == PROBLEM:
            raise ValidationError(_("The focal problem cannot be removed; delete the whole tree instead."))
        root = doc.get(TREE_NODES, type=Map)
        for removed in tree_descendants(nodes, key):
            del root[removed]

    live_document_change(kind=TREE, object_id=tree.pk, author=actor.user, change=change)


# --- Cause vote -----------------------------------------------------------------------------------------


def _option_labels(causes: list[TreeNode]) -> list[str]:
    """One distinct label per cause (the vote refuses two equal options): "Funding", "Funding (2)"."""
    labels: list[str] = []
    seen: set[str] = set()
    for cause in causes:
        base = " ".join(cause.label.split())
        label, number = base[:MAX_OPTION_LABEL], 1
        while label.casefold() in seen:
            number += 1
            suffix = f" ({number})"
            label = base[: MAX_OPTION_LABEL - len(suffix)] + suffix
        seen.add(label.casefold())
        labels.append(label)
    return labels


@transaction.atomic
def tree_cause_vote_start(
    *,
    actor: Membership,
    tree: ProblemTree,
    session_id: int,
    dots_per_person: int,
    minutes: int | None = None,
) -> DotVote:
    """Opens a dot vote in a session of the tree's group with one option per cause (labelled ones, in the
    order of the outline); each option's `source` names its node, so the tree shows the results."""
    session = (
        GroupSession.objects.select_related("meeting__workspace").filter(pk=session_id, group_id=tree.group_id).first()
    )
    if session is None:
        raise ValidationError({"session_id": _("Choose a session of this tree's working group.")})
    causes = [node for node in tree_read(live_document_load(kind=TREE, object_id=tree.pk)) if node.kind == CAUSE]
    causes = [node for node in causes if node.label.strip()]
    if len(causes) < 2:
        raise ValidationError(_("The tree needs at least two causes with a text before they can be voted on."))
    if len(causes) > MAX_VOTE_OPTIONS:
        raise ValidationError(
            _("A vote offers at most %(max)s options and this tree has %(count)s causes.")
            % {"max": MAX_VOTE_OPTIONS, "count": len(causes)}
        )
    vote = dot_vote_open(
        actor=actor,
        session=session,
        question=_("Which causes matter most?"),
        options=_option_labels(causes),
        dots_per_person=dots_per_person,
        minutes=minutes if minutes is not None else DEFAULT_VOTE_MINUTES,
    )
    options = list(DotVoteOption.objects.filter(vote=vote).order_by("position"))
    for option, cause in zip(options, causes, strict=True):
        source: dict[str, Any] = {"kind": TREE_NODE_SOURCE, "tree": tree.pk, "key": cause.key}
        option.source = source
    DotVoteOption.objects.bulk_update(options, ["source"])
    return vote
