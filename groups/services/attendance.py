"""Checking people in to a meeting, and undoing it.

A participant (a member of one of the meeting's groups, or one of its facilitators) checks themselves
in; administrators, the executive committee and facilitators check anyone of the workspace in. The
rule comes from `groups.selectors.meeting_permissions`. Checking in twice is not an error: on a weak
connection a second tap must not show a failure for something that worked.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from groups.models import Attendance, Meeting, MeetingStatus
from groups.selectors.meetings import meeting_permissions
from groups.services.meetings import lock_meeting
from workspace.models import Membership
from workspace.services.audit import audit_record

__all__ = ["attendance_check_in", "attendance_undo"]


def _require_may_check_in(actor: Membership, meeting: Meeting, user_id: int) -> None:
    permissions = meeting_permissions(actor=actor, meeting=meeting, ignore_status=True)
    if user_id == actor.user_id:
        if not permissions.check_in_self:
            raise PermissionDenied(
                _("Only the meeting's participants can check themselves in: its groups' members and facilitators.")
            )
    elif not permissions.check_in_others:
        raise PermissionDenied(
            _("Only administrators, the executive committee and facilitators can check other people in.")
        )
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError({"status": _("This meeting is closed. Reopen it before changing it.")})


@transaction.atomic
def attendance_check_in(*, actor: Membership, meeting: Meeting, user_id: int) -> tuple[Attendance, bool]:
    """Check `user_id` in; returns the attendance and whether it is new."""
    meeting = lock_meeting(meeting)
    _require_may_check_in(actor, meeting, user_id)
    person = (
        Membership.objects.active()
        .select_related("user")
        .filter(workspace_id=meeting.workspace_id, user_id=user_id)
        .first()
    )
    if person is None:
        raise ValidationError({"user_id": _("This person is not an active member of this workspace.")})
    attendance, created = Attendance.objects.get_or_create(
        meeting=meeting, user=person.user, defaults={"checked_in_by": actor.user}
    )
    if created:
        audit_record(
            workspace=meeting.workspace,
            actor=actor.user,
            verb="attendance.checked_in",
            target=attendance,
            after={"meeting": meeting.pk, "person": person.user.email},
        )
    return attendance, created


@transaction.atomic
def attendance_undo(*, actor: Membership, meeting: Meeting, user_id: int) -> None:
    meeting = lock_meeting(meeting)
    _require_may_check_in(actor, meeting, user_id)
    attendance = Attendance.objects.select_related("user").filter(meeting=meeting, user_id=user_id).first()
    if attendance is None:
        raise ValidationError({"user_id": _("This person is not checked in to this meeting.")})
    audit_record(
        workspace=meeting.workspace,
        actor=actor.user,
        verb="attendance.undone",
        target=attendance,
        before={
            "meeting": meeting.pk,
            "person": attendance.user.email,
            "checked_in_at": attendance.checked_in_at.isoformat(),
        },
    )
    attendance.delete()
