"""Meetings, their agendas, templates and attendance: who may, what is refused, what the files say."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from groups.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    GroupMembership,
    Meeting,
    MeetingStatus,
    MeetingTemplate,
    WorkingGroup,
)
from tests.conftest import make_person
from workspace.models import AuditEvent, Notification, Organisation, Role, User, Workspace

pytestmark = pytest.mark.django_db

BASE = "/api/workspaces/test-network"
PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")


def in_a_week() -> date:
    return timezone.localdate() + timedelta(days=7)


def make_meeting(
    workspace: Workspace,
    *,
    title: str = "Joint meeting",
    on: date | None = None,
    groups: list[WorkingGroup] = (),  # type: ignore[assignment]
    facilitators: list[User] = (),  # type: ignore[assignment]
    minutes: list[int] = (30, 60, 15),  # type: ignore[assignment]
    status: str = MeetingStatus.PLANNED,
) -> Meeting:
    meeting = Meeting.objects.create(
        workspace=workspace,
        title=title,
        date=on or in_a_week(),
        start_time=time(8, 0),
        venue="Secretariat",
        online_link="https://meet.example.org/joint",
        status=status,
    )
    meeting.groups.set(groups)
    meeting.facilitators.set(facilitators)
    for position, planned in enumerate(minutes, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            kind=AgendaItemKind.PLENARY,
            title=f"Item {position}",
            planned_minutes=planned,
        )
    return meeting


@pytest.fixture
def meeting(workspace: Workspace, inclusion_group: WorkingGroup, facilitator: User) -> Meeting:
    return make_meeting(workspace, groups=[inclusion_group], facilitators=[facilitator])


def meeting_path(meeting: Meeting, suffix: str = "") -> str:
    return f"{BASE}/meetings/{meeting.pk}/{suffix}"


def item_ids(meeting: Meeting) -> list[int]:
    return list(meeting.items.order_by("position").values_list("pk", flat=True))


# --- Who may do what ------------------------------------------------------------------------------

READ_ENDPOINTS: dict[str, Callable[[Meeting], str]] = {
    "list": lambda m: f"{BASE}/meetings/",
    "upcoming": lambda m: f"{BASE}/meetings/?upcoming=true",
    "detail": lambda m: meeting_path(m),
    "templates": lambda m: f"{BASE}/meeting-templates/",
    "attendance": lambda m: meeting_path(m, "attendance/"),
    "attendance csv": lambda m: meeting_path(m, "attendance.csv"),
    "calendar": lambda m: meeting_path(m, "calendar.ics"),
}


@pytest.mark.parametrize("endpoint", list(READ_ENDPOINTS))
def test_everyone_in_the_workspace_reads_meetings_and_outsiders_get_404(
    endpoint: str, persona: tuple[str, User], meeting: Meeting, client_for: Callable[[User], APIClient]
) -> None:
    name, user = persona

    response = client_for(user).get(READ_ENDPOINTS[endpoint](meeting))

    assert response.status_code == (404 if name == "outsider" else 200), response.content


# (method, url, payload, status when allowed) for one write endpoint; `other` is a member of the workspace.
WRITE_ENDPOINTS: dict[str, Callable[[Meeting, User], tuple[str, str, dict[str, Any] | None, int]]] = {
    "create": lambda m, o: (
        "post",
        f"{BASE}/meetings/",
        {"title": "Gender planning", "date": "2030-01-15", "start_time": "09:00"},
        201,
    ),
    "edit": lambda m, o: ("patch", meeting_path(m), {"title": "Renamed"}, 200),
    "delete": lambda m, o: ("delete", meeting_path(m), None, 204),
    "add item": lambda m, o: (
        "post",
        meeting_path(m, "items/"),
        {"kind": "break", "title": "Tea", "planned_minutes": 15},
        201,
    ),
    "edit item": lambda m, o: ("patch", meeting_path(m, f"items/{item_ids(m)[0]}/"), {"planned_minutes": 45}, 200),
    "delete item": lambda m, o: ("delete", meeting_path(m, f"items/{item_ids(m)[0]}/"), None, 204),
    "reorder": lambda m, o: ("post", meeting_path(m, "items/reorder/"), {"item_ids": item_ids(m)[::-1]}, 200),
    "save as template": lambda m, o: ("post", meeting_path(m, "save-as-template/"), {"name": "Our format"}, 201),
    "check someone in": lambda m, o: ("post", meeting_path(m, "attendance/"), {"user_id": o.pk}, 201),
}
MANAGERS = {"admin", "executive", "facilitator"}


@pytest.mark.parametrize("endpoint", list(WRITE_ENDPOINTS))
def test_every_persona_against_every_meeting_write(
    endpoint: str,
    persona: tuple[str, User],
    meeting: Meeting,
    workspace: Workspace,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    name, user = persona
    other = make_person(workspace, "other@example.org", Role.MEMBER)
    method, url, payload, allowed_status = WRITE_ENDPOINTS[endpoint](meeting, other)
    positions_before = item_ids(meeting)

    with django_capture_on_commit_callbacks(execute=True):
        response = getattr(client_for(user), method)(url, payload, format="json")

    expected = allowed_status if name in MANAGERS else 404 if name == "outsider" else 403
    assert response.status_code == expected, response.content
    if expected != allowed_status:
        assert response.json()["detail"]
        meeting.refresh_from_db()
        assert meeting.title == "Joint meeting"
        assert item_ids(meeting) == positions_before
        assert [i.planned_minutes for i in meeting.items.order_by("position")] == [30, 60, 15]
        assert Meeting.objects.count() == 1
        assert not MeetingTemplate.objects.exists()
        assert not Attendance.objects.exists()
        assert not AuditEvent.objects.exists()
    else:
        assert AuditEvent.objects.filter(actor=user).exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("admin", 201),
        ("executive", 201),
        ("facilitator", 201),  # facilitates the meeting
        ("lead", 201),  # in one of its groups
        ("member", 403),  # in none of its groups
        ("observer", 403),
        ("outsider", 404),
    ],
)
def test_who_may_check_themselves_in(
    name: str, expected: int, meeting: Meeting, client_for: Callable[[User], APIClient], request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(name)

    response = client_for(user).post(meeting_path(meeting, "attendance/"), {"user_id": user.pk}, format="json")

    assert response.status_code == expected, response.content
    assert Attendance.objects.filter(meeting=meeting, user=user).exists() == (expected == 201)


def test_an_observer_in_a_participating_group_still_cannot_check_in(
    meeting: Meeting, observer: User, inclusion_group: WorkingGroup, client_for: Callable[[User], APIClient]
) -> None:
    GroupMembership.objects.create(group=inclusion_group, user=observer)

    response = client_for(observer).post(meeting_path(meeting, "attendance/"), {"user_id": observer.pk}, format="json")

    assert response.status_code == 403


def test_a_meeting_of_another_workspace_is_404_even_for_its_admin_elsewhere(
    other_workspace: Workspace, admin: User, client_for: Callable[[User], APIClient]
) -> None:
    foreign = make_meeting(other_workspace)

    client = client_for(admin)
    responses = [
        client.get(meeting_path(foreign)),
        client.patch(meeting_path(foreign), {"title": "x"}, format="json"),
        client.get(meeting_path(foreign, "attendance/")),
        client.get(meeting_path(foreign, "calendar.ics")),
        client.patch(meeting_path(foreign, f"items/{item_ids(foreign)[0]}/"), {"title": "x"}, format="json"),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)


def test_detail_tells_the_screen_what_the_person_may_do(
    meeting: Meeting, lead: User, member: User, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    as_lead = client_for(lead).get(meeting_path(meeting)).json()["permissions"]
    as_member = client_for(member).get(meeting_path(meeting)).json()["permissions"]
    as_facilitator = client_for(facilitator).get(meeting_path(meeting)).json()["permissions"]

    assert as_lead == {"edit": False, "check_in_others": False, "check_in_self": True}
    assert as_member == {"edit": False, "check_in_others": False, "check_in_self": False}
    assert as_facilitator == {"edit": True, "check_in_others": True, "check_in_self": True}


# --- Creating, templates, the schedule ------------------------------------------------------------


def test_detail_shows_the_agenda_in_order_with_times_in_the_meetings_time_zone(
    meeting: Meeting,
    member: User,
    inclusion_group: WorkingGroup,
    facilitator: User,
    client_for: Callable[[User], APIClient],
) -> None:
    body = client_for(member).get(meeting_path(meeting)).json()

    day = meeting.date.isoformat()
    assert body["starts_at"] == f"{day}T08:00:00+07:00"
    assert body["planned_end"] == f"{day}T09:45:00+07:00"
    assert body["total_minutes"] == 105
    assert [(i["position"], i["title"], i["starts_at"]) for i in body["items"]] == [
        (1, "Item 1", f"{day}T08:00:00+07:00"),
        (2, "Item 2", f"{day}T08:30:00+07:00"),
        (3, "Item 3", f"{day}T09:30:00+07:00"),
    ]
    assert body["groups"] == [{"id": inclusion_group.pk, "name": inclusion_group.name}]
    assert body["facilitators"] == [
        {"id": facilitator.pk, "display_name": facilitator.display_name, "email": facilitator.email}
    ]


def test_a_meeting_from_the_builtin_template_speaks_the_creators_language(
    executive: User,
    inclusion_group: WorkingGroup,
    data_group: WorkingGroup,
    facilitator: User,
    client_for: Callable[[User], APIClient],
    django_capture_on_commit_callbacks: Any,
) -> None:
    executive.preferred_language = "km"
    executive.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(executive).post(
            f"{BASE}/meetings/",
            {
                "title": "Joint meeting",
                "date": "2030-03-02",
                "start_time": "08:00",
                "timezone": "Asia/Bangkok",
                "group_ids": [inclusion_group.pk, data_group.pk],
                "facilitator_ids": [facilitator.pk],
                "template_id": "builtin-joint",
            },
            format="json",
        )

    assert response.status_code == 201, response.content
    body = response.json()
    assert [i["kind"] for i in body["items"]] == [
        "welcome",
        "plenary",
        "plenary",
        "group_work",
        "presentations",
        "feedback",
        "discussion",
        "closing",
    ]
    assert body["items"][0]["title"] == "សុន្ទរកថាស្វាគមន៍"
    assert body["starts_at"] == "2030-03-02T08:00:00+07:00"
    assert body["planned_end"] == "2030-03-02T13:45:00+07:00"
    assert {g["id"] for g in body["groups"]} == {inclusion_group.pk, data_group.pk}
    # The facilitator is told, in their own words, where to go.
    notification = Notification.objects.get(recipient=facilitator)
    assert notification.kind == "meeting.facilitator_added"
    assert notification.url == f"/w/test-network/meetings/{body['id']}"


def test_templates_list_the_builtin_one_and_the_workspaces_own(
    meeting: Meeting, facilitator: User, member: User, client_for: Callable[[User], APIClient]
) -> None:
    saved = client_for(facilitator).post(
        meeting_path(meeting, "save-as-template/"), {"name": "Short format"}, format="json"
    )
    templates = client_for(member).get(f"{BASE}/meeting-templates/").json()

    assert saved.status_code == 201
    assert [(t["id"], t["name"], t["builtin"]) for t in templates] == [
        ("builtin-joint", "Joint thematic working group meeting", True),
        (saved.json()["id"], "Short format", False),
    ]
    assert templates[1]["items"] == [
        {"kind": "plenary", "title": f"Item {n}", "planned_minutes": m} for n, m in ((1, 30), (2, 60), (3, 15))
    ]
    assert templates[0]["total_minutes"] == 345


def test_a_saved_template_creates_the_same_agenda_and_its_name_must_be_new(
    meeting: Meeting, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(facilitator)
    template_id = client.post(meeting_path(meeting, "save-as-template/"), {"name": "Short"}, format="json").json()["id"]

    again = client.post(meeting_path(meeting, "save-as-template/"), {"name": "SHORT"}, format="json")
    created = client.post(
        f"{BASE}/meetings/",
        {"title": "Next", "date": "2030-01-01", "start_time": "10:00", "template_id": template_id},
        format="json",
    )
    unknown = client.post(
        f"{BASE}/meetings/",
        {"title": "Next", "date": "2030-01-01", "start_time": "10:00", "template_id": "builtin-nope"},
        format="json",
    )

    assert again.status_code == 400 and "name" in again.json()
    assert [i["planned_minutes"] for i in created.json()["items"]] == [30, 60, 15]
    assert unknown.status_code == 400 and "template_id" in unknown.json()


def test_reorder_moves_items_and_their_times(
    meeting: Meeting, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    first, second, third = item_ids(meeting)

    response = client_for(facilitator).post(
        meeting_path(meeting, "items/reorder/"), {"item_ids": [third, first, second]}, format="json"
    )

    assert response.status_code == 200, response.content
    items = response.json()["items"]
    day = meeting.date.isoformat()
    assert [(i["id"], i["position"], i["starts_at"]) for i in items] == [
        (third, 1, f"{day}T08:00:00+07:00"),
        (first, 2, f"{day}T08:15:00+07:00"),
        (second, 3, f"{day}T08:45:00+07:00"),
    ]
    assert response.json()["planned_end"] == f"{day}T09:45:00+07:00"
    assert AuditEvent.objects.filter(verb="agenda.reordered").count() == 1


@pytest.mark.parametrize(
    "mangle",
    [
        lambda ids: ids[:-1],  # one missing
        lambda ids: [*ids, ids[0]],  # one twice
        lambda ids: [*ids[:-1], 999_999],  # one foreign
        lambda ids: [],
    ],
    ids=["missing", "duplicate", "foreign", "empty"],
)
def test_reorder_refuses_a_list_that_is_not_exactly_the_agenda(
    mangle: Callable[[list[int]], list[int]],
    meeting: Meeting,
    facilitator: User,
    client_for: Callable[[User], APIClient],
) -> None:
    before = item_ids(meeting)

    response = client_for(facilitator).post(
        meeting_path(meeting, "items/reorder/"), {"item_ids": mangle(before)}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"item_ids": ["List every agenda item of this meeting exactly once."]}
    assert item_ids(meeting) == before


def test_changing_and_deleting_items_moves_the_planned_end_and_keeps_positions_dense(
    meeting: Meeting, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(facilitator)
    first, second, third = item_ids(meeting)

    longer = client.patch(meeting_path(meeting, f"items/{first}/"), {"planned_minutes": 90}, format="json")
    deleted = client.delete(meeting_path(meeting, f"items/{second}/"))
    added = client.post(
        meeting_path(meeting, "items/"), {"kind": "closing", "title": "Close", "planned_minutes": 10}, format="json"
    )

    day = meeting.date.isoformat()
    assert longer.json()["planned_end"] == f"{day}T10:45:00+07:00"
    assert deleted.status_code == 204
    assert added.status_code == 201
    assert [(i["title"], i["position"]) for i in added.json()["items"]] == [("Item 1", 1), ("Item 3", 2), ("Close", 3)]
    assert added.json()["planned_end"] == f"{day}T09:55:00+07:00"


@pytest.mark.parametrize("minutes", [0, -5, 601, "an hour"])
def test_durations_outside_1_to_600_minutes_are_refused(
    minutes: Any, meeting: Meeting, facilitator: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(facilitator)

    created = client.post(
        meeting_path(meeting, "items/"), {"kind": "plenary", "title": "Long", "planned_minutes": minutes}, format="json"
    )
    changed = client.patch(
        meeting_path(meeting, f"items/{item_ids(meeting)[0]}/"), {"planned_minutes": minutes}, format="json"
    )

    assert created.status_code == changed.status_code == 400
    assert "planned_minutes" in created.json() and "planned_minutes" in changed.json()
    assert meeting.items.count() == 3


def test_an_unknown_time_zone_is_refused_by_name(facilitator: User, client_for: Callable[[User], APIClient]) -> None:
    response = client_for(facilitator).post(
        f"{BASE}/meetings/",
        {"title": "x", "date": "2030-01-01", "start_time": "09:00", "timezone": "Mars/Olympus_Mons"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "timezone": ["“Mars/Olympus_Mons” is not a known time zone. Use a name such as Asia/Phnom_Penh."]
    }
    assert not Meeting.objects.exists()


def test_the_responsible_group_must_take_part_in_the_meeting(
    meeting: Meeting,
    data_group: WorkingGroup,
    inclusion_group: WorkingGroup,
    facilitator: User,
    client_for: Callable[[User], APIClient],
) -> None:
    client = client_for(facilitator)
    item = item_ids(meeting)[0]

    outside = client.patch(
        meeting_path(meeting, f"items/{item}/"), {"responsible_group_id": data_group.pk}, format="json"
    )
    inside = client.patch(
        meeting_path(meeting, f"items/{item}/"), {"responsible_group_id": inclusion_group.pk}, format="json"
    )
    drop_group = client.patch(meeting_path(meeting), {"group_ids": []}, format="json")

    assert outside.status_code == 400
    assert outside.json() == {
        "responsible_group_id": ["The responsible group must be one of the meeting's working groups."]
    }
    assert inside.json()["items"][0]["responsible_group"] == {"id": inclusion_group.pk, "name": inclusion_group.name}
    assert drop_group.status_code == 400 and "group_ids" in drop_group.json()


def test_a_facilitator_must_be_someone_who_may_run_meetings(
    meeting: Meeting, member: User, executive: User, client_for: Callable[[User], APIClient]
) -> None:
    refused = client_for(executive).patch(meeting_path(meeting), {"facilitator_ids": [member.pk]}, format="json")

    assert refused.status_code == 400 and "facilitator_ids" in refused.json()


def test_a_closed_meeting_is_frozen_until_reopened(
    meeting: Meeting, facilitator: User, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(facilitator)
    closed = client.patch(meeting_path(meeting), {"status": "closed"}, format="json")

    attempts = [
        client.patch(meeting_path(meeting), {"title": "Late change"}, format="json"),
        client.post(
            meeting_path(meeting, "items/"), {"kind": "break", "title": "x", "planned_minutes": 5}, format="json"
        ),
        client.patch(meeting_path(meeting, f"items/{item_ids(meeting)[0]}/"), {"title": "x"}, format="json"),
        client.post(meeting_path(meeting, "items/reorder/"), {"item_ids": item_ids(meeting)[::-1]}, format="json"),
        client_for(lead).post(meeting_path(meeting, "attendance/"), {"user_id": lead.pk}, format="json"),
    ]
    reopened = client.patch(meeting_path(meeting), {"status": "planned", "title": "Reopened"}, format="json")

    assert closed.json()["permissions"] == {"edit": True, "check_in_others": False, "check_in_self": False}
    assert [r.status_code for r in attempts] == [400] * len(attempts)
    assert attempts[0].json() == {"status": ["This meeting is closed. Reopen it before changing it."]}
    assert reopened.status_code == 200 and reopened.json()["title"] == "Reopened"


# --- Lists and the dashboard ----------------------------------------------------------------------


def test_upcoming_skips_past_and_closed_meetings_in_date_order_and_filters_by_group(
    workspace: Workspace,
    inclusion_group: WorkingGroup,
    data_group: WorkingGroup,
    member: User,
    client_for: Callable[[User], APIClient],
) -> None:
    today = timezone.localdate()
    make_meeting(workspace, title="Past", on=today - timedelta(days=1))
    make_meeting(workspace, title="Closed", on=today + timedelta(days=1), status=MeetingStatus.CLOSED)
    make_meeting(workspace, title="Later", on=today + timedelta(days=30), groups=[data_group])
    make_meeting(workspace, title="Today", on=today, groups=[inclusion_group])
    client = client_for(member)

    upcoming = client.get(f"{BASE}/meetings/?upcoming=true").json()
    everything = client.get(f"{BASE}/meetings/").json()
    of_group = client.get(f"{BASE}/meetings/?group={inclusion_group.pk}").json()

    assert [m["title"] for m in upcoming["results"]] == ["Today", "Later"]
    assert everything["count"] == 4
    assert [m["title"] for m in of_group["results"]] == ["Today"]


def test_the_dashboard_lists_the_meetings_the_person_takes_part_in(
    meeting: Meeting,
    workspace: Workspace,
    lead: User,
    member: User,
    facilitator: User,
    client_for: Callable[[User], APIClient],
) -> None:
    make_meeting(workspace, title="Not mine")

    for_lead = client_for(lead).get(f"{BASE}/dashboard/").json()["upcoming_meetings"]
    for_facilitator = client_for(facilitator).get(f"{BASE}/dashboard/").json()["upcoming_meetings"]
    for_member = client_for(member).get(f"{BASE}/dashboard/").json()["upcoming_meetings"]

    assert [m["title"] for m in for_lead] == ["Joint meeting"]
    assert for_lead[0]["planned_end"].endswith("T09:45:00+07:00")
    assert [m["title"] for m in for_facilitator] == ["Joint meeting"]
    assert for_member == []


def test_meeting_list_query_count_does_not_grow(
    workspace: Workspace,
    inclusion_group: WorkingGroup,
    data_group: WorkingGroup,
    facilitator: User,
    member: User,
    client_for: Callable[[User], APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(12):
        make_meeting(workspace, title=f"Meeting {n}", groups=[inclusion_group, data_group], facilitators=[facilitator])
    client = client_for(member)

    with django_assert_max_num_queries(8):
        response = client.get(f"{BASE}/meetings/")
    with django_assert_max_num_queries(8):
        client.get(f"{BASE}/dashboard/")

    assert response.json()["count"] == 12


# --- Attendance -----------------------------------------------------------------------------------


def test_check_in_self_twice_is_one_attendance_and_undo_removes_it(
    meeting: Meeting, lead: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(lead)

    first = client.post(meeting_path(meeting, "attendance/"), {"user_id": lead.pk}, format="json")
    second = client.post(meeting_path(meeting, "attendance/"), {"user_id": lead.pk}, format="json")
    undone = client.delete(meeting_path(meeting, f"attendance/{lead.pk}/"))
    again = client.delete(meeting_path(meeting, f"attendance/{lead.pk}/"))

    assert (first.status_code, second.status_code, undone.status_code, again.status_code) == (201, 200, 204, 400)
    assert first.json()["checked_in_by"]["id"] == lead.pk
    assert not Attendance.objects.exists()
    assert list(AuditEvent.objects.order_by("id").values_list("verb", flat=True)) == [
        "attendance.checked_in",
        "attendance.undone",
    ]


def test_a_facilitator_checks_people_in_and_a_participant_cannot_undo_someone_else(
    meeting: Meeting, facilitator: User, lead: User, member: User, client_for: Callable[[User], APIClient]
) -> None:
    by_facilitator = client_for(facilitator).post(
        meeting_path(meeting, "attendance/"), {"user_id": member.pk}, format="json"
    )
    undo_by_lead = client_for(lead).delete(meeting_path(meeting, f"attendance/{member.pk}/"))
    outsider_in = client_for(facilitator).post(
        meeting_path(meeting, "attendance/"), {"user_id": 999_999}, format="json"
    )

    assert by_facilitator.status_code == 201
    assert by_facilitator.json()["checked_in_by"]["id"] == facilitator.pk
    assert undo_by_lead.status_code == 403
    assert outsider_in.status_code == 400 and "user_id" in outsider_in.json()
    assert Attendance.objects.filter(meeting=meeting, user=member).exists()


@pytest.fixture
def roll_call(
    meeting: Meeting,
    workspace: Workspace,
    organisation: Organisation,
    inclusion_group: WorkingGroup,
    lead: User,
    member: User,
    facilitator: User,
) -> dict[str, User]:
    """The inclusion group has its lead and two DIA members; the member (DIA) walks in uninvited."""
    first = make_person(workspace, "first@example.org", Role.MEMBER, organisation)
    second = make_person(workspace, "second@example.org", Role.MEMBER, organisation)
    for person in (first, second):
        GroupMembership.objects.create(group=inclusion_group, user=person)
    checked_at = datetime(2030, 1, 1, 1, 30, tzinfo=ZoneInfo("UTC"))
    for person in (first, member, facilitator):
        Attendance.objects.create(meeting=meeting, user=person, checked_in_at=checked_at, checked_in_by=facilitator)
    return {"first": first, "second": second}


def test_attendance_rolls_up_by_organisation_and_group(
    meeting: Meeting,
    roll_call: dict[str, User],
    organisation: Organisation,
    inclusion_group: WorkingGroup,
    lead: User,
    member: User,
    facilitator: User,
    observer: User,
    client_for: Callable[[User], APIClient],
) -> None:
    body = client_for(observer).get(meeting_path(meeting, "attendance/")).json()

    rows = {p["user"]["email"]: p for p in body["participants"]}
    assert set(rows) == {
        "first@example.org",
        "second@example.org",
        "lead@example.org",
        "member@example.org",
        "facilitator@example.org",
    }
    assert rows["member@example.org"]["expected"] is False
    assert rows["member@example.org"]["checked_in_at"] is not None
    assert rows["facilitator@example.org"]["facilitator"] is True
    assert rows["first@example.org"]["groups"] == [inclusion_group.pk]
    assert rows["first@example.org"]["organisation"] == {
        "id": organisation.pk,
        "name": organisation.name,
        "acronym": "DIA",
    }
    assert rows["second@example.org"]["checked_in_at"] is None
    assert body["by_organisation"] == [
        {
            "organisation": {"id": organisation.pk, "name": organisation.name, "acronym": "DIA"},
            "expected": 2,
            "present": 2,
        },
        {"organisation": None, "expected": 2, "present": 1},
    ]
    assert body["by_group"] == [
        {"group": {"id": inclusion_group.pk, "name": inclusion_group.name}, "expected": 3, "present": 1}
    ]


def test_attendance_query_count_does_not_grow(
    meeting: Meeting,
    workspace: Workspace,
    organisation: Organisation,
    inclusion_group: WorkingGroup,
    facilitator: User,
    member: User,
    client_for: Callable[[User], APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(15):
        person = make_person(workspace, f"p{n}@example.org", Role.MEMBER, organisation if n % 2 else None)
        GroupMembership.objects.create(group=inclusion_group, user=person)
        if n % 3:
            Attendance.objects.create(meeting=meeting, user=person, checked_in_by=facilitator)
    client = client_for(member)

    with django_assert_max_num_queries(11):
        response = client.get(meeting_path(meeting, "attendance/"))
    with django_assert_max_num_queries(11):
        client.get(meeting_path(meeting, "attendance.csv"))

    assert len(response.json()["participants"]) == 16


def test_the_attendance_sheet_lists_everyone_with_check_in_times_in_the_meetings_zone(
    meeting: Meeting,
    roll_call: dict[str, User],
    inclusion_group: WorkingGroup,
    member: User,
    client_for: Callable[[User], APIClient],
) -> None:
    response = client_for(member).get(meeting_path(meeting, "attendance.csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Name", "E-mail address", "Organisation", "Working groups", "Facilitator", "Checked in at"]
    by_email = {row[1]: row for row in rows[1:]}
    assert by_email["first@example.org"] == [
        "First",
        "first@example.org",
        "Disability Inclusion Action",
        inclusion_group.name,
        "",
        "2030-01-01 08:30",
    ]
    assert by_email["second@example.org"][5] == ""
    assert by_email["facilitator@example.org"][4] == "Yes"


def test_a_member_outside_the_groups_of_a_closed_meeting_is_refused_not_told_it_is_closed(
    meeting: Meeting, member: User, client_for: Callable[[User], APIClient]
) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CLOSED)

    response = client_for(member).post(meeting_path(meeting, "attendance/"), {"user_id": member.pk}, format="json")

    assert response.status_code == 403


def test_a_name_that_looks_like_a_formula_is_not_run_by_spreadsheets(
    meeting: Meeting,
    inclusion_group: WorkingGroup,
    workspace: Workspace,
    member: User,
    client_for: Callable[[User], APIClient],
) -> None:
    person = make_person(workspace, "formula@example.org", Role.MEMBER)
    person.display_name = '=HYPERLINK("http://evil")'
    person.save()
    GroupMembership.objects.create(group=inclusion_group, user=person)

    text = client_for(member).get(meeting_path(meeting, "attendance.csv")).content.decode("utf-8-sig")

    row = next(r for r in csv.reader(io.StringIO(text)) if r[1] == "formula@example.org")
    assert row[0] == '\'=HYPERLINK("http://evil")'


def test_the_attendance_sheet_headers_speak_khmer(
    meeting: Meeting, member: User, client_for: Callable[[User], APIClient]
) -> None:
    member.preferred_language = "km"
    member.save()

    text = client_for(member).get(meeting_path(meeting, "attendance.csv")).content.decode("utf-8-sig")

    assert text.splitlines()[0].split(",")[0] == "ឈ្មោះ"


def test_the_calendar_entry_parses_with_the_meetings_times_and_a_stable_uid(
    meeting: Meeting, member: User, client_for: Callable[[User], APIClient]
) -> None:
    client = client_for(member)

    first = client.get(meeting_path(meeting, "calendar.ics"))
    second = client.get(meeting_path(meeting, "calendar.ics"))

    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    events = [icalendar.Calendar.from_ical(r.content).walk("VEVENT")[0] for r in (first, second)]
    event = events[0]
    assert event.decoded("dtstart") == datetime.combine(meeting.date, time(8, 0), tzinfo=PHNOM_PENH)
    assert event.decoded("dtend") == datetime.combine(meeting.date, time(9, 45), tzinfo=PHNOM_PENH)
    assert event["dtstart"].params["TZID"] == "Asia/Phnom_Penh"
    assert str(event["summary"]) == "Joint meeting"
    assert str(event["location"]) == "Secretariat"
    assert str(event["url"]).endswith(f"/w/test-network/meetings/{meeting.pk}")
    assert str(event["uid"]) == str(events[1]["uid"])
    assert "Item 2" in str(event["description"])


# --- Demo data ------------------------------------------------------------------------------------


def test_seed_demo_twice_makes_one_upcoming_joint_meeting(db: None) -> None:
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    meeting = Meeting.objects.get()
    assert meeting.title == "Joint thematic working group meeting"
    assert meeting.date == timezone.localdate() + timedelta(days=7)
    assert meeting.groups.count() == 5
    assert sorted(meeting.facilitators.values_list("email", flat=True)) == [
        "facilitator2@example.org",
        "facilitator@example.org",
    ]
    assert meeting.items.count() == 8
    assert meeting.items.order_by("position").first().title == "Welcome remarks"  # type: ignore[union-attr]
