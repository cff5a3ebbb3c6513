"""Thin views over the group-session selectors and services: the session screen, its commands, parking lot
and dot votes. Every write answers with what the caller's screen needs next; other screens are told by a
`session` event and refetch."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from groups import selectors, services
from groups.api.session_serializers import (
    DotPlaceInputSerializer,
    DotVoteCreateInputSerializer,
    DotVoteOutputSerializer,
    ParkingLotItemCreateInputSerializer,
    ParkingLotItemDecideInputSerializer,
    ParkingLotItemOutputSerializer,
    SessionCommandInputSerializer,
    SessionDetailOutputSerializer,
)
from groups.models import DotVote, GroupSession, ParkingLotItem
from workspace.api.views import WorkspaceScopedView, errors
from workspace.models import Membership

__all__ = [
    "DotDetailView",
    "DotListView",
    "DotVoteCloseView",
    "DotVoteListView",
    "ParkingLotItemDetailView",
    "ParkingLotListView",
    "SessionCommandView",
    "SessionDetailView",
]


class SessionScopedView(WorkspaceScopedView):
    """Resolves the meeting and session in the URL through the selectors (404 when not visible)."""

    def session(self) -> GroupSession:
        actor = self.membership()
        meeting = selectors.session_meeting_get_for_user(actor=actor, meeting_id=self.kwargs["meeting_id"])
        return selectors.session_get_for_user(actor=actor, meeting=meeting, session_id=self.kwargs["session_id"])

    def session_detail(self) -> dict[str, Any]:
        actor = self.membership()
        meeting = selectors.session_meeting_get_for_user(actor=actor, meeting_id=self.kwargs["meeting_id"])
        detail = selectors.session_detail_for_user(actor=actor, meeting=meeting, session_id=self.kwargs["session_id"])
        return dict(SessionDetailOutputSerializer(detail).data)

    def vote(self, session: GroupSession) -> DotVote:
        return selectors.dot_vote_get_for_user(actor=self.membership(), session=session, vote_id=self.kwargs["vote_id"])

    def vote_data(self, actor: Membership, session: GroupSession, vote_id: int) -> dict[str, Any]:
        vote = selectors.dot_vote_get_for_user(actor=actor, session=session, vote_id=vote_id)
        return dict(DotVoteOutputSerializer(vote).data)


class SessionDetailView(SessionScopedView):
    @extend_schema(responses={200: SessionDetailOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, meeting_id: int, session_id: int) -> Response:
        return Response(self.session_detail())


class SessionCommandView(SessionScopedView):
    @extend_schema(
        request=SessionCommandInputSerializer,
        responses={200: SessionDetailOutputSerializer, **errors(400, 401, 403, 404)},
        description="Runs one control command (administrators, the executive committee and facilitators).",
    )
    def post(self, request: Request, slug: str, meeting_id: int, session_id: int) -> Response:
        session = self.session()
        serializer = SessionCommandInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payload = dict(serializer.validated_data)
        action = payload.pop("action")
        services.session_command(actor=self.membership(), session=session, action=action, payload=payload)
        return Response(self.session_detail())


class ParkingLotListView(SessionScopedView):
    @extend_schema(
        request=ParkingLotItemCreateInputSerializer,
        responses={201: ParkingLotItemOutputSerializer, **errors(400, 401, 403, 404)},
        description="Parks an item (the group's members and the facilitators, while the session is open).",
    )
    def post(self, request: Request, slug: str, meeting_id: int, session_id: int) -> Response:
        session = self.session()
        serializer = ParkingLotItemCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.parking_lot_item_add(actor=self.membership(), session=session, **serializer.validated_data)
        return Response(ParkingLotItemOutputSerializer(item).data, status=status.HTTP_201_CREATED)


class ParkingLotItemDetailView(SessionScopedView):
    def item(self) -> ParkingLotItem:
        try:
            return ParkingLotItem.objects.select_related("session").get(
                pk=self.kwargs["item_id"], session=self.session()
            )
        except ParkingLotItem.DoesNotExist:
            raise Http404 from None

    @extend_schema(
        request=ParkingLotItemDecideInputSerializer,
        responses={200: ParkingLotItemOutputSerializer, **errors(400, 401, 403, 404)},
        description="Decides what happens to the item (facilitators).",
    )
    def patch(self, request: Request, slug: str, meeting_id: int, session_id: int, item_id: int) -> Response:
        item = self.item()
        serializer = ParkingLotItemDecideInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.parking_lot_item_decide(actor=self.membership(), item=item, **serializer.validated_data)
        return Response(ParkingLotItemOutputSerializer(item).data)

    @extend_schema(
        responses={204: None, **errors(400, 401, 403, 404)},
        description="Removes the item (its author while it is undecided, or a facilitator).",
    )
    def delete(self, request: Request, slug: str, meeting_id: int, session_id: int, item_id: int) -> Response:
        services.parking_lot_item_delete(actor=self.membership(), item=self.item())
        return Response(status=status.HTTP_204_NO_CONTENT)


class DotVoteListView(SessionScopedView):
    @extend_schema(
        request=DotVoteCreateInputSerializer,
        responses={201: DotVoteOutputSerializer, **errors(400, 401, 403, 404)},
        description="Opens a dot vote (facilitators); one open vote per session. It closes by itself at closes_at.",
    )
    def post(self, request: Request, slug: str, meeting_id: int, session_id: int) -> Response:
        session = self.session()
        serializer = DotVoteCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        actor = self.membership()
        vote = services.dot_vote_open(actor=actor, session=session, **serializer.validated_data)
        return Response(self.vote_data(actor, session, vote.pk), status=status.HTTP_201_CREATED)


class DotListView(SessionScopedView):
    @extend_schema(
        request=DotPlaceInputSerializer,
        responses={200: DotVoteOutputSerializer, **errors(400, 401, 403, 404)},
        description="Places one of the caller's dots on an option (several may go on one option).",
    )
    def post(self, request: Request, slug: str, meeting_id: int, session_id: int, vote_id: int) -> Response:
        session = self.session()
        vote = self.vote(session)
        serializer = DotPlaceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        actor = self.membership()
        services.dot_place(actor=actor, vote=vote, option_id=serializer.validated_data["option_id"])
        return Response(self.vote_data(actor, session, vote_id))


class DotDetailView(SessionScopedView):
    @extend_schema(
        responses={200: DotVoteOutputSerializer, **errors(400, 401, 403, 404)},
        description="Takes back one of the caller's dots from the option, while the vote is open.",
    )
    def delete(
        self, request: Request, slug: str, meeting_id: int, session_id: int, vote_id: int, option_id: int
    ) -> Response:
        session = self.session()
        vote = self.vote(session)
        actor = self.membership()
        services.dot_remove(actor=actor, vote=vote, option_id=option_id)
        return Response(self.vote_data(actor, session, vote_id))


class DotVoteCloseView(SessionScopedView):
    @extend_schema(
        request=None,
        responses={200: DotVoteOutputSerializer, **errors(400, 401, 403, 404)},
        description="Closes the vote now and reveals the totals (facilitators).",
    )
    def post(self, request: Request, slug: str, meeting_id: int, session_id: int, vote_id: int) -> Response:
        session = self.session()
        vote = self.vote(session)
        actor = self.membership()
        services.dot_vote_close(actor=actor, vote=vote)
        return Response(self.vote_data(actor, session, vote_id))
