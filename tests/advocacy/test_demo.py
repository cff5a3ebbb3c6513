"""The demo data: one problem tree and one draft agenda of the inclusion group, made through the services."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from advocacy.models import AdvocacyAgenda, ProblemTree, ProblemTreeNode
from workspace.models import User

pytestmark = pytest.mark.django_db

BASE = "/api/workspaces/education-network"


def test_seeding_twice_makes_one_demo_tree_and_one_draft_agenda(client_for: Callable[[User | None], APIClient]) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    tree = ProblemTree.objects.get()
    agenda = AdvocacyAgenda.objects.get()
    assert tree.group.name == agenda.group.name == "Inclusive education and disability"
    nodes = ProblemTreeNode.objects.present().filter(tree=tree)
    assert nodes.filter(kind="cause").count() >= 10 and nodes.filter(kind="effect").count() >= 3
    assert nodes.filter(depth=2).exists()

    # A demo member of another group reads both; the group's lead may edit them.
    member = client_for(User.objects.get(email="member3@example.org"))
    lead = client_for(User.objects.get(email="lead.inclusion@example.org"))
    body = member.get(f"{BASE}/agendas/{agenda.pk}/").json()
    assert body["status"] == "draft" and body["can_edit"] is False
    assert body["issue_statement"].startswith("<p>Children with disabilities drop out")
    assert body["ready"] == ["issue_statement", "goal", "stakeholders"]
    assert len(body["objectives"]) == 5 and all(row["due"] for row in body["objectives"])
    assert all(action["organisation"] is not None for action in body["actions"])
    assert {row["stakeholder"] for row in body["messages"]} - {None} <= {row["key"] for row in body["stakeholders"]}
    assert lead.get(f"{BASE}/trees/{tree.pk}/").json()["can_edit"] is True
