"""Every write of the agenda review workflow (DESIGN.md "Agenda workflow"):

    draft → submitted → changes_requested → (revise) draft → submitted → approved → published
                                                                 approved → (reopen) draft, version + 1

Each transition locks the agenda row (`select_for_update`) and re-reads its status under the lock, so
two reviewers pressing "approve" together cannot both win; the database constraints (one pending
submission per agenda, one review per reviewer per submission) hold even for writers that forget.
Each transition records an audit event (who, when, from, to, why) and notifies the people concerned;
notifications are pushed, and open editor sockets re-check their access, only after commit.

`changes_requested` goes back to `draft` through an explicit "revise" step rather than on the first
edit: the sent-back agenda stays exactly what the reviewers saw while the group reads their comments,
and an edit arriving on a socket never changes the workflow behind anyone's back.

Who may take which step is decided in advocacy.selectors.reviews (`workflow_permissions`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advocacy.documents import SECTIONS
from advocacy.models import (
    ACTION_REMINDER_DAYS_MAX,
    APPROVALS_MAX,
    KEY_MAX_LENGTH,
    MAX_TITLE,
    RATING_MAX,
    RATING_MIN,
    REVIEW_DAYS_MAX,
    AdvocacyAgenda,
    AgendaReview,
    AgendaStatus,
    AgendaSubmission,
    CommentResponse,
    ReviewComment,
    ReviewDecision,
    ReviewScore,
    ReviewSettings,
    SubmissionStatus,
)
from advocacy.selectors.history import section_label
from advocacy.selectors.reviews import (
    DEFAULT_CRITERIA,
    agenda_content,
    content_missing_sections,
    review_rules_for_workspace,
    workflow_permissions,
)
from groups.models import GroupMembership
from policybank.services.documents import document_publish_network_position
from workspace.live.services import live_access_changed, live_document_materialise, live_document_row
from workspace.models import Membership, Role, User
from workspace.services.audit import audit_record
from workspace.services.notifications import notification_send

__all__ = [
    "NOTIFICATIONS",
    "AgendaIncomplete",
    "agenda_publish",
    "agenda_reopen",
    "agenda_revise",
    "agenda_submit",
    "review_comment_respond",
    "review_create",
    "review_settings_update",
]

# Registered with the workspace's notifications in AdvocacyConfig.ready().
NOTIFICATIONS = {
    "advocacy_agenda.submitted": gettext_lazy(
        "%(actor)s submitted the agenda %(agenda)s of %(group)s for review (submission %(number)s)."
    ),
    "advocacy_agenda.changes_requested": gettext_lazy(
        "The executive committee requested changes to the agenda %(agenda)s of %(group)s."
    ),
    "advocacy_agenda.approved": gettext_lazy("The executive committee approved the agenda %(agenda)s of %(group)s."),
    "advocacy_agenda.revised": gettext_lazy("%(actor)s reopened the agenda %(agenda)s for revision."),
    "advocacy_agenda.reopened": gettext_lazy("%(actor)s reopened the agenda %(agenda)s as version %(version)s."),
    "advocacy_agenda.published": gettext_lazy(
        "The agenda %(agenda)s of %(group)s is published in the policy bank as a network position."
    ),
}
MAX_CRITERIA = 20


class AgendaIncomplete(ValidationError):
    """Submitting an agenda with required sections empty; `missing` names them (section keys)."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        labels = ", ".join(section_label(section) for section in missing)
        super().__init__(_("Fill in these sections before submitting: %(sections)s.") % {"sections": labels})


# --- Shared steps -------------------------------------------------------------------------------------


def _lock(agenda: AdvocacyAgenda) -> AdvocacyAgenda:
    """The agenda's row, locked until the transaction ends, with its current status."""
    locked = AdvocacyAgenda.objects.select_for_update().get(pk=agenda.pk)
    # Keep the group as the selector loaded it (with the actor's role annotated).
    locked.group = agenda.group
    return locked


def _agenda_url(agenda: AdvocacyAgenda) -> str:
    return f"/w/{agenda.group.workspace.slug}/agendas/{agenda.pk}"


def _transition(
    *,
    actor: Membership,
    agenda: AdvocacyAgenda,
    to: str,
    verb: str,
    reason: str = "",
    extra: dict[str, Any] | None = None,
    fields: Iterable[str] = (),
) -> None:
    """Moves the (locked) agenda to `to`, audits it, and lets open sockets re-check after commit."""
    before = {"status": agenda.status, "version": agenda.version}
    agenda.status = to
    agenda.save(update_fields=["status", *fields])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb=verb,
        target=agenda,
        before=before,
        after={"status": to, "version": agenda.version, "reason": reason, **(extra or {})},
    )
    # Frozen or thawed: editors' sockets turn read-only (or editable again) within seconds.
    live_access_changed(kind="agenda", object_id=agenda.pk)


def _notify(*, actor: Membership, agenda: AdvocacyAgenda, recipients: Iterable[User], kind: str, **params: Any) -> None:
    for recipient in recipients:
        # Nobody needs to be told about what they did themselves.
        if recipient.pk == actor.user_id:
            continue
        notification_send(
            recipient=recipient,
            workspace=actor.workspace,
            kind=kind,
            params={"actor": actor.user.display_name, "agenda": agenda.title, "group": agenda.group.name, **params},
            url=_agenda_url(agenda),
        )


def _group_people(agenda: AdvocacyAgenda) -> list[User]:
    """The group's leads and members still active in the workspace."""
    active = Membership.objects.active().filter(workspace_id=agenda.group.workspace_id).values("user_id")
    return [
        membership.user
        for membership in GroupMembership.objects.filter(group_id=agenda.group_id, user_id__in=active)
        .select_related("user")
        .order_by("user_id")
    ]


def _executives(actor: Membership) -> list[User]:
    return [
        membership.user
        for membership in Membership.objects.active()
        .filter(workspace_id=actor.workspace_id, role=Role.EXECUTIVE)
        .select_related("user")
        .order_by("user_id")
    ]


# --- Submitting ---------------------------------------------------------------------------------------


@transaction.atomic
def agenda_submit(*, actor: Membership, agenda: AdvocacyAgenda, note: str = "") -> AgendaSubmission:
    """Freezes the agenda and sends a numbered copy of every section to the executive committee."""
    if not workflow_permissions(actor=actor, agenda=agenda).submit:
        raise PermissionDenied(_("Only the group's leads can submit its agenda for review."))
    agenda = _lock(agenda)
    if agenda.status not in (AgendaStatus.DRAFT, AgendaStatus.CHANGES_REQUESTED):
        raise ValidationError(_("Only a draft or an agenda sent back for changes can be submitted."))
    previous = AgendaSubmission.objects.filter(agenda=agenda).order_by("-number").first()
    if previous is not None and previous.status == SubmissionStatus.CHANGES_REQUESTED:
        unanswered = ReviewComment.objects.filter(review__submission=previous, response="").count()
        if unanswered:
            raise ValidationError(
                _("Respond to every comment of the reviewers before resubmitting (%(count)s left).")
                % {"count": unanswered}
            )
    # Socket edits reach the rows ~2 s later: bring the rows up to the document now, so the frozen
    # copy is exactly what the editors last saw.
    document = live_document_row(kind="agenda", object_id=agenda.pk)
    if document is not None:
        live_document_materialise(document_id=document.pk)
        agenda.refresh_from_db(fields=["issue_statement", "goal", "policy_support", "methods", "methods_note"])
    content = agenda_content(agenda)
    missing = content_missing_sections(content)
    if missing:
        raise AgendaIncomplete(missing)
    number = (AgendaSubmission.objects.filter(agenda=agenda).aggregate(last=Max("number"))["last"] or 0) + 1
    submission = AgendaSubmission.objects.create(
        agenda=agenda,
        number=number,
        agenda_version=agenda.version,
        title=agenda.title,
        content=content,
        note=note.strip(),
        submitted_by=actor.user,
    )
    _transition(
        actor=actor,
        agenda=agenda,
        to=AgendaStatus.SUBMITTED,
        verb="advocacy_agenda.submitted",
        reason=submission.note,
        extra={"submission": number},
    )
    _notify(actor=actor, agenda=agenda, recipients=_executives(actor), kind="advocacy_agenda.submitted", number=number)
    return submission


# --- Reviewing ----------------------------------------------------------------------------------------


def _clean_scores(rubric_keys: dict[str, str], scores: list[dict[str, Any]]) -> list[ReviewScore]:
    rows: dict[str, ReviewScore] = {}
    for entry in scores:
        criterion = entry.get("criterion")
        score = entry.get("score")
        if criterion not in rubric_keys:
            raise ValidationError(
                {"scores": _("“%(criterion)s” is not a criterion of the rubric.") % {"criterion": criterion}}
            )
        if criterion in rows:
            raise ValidationError({"scores": _("Score each criterion once.")})
        if isinstance(score, bool) or not isinstance(score, int) or not RATING_MIN <= score <= RATING_MAX:
            raise ValidationError({"scores": _("Scores are whole numbers from 1 to 5.")})
        rows[criterion] = ReviewScore(
            criterion=criterion, label=rubric_keys[criterion], score=score, comment=str(entry.get("comment") or "")
        )
    missing = [label for key, label in rubric_keys.items() if key not in rows]
    if missing:
        raise ValidationError(
            {"scores": _("Score every criterion of the rubric: %(missing)s.") % {"missing": ", ".join(missing)}}
        )
    return list(rows.values())


def _clean_comments(comments: list[dict[str, Any]]) -> list[ReviewComment]:
    rows = []
    for entry in comments:
        body = str(entry.get("body") or "").strip()
        if entry.get("section") not in SECTIONS:
            raise ValidationError({"comments": _("This is not a section of an agenda.")})
        if not body:
            raise ValidationError({"comments": _("A comment cannot be empty.")})
        rows.append(ReviewComment(section=entry["section"], body=body))
    return rows


@transaction.atomic
def review_create(
    *,
    actor: Membership,
    submission: AgendaSubmission,
    decision: str,
    reasons: str = "",
    scores: list[dict[str, Any]] | None = None,
    comments: list[dict[str, Any]] | None = None,
) -> AgendaReview:
    """Records an executive's review; the decision moves the agenda when it settles the submission.

    One request for changes sends the agenda back; approvals approve it once the workspace's number of
    approvals is reached (a first approval of two keeps it submitted).
    """
    agenda = submission.agenda
    if not workflow_permissions(actor=actor, agenda=agenda).review:
        raise PermissionDenied(_("Only the executive committee reviews agendas."))
    if submission.submitted_by_id == actor.user_id:
        raise PermissionDenied(_("You submitted this agenda, so another member of the executive committee reviews it."))
    agenda = _lock(agenda)
    # Read again under the lock: another reviewer may have just settled it.
    submission = AgendaSubmission.objects.get(pk=submission.pk)
    if agenda.status != AgendaStatus.SUBMITTED or submission.status != SubmissionStatus.PENDING:
        raise ValidationError(_("This submission is no longer awaiting review."))
    if AgendaReview.objects.filter(submission=submission, reviewer_id=actor.user_id).exists():
        raise ValidationError(_("You have already reviewed this submission."))
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": _("Choose to approve or to request changes.")})
    reasons = reasons.strip()
    if decision == ReviewDecision.REQUEST_CHANGES and not reasons:
        raise ValidationError({"reasons": _("Say what should change.")})
    rules = review_rules_for_workspace(actor.workspace_id)
    score_rows = _clean_scores({criterion.key: criterion.label for criterion in rules.rubric}, scores or [])
    comment_rows = _clean_comments(comments or [])

    review = AgendaReview.objects.create(submission=submission, reviewer=actor.user, decision=decision, reasons=reasons)
    for row in score_rows:
        row.review = review
    ReviewScore.objects.bulk_create(score_rows)
    for comment in comment_rows:
        comment.review = review
    ReviewComment.objects.bulk_create(comment_rows)
    approvals = AgendaReview.objects.filter(submission=submission, decision=ReviewDecision.APPROVE).count()
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="advocacy_review.created",
        target=review,
        after={
            "agenda": agenda.pk,
            "submission": submission.number,
            "decision": decision,
            "reasons": reasons,
            "approvals": approvals,
            "approvals_required": rules.approvals_required,
        },
    )

    settled = decision == ReviewDecision.REQUEST_CHANGES or approvals >= rules.approvals_required
    if settled:
        approved = decision == ReviewDecision.APPROVE
        submission.status = SubmissionStatus.APPROVED if approved else SubmissionStatus.CHANGES_REQUESTED
        submission.decided_at = timezone.now()
        submission.save(update_fields=["status", "decided_at"])
        _transition(
            actor=actor,
            agenda=agenda,
            to=AgendaStatus.APPROVED if approved else AgendaStatus.CHANGES_REQUESTED,
            verb="advocacy_agenda.approved" if approved else "advocacy_agenda.changes_requested",
            reason=reasons,
            extra={"submission": submission.number, "approvals": approvals},
        )
        _notify(
            actor=actor,
            agenda=agenda,
            recipients=_group_people(agenda),
            kind="advocacy_agenda.approved" if approved else "advocacy_agenda.changes_requested",
        )
    return review


# --- The group's answer -------------------------------------------------------------------------------


@transaction.atomic
def review_comment_respond(
    *, actor: Membership, comment: ReviewComment, response: str, reason: str = ""
) -> ReviewComment:
    """The group's answer to a reviewer's comment on the latest submission sent back (it may change its mind
    until it resubmits)."""
    submission = comment.review.submission
    agenda = submission.agenda
    if not workflow_permissions(actor=actor, agenda=agenda).respond:
        raise PermissionDenied(_("Only the group's leads and members respond to the reviewers' comments."))
    agenda = _lock(agenda)
    latest = AgendaSubmission.objects.filter(agenda=agenda).order_by("-number").values_list("pk", flat=True).first()
    if (
        agenda.status not in (AgendaStatus.CHANGES_REQUESTED, AgendaStatus.DRAFT)
        or submission.status != SubmissionStatus.CHANGES_REQUESTED
        or latest != submission.pk
    ):
        raise ValidationError(_("Only the comments of the latest submission sent back for changes are answered."))
    if response not in CommentResponse.values:
        raise ValidationError({"response": _("Choose accepted, done or declined.")})
    reason = reason.strip()
    if response == CommentResponse.DECLINED and not reason:
        raise ValidationError({"reason": _("Say why the group declines this comment.")})
    comment = ReviewComment.objects.select_for_update().get(pk=comment.pk)
    before = {"response": comment.response, "reason": comment.response_reason}
    comment.response = response
    comment.response_reason = reason
    comment.responded_by = actor.user
    comment.responded_at = timezone.now()
    comment.save(update_fields=["response", "response_reason", "responded_by", "responded_at"])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="advocacy_review_comment.responded",
        target=comment,
        before=before,
        after={"response": response, "reason": reason, "agenda": agenda.pk, "submission": submission.number},
    )
    return comment


@transaction.atomic
def agenda_revise(*, actor: Membership, agenda: AdvocacyAgenda) -> AdvocacyAgenda:
    """`changes_requested` → `draft`: the group starts changing the agenda again (same version)."""
    if not workflow_permissions(actor=actor, agenda=agenda).revise:
        raise PermissionDenied(
            _("Only the group's members, administrators and the executive committee can revise its agenda.")
        )
    agenda = _lock(agenda)
    if agenda.status != AgendaStatus.CHANGES_REQUESTED:
        raise ValidationError(_("Only an agenda sent back for changes can be revised."))
    _transition(actor=actor, agenda=agenda, to=AgendaStatus.DRAFT, verb="advocacy_agenda.revised")
    _notify(actor=actor, agenda=agenda, recipients=_group_people(agenda), kind="advocacy_agenda.revised")
    return agenda


# --- After approval -----------------------------------------------------------------------------------


@transaction.atomic
def agenda_reopen(*, actor: Membership, agenda: AdvocacyAgenda, reason: str = "") -> AdvocacyAgenda:
    """`approved` → `draft` as the next version; the approved version stays in its submission."""
    if not workflow_permissions(actor=actor, agenda=agenda).reopen:
        raise PermissionDenied(
            _("Only the group's leads, administrators and the executive committee can reopen an approved agenda.")
        )
    agenda = _lock(agenda)
    if agenda.status != AgendaStatus.APPROVED:
        raise ValidationError(_("Only an approved agenda can be reopened."))
    agenda.version += 1
    _transition(
        actor=actor,
        agenda=agenda,
        to=AgendaStatus.DRAFT,
        verb="advocacy_agenda.reopened",
        reason=reason.strip(),
        fields=["version"],
    )
    _notify(
        actor=actor,
        agenda=agenda,
        recipients=_group_people(agenda),
        kind="advocacy_agenda.reopened",
        version=agenda.version,
    )
    return agenda


def _as_text(agenda: AdvocacyAgenda, content: dict[str, Any]) -> str:
    """The approved content as plain text, section by section, for the policy bank's search and readers."""
    parts = [agenda.title]
    for section in SECTIONS:
        value = content.get(section)
        lines: list[str] = []
        if isinstance(value, str):
            lines = [strip_tags(value.replace("</p>", "\n").replace("<br>", "\n")).strip()]
        elif isinstance(value, dict):
            lines = [", ".join(value.get("methods") or []), str(value.get("note") or "")]
        elif isinstance(value, list):
            for row in value:
                texts = [str(item) for key, item in row.items() if key != "key" and isinstance(item, str) and item]
                lines.append("- " + " · ".join(texts))
        body = "\n".join(line for line in lines if line.strip())
        if body:
            parts.append(f"{section_label(section)}\n{body}")
    return "\n\n".join(parts)


@transaction.atomic
def agenda_publish(*, actor: Membership, agenda: AdvocacyAgenda) -> AdvocacyAgenda:
    """`approved` → `published`: the approved version becomes the network's position in the policy bank."""
    if not workflow_permissions(actor=actor, agenda=agenda).publish:
        raise PermissionDenied(_("Only administrators and the executive committee publish agendas."))
    agenda = _lock(agenda)
    if agenda.status != AgendaStatus.APPROVED:
        raise ValidationError(_("Only an approved agenda can be published."))
    approved = (
        AgendaSubmission.objects.filter(agenda=agenda, status=SubmissionStatus.APPROVED).order_by("-number").first()
    )
    content = approved.content if approved is not None else agenda_content(agenda)
    document = document_publish_network_position(
        actor=actor,
        title=agenda.title,
        summary=strip_tags(str(content.get("goal") or "")).strip(),
        body_text=_as_text(agenda, content),
        group=agenda.group,
    )
    agenda.published_document = document
    _transition(
        actor=actor,
        agenda=agenda,
        to=AgendaStatus.PUBLISHED,
        verb="advocacy_agenda.published",
        extra={"document": document.pk},
        fields=["published_document"],
    )
    _notify(actor=actor, agenda=agenda, recipients=_group_people(agenda), kind="advocacy_agenda.published")
    return agenda


# --- Settings -----------------------------------------------------------------------------------------


@transaction.atomic
def review_settings_update(
    *,
    actor: Membership,
    approvals_required: int | None = None,
    reviews_hidden_until_own: bool | None = None,
    rubric: list[dict[str, str]] | None = None,
    review_days: int | None = None,
    action_reminder_days: int | None = None,
) -> ReviewSettings:
    """Changes the workspace's review rules (administrators and the executive committee).

    A rubric entry is a `key` and a `label`; a default criterion's key without a label keeps its
    translated name. Reviews already written keep the criteria they were scored on.
    """
    if actor.role not in (Role.ADMIN, Role.EXECUTIVE):
        raise PermissionDenied(_("Only administrators and the executive committee change how agendas are reviewed."))
    stored, _created = ReviewSettings.objects.select_for_update().get_or_create(workspace=actor.workspace)
    before = _settings_state(stored)
    if approvals_required is not None:
        if not 1 <= approvals_required <= APPROVALS_MAX:
            raise ValidationError(
                {"approvals_required": _("Between 1 and %(max)s approvals.") % {"max": APPROVALS_MAX}}
            )
        stored.approvals_required = approvals_required
    if reviews_hidden_until_own is not None:
        stored.reviews_hidden_until_own = reviews_hidden_until_own
    if rubric is not None:
        stored.rubric = _clean_rubric(rubric)
    if review_days is not None:
        if not 1 <= review_days <= REVIEW_DAYS_MAX:
            raise ValidationError({"review_days": _("Between 1 and %(max)s days.") % {"max": REVIEW_DAYS_MAX}})
        stored.review_days = review_days
    if action_reminder_days is not None:
        if not 0 <= action_reminder_days <= ACTION_REMINDER_DAYS_MAX:
            raise ValidationError(
                {"action_reminder_days": _("Between 0 and %(max)s days.") % {"max": ACTION_REMINDER_DAYS_MAX}}
            )
        stored.action_reminder_days = action_reminder_days
    stored.save()
    after = _settings_state(stored)
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        verb="review_settings.updated",
        target=stored,
        before=before,
        after=after,
    )
    return stored


def _settings_state(stored: ReviewSettings) -> dict[str, Any]:
    return {
        "approvals_required": stored.approvals_required,
        "reviews_hidden_until_own": stored.reviews_hidden_until_own,
        "rubric": stored.rubric,
        "review_days": stored.review_days,
        "action_reminder_days": stored.action_reminder_days,
    }


def _default_names(key: str) -> set[str]:
    """A default criterion's name in every language the product ships."""
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(str(DEFAULT_CRITERIA[key]))
    return names


def _clean_rubric(rubric: list[dict[str, str]]) -> list[dict[str, str]]:
    if not rubric or len(rubric) > MAX_CRITERIA:
        raise ValidationError({"rubric": _("A rubric has from 1 to %(max)s criteria.") % {"max": MAX_CRITERIA}})
    cleaned: list[dict[str, str]] = []
    for entry in rubric:
        key = str(entry.get("key") or "").strip()
        label = str(entry.get("label") or "").strip()[:MAX_TITLE]
        if not key or len(key) > KEY_MAX_LENGTH or not key.replace("_", "").isalnum() or not key.isascii():
            raise ValidationError({"rubric": _("Criterion keys are short words of letters, digits and underscores.")})
        if not label and key not in DEFAULT_CRITERIA:
            raise ValidationError({"rubric": _("Give every new criterion a name.")})
        if any(existing["key"] == key for existing in cleaned):
            raise ValidationError({"rubric": _("Each criterion appears once.")})
        # A default criterion sent back under its default name (in whichever language the editor reads)
        # stays a default, so every reader keeps seeing it in their own language.
        if key in DEFAULT_CRITERIA and label in _default_names(key):
            label = ""
        cleaned.append({"key": key, "label": label})
    return cleaned
