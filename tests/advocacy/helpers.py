"""Shared by the advocacy tests: trees and agendas made through the services, as the app makes them.

`lead` leads the workspace-visible inclusion group, where the trees and agendas below belong; `member`
(the conftest persona) is in no group unless a test puts them in one.
"""

from __future__ import annotations

from typing import Any

import pytest

from advocacy import services
from advocacy.models import AdvocacyAgenda, ProblemTree, ProblemTreeNode
from groups.models import WorkingGroup
from workspace.models import Membership, User

BASE = "/api/workspaces/test-network"


def actor_of(user: User, workspace_slug: str = "test-network") -> Membership:
    return Membership.objects.select_related("workspace", "user", "organisation").get(
        user=user, workspace__slug=workspace_slug
    )


def tree_path(tree: ProblemTree | int, suffix: str = "") -> str:
    tree_id = tree if isinstance(tree, int) else tree.pk
    return f"{BASE}/trees/{tree_id}/{suffix}"


def agenda_path(agenda: AdvocacyAgenda | int, suffix: str = "") -> str:
    agenda_id = agenda if isinstance(agenda, int) else agenda.pk
    return f"{BASE}/agendas/{agenda_id}/{suffix}"


def focal_key(tree: ProblemTree) -> str:
    return ProblemTreeNode.objects.present().get(tree=tree, kind="problem").key


def add_node(tree: ProblemTree, user: User, parent_key: str, kind: str, label: str) -> str:
    return services.tree_node_add(actor=actor_of(user), tree=tree, parent_key=parent_key, kind=kind, label=label)


def node_rows(tree: ProblemTree) -> dict[str, dict[str, Any]]:
    """The present nodes by label: kind, depth and the label of the effective parent."""
    nodes = list(ProblemTreeNode.objects.present().filter(tree=tree))
    labels = {node.key: node.label for node in nodes}
    return {
        node.label: {"kind": node.kind, "depth": node.depth, "parent": labels.get(node.parent_key)} for node in nodes
    }


@pytest.fixture
def tree(lead: User, inclusion_group: WorkingGroup) -> ProblemTree:
    return services.tree_create(
        actor=actor_of(lead),
        group=inclusion_group,
        title="Why children with disabilities leave school",
        focal_problem="Children with disabilities drop out of primary school",
    )


@pytest.fixture
def agenda(lead: User, inclusion_group: WorkingGroup) -> AdvocacyAgenda:
    return services.agenda_create(actor=actor_of(lead), group=inclusion_group, title="Inclusive primary schools")
