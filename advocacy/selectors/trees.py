"""Reads of problem trees: a group's list, and one tree with its nodes and the results of its cause votes.

Visibility and edit rights come from advocacy.selectors.access. A node's `dots` and `is_top` come from
the tree's latest *closed* cause vote (a dot vote of a group session whose options name the tree's
nodes, `source = {"kind": "tree_node", "tree": id, "key": key}`), marked with the same rule as the
session screen (groups.selectors.sessions.reveal_results), so both show the same top causes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from advocacy.documents import sibling_order
from advocacy.models import NodeKind, ProblemTree, ProblemTreeNode
from advocacy.selectors.access import GroupWorkPermissions, tree_get_for_user, tree_permissions
from advocacy.selectors.history import Person, last_edited_at_subquery, last_editors_for
from groups.models import (
    DotVote,
    DotVoteOption,
    DotVoteStatus,
    GroupSession,
    MeetingStatus,
    SessionStatus,
    WorkingGroup,
)
from groups.selectors import group_get_for_user
from groups.selectors.meetings import MEETING_MANAGER_ROLES
from groups.selectors.sessions import reveal_results
from workspace.models import Membership

__all__ = [
    "TREE_NODE_SOURCE",
    "TreeDetail",
    "tree_cause_votes",
    "tree_detail_for_user",
    "tree_list_for_group",
]

TREE_NODE_SOURCE = "tree_node"


def _present(kind: str) -> Q:
    return Q(nodes__kind=kind, nodes__removed_at__isnull=True)


def tree_list_for_group(*, actor: Membership, group_id: int) -> tuple[WorkingGroup, QuerySet[ProblemTree]]:
    """The group (404 if not visible) and its trees, newest first, with node counts and last edit time."""
    group = group_get_for_user(actor=actor, group_id=group_id)
    trees = (
        ProblemTree.objects.filter(group=group)
        .select_related("created_by", "source_tree")
        .annotate(
            cause_count=Count("nodes", filter=_present(NodeKind.CAUSE)),
            effect_count=Count("nodes", filter=_present(NodeKind.EFFECT)),
            last_edited=Coalesce(last_edited_at_subquery("tree"), "created_at"),
        )
        .order_by("-created_at", "-id")
    )
    return group, trees


def tree_cause_votes(tree: ProblemTree) -> QuerySet[DotVote]:
    """The dot votes whose options are nodes of this tree, newest first."""
    return (
        DotVote.objects.filter(options__source__kind=TREE_NODE_SOURCE, options__source__tree=tree.pk)
        .select_related("session")
        .distinct()
        .order_by("-opened_at", "-id")
    )


@dataclass(frozen=True)
class NodeResult:
    dots: int
    is_top: bool


@dataclass
class TreeDetail:
    tree: ProblemTree
    permissions: GroupWorkPermissions
    nodes: list[ProblemTreeNode]
    last_editors: list[Person]
    last_edited_at: datetime
    top_vote: DotVote | None = None
    results: dict[str, NodeResult] = field(default_factory=dict)
    # Open group sessions of the tree's group where this person may open a vote on its causes.
    vote_sessions: list[GroupSession] = field(default_factory=list)


def tree_detail_for_user(*, actor: Membership, tree_id: int) -> TreeDetail:
    """Everything the tree screen shows, in a fixed number of queries however many nodes or dots."""
    tree = tree_get_for_user(actor=actor, tree_id=tree_id)
    annotated = (
        ProblemTree.objects.filter(pk=tree.pk)
        .select_related("created_by")
        .annotate(last_edited=Coalesce(last_edited_at_subquery("tree"), "created_at"))
        .get()
    )
    tree.created_by = annotated.created_by
    nodes = list(ProblemTreeNode.objects.present().filter(tree=tree).select_related("author"))
    nodes.sort(key=lambda node: sibling_order(node.kind, node.position, node.key))
    votes = tree_cause_votes(tree)
    top_vote = votes.first()
    closed = votes.filter(status=DotVoteStatus.CLOSED).first() if top_vote is not None else None
    return TreeDetail(
        tree=tree,
        permissions=tree_permissions(actor=actor, tree=tree),
        nodes=_pre_order(nodes),
        last_editors=last_editors_for("tree", [tree]).get(tree.pk, []),
        last_edited_at=annotated.last_edited,
        top_vote=top_vote,
        results=_results(closed) if closed is not None else {},
        vote_sessions=_vote_sessions(actor, tree),
    )


def _vote_sessions(actor: Membership, tree: ProblemTree) -> list[GroupSession]:
    """Where the cause vote can be opened: group work of this group in a live meeting, run by this person."""
    if actor.role not in MEETING_MANAGER_ROLES:
        return []
    sessions = GroupSession.objects.filter(
        group_id=tree.group_id, status=SessionStatus.OPEN, meeting__status=MeetingStatus.LIVE
    ).select_related("meeting")
    return list(sessions.order_by("meeting__date", "pk"))


def _pre_order(nodes: list[ProblemTreeNode]) -> list[ProblemTreeNode]:
    """The materialised nodes in the order of the outline: each node followed by its subtree."""
    children: dict[str, list[ProblemTreeNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_key, []).append(node)
    ordered: list[ProblemTreeNode] = []
    stack = list(reversed(children.get("", [])))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(children.get(node.key, [])))
    return ordered


def _results(vote: DotVote) -> dict[str, NodeResult]:
    options = list(DotVoteOption.objects.filter(vote=vote).annotate(total=Count("dots")).order_by("position", "id"))
    vote.ranked_options = options  # type: ignore[attr-defined]
    reveal_results(vote)
    results: dict[str, NodeResult] = {}
    for option in options:
        source = option.source if isinstance(option.source, dict) else {}
        key = source.get("key")
        if isinstance(key, str):
            results[key] = NodeResult(dots=option.total, is_top=option.top)  # type: ignore[attr-defined]
    return results
