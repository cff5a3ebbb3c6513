"""Every write to the dot votes of a group session: opening, placing and removing dots, closing.

The rules a client could cheat are the server's: the number of dots per person and the deadline are
checked while holding the vote's row lock, so a burst of clicks from two tabs cannot place a fourth dot
of three, and a dot that arrives after `closes_at` is refused even before the closing task has run.
Locks are always taken session first, then vote (as `session_command("close")` does), so the two never
wait on each other in opposite orders.

Individual dots are not audited: the audit log is readable by administrators, and who voted for what
stays private; opening and closing are.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from groups.models import (
    MAX_DOTS_PER_PERSON,
    MAX_VOTE_OPTIONS,
    Dot,
    DotVote,
    DotVoteOption,
    DotVoteStatus,
    GroupSession,
)
from groups.services.sessions import (
    check_session_open,
    lock_session,
    require_session_control,
    require_session_participant,
    session_changed,
)
from workspace.models import Membership
from workspace.services.audit import audit_record

logger = logging.getLogger(__name__)

__all__ = [
    "dot_place",
    "dot_remove",
    "dot_vote_close",
    "dot_vote_close_due",
    "dot_vote_open",
    "dot_votes_close_overdue",
]

MAX_QUESTION = 200
MAX_OPTION_LABEL = 200
MAX_VOTE_MINUTES = 60


def _validate_vote(question: str, labels: list[str], dots_per_person: object, minutes: object) -> None:
    errors: dict[str, str] = {}
    if not 1 <= len(question) <= MAX_QUESTION:
        errors["question"] = _("Ask a question of 1 to %(max)s characters.") % {"max": MAX_QUESTION}
    if not 2 <= len(labels) <= MAX_VOTE_OPTIONS:
        errors["options"] = _("Offer from 2 to %(max)s options.") % {"max": MAX_VOTE_OPTIONS}
    elif any(not 1 <= len(label) <= MAX_OPTION_LABEL for label in labels):
        errors["options"] = _("Every option needs a label of 1 to %(max)s characters.") % {"max": MAX_OPTION_LABEL}
    else:
        seen: set[str] = set()
        for label in labels:
            if label.casefold() in seen:
                errors["options"] = _("Each option must be different: “%(label)s” is there twice.") % {"label": label}
                break
            seen.add(label.casefold())
    if not _int_between(dots_per_person, 1, MAX_DOTS_PER_PERSON):
        errors["dots_per_person"] = _("Give each person from 1 to %(max)s dots.") % {"max": MAX_DOTS_PER_PERSON}
    if not _int_between(minutes, 1, MAX_VOTE_MINUTES):
        errors["minutes"] = _("A vote lasts from 1 to %(max)s minutes.") % {"max": MAX_VOTE_MINUTES}
    if errors:
        raise ValidationError(errors)


def _int_between(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


@transaction.atomic
def dot_vote_open(
    *,
    actor: Membership,
    session: GroupSession,
    question: str,
    options: Sequence[str],
    dots_per_person: int,
    minutes: int,
) -> DotVote:
    session = lock_session(session.pk)
    require_session_control(actor, session)
    check_session_open(session)
    question = question.strip()
    labels = [label.strip() for label in options]
    _validate_vote(question, labels, dots_per_person, minutes)
    now = timezone.now()
    # The session's lock serialises openings; the partial unique constraint backs it for any other writer.
    current = DotVote.objects.select_for_update().filter(session=session, status=DotVoteStatus.OPEN).first()
    if current is not None and current.closes_at > now:
        raise ValidationError(_("This session already has an open vote. Close it before opening another."))
    if current is not None:
        # Past its deadline, its closing task just has not run yet: close it now rather than refuse.
        _close(session, current, None, "deadline")
    vote = DotVote.objects.create(
        session=session,
        question=question,
        dots_per_person=dots_per_person,
        closes_at=now + timedelta(minutes=minutes),
        opened_by=actor.user,
        opened_at=now,
    )
    DotVoteOption.objects.bulk_create(
        DotVoteOption(vote=vote, position=position, label=label) for position, label in enumerate(labels, start=1)
    )
    session_changed(session)
    audit_record(
        workspace=session.meeting.workspace,
        actor=actor.user,
        verb="dot_vote.opened",
        target=vote,
        after={
            "session": session.pk,
            "question": question,
            "options": labels,
            "dots_per_person": dots_per_person,
            "closes_at": vote.closes_at.isoformat(),
        },
    )
    vote_id, closes_at = vote.pk, vote.closes_at
    transaction.on_commit(lambda: _schedule_close(vote_id, closes_at))
    return vote


def _schedule_close(vote_id: int, closes_at: datetime) -> None:
    """Asks a worker to close the vote at its deadline; the beat sweep closes it if this is lost."""
    from groups.tasks import dot_vote_close_due as close_task

    try:
        close_task.apply_async(args=[vote_id], eta=closes_at)
    except Exception:
        # A broker that is down must not fail a vote that is already committed: the sweep catches up.
        logger.warning("Could not schedule the closing of dot vote %s", vote_id, exc_info=True)


def _lock_vote(vote: DotVote) -> tuple[GroupSession, DotVote]:
    session = lock_session(vote.session_id)
    return session, DotVote.objects.select_for_update().get(pk=vote.pk, session=session)


def _check_vote_open(vote: DotVote) -> None:
    if vote.status != DotVoteStatus.OPEN or timezone.now() >= vote.closes_at:
        raise ValidationError(_("This vote has closed."))


def _option_of(vote: DotVote, option_id: int) -> DotVoteOption:
    option = DotVoteOption.objects.filter(vote=vote, pk=option_id).first()
    if option is None:
        raise ValidationError({"option_id": _("Choose an option of this vote.")})
    return option


@transaction.atomic
def dot_place(*, actor: Membership, vote: DotVote, option_id: int) -> DotVote:
    session, vote = _lock_vote(vote)
    require_session_participant(actor, session)
    check_session_open(session)
    _check_vote_open(vote)
    option = _option_of(vote, option_id)
    # Counted under the vote's lock: two dots sent at once are counted one after the other.
    used = Dot.objects.filter(vote=vote, voter=actor.user).count()
    if used >= vote.dots_per_person:
        raise ValidationError(
            ngettext_lazy(
                "You have used all your %(count)s dot.",
                "You have used all your %(count)s dots.",
                vote.dots_per_person,
            )
            % {"count": vote.dots_per_person}
        )
    Dot.objects.create(vote=vote, option=option, voter=actor.user)
    session_changed(session)
    return vote


@transaction.atomic
def dot_remove(*, actor: Membership, vote: DotVote, option_id: int) -> DotVote:
    session, vote = _lock_vote(vote)
    require_session_participant(actor, session)
    check_session_open(session)
    _check_vote_open(vote)
    option = _option_of(vote, option_id)
    dot = Dot.objects.filter(vote=vote, option=option, voter=actor.user).order_by("-created_at", "-id").first()
    if dot is None:
        raise ValidationError({"option_id": _("You have no dot on this option.")})
    dot.delete()
    session_changed(session)
    return vote


def _close(session: GroupSession, vote: DotVote, actor: Membership | None, reason: str) -> None:
    vote.status, vote.closed_at = DotVoteStatus.CLOSED, timezone.now()
    vote.save(update_fields=["status", "closed_at"])
    session_changed(session)
    audit_record(
        workspace=session.meeting.workspace,
        actor=actor.user if actor is not None else None,
        verb="dot_vote.closed",
        target=vote,
        after={"session": session.pk, "reason": reason},
    )


@transaction.atomic
def dot_vote_close(*, actor: Membership, vote: DotVote) -> DotVote:
    session, vote = _lock_vote(vote)
    require_session_control(actor, session)
    if vote.status == DotVoteStatus.CLOSED:
        raise ValidationError(_("This vote has already closed."))
    check_session_open(session)
    _close(session, vote, actor, "closed_by_facilitator")
    return vote


@transaction.atomic
def dot_vote_close_due(*, vote_id: int) -> bool:
    """Closes the vote if its deadline has passed and it is still open; True if this call closed it.

    Idempotent: the task scheduled at the deadline and the sweep may both run it, and a task that runs
    early (a clock a little ahead on the broker's side) changes nothing.
    """
    vote = DotVote.objects.filter(pk=vote_id).first()
    if vote is None:
        return False
    session, vote = _lock_vote(vote)
    if vote.status != DotVoteStatus.OPEN or vote.closes_at > timezone.now():
        return False
    _close(session, vote, None, "deadline")
    return True


def dot_votes_close_overdue() -> int:
    """Closes every open vote past its deadline (the beat sweep); returns how many it closed."""
    overdue = DotVote.objects.filter(status=DotVoteStatus.OPEN, closes_at__lte=timezone.now()).values_list(
        "pk", flat=True
    )
    # One transaction per vote, so one failure does not hold back the others.
    return sum(dot_vote_close_due(vote_id=vote_id) for vote_id in list(overdue))
