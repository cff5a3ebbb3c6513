"""Input and output shapes of group sessions, their parking lot and dot votes (the live meeting's rooms)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from groups.models import (
    MAX_DOTS_PER_PERSON,
    MAX_STEP_MINUTES,
    MAX_VOTE_OPTIONS,
    DotVote,
    DotVoteStatus,
    GroupSession,
    ParkingDisposition,
    ParkingLotItem,
    SessionStatus,
    SessionStep,
)
from groups.selectors.sessions import SessionDetail
from groups.services.sessions import MAX_EXTEND_MINUTES, MAX_PARKING_TEXT, SESSION_COMMAND_ACTIONS
from groups.services.votes import MAX_OPTION_LABEL, MAX_QUESTION, MAX_VOTE_MINUTES
from workspace.api.serializers import UserSummaryOutputSerializer


class SessionGroupOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SessionAgendaItemOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()


class SessionStepOutputSerializer(serializers.Serializer[Any]):
    key = serializers.ChoiceField(choices=SessionStep.choices)
    # DRF pops declared fields off the class, so this does not shadow Field.label; mypy cannot know that.
    label = serializers.CharField(help_text="In the person's language.")  # type: ignore[assignment]


class SessionTimerOutputSerializer(serializers.Serializer[Any]):
    """remaining = duration_seconds − elapsed_seconds − (running ? server_time − started_at : 0); may be negative."""

    running = serializers.BooleanField(source="timer_running")
    started_at = serializers.DateTimeField(source="timer_started_at", allow_null=True)
    elapsed_seconds = serializers.IntegerField(source="timer_elapsed_seconds", help_text="Banked at each pause.")
    duration_seconds = serializers.SerializerMethodField(help_text="step_minutes × 60 + extensions.")

    def get_duration_seconds(self, session: GroupSession) -> int:
        return session.step_minutes * 60 + session.timer_extra_seconds


class SessionPermissionsOutputSerializer(serializers.Serializer[Any]):
    control = serializers.BooleanField(help_text="May run the session: step, timer, dispositions, votes, closing.")
    participate = serializers.BooleanField(help_text="May add to the parking lot and place dots.")


class ParkingLotItemOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    text = serializers.CharField()
    author = UserSummaryOutputSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    disposition = serializers.ChoiceField(
        choices=ParkingDisposition.choices, allow_blank=True, help_text="Blank until a facilitator decides."
    )
    disposition_note = serializers.CharField(allow_blank=True)
    decided_by = UserSummaryOutputSerializer(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


class DotVoteOptionOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    my_dots = serializers.IntegerField(help_text="The caller's own dots on this option.")
    total = serializers.IntegerField(
        source="shown_total", allow_null=True, help_text="Null while the vote is open: individual dots stay hidden."
    )
    top = serializers.BooleanField(
        help_text="At close: ranked 1 to 3 by total, ties sharing a rank (5, 5, 3, 2 marks the fives and the "
        "three); options without dots never. False while open."
    )


class DotVoteOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    question = serializers.CharField()
    dots_per_person = serializers.IntegerField()
    closes_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=DotVoteStatus.choices)
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    results_visible = serializers.SerializerMethodField(help_text="True once the vote has closed.")
    voters_count = serializers.IntegerField(help_text="People who placed at least one dot.")
    my_dots_used = serializers.IntegerField()
    options = DotVoteOptionOutputSerializer(many=True, source="ranked_options")

    def get_results_visible(self, vote: DotVote) -> bool:
        return vote.status == DotVoteStatus.CLOSED


class SessionDetailOutputSerializer(serializers.Serializer[Any]):
    server_time = serializers.DateTimeField(help_text="Correct the client's clock with it.")
    id = serializers.IntegerField(source="session.pk")
    group = SessionGroupOutputSerializer(source="session.group")
    item = SessionAgendaItemOutputSerializer(source="session.item")
    facilitator = UserSummaryOutputSerializer(source="session.facilitator", allow_null=True)
    current_step = serializers.ChoiceField(source="session.current_step", choices=SessionStep.choices)
    steps = serializers.SerializerMethodField(help_text="The step guide, in order.")
    step_minutes = serializers.IntegerField(source="session.step_minutes")
    timer = SessionTimerOutputSerializer(source="session")
    status = serializers.ChoiceField(source="session.status", choices=SessionStatus.choices)
    version = serializers.IntegerField(source="session.version", help_text="Grows with every accepted change.")
    permissions = SessionPermissionsOutputSerializer()
    parking_lot = ParkingLotItemOutputSerializer(many=True, help_text="Oldest first.")
    votes = DotVoteOutputSerializer(many=True, help_text="Newest first.")
    presence = UserSummaryOutputSerializer(many=True, help_text="People in this room, seen in the last 60 seconds.")

    @extend_schema_field(SessionStepOutputSerializer(many=True))
    def get_steps(self, detail: SessionDetail) -> list[dict[str, str]]:
        return [{"key": step.value, "label": str(step.label)} for step in SessionStep]


class SessionCommandInputSerializer(serializers.Serializer[Any]):
    """One command to a session. Which other fields count depends on `action`; the service checks them, so the
    websocket's `session_command` is held to the same rules."""

    action = serializers.ChoiceField(choices=SESSION_COMMAND_ACTIONS)
    step = serializers.CharField(required=False, help_text="step_go: the step to move to.")
    minutes = serializers.IntegerField(
        required=False,
        help_text=f"timer_extend: 1 to {MAX_EXTEND_MINUTES} minutes to add; set_step_minutes: 1 to {MAX_STEP_MINUTES}.",
    )
    user_id = serializers.IntegerField(
        required=False, allow_null=True, help_text="assign_facilitator: the person, or null for nobody."
    )


class ParkingLotItemCreateInputSerializer(serializers.Serializer[ParkingLotItem]):
    text = serializers.CharField(max_length=MAX_PARKING_TEXT)


class ParkingLotItemDecideInputSerializer(serializers.Serializer[ParkingLotItem]):
    disposition = serializers.ChoiceField(choices=ParkingDisposition.choices)
    disposition_note = serializers.CharField(max_length=MAX_PARKING_TEXT, required=False, allow_blank=True)


class DotVoteCreateInputSerializer(serializers.Serializer[DotVote]):
    question = serializers.CharField(max_length=MAX_QUESTION)
    options = serializers.ListField(
        child=serializers.CharField(max_length=MAX_OPTION_LABEL, allow_blank=True),
        help_text=f"2 to {MAX_VOTE_OPTIONS} different labels, in order.",
    )
    dots_per_person = serializers.IntegerField(help_text=f"1 to {MAX_DOTS_PER_PERSON}.")
    minutes = serializers.IntegerField(help_text=f"How long the vote stays open: 1 to {MAX_VOTE_MINUTES}.")


class DotPlaceInputSerializer(serializers.Serializer[Any]):
    option_id = serializers.IntegerField()
