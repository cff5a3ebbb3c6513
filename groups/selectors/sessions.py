"""Reads that decide who may see which group sessions of a live meeting, and what they may do in them.

Controllers (administrators, the executive committee and facilitators) see and run every session of a
meeting. A member sees the sessions of the groups they belong to and takes part in them; an observer
sees the sessions of workspace-visible groups and only reads. A private group's sessions are seen only
by controllers and the group's own members. Anything else is 404, so ids cannot be probed.

The websocket consumer and the live snapshot call the same functions, so REST and websocket agree.
Individual dots never leave here while a vote is open: only the person's own dots and the number of
people who voted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from groups.models import (
    DotVote,
    DotVoteOption,
    DotVoteStatus,
    GroupMembership,
    GroupSession,
    Meeting,
    MeetingPresence,
    ParkingLotItem,
    Visibility,
)
from groups.selectors.meetings import MEETING_MANAGER_ROLES
from workspace.models import Membership, Role, User

__all__ = [
    "PRESENCE_FRESH_FOR",
    "TOP_RANKS",
    "SessionDetail",
    "SessionPermissions",
    "dot_vote_get_for_user",
    "session_detail_for_user",
    "session_get_for_user",
    "session_list_for_user",
    "session_meeting_get_for_user",
    "session_permissions",
]

# A presence row not refreshed by the client's heartbeat (every 20 s) for this long is a closed tab.
PRESENCE_FRESH_FOR = timedelta(seconds=60)
# At close, options ranked 1..3 by total are marked as the top ones (ties share a rank).
TOP_RANKS = 3


def _in_group(user_id: int) -> Exists:
    return Exists(GroupMembership.objects.filter(group=OuterRef("group"), user_id=user_id))


def session_list_for_user(*, actor: Membership, meeting: Meeting, item_id: int | None = None) -> QuerySet[GroupSession]:
    """The sessions of `meeting` (of one agenda item if `item_id`) that `actor` may see, by item then group name."""
    sessions = GroupSession.objects.filter(meeting=meeting, meeting__workspace_id=actor.workspace_id)
    if item_id is not None:
        sessions = sessions.filter(item_id=item_id)
    sessions = sessions.annotate(i_am_member=_in_group(actor.user_id))
    if actor.role == Role.OBSERVER:
        sessions = sessions.filter(group__visibility=Visibility.WORKSPACE)
    elif actor.role not in MEETING_MANAGER_ROLES:
        sessions = sessions.filter(i_am_member=True)
    return sessions.select_related("group", "item", "facilitator").order_by("item__position", "group__name", "id")


def session_get_for_user(*, actor: Membership, meeting: Meeting, session_id: int) -> GroupSession:
    try:
        session = session_list_for_user(actor=actor, meeting=meeting).get(pk=session_id)
    except GroupSession.DoesNotExist:
        raise Http404 from None
    session.meeting = meeting
    return session


def session_meeting_get_for_user(*, actor: Membership, meeting_id: int) -> Meeting:
    """The meeting alone (no agenda, groups or facilitators), for the session endpoints; 404 outside the workspace."""
    try:
        return Meeting.objects.select_related("workspace").get(pk=meeting_id, workspace_id=actor.workspace_id)
    except Meeting.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class SessionPermissions:
    control: bool  # step, timer, facilitator, dispositions, votes, closing
    participate: bool  # add to the parking lot, place dots


def session_permissions(*, actor: Membership, session: GroupSession) -> SessionPermissions:
    """Role-based only: whether the session or meeting is open now is checked by the services (400, not 403)."""
    if actor.workspace_id != session.meeting.workspace_id:
        return SessionPermissions(control=False, participate=False)
    if actor.role in MEETING_MANAGER_ROLES:
        return SessionPermissions(control=True, participate=True)
    # Observers only read, even when they belong to the group.
    if actor.role == Role.OBSERVER:
        return SessionPermissions(control=False, participate=False)
    return SessionPermissions(control=False, participate=_is_member(actor, session))


def _is_member(actor: Membership, session: GroupSession) -> bool:
    # session_list_for_user annotates it; a session loaded elsewhere (a locked row) is asked.
    if hasattr(session, "i_am_member"):
        return bool(session.i_am_member)
    return GroupMembership.objects.filter(group_id=session.group_id, user_id=actor.user_id).exists()


# --- The session screen ---------------------------------------------------------------------------


def _votes_for(actor: Membership) -> QuerySet[DotVote]:
    """Votes with the counts the screen shows, and their options with totals and the person's own dots.

    Totals are computed for every vote but only shown once it has closed (the serializer drops them
    while it is open); counting in the database keeps the query count flat however many dots there are.
    """
    mine = Q(dots__voter_id=actor.user_id)
    options = DotVoteOption.objects.annotate(total=Count("dots"), my_dots=Count("dots", filter=mine)).order_by(
        "position", "id"
    )
    return (
        DotVote.objects.annotate(
            voters_count=Count("dots__voter", distinct=True), my_dots_used=Count("dots", filter=mine)
        )
        .prefetch_related(Prefetch("options", queryset=options, to_attr="ranked_options"))
        .order_by("-opened_at", "-id")
    )


def reveal_results(vote: DotVote) -> None:
    """Sets `shown_total` and `top` on each option: totals only once the vote has closed, and then the
    options ranked 1..3 by total marked as top, ties sharing a rank (5, 5, 3, 2 marks the fives and the
    three); options without dots never."""
    closed = vote.status == DotVoteStatus.CLOSED
    options: list[DotVoteOption] = vote.ranked_options  # type: ignore[attr-defined]
    totals = [option.total for option in options]  # type: ignore[attr-defined]
    for option, total in zip(options, totals, strict=True):
        higher = sum(1 for other in totals if other > total)
        option.shown_total = total if closed else None  # type: ignore[attr-defined]
        option.top = closed and total > 0 and higher < TOP_RANKS  # type: ignore[attr-defined]


def dot_vote_get_for_user(*, actor: Membership, session: GroupSession, vote_id: int) -> DotVote:
    """A vote of a session the caller may see (the caller has checked that), with its counts; 404 otherwise."""
    try:
        vote = _votes_for(actor).get(pk=vote_id, session=session)
    except DotVote.DoesNotExist:
        raise Http404 from None
    reveal_results(vote)
    return vote


@dataclass
class SessionDetail:
    session: GroupSession
    permissions: SessionPermissions
    server_time: datetime
    parking_lot: list[ParkingLotItem] = field(default_factory=list)
    votes: list[DotVote] = field(default_factory=list)
    presence: list[User] = field(default_factory=list)


def session_detail_for_user(*, actor: Membership, meeting: Meeting, session_id: int) -> SessionDetail:
    """Everything the session screen shows, in a fixed number of queries however long the parking lot or
    however many votes, options and dots there are."""
    session = session_get_for_user(actor=actor, meeting=meeting, session_id=session_id)
    now = timezone.now()
    parking_lot = list(
        ParkingLotItem.objects.filter(session=session)
        .select_related("author", "decided_by")
        .order_by("created_at", "id")
    )
    votes = list(_votes_for(actor).filter(session=session))
    for vote in votes:
        reveal_results(vote)
    present_ids = MeetingPresence.objects.filter(session=session, seen_at__gte=now - PRESENCE_FRESH_FOR).values(
        "user_id"
    )
    presence = list(User.objects.filter(pk__in=present_ids).order_by("display_name", "id"))
    return SessionDetail(
        session=session,
        permissions=session_permissions(actor=actor, session=session),
        server_time=now,
        parking_lot=parking_lot,
        votes=votes,
        presence=presence,
    )
