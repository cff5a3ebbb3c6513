"""Thin views of a running meeting: its live snapshot, and the console's commands."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from groups.api.live_serializers import LiveCommandInputSerializer, LiveSnapshotOutputSerializer
from groups.selectors.live import live_snapshot_for_user, require_live_controller
from groups.selectors.meetings import meeting_get_for_user
from groups.services.live import run_command
from workspace.api.views import WorkspaceScopedView, errors

__all__ = ["LiveCommandView", "LiveView"]


class LiveView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_meetings_live_retrieve",
        responses={200: LiveSnapshotOutputSerializer, **errors(401, 404)},
        description="Fetch on open and on every reconnect of the meeting's websocket.",
    )
    def get(self, request: Request, slug: str, meeting_id: int) -> Response:
        snapshot = live_snapshot_for_user(actor=self.membership(), meeting_id=meeting_id)
        return Response(LiveSnapshotOutputSerializer(snapshot).data)


class LiveCommandView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_meetings_live_commands",
        request=LiveCommandInputSerializer,
        responses={200: LiveSnapshotOutputSerializer, **errors(400, 401, 403, 404)},
        description=(
            "Change the run state (administrators, executive committee, facilitators). Everyone in the "
            "meeting receives the new state as a `run_state` websocket event."
        ),
    )
    def post(self, request: Request, slug: str, meeting_id: int) -> Response:
        actor = self.membership()
        meeting = meeting_get_for_user(actor=actor, meeting_id=meeting_id)
        require_live_controller(actor)
        serializer = LiveCommandInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payload = dict(serializer.validated_data)
        action = payload.pop("action")
        run_command(actor=actor, meeting=meeting, action=action, payload=payload)
        snapshot = live_snapshot_for_user(actor=actor, meeting_id=meeting_id)
        return Response(LiveSnapshotOutputSerializer(snapshot).data)
