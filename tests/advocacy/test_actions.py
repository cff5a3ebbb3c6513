"""Following up the action plans of approved agendas, through the API with the personas: my organisation's
actions, status updates and progress notes that leave the agenda frozen, who may update (404 for those who
cannot see, 403 for those who see but may not), reminders once per action, and the executive committee's
network-wide list with its filters, the overdue flag and the CSV export."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.utils import timezone
from pycrdt import Doc, Map, Text
from rest_framework.test import APIClient

from advocacy import services
from advocacy.models import ActionReminder, AdvocacyAgenda, AgendaAction, AgendaStatus
from advocacy.tasks import action_reminders_send
from groups.models import WorkingGroup
from tests.advocacy.helpers import BASE, actor_of, agenda_path
from tests.conftest import make_person
from workspace.live.services import live_document_change
from workspace.models import AuditEvent, Notification, Organisation, Role, User, Workspace

pytestmark = pytest.mark.django_db


def days(n: int) -> str:
    return (timezone.localdate() + timedelta(days=n)).isoformat()


def make_agenda(
    author: User, group: WorkingGroup, title: str, rows: list[dict[str, Any]], status: str
) -> AdvocacyAgenda:
    agenda = services.agenda_create(actor=actor_of(author), group=group, title=title)

    def change(doc: Doc) -> None:
        root = doc.get("actions", type=Map)
        for position, row in enumerate(rows, start=1):
            root[row["key"] + "-action"] = Map(
                {
                    "position": float(position),
                    "activity": Text(row["activity"]),
                    "organisation": float(row["organisation"].pk) if row.get("organisation") else None,
                    "due": row.get("due"),
                    "status": row.get("status", "planned"),
                }
            )

    live_document_change(kind="agenda", object_id=agenda.pk, author=author, change=change)
    # The review workflow itself is tested in test_reviews; here the agenda only needs to be approved.
    AdvocacyAgenda.objects.filter(pk=agenda.pk).update(status=status)
    agenda.refresh_from_db()
    return agenda


@pytest.fixture
def other_organisation(workspace: Workspace) -> Organisation:
    return Organisation.objects.create(workspace=workspace, name="Girls Education Forum", acronym="GEF")


@pytest.fixture
def other_representative(workspace: Workspace, other_organisation: Organisation) -> User:
    return make_person(workspace, "gef@example.org", Role.MEMBER, other_organisation)


@pytest.fixture
def plans(
    executive: User,
    inclusion_group: WorkingGroup,
    data_group: WorkingGroup,
    organisation: Organisation,
    other_organisation: Organisation,
) -> dict[str, AgendaAction]:
    make_agenda(
        executive,
        inclusion_group,
        "Inclusive primary schools",
        [
            {"key": "brief", "activity": "Policy brief", "organisation": organisation, "due": days(2)},
            {"key": "late", "activity": '=HYPERLINK("http://x")', "organisation": organisation, "due": days(-5)},
            {
                "key": "finished",
                "activity": "Workshop",
                "organisation": organisation,
                "due": days(-3),
                "status": "done",
            },
            {"key": "forum", "activity": "Girls forum", "organisation": other_organisation, "due": days(20)},
        ],
        AgendaStatus.APPROVED,
    )
    make_agenda(
        executive,
        data_group,
        "Data for every child",
        [{"key": "survey", "activity": "Survey", "organisation": organisation, "due": days(40)}],
        AgendaStatus.PUBLISHED,
    )
    make_agenda(
        executive,
        inclusion_group,
        "A draft",
        [{"key": "draft", "activity": "Not yet agreed", "organisation": organisation, "due": days(1)}],
        AgendaStatus.DRAFT,
    )
    return {action.key.removesuffix("-action"): action for action in AgendaAction.objects.all()}


def test_representatives_see_their_organisations_actions_of_approved_agendas(
    client_for: Callable[[User], APIClient], member: User, plans: dict[str, AgendaAction]
) -> None:
    body = client_for(member).get(f"{BASE}/my-actions/").json()

    assert [row["key"] for row in body["results"]] == [
        "late-action",
        "finished-action",
        "brief-action",
        "survey-action",
    ]
    late = body["results"][0]
    assert late["overdue"] is True and late["status"] == "planned"
    assert late["organisation"]["acronym"] == "DIA" and late["agenda_title"] == "Inclusive primary schools"
    assert body["results"][1]["overdue"] is False  # done, so not overdue


def test_someone_representing_no_organisation_has_no_actions(
    client_for: Callable[[User], APIClient], facilitator: User, plans: dict[str, AgendaAction]
) -> None:
    assert client_for(facilitator).get(f"{BASE}/my-actions/").json()["count"] == 0


def test_a_representative_updates_the_status_and_adds_notes_without_unfreezing_the_agenda(
    client_for: Callable[[User], APIClient], member: User, plans: dict[str, AgendaAction]
) -> None:
    action = plans["late"]
    client = client_for(member)

    response = client.patch(f"{BASE}/actions/{action.pk}/", {"status": "done"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done" and response.json()["overdue"] is False
    assert response.json()["can_update"] is True
    note = client.post(f"{BASE}/actions/{action.pk}/notes/", {"text": "Sent to the ministry"}, format="json")
    assert note.status_code == 201
    assert client.post(f"{BASE}/actions/{action.pk}/notes/", {"text": "   "}, format="json").status_code == 400

    detail = client.get(f"{BASE}/actions/{action.pk}/").json()
    assert [(n["text"], n["author"]["name"]) for n in detail["notes"]] == [("Sent to the ministry", "Member")]
    agenda = client.get(agenda_path(action.agenda_id)).json()
    assert agenda["status"] == "approved"
    event = AuditEvent.objects.get(verb="agenda_action.status_changed")
    assert (event.actor, event.before, event.after) == (member, {"status": "planned"}, {"status": "done"})


def test_members_of_other_organisations_and_observers_cannot_update_an_action(
    client_for: Callable[[User], APIClient],
    other_representative: User,
    observer: User,
    outsider: User,
    plans: dict[str, AgendaAction],
) -> None:
    url = f"{BASE}/actions/{plans['brief'].pk}/"

    # They see the workspace-visible agenda anyway, so they are told they may not, rather than "not found".
    assert client_for(other_representative).patch(url, {"status": "done"}, format="json").status_code == 403
    assert client_for(other_representative).post(url + "notes/", {"text": "Hi"}, format="json").status_code == 403
    assert client_for(observer).patch(url, {"status": "done"}, format="json").status_code == 403
    assert client_for(outsider).patch(url, {"status": "done"}, format="json").status_code == 404
    assert client_for(other_representative).get(url).json()["can_update"] is False
    assert client_for(other_representative).get(url).json()["status"] == "planned"


def test_actions_of_a_draft_agenda_are_not_followed_up(
    client_for: Callable[[User], APIClient], member: User, plans: dict[str, AgendaAction]
) -> None:
    url = f"{BASE}/actions/{plans['draft'].pk}/"
    assert client_for(member).patch(url, {"status": "done"}, format="json").status_code == 404


def test_the_executive_committee_and_admins_update_any_action(
    client_for: Callable[[User], APIClient], executive: User, plans: dict[str, AgendaAction]
) -> None:
    url = f"{BASE}/actions/{plans['forum'].pk}/"
    assert client_for(executive).patch(url, {"status": "blocked"}, format="json").json()["status"] == "blocked"


def test_representatives_are_reminded_once_per_action_before_its_due_date(
    member: User, admin: User, other_representative: User, plans: dict[str, AgendaAction]
) -> None:
    assert action_reminders_send.delay().get() == 1
    assert action_reminders_send.delay().get() == 0

    reminded = Notification.objects.filter(kind="agenda_action.due_soon")
    # `brief` is due in 2 days (within the default 3); `late` is past, `forum` and `survey` are far off.
    assert sorted(n.recipient.email for n in reminded) == ["admin@example.org", "member@example.org"]
    assert ActionReminder.objects.get().action == plans["brief"]
    assert "Policy brief" in member.notifications.get().params["activity"]


def test_network_list_filters_by_group_organisation_status_due_and_overdue(
    client_for: Callable[[User], APIClient],
    executive: User,
    data_group: WorkingGroup,
    other_organisation: Organisation,
    plans: dict[str, AgendaAction],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(executive)

    def keys(query: str) -> list[str]:
        response = client.get(f"{BASE}/actions/?{query}")
        assert response.status_code == 200, response.content
        return [row["key"].removesuffix("-action") for row in response.json()["results"]]

    with django_assert_max_num_queries(6):
        assert keys("") == ["late", "finished", "brief", "forum", "survey"]
    assert keys(f"group={data_group.pk}") == ["survey"]
    assert keys(f"organisation={other_organisation.pk}") == ["forum"]
    assert keys("status=done") == ["finished"]
    assert keys(f"due_from={days(0)}&due_to={days(30)}") == ["brief", "forum"]
    assert keys("overdue=true") == ["late"]
    assert client.get(f"{BASE}/actions/?status=someday").status_code == 400


def test_only_the_executive_committee_and_admins_see_the_network_list(
    client_for: Callable[[User], APIClient], member: User, admin: User, plans: dict[str, AgendaAction]
) -> None:
    assert client_for(member).get(f"{BASE}/actions/").status_code == 403
    assert client_for(member).get(f"{BASE}/actions/export/").status_code == 403
    assert client_for(admin).get(f"{BASE}/actions/").json()["count"] == 5


def test_the_csv_export_is_translated_and_safe_against_formulas(
    client_for: Callable[[User], APIClient], executive: User, plans: dict[str, AgendaAction]
) -> None:
    executive.preferred_language = "km"
    executive.save(update_fields=["preferred_language"])

    response = client_for(executive).get(f"{BASE}/actions/export/?overdue=true")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][2] == "សកម្មភាព"
    assert len(rows) == 2
    group, agenda, activity, organisation, _start, due, status, overdue = rows[1]
    assert activity == '\'=HYPERLINK("http://x")'
    assert (agenda, organisation, due) == ("Inclusive primary schools", "Disability Inclusion Action", days(-5))
    assert status == "បានគ្រោងទុក"
    assert overdue == "បាទ/ចាស"
