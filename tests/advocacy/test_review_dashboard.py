"""The executive committee's review dashboard through the API: which agendas await me, are in review, are
overdue or are decided, filtered by group and status, and who may see it at all. Also the review
settings that shape it (days to decide, reminder days)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from advocacy import services
from advocacy.models import AdvocacyAgenda, AgendaSubmission, ReviewSettings
from groups.models import GroupMembership, GroupRole, WorkingGroup
from tests.advocacy.helpers import BASE, actor_of, agenda_path
from tests.advocacy.test_reviews import fill, review
from tests.conftest import make_person
from workspace.models import AuditEvent, Role, User, Workspace

pytestmark = pytest.mark.django_db

DASHBOARD = f"{BASE}/review-dashboard/"


def submit(agenda: AdvocacyAgenda, lead: User, client_for: Callable[..., APIClient]) -> None:
    fill(agenda, lead)
    response = client_for(lead).post(agenda_path(agenda, "submit/"), {}, format="json")
    assert response.status_code == 201, response.content


def titles(body: dict[str, Any]) -> list[str]:
    return [entry["agenda_title"] for entry in body["results"]]


@pytest.fixture
def data_lead(workspace: Workspace, data_group: WorkingGroup) -> User:
    user = make_person(workspace, "data.lead@example.org", Role.MEMBER)
    GroupMembership.objects.create(group=data_group, user=user, role=GroupRole.LEAD)
    return user


@pytest.fixture
def committee_scene(
    workspace: Workspace,
    inclusion_group: WorkingGroup,
    data_group: WorkingGroup,
    lead: User,
    data_lead: User,
    executive: User,
    client_for: Callable[..., APIClient],
) -> dict[str, AdvocacyAgenda]:
    """Two approvals needed. "Inclusive schools" waits 20 days unreviewed; "Open data" has the executive's
    approval and waits for a second; "Exam reform" was sent back with changes requested."""
    ReviewSettings.objects.create(workspace=workspace, approvals_required=2)
    agendas = {
        "schools": services.agenda_create(actor=actor_of(lead), group=inclusion_group, title="Inclusive schools"),
        "data": services.agenda_create(actor=actor_of(data_lead), group=data_group, title="Open data"),
        "exams": services.agenda_create(actor=actor_of(data_lead), group=data_group, title="Exam reform"),
    }
    submit(agendas["schools"], lead, client_for)
    AgendaSubmission.objects.filter(agenda=agendas["schools"]).update(submitted_at=timezone.now() - timedelta(days=20))
    submit(agendas["data"], data_lead, client_for)
    submit(agendas["exams"], data_lead, client_for)
    assert review(client_for(executive), agendas["data"], 1, "approve").status_code == 201
    sent_back = review(
        client_for(executive),
        agendas["exams"],
        1,
        "request_changes",
        reasons="Costs are missing",
        comments=[{"section": "actions", "body": "What does each action cost?"}],
    )
    assert sent_back.status_code == 201
    # A draft never submitted is not the committee's business.
    services.agenda_create(actor=actor_of(lead), group=inclusion_group, title="Still a draft")
    return agendas


def test_each_queue_holds_the_agendas_where_they_stand_for_me(
    committee_scene: dict[str, AdvocacyAgenda], executive: User, client_for: Callable[..., APIClient]
) -> None:
    client = client_for(executive)

    awaiting = client.get(DASHBOARD).json()
    in_review = client.get(DASHBOARD, {"queue": "in_review"}).json()
    overdue = client.get(DASHBOARD, {"queue": "overdue"}).json()
    decided = client.get(DASHBOARD, {"queue": "decided"}).json()

    assert awaiting["queue"] == "awaiting_me" and awaiting["can_review"] is True
    assert awaiting["counts"] == {"awaiting_me": 1, "in_review": 2, "overdue": 1, "decided": 1}
    assert titles(awaiting) == ["Inclusive schools"]
    # Oldest first: the longest wait is the most urgent.
    assert titles(in_review) == ["Inclusive schools", "Open data"]
    assert titles(overdue) == ["Inclusive schools"]
    assert titles(decided) == ["Exam reform"]
    schools, data = in_review["results"]
    assert (schools["overdue"], schools["my_decision"], schools["approvals"], schools["review_count"]) == (
        True,
        None,
        0,
        0,
    )
    assert (data["overdue"], data["my_decision"], data["approvals"]) == (False, "approve", 1)
    assert data["group"]["name"] == "Data and assessment" and data["submitted_by"]["name"]
    assert in_review["approvals_required"] == 2 and in_review["review_days"] == 14
    submitted_at = AgendaSubmission.objects.get(agenda=committee_scene["schools"]).submitted_at
    assert datetime.fromisoformat(schools["due_at"]) == submitted_at + timedelta(days=14)
    exams = decided["results"][0]
    assert (exams["status"], exams["agenda_status"], exams["due_at"], exams["overdue"]) == (
        "changes_requested",
        "changes_requested",
        None,
        False,
    )
    assert exams["decided_at"] is not None


def test_what_awaits_one_executive_does_not_await_another(
    committee_scene: dict[str, AdvocacyAgenda], second_executive: User, client_for: Callable[..., APIClient]
) -> None:
    body = client_for(second_executive).get(DASHBOARD).json()

    assert titles(body) == ["Inclusive schools", "Open data"]
    assert body["counts"]["awaiting_me"] == 2


def test_filters_by_group_and_status_narrow_every_queue(
    committee_scene: dict[str, AdvocacyAgenda],
    data_group: WorkingGroup,
    executive: User,
    client_for: Callable[..., APIClient],
) -> None:
    client = client_for(executive)

    by_group = client.get(DASHBOARD, {"queue": "in_review", "group": str(data_group.pk)}).json()
    by_status = client.get(DASHBOARD, {"queue": "decided", "status": "changes_requested"}).json()
    approved = client.get(DASHBOARD, {"queue": "decided", "status": "approved"}).json()

    assert titles(by_group) == ["Open data"]
    assert by_group["counts"] == {"awaiting_me": 0, "in_review": 1, "overdue": 0, "decided": 1}
    assert titles(by_status) == ["Exam reform"]
    assert approved["results"] == [] and approved["counts"]["decided"] == 0


def test_an_approved_agenda_moves_to_decided_and_a_resubmission_back_to_review(
    committee_scene: dict[str, AdvocacyAgenda],
    data_lead: User,
    second_executive: User,
    executive: User,
    client_for: Callable[..., APIClient],
) -> None:
    exams = committee_scene["exams"]
    assert review(client_for(second_executive), committee_scene["data"], 1, "approve").status_code == 201
    lead_client = client_for(data_lead)
    comment_ids = [comment.pk for comment in AgendaSubmission.objects.get(agenda=exams).reviews.get().comments.all()]
    assert comment_ids
    for comment_id in comment_ids:
        answered = lead_client.put(
            agenda_path(exams, f"review-comments/{comment_id}/response/"), {"response": "done"}, format="json"
        )
        assert answered.status_code == 200, answered.content
    assert lead_client.post(agenda_path(exams, "revise/")).status_code == 200
    assert lead_client.post(agenda_path(exams, "submit/"), {}, format="json").status_code == 201

    client = client_for(executive)
    decided = client.get(DASHBOARD, {"queue": "decided"}).json()
    awaiting = client.get(DASHBOARD).json()

    # The latest submission decides where an agenda stands: one row per agenda.
    assert titles(decided) == ["Open data"] and decided["results"][0]["agenda_status"] == "approved"
    assert titles(awaiting) == ["Inclusive schools", "Exam reform"]
    assert awaiting["results"][1]["number"] == 2


def test_the_days_to_decide_are_a_workspace_setting(
    committee_scene: dict[str, AdvocacyAgenda], executive: User, client_for: Callable[..., APIClient]
) -> None:
    client = client_for(executive)

    changed = client.patch(f"{BASE}/review-settings/", {"review_days": 30, "action_reminder_days": 7}, format="json")
    overdue = client.get(DASHBOARD, {"queue": "overdue"}).json()

    assert changed.status_code == 200, changed.content
    assert (changed.json()["review_days"], changed.json()["action_reminder_days"]) == (30, 7)
    assert overdue["results"] == [] and overdue["review_days"] == 30
    event = AuditEvent.objects.get(verb="review_settings.updated")
    assert (event.before["review_days"], event.after["review_days"]) == (14, 30)
    assert (event.before["action_reminder_days"], event.after["action_reminder_days"]) == (3, 7)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"review_days": 0}, "review_days"),
        ({"review_days": 91}, "review_days"),
        ({"action_reminder_days": -1}, "action_reminder_days"),
        ({"action_reminder_days": 61}, "action_reminder_days"),
    ],
)
def test_days_out_of_range_are_refused_and_nothing_changes(
    body: dict[str, int], field: str, workspace: Workspace, executive: User, client_for: Callable[..., APIClient]
) -> None:
    response = client_for(executive).patch(f"{BASE}/review-settings/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not ReviewSettings.objects.filter(workspace=workspace).exists()


def test_administrators_follow_the_reviews_but_nothing_awaits_them(
    committee_scene: dict[str, AdvocacyAgenda], admin: User, client_for: Callable[..., APIClient]
) -> None:
    client = client_for(admin)

    awaiting = client.get(DASHBOARD).json()
    in_review = client.get(DASHBOARD, {"queue": "in_review"}).json()

    assert awaiting["can_review"] is False and awaiting["results"] == []
    assert awaiting["counts"] == {"awaiting_me": 0, "in_review": 2, "overdue": 1, "decided": 1}
    assert titles(in_review) == ["Inclusive schools", "Open data"]


@pytest.mark.parametrize("persona_name", ["member", "facilitator", "observer", "lead"])
def test_only_the_committee_and_administrators_see_the_dashboard(
    persona_name: str, committee_scene: dict[str, AdvocacyAgenda], client_for: Callable[..., APIClient], request: Any
) -> None:
    response = client_for(request.getfixturevalue(persona_name)).get(DASHBOARD)

    assert response.status_code == 403
    assert "executive committee" in response.json()["detail"]


def test_outsiders_get_404_and_other_workspaces_agendas_never_appear(
    committee_scene: dict[str, AdvocacyAgenda],
    other_workspace: Workspace,
    outsider: User,
    client_for: Callable[..., APIClient],
) -> None:
    assert client_for(outsider).get(DASHBOARD).status_code == 404
    other_executive = make_person(other_workspace, "other.executive@example.org", Role.EXECUTIVE)

    body = client_for(other_executive).get(f"/api/workspaces/{other_workspace.slug}/review-dashboard/").json()

    assert body["counts"] == {"awaiting_me": 0, "in_review": 0, "overdue": 0, "decided": 0}


def test_a_bad_queue_or_status_is_a_clear_400(executive: User, client_for: Callable[..., APIClient]) -> None:
    client = client_for(executive)

    assert "queue" in client.get(DASHBOARD, {"queue": "soon"}).json()
    assert client.get(DASHBOARD, {"status": "lost"}).status_code == 400
    assert client.get(DASHBOARD, {"group": "abc"}).status_code == 400


def test_the_dashboard_reads_a_fixed_number_of_queries_however_many_agendas(
    committee_scene: dict[str, AdvocacyAgenda],
    inclusion_group: WorkingGroup,
    lead: User,
    executive: User,
    client_for: Callable[..., APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(executive)
    for number in range(5):
        extra = services.agenda_create(actor=actor_of(lead), group=inclusion_group, title=f"Extra {number}")
        submit(extra, lead, client_for)

    with django_assert_max_num_queries(9):
        body = client.get(DASHBOARD, {"queue": "in_review"}).json()

    assert len(body["results"]) == 7
