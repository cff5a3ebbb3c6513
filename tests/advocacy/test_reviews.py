"""The executive committee's review of agendas, through the API with the personas: submitting (only leads,
only complete agendas), reviewing with the rubric, the group's responses, resubmitting and the diff,
approvals, freezing (REST and live edits), reopening as a new version, publishing to the policy bank,
who sees whose review, the audit trail, notifications, and two approvals racing."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import channel_layers
from django import db
from django.core.exceptions import ValidationError
from django.db import connection
from pycrdt import Doc, Map, Text, XmlElement, XmlFragment, XmlText
from rest_framework.test import APIClient

from advocacy import services
from advocacy.models import AdvocacyAgenda, AgendaStatus, AgendaSubmission, ReviewSettings
from advocacy.selectors.reviews import word_diff
from groups.models import GroupMembership, GroupRole, WorkingGroup
from policybank.models import DocumentKind, PolicyDocument
from tests.advocacy.helpers import BASE, actor_of, agenda, agenda_path
from tests.conftest import make_person
from tests.workspace.test_live_documents import Peer, open_peer
from workspace.live.services import live_document_change
from workspace.models import AuditEvent, LiveDocumentUpdate, Notification, Role, User, Workspace

pytestmark = pytest.mark.django_db

agenda = agenda

CRITERIA = ["evidence", "smart_objectives", "feasibility", "alignment", "clarity_of_asks"]
TRANSITIONS = [
    "advocacy_agenda.submitted",
    "advocacy_agenda.changes_requested",
    "advocacy_agenda.approved",
    "advocacy_agenda.revised",
    "advocacy_agenda.reopened",
    "advocacy_agenda.published",
]


def paragraph(doc: Doc, section: str, text: str) -> None:
    fragment = doc.get(section, type=XmlFragment)
    while len(fragment.children):
        del fragment.children[0]
    fragment.children.append(XmlElement("paragraph", None, [XmlText(text)]))


def fill(agenda: AdvocacyAgenda, user: User, *, skip: tuple[str, ...] = (), goal: str = "Every child learns") -> None:
    """Writes every required section (but `skip`) into the agenda's document, as editors would."""

    def change(doc: Doc) -> None:
        if "issue_statement" not in skip:
            paragraph(doc, "issue_statement", "Children with disabilities drop out of primary school")
        if "goal" not in skip:
            paragraph(doc, "goal", goal)
        rows: dict[str, dict[str, Any]] = {
            "objectives": {"statement": Text("Train 500 teachers in inclusive methods by 2027")},
            "stakeholders": {"name": Text("Ministry of Education"), "category": "decision_maker"},
            "messages": {"message": Text("Inclusion works"), "ask": Text("Fund teacher training")},
            "actions": {"activity": Text("Policy brief"), "status": "planned"},
            "indicators": {"name": Text("Trained teachers"), "baseline": Text("40"), "target": Text("500")},
        }
        for section, row in rows.items():
            if section not in skip:
                doc.get(section, type=Map)[f"{section}-row-1"] = Map({"position": 1.0, **row})
        if "methods" not in skip:
            doc.get("methods", type=Map)["policy_dialogue"] = True

    live_document_change(kind="agenda", object_id=agenda.pk, author=user, change=change)


def scores(value: int = 4) -> list[dict[str, Any]]:
    return [{"criterion": key, "score": value, "comment": ""} for key in CRITERIA]


def review(client: APIClient, agenda: AdvocacyAgenda, number: int, decision: str, **extra: Any) -> Any:
    body = {"decision": decision, "scores": scores(), **extra}
    return client.post(agenda_path(agenda, f"submissions/{number}/reviews/"), body, format="json")


def transitions(agenda: AdvocacyAgenda) -> list[tuple[str, str]]:
    events = AuditEvent.objects.filter(verb__in=TRANSITIONS, target_id=str(agenda.pk)).order_by("id")
    return [(event.before["status"], event.after["status"]) for event in events]


@pytest.fixture
def group_member(workspace: Workspace, inclusion_group: WorkingGroup) -> User:
    user = make_person(workspace, "group.member@example.org", Role.MEMBER)
    GroupMembership.objects.create(group=inclusion_group, user=user, role=GroupRole.MEMBER)
    return user


@pytest.fixture
def submitted(
    agenda: AdvocacyAgenda, lead: User, executive: User, client_for: Callable[..., APIClient]
) -> AdvocacyAgenda:
    fill(agenda, lead)
    response = client_for(lead).post(agenda_path(agenda, "submit/"), {"note": "First draft"}, format="json")
    assert response.status_code == 201, response.content
    return agenda


# --- Submitting -------------------------------------------------------------------------------------


def test_the_lead_submits_a_complete_agenda_which_freezes_a_numbered_copy(
    agenda: AdvocacyAgenda, lead: User, executive: User, client_for: Callable[..., APIClient]
) -> None:
    fill(agenda, lead)

    response = client_for(lead).post(agenda_path(agenda, "submit/"), {"note": "Please review"}, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["version"], body["can_submit"]) == ("submitted", 1, False)
    assert body["current_submission"]["number"] == 1 and body["current_submission"]["status"] == "pending"
    submission = AgendaSubmission.objects.get(agenda=agenda)
    assert submission.content["goal"] == "<p>Every child learns</p>"
    assert submission.content["objectives"][0]["statement"] == "Train 500 teachers in inclusive methods by 2027"
    assert submission.content["methods"]["methods"] == ["policy_dialogue"]
    assert transitions(agenda) == [("draft", "submitted")]
    # The executive committee is told; the lead who submitted is not.
    assert Notification.objects.filter(recipient=executive, kind="advocacy_agenda.submitted").count() == 1
    assert not Notification.objects.filter(recipient=lead).exists()
    detail = client_for(executive).get(agenda_path(agenda, "submissions/1/")).json()
    assert detail["content"]["goal"] == "<p>Every child learns</p>"
    assert detail["submission"]["note"] == "Please review"


def test_a_plain_group_member_cannot_submit(
    agenda: AdvocacyAgenda, lead: User, group_member: User, client_for: Callable[..., APIClient]
) -> None:
    fill(agenda, lead)

    response = client_for(group_member).post(agenda_path(agenda, "submit/"), {}, format="json")

    assert response.status_code == 403
    assert "lead" in response.json()["detail"]
    assert AdvocacyAgenda.objects.get(pk=agenda.pk).status == AgendaStatus.DRAFT


@pytest.mark.parametrize("persona_name", ["admin", "executive", "facilitator", "observer"])
def test_only_the_lead_submits_not_even_administrators_or_executives(
    persona_name: str, agenda: AdvocacyAgenda, lead: User, client_for: Callable[..., APIClient], request: Any
) -> None:
    fill(agenda, lead)
    assert client_for(request.getfixturevalue(persona_name)).post(agenda_path(agenda, "submit/")).status_code == 403


def test_missing_required_sections_are_named_in_the_persons_language(
    agenda: AdvocacyAgenda, lead: User, client_for: Callable[..., APIClient]
) -> None:
    fill(agenda, lead, skip=("goal", "indicators"))
    client = client_for(lead)

    response = client.post(agenda_path(agenda, "submit/"), {}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["missing_sections"] == ["goal", "indicators"]
    assert "Goal" in body["detail"] and "Indicators" in body["detail"]
    lead.preferred_language = "km"
    lead.save(update_fields=["preferred_language"])
    khmer = client.post(agenda_path(agenda, "submit/"), {}, format="json")
    assert khmer.status_code == 400 and khmer.json()["missing_sections"] == ["goal", "indicators"]
    assert "Goal" not in khmer.json()["detail"] and "Fill in" not in khmer.json()["detail"]
    assert AgendaSubmission.objects.count() == 0
    workflow = client.get(agenda_path(agenda, "workflow/")).json()
    assert workflow["missing_sections"] == ["goal", "indicators"] and workflow["can_submit"] is True


def test_outsiders_get_404_for_every_review_endpoint(
    submitted: AdvocacyAgenda, outsider: User, client_for: Callable[..., APIClient]
) -> None:
    client = client_for(outsider)
    for path in ("workflow/", "submissions/", "submissions/1/", "submissions/1/diff/?against=1"):
        assert client.get(agenda_path(submitted, path)).status_code == 404, path
    for path in ("submit/", "revise/", "reopen/", "publish/"):
        assert client.post(agenda_path(submitted, path), {}, format="json").status_code == 404, path
    assert review(client, submitted, 1, "approve").status_code == 404
    assert client.get(f"{BASE}/review-settings/").status_code == 404


# --- Reviewing --------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona_name", ["admin", "facilitator", "member", "observer", "lead"])
def test_only_the_executive_committee_reviews(
    persona_name: str, submitted: AdvocacyAgenda, client_for: Callable[..., APIClient], request: Any
) -> None:
    response = review(client_for(request.getfixturevalue(persona_name)), submitted, 1, "approve")

    assert response.status_code == 403
    assert response.json()["detail"]
    assert AdvocacyAgenda.objects.get(pk=submitted.pk).status == AgendaStatus.SUBMITTED


def test_a_review_must_score_every_criterion_from_1_to_5(
    submitted: AdvocacyAgenda, executive: User, client_for: Callable[..., APIClient]
) -> None:
    client = client_for(executive)

    partial = client.post(
        agenda_path(submitted, "submissions/1/reviews/"),
        {"decision": "approve", "scores": scores()[:3]},
        format="json",
    )
    out_of_range = client.post(
        agenda_path(submitted, "submissions/1/reviews/"),
        {"decision": "approve", "scores": [{**score, "score": 6} for score in scores()]},
        format="json",
    )
    without_reasons = review(client, submitted, 1, "request_changes")

    assert partial.status_code == 400 and "scores" in partial.json()
    assert out_of_range.status_code == 400
    assert without_reasons.status_code == 400 and "reasons" in without_reasons.json()
    assert AdvocacyAgenda.objects.get(pk=submitted.pk).status == AgendaStatus.SUBMITTED


def test_the_whole_workflow_from_draft_to_published(
    agenda: AdvocacyAgenda,
    lead: User,
    group_member: User,
    executive: User,
    second_executive: User,
    admin: User,
    client_for: Callable[..., APIClient],
) -> None:
    as_lead, as_member, as_executive = client_for(lead), client_for(group_member), client_for(executive)
    ReviewSettings.objects.create(workspace=agenda.group.workspace, approvals_required=2)
    fill(agenda, lead)
    assert as_lead.post(agenda_path(agenda, "submit/"), {}, format="json").status_code == 201

    # An executive sends it back: rubric scores, a comment on the goal and one on the indicators.
    sent_back = review(
        as_executive,
        agenda,
        1,
        "request_changes",
        reasons="The goal is vague.",
        scores=[{"criterion": key, "score": 2, "comment": "Needs work"} for key in CRITERIA],
        comments=[
            {"section": "goal", "body": "Say which children and by when."},
            {"section": "indicators", "body": "Add a disaggregated indicator."},
        ],
    )
    assert sent_back.status_code == 201, sent_back.content
    reviewed = sent_back.json()["reviews"][0]
    assert [score["score"] for score in reviewed["scores"]] == [2] * 5
    assert reviewed["scores"][0]["label"] == "Strength of evidence"
    goal_comment, indicator_comment = reviewed["comments"]
    assert goal_comment["section"] == "goal" and goal_comment["response"] is None
    assert AdvocacyAgenda.objects.get(pk=agenda.pk).status == AgendaStatus.CHANGES_REQUESTED
    assert Notification.objects.filter(recipient=group_member, kind="advocacy_agenda.changes_requested").exists()
    # Still frozen while the group reads the comments.
    assert as_lead.patch(agenda_path(agenda), {"title": "New"}, format="json").status_code == 400

    # The group answers each comment; declining needs a reason.
    respond = agenda_path(agenda, f"review-comments/{indicator_comment['id']}/response/")
    assert as_member.put(respond, {"response": "declined"}, format="json").status_code == 400
    assert as_member.put(respond, {"response": "declined", "reason": "No data yet"}, format="json").status_code == 200
    resubmit_early = as_lead.post(agenda_path(agenda, "submit/"), {}, format="json")
    assert resubmit_early.status_code == 400  # one comment still unanswered
    accepted = as_lead.put(
        agenda_path(agenda, f"review-comments/{goal_comment['id']}/response/"), {"response": "accepted"}, format="json"
    )
    assert accepted.status_code == 200 and accepted.json()["response"] == "accepted"
    assert as_executive.put(respond, {"response": "done"}, format="json").status_code == 403

    # The group revises (explicitly), edits the goal, marks the comment done and resubmits.
    revised = as_member.post(agenda_path(agenda, "revise/"))
    assert revised.status_code == 200 and revised.json()["status"] == "draft"
    fill(agenda, lead, goal="Every child with a disability completes primary school by 2030")

    def more_rows(doc: Doc) -> None:
        indicator = doc.get("indicators", type=Map)["indicators-row-1"]
        indicator["target"] = Text("800")
        doc.get("risks", type=Map)["risks-row-1"] = Map({"position": 1.0, "risk": Text("Budget cuts")})

    live_document_change(kind="agenda", object_id=agenda.pk, author=lead, change=more_rows)
    assert (
        as_lead.put(
            agenda_path(agenda, f"review-comments/{goal_comment['id']}/response/"), {"response": "done"}, format="json"
        ).status_code
        == 200
    )
    assert as_lead.post(agenda_path(agenda, "submit/"), {}, format="json").status_code == 201

    # Reviewers see what changed, section by section.
    diff = as_executive.get(agenda_path(agenda, "submissions/2/diff/")).json()
    changed = {section["section"]: section for section in diff["sections"] if section["changed"]}
    assert list(changed) == ["goal", "indicators", "risks"]
    indicators = changed["indicators"]
    assert (indicators["rows_added"], indicators["rows_removed"]) == ([], [])
    assert indicators["rows_changed"][0]["changed_fields"] == ["target"]
    assert indicators["rows_changed"][0]["after"]["target"] == "800"
    assert [row["risk"] for row in changed["risks"]["rows_added"]] == ["Budget cuts"]
    assert (diff["before"]["number"], diff["after"]["number"]) == (1, 2)
    words = changed["goal"]["words"]
    assert {"op": "insert", "text": "with a disability completes primary school by 2030"} in words
    assert {"op": "delete", "text": "learns"} in words

    # Two approvals are needed: the first keeps it submitted, the second approves.
    first = review(as_executive, agenda, 2, "approve")
    assert first.status_code == 201
    assert AdvocacyAgenda.objects.get(pk=agenda.pk).status == AgendaStatus.SUBMITTED
    assert client_for(lead).get(agenda_path(agenda, "workflow/")).json()["approvals"] == 1
    second = review(client_for(second_executive), agenda, 2, "approve", reasons="Clear asks.")
    assert second.status_code == 201
    assert AdvocacyAgenda.objects.get(pk=agenda.pk).status == AgendaStatus.APPROVED
    assert Notification.objects.filter(recipient=lead, kind="advocacy_agenda.approved").exists()
    third = review(
        client_for(make_person(agenda.group.workspace, "third@example.org", Role.EXECUTIVE)), agenda, 2, "approve"
    )
    assert third.status_code == 400

    # Approved is frozen; only administrators and executives publish it.
    assert as_lead.put(agenda_path(agenda, "sections/goal/ready/"), {"ready": True}, format="json").status_code == 400
    assert as_lead.post(agenda_path(agenda, "publish/")).status_code == 403
    published = client_for(admin).post(agenda_path(agenda, "publish/"))
    assert published.status_code == 200, published.content
    body = published.json()
    assert body["status"] == "published" and body["published_document_id"] is not None
    document = PolicyDocument.objects.get(pk=body["published_document_id"])
    assert document.kind == DocumentKind.NETWORK_POSITION and document.group_id == agenda.group_id
    assert "Every child with a disability completes primary school by 2030" in document.body_text
    assert "Ministry of Education" in document.body_text

    assert transitions(agenda) == [
        ("draft", "submitted"),
        ("submitted", "changes_requested"),
        ("changes_requested", "draft"),
        ("draft", "submitted"),
        ("submitted", "approved"),
        ("approved", "published"),
    ]
    assert [entry["number"] for entry in as_lead.get(agenda_path(agenda, "submissions/")).json()["results"]] == [2, 1]


def test_reopening_an_approved_agenda_makes_version_2_as_a_draft(
    submitted: AdvocacyAgenda, lead: User, executive: User, member: User, client_for: Callable[..., APIClient]
) -> None:
    assert review(client_for(executive), submitted, 1, "approve").status_code == 201

    assert client_for(member).post(agenda_path(submitted, "reopen/")).status_code == 403
    response = client_for(lead).post(agenda_path(submitted, "reopen/"), {"reason": "New census data"}, format="json")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["version"]) == ("draft", 2)
    assert client_for(lead).patch(agenda_path(submitted), {"title": "Version 2"}, format="json").status_code == 200
    event = AuditEvent.objects.get(verb="advocacy_agenda.reopened")
    assert (event.before["status"], event.after["status"], event.after["reason"]) == (
        "approved",
        "draft",
        "New census data",
    )
    assert event.actor == lead
    # Version 1 as approved stays in its submission.
    assert AgendaSubmission.objects.get(agenda=submitted, number=1).agenda_version == 1
    assert client_for(lead).post(agenda_path(submitted, "submit/")).status_code == 201
    assert AgendaSubmission.objects.get(agenda=submitted, number=2).agenda_version == 2


def test_every_step_is_refused_in_the_wrong_state(
    agenda: AdvocacyAgenda, lead: User, executive: User, client_for: Callable[..., APIClient]
) -> None:
    fill(agenda, lead)
    as_lead, as_executive = client_for(lead), client_for(executive)
    assert as_lead.post(agenda_path(agenda, "revise/")).status_code == 400
    assert as_lead.post(agenda_path(agenda, "reopen/")).status_code == 400
    assert as_executive.post(agenda_path(agenda, "publish/")).status_code == 400
    assert as_lead.post(agenda_path(agenda, "submit/")).status_code == 201
    assert as_lead.post(agenda_path(agenda, "submit/")).status_code == 400
    assert transitions(agenda) == [("draft", "submitted")]


# --- Who sees whose review --------------------------------------------------------------------------


def test_reviewers_see_each_others_reviews_only_after_writing_their_own(
    submitted: AdvocacyAgenda,
    executive: User,
    second_executive: User,
    lead: User,
    admin: User,
    client_for: Callable[..., APIClient],
) -> None:
    ReviewSettings.objects.create(workspace=submitted.group.workspace, approvals_required=3)
    assert review(client_for(executive), submitted, 1, "approve", reasons="Strong evidence").status_code == 201

    before = client_for(second_executive).get(agenda_path(submitted, "submissions/1/")).json()
    as_lead = client_for(lead).get(agenda_path(submitted, "submissions/1/")).json()
    as_admin = client_for(admin).get(agenda_path(submitted, "submissions/1/")).json()
    after = review(client_for(second_executive), submitted, 1, "approve").json()

    assert (before["reviews"], before["hidden_reviews"]) == ([], 1)
    assert (as_lead["reviews"], as_lead["hidden_reviews"]) == ([], 1)
    assert len(as_admin["reviews"]) == 1
    assert [item["reasons"] for item in after["reviews"]] == ["Strong evidence", ""]
    assert after["hidden_reviews"] == 0


def test_with_the_setting_off_reviewers_see_the_others_at_once(
    submitted: AdvocacyAgenda, executive: User, second_executive: User, client_for: Callable[..., APIClient]
) -> None:
    ReviewSettings.objects.create(
        workspace=submitted.group.workspace, approvals_required=2, reviews_hidden_until_own=False
    )
    review(client_for(executive), submitted, 1, "approve")

    assert len(client_for(second_executive).get(agenda_path(submitted, "submissions/1/")).json()["reviews"]) == 1


# --- Settings ---------------------------------------------------------------------------------------


def test_administrators_and_executives_edit_the_rubric_and_the_approvals_needed(
    workspace: Workspace, admin: User, executive: User, member: User, client_for: Callable[..., APIClient]
) -> None:
    defaults = client_for(member).get(f"{BASE}/review-settings/").json()
    assert (defaults["approvals_required"], defaults["reviews_hidden_until_own"], defaults["can_edit"]) == (
        1,
        True,
        False,
    )
    assert [criterion["key"] for criterion in defaults["rubric"]] == CRITERIA

    refused = client_for(member).patch(f"{BASE}/review-settings/", {"approvals_required": 2}, format="json")
    changed = client_for(executive).patch(
        f"{BASE}/review-settings/",
        {"approvals_required": 2, "rubric": [{"key": "evidence"}, {"key": "gender", "label": "Gender lens"}]},
        format="json",
    )
    unnamed = client_for(admin).patch(f"{BASE}/review-settings/", {"rubric": [{"key": "new_one"}]}, format="json")

    assert refused.status_code == 403
    assert changed.status_code == 200, changed.content
    assert changed.json()["rubric"] == [
        {"key": "evidence", "label": "Strength of evidence"},
        {"key": "gender", "label": "Gender lens"},
    ]
    assert unnamed.status_code == 400
    assert AuditEvent.objects.filter(verb="review_settings.updated").count() == 1


def test_default_criteria_saved_under_their_names_stay_translated_for_every_reader(
    executive: User, member: User, client_for: Callable[..., APIClient]
) -> None:
    """An editor reading Khmer saves the rubric as shown (the defaults in Khmer) and adds a criterion: an
    English reader still sees the defaults in English, and the new criterion as it was typed."""
    executive.preferred_language = "km"
    executive.save(update_fields=["preferred_language"])
    shown = client_for(executive).get(f"{BASE}/review-settings/").json()["rubric"]
    assert shown[0] == {"key": "evidence", "label": "ភាពរឹងមាំនៃភស្តុតាង"}

    saved = client_for(executive).patch(
        f"{BASE}/review-settings/",
        {"rubric": [*shown, {"key": "gender", "label": "ទស្សនៈយេនឌ័រ"}]},
        format="json",
    )

    assert saved.status_code == 200, saved.content
    english = client_for(member).get(f"{BASE}/review-settings/").json()["rubric"]
    assert [criterion["label"] for criterion in english] == [
        "Strength of evidence",
        "SMART objectives",
        "Feasibility",
        "Alignment with network priorities",
        "Clarity of asks",
        "ទស្សនៈយេនឌ័រ",
    ]


# --- Frozen means frozen ----------------------------------------------------------------------------


def test_a_submitted_agenda_refuses_rest_content_writes(
    submitted: AdvocacyAgenda, lead: User, client_for: Callable[..., APIClient]
) -> None:
    client = client_for(lead)
    assert client.patch(agenda_path(submitted), {"title": "New"}, format="json").status_code == 400
    assert client.put(agenda_path(submitted, "sections/goal/ready/"), {"ready": True}, format="json").status_code == 400
    assert (
        client.patch(agenda_path(submitted, "actions/actions-row-1/"), {"status": "done"}, format="json").status_code
        == 400
    )
    assert client.delete(agenda_path(submitted)).status_code == 400


@pytest.fixture
def in_memory_channel_layer(settings: Any) -> None:
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends = {}


@pytest.mark.django_db(transaction=True)
async def test_submitting_turns_an_open_editor_read_only_and_drops_its_edits(
    in_memory_channel_layer: None, workspace: Workspace, lead: User, inclusion_group: WorkingGroup
) -> None:
    agenda = await sync_to_async(services.agenda_create)(
        actor=await sync_to_async(actor_of)(lead), group=inclusion_group, title="Inclusive schools"
    )
    await sync_to_async(fill)(agenda, lead)
    peer: Peer = await open_peer(lead, f"/ws/doc/agenda/{agenda.pk}/")
    await peer.until(lambda: peer.client.mode == "edit")

    await sync_to_async(services.agenda_submit)(actor=await sync_to_async(actor_of)(lead), agenda=agenda)
    await peer.until(lambda: peer.client.mode == "read", timeout=5)
    stored = await LiveDocumentUpdate.objects.filter(document__object_id=agenda.pk).acount()

    def change(doc: Doc) -> None:
        doc.get("risks", type=Map)["late-risk-1"] = Map({"position": 1.0, "risk": Text("Too late")})

    await peer.send(peer.client.edit(change))
    await asyncio.sleep(0.5)
    await peer.pump()

    assert await LiveDocumentUpdate.objects.filter(document__object_id=agenda.pk).acount() == stored
    await peer.close()


# --- Query budgets ----------------------------------------------------------------------------------


def test_submission_list_and_detail_queries_do_not_grow(
    agenda: AdvocacyAgenda,
    lead: User,
    executive: User,
    client_for: Callable[..., APIClient],
    django_assert_max_num_queries: Any,
) -> None:
    fill(agenda, lead)
    as_lead, as_executive = client_for(lead), client_for(executive)
    for number in (1, 2, 3):
        assert as_lead.post(agenda_path(agenda, "submit/")).status_code == 201
        comments = [{"section": "goal", "body": f"Comment {index}"} for index in range(4)]
        review(as_executive, agenda, number, "request_changes", reasons="More", comments=comments)
        for comment in AgendaSubmission.objects.get(agenda=agenda, number=number).reviews.get().comments.all():
            services.review_comment_respond(actor=actor_of(lead), comment=comment, response="accepted")

    with django_assert_max_num_queries(8):
        listed = as_lead.get(agenda_path(agenda, "submissions/"))
    with django_assert_max_num_queries(12):
        detail = as_lead.get(agenda_path(agenda, "submissions/3/"))
    with django_assert_max_num_queries(16):
        workflow = as_lead.get(agenda_path(agenda, "workflow/"))

    assert len(listed.json()["results"]) == 3
    assert len(detail.json()["reviews"][0]["comments"]) == 4
    assert workflow.json()["can_respond"] is True


# --- Two reviewers at the same moment ---------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every writer; the race needs row locks"
)
@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_when_one_is_needed_make_one_transition(
    agenda: AdvocacyAgenda, lead: User, executive: User, second_executive: User
) -> None:
    fill(agenda, lead)
    submission = services.agenda_submit(actor=actor_of(lead), agenda=agenda)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(user: User) -> None:
        try:
            actor = actor_of(user)
            submission_copy = AgendaSubmission.objects.select_related("agenda__group").get(pk=submission.pk)
            barrier.wait()
            services.review_create(actor=actor, submission=submission_copy, decision="approve", scores=scores())
            outcomes.append("approved")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            db.connections.close_all()

    threads = [threading.Thread(target=approve, args=(user,)) for user in (executive, second_executive)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["This submission is no longer awaiting review.", "approved"]
    assert AdvocacyAgenda.objects.get(pk=agenda.pk).status == AgendaStatus.APPROVED
    assert AuditEvent.objects.filter(verb="advocacy_agenda.approved").count() == 1
    assert transitions(agenda) == [("draft", "submitted"), ("submitted", "approved")]


def test_a_paragraph_added_after_the_last_word_leaves_that_word_unchanged() -> None:
    changes = word_diff(
        "Every child completes primary education.", "Every child completes primary education.\nIn 2030."
    )
    assert [(change.op, change.text) for change in changes] == [
        ("equal", "Every child completes primary education."),
        ("insert", "\nIn 2030."),
    ]
    # A word replaced in the middle is one deletion and one insertion, the words around it unchanged.
    changes = word_diff("Train 500 teachers by 2027.", "Train 800 teachers by 2027.")
    assert [(change.op, change.text) for change in changes] == [
        ("equal", "Train "),
        ("delete", "500"),
        ("insert", "800"),
        ("equal", " teachers by 2027."),
    ]
