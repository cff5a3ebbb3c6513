"""Input and output shapes of a running meeting (`live/`): the snapshot and the console's commands.

The selectors build the snapshot as plain data (the same shapes go out as websocket events); these
serializers state its shape for the OpenAPI schema, from which the front end's types are generated.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from groups.api.session_serializers import SessionDetailOutputSerializer
from groups.models import AgendaItemKind, MeetingStatus, SessionStatus, SessionStep
from groups.services.live import LIVE_ACTIONS, MAX_EXTEND_MINUTES, SPOTLIGHT_KIND_CHOICES


class LivePersonOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    display_name = serializers.CharField()
    email = serializers.EmailField()


class LiveTimerOutputSerializer(serializers.Serializer[Any]):
    """remaining = duration_seconds − elapsed_seconds − (running ? server_now − started_at : 0); may go negative."""

    running = serializers.BooleanField()
    started_at = serializers.DateTimeField(allow_null=True, help_text="Set while running.")
    elapsed_seconds = serializers.IntegerField(help_text="Banked at each pause; excludes the running stretch.")
    duration_seconds = serializers.IntegerField(help_text="Planned length plus extensions.")


class LiveSpotlightOutputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=SPOTLIGHT_KIND_CHOICES)
    id = serializers.IntegerField()
    # DRF's metaclass moves declared fields off the class, so this does not shadow `Field.label`.
    label = serializers.CharField()  # type: ignore[assignment]


class LiveRunStateOutputSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(help_text="Grows with every change; apply an event only if newer.")
    current_item_id = serializers.IntegerField(allow_null=True)
    timer = LiveTimerOutputSerializer()
    spotlight = LiveSpotlightOutputSerializer(allow_null=True)
    editing_open = serializers.BooleanField(help_text="Whether groups may edit their work now.")
    started_at = serializers.DateTimeField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)


class LiveMeetingOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=MeetingStatus.choices)
    timezone = serializers.CharField()


class LivePermissionsOutputSerializer(serializers.Serializer[Any]):
    control = serializers.BooleanField(help_text="May send console commands and control every session.")


class LiveItemOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=AgendaItemKind.choices)
    title = serializers.CharField()
    planned_minutes = serializers.IntegerField()


class LiveGroupOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class LiveSessionSummaryOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    group = LiveGroupOutputSerializer()
    item_id = serializers.IntegerField()
    facilitator = LivePersonOutputSerializer(allow_null=True)
    current_step = serializers.ChoiceField(choices=SessionStep.choices)
    status = serializers.ChoiceField(choices=SessionStatus.choices)
    participate = serializers.BooleanField(help_text="May add to the parking lot and place dots.")


class LivePresenceOutputSerializer(serializers.Serializer[Any]):
    user = LivePersonOutputSerializer()
    session_id = serializers.IntegerField(allow_null=True, help_text="The session room, or null for the plenary.")


class LiveSnapshotOutputSerializer(serializers.Serializer[Any]):
    server_time = serializers.DateTimeField(help_text="Correct the client's clock with it.")
    meeting = LiveMeetingOutputSerializer()
    permissions = LivePermissionsOutputSerializer()
    run_state = LiveRunStateOutputSerializer(allow_null=True, help_text="Null until the meeting starts.")
    items = LiveItemOutputSerializer(many=True, help_text="The agenda, in order.")
    groups = LiveGroupOutputSerializer(many=True, help_text="Participating groups visible to the person.")
    sessions = LiveSessionSummaryOutputSerializer(
        many=True, help_text="Sessions of the current item visible to the person."
    )
    my_session_id = serializers.IntegerField(
        allow_null=True, help_text="The person's own group's session of the current item (first by group name)."
    )
    room = SessionDetailOutputSerializer(
        allow_null=True,
        help_text="The room the screen opens: `my_session_id`, else the first visible session; null outside group work.",
    )
    presence = LivePresenceOutputSerializer(many=True, help_text="People seen in the last 60 seconds.")


class LiveCommandInputSerializer(serializers.Serializer[Any]):
    """One console command. Which other fields count depends on `action`; the service checks them."""

    action = serializers.ChoiceField(choices=[(action, action) for action in LIVE_ACTIONS])
    item_id = serializers.IntegerField(required=False, help_text="go_to: the item to move to.")
    minutes = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_EXTEND_MINUTES, help_text="timer_extend: minutes to add."
    )
    kind = serializers.ChoiceField(
        choices=SPOTLIGHT_KIND_CHOICES, required=False, allow_null=True, help_text="spotlight: null clears it."
    )
    id = serializers.IntegerField(required=False, allow_null=True, help_text="spotlight: the item or group.")
    open = serializers.BooleanField(required=False, help_text="editing: whether groups may edit now.")
