"""Reads of the executive committee's review of agendas, and who may move an agenda through its workflow.

One access funnel: every submission, review and comment is reached through the agenda it belongs to
(`agenda_get_for_user`), so whoever may not see the agenda gets 404 for all of it. Who may take each
step of the workflow (DESIGN.md permission table) is decided here, once, and both the services (which
refuse with 403) and the API's `can_*` flags read it:

- submit: the group's leads (not observers), from `draft` or `changes_requested`;
- review (approve / request changes): the executive committee, on the submission awaiting review;
- revise (`changes_requested` → `draft`, explicit): whoever may edit the group's work;
- respond to comments: the group's leads and members, on the comments of the latest submission sent back;
- reopen (`approved` → `draft`, a new version): the group's leads, administrators, the executive committee;
- publish (`approved` → `published`): administrators and the executive committee.

Reviews of a submission still awaiting review are the reviewers' own business: an executive sees the
others' only after writing their own (a workspace setting, on by default), administrators see them all,
and the group and everyone else see them once the submission is decided.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy

from advocacy.documents import METHODS, PROSE_SECTIONS, ROW_SECTIONS, SECTIONS
from advocacy.models import (
    ACTION_REMINDER_DAYS_DEFAULT,
    REVIEW_DAYS_DEFAULT,
    AdvocacyAgenda,
    AgendaAction,
    AgendaIndicator,
    AgendaMessage,
    AgendaObjective,
    AgendaReview,
    AgendaRisk,
    AgendaStakeholder,
    AgendaStatus,
    AgendaSubmission,
    ReviewComment,
    ReviewDecision,
    ReviewSettings,
    SubmissionStatus,
)
from advocacy.selectors.access import agenda_get_for_user, group_role_of, group_work_permissions
from advocacy.selectors.history import section_label
from groups.models import GroupRole
from groups.selectors import GROUP_MANAGER_ROLES
from workspace.models import Membership, Role

__all__ = [
    "DEFAULT_CRITERIA",
    "REQUIRED_SECTIONS",
    "AgendaWorkflow",
    "Criterion",
    "ReviewRules",
    "SectionDiff",
    "SubmissionDetail",
    "WorkflowPermissions",
    "agenda_content",
    "agenda_workflow_for_user",
    "content_missing_sections",
    "review_comment_get_for_user",
    "review_rules_for_workspace",
    "submission_detail_for_user",
    "submission_diff_for_user",
    "submission_get_for_user",
    "submission_list_for_user",
    "workflow_permissions",
]

# The rubric a workspace starts with; its labels are translated when shown (an edited rubric keeps the
# names people typed).
DEFAULT_CRITERIA = {
    "evidence": gettext_lazy("Strength of evidence"),
    "smart_objectives": gettext_lazy("SMART objectives"),
    "feasibility": gettext_lazy("Feasibility"),
    "alignment": gettext_lazy("Alignment with network priorities"),
    "clarity_of_asks": gettext_lazy("Clarity of asks"),
}
# What an agenda must hold before it goes to the executive committee; risks and policy support may be
# empty in a first version.
REQUIRED_SECTIONS = (
    "issue_statement",
    "goal",
    "objectives",
    "stakeholders",
    "messages",
    "methods",
    "actions",
    "indicators",
)


# --- Settings -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str


@dataclass(frozen=True)
class ReviewRules:
    approvals_required: int
    reviews_hidden_until_own: bool
    rubric: list[Criterion]
    review_days: int = REVIEW_DAYS_DEFAULT
    action_reminder_days: int = ACTION_REMINDER_DAYS_DEFAULT


def _criteria(stored: Any) -> list[Criterion]:
    if not isinstance(stored, list) or not stored:
        return [Criterion(key=key, label=str(label)) for key, label in DEFAULT_CRITERIA.items()]
    criteria = []
    for entry in stored:
        if isinstance(entry, dict) and isinstance(entry.get("key"), str):
            label = entry.get("label") or DEFAULT_CRITERIA.get(entry["key"], entry["key"])
            criteria.append(Criterion(key=entry["key"], label=str(label)))
    return criteria


def review_rules_for_workspace(workspace_id: int) -> ReviewRules:
    """The workspace's review rules; the defaults (1 approval, reviews hidden, the default rubric, 14 days to
    decide, reminders 3 days ahead) without a row."""
    stored = ReviewSettings.objects.filter(workspace_id=workspace_id).first()
    if stored is None:
        return ReviewRules(approvals_required=1, reviews_hidden_until_own=True, rubric=_criteria(None))
    return ReviewRules(
        approvals_required=stored.approvals_required,
        reviews_hidden_until_own=stored.reviews_hidden_until_own,
        rubric=_criteria(stored.rubric),
        review_days=stored.review_days,
        action_reminder_days=stored.action_reminder_days,
    )


# --- Who may take which step ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkflowPermissions:
    """What the actor's role allows, whatever the agenda's status (the status is checked by the services)."""

    submit: bool
    review: bool
    revise: bool
    respond: bool
    reopen: bool
    publish: bool


def workflow_permissions(*, actor: Membership, agenda: AdvocacyAgenda) -> WorkflowPermissions:
    group = agenda.group
    if actor.workspace_id != group.workspace_id or actor.role == Role.OBSERVER:
        return WorkflowPermissions(False, False, False, False, False, False)
    role = group_role_of(actor, group)
    return WorkflowPermissions(
        submit=role == GroupRole.LEAD,
        review=actor.role == Role.EXECUTIVE,
        revise=group_work_permissions(actor=actor, group=group).edit,
        respond=role is not None,
        reopen=role == GroupRole.LEAD or actor.role in GROUP_MANAGER_ROLES,
        publish=actor.role in GROUP_MANAGER_ROLES,
    )


# --- Content of an agenda, as a submission freezes it ----------------------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _row_content(section: str, row: Any) -> dict[str, Any]:
    if isinstance(row, AgendaObjective):
        return {"key": row.key, "statement": row.statement, "due": _iso(row.due)}
    if isinstance(row, AgendaStakeholder):
        return {
            "key": row.key,
            "name": row.name,
            "category": row.category,
            "influence": row.influence,
            "interest": row.interest,
            "stance": row.stance,
            "notes": row.notes,
        }
    if isinstance(row, AgendaMessage):
        return {"key": row.key, "stakeholder": row.stakeholder_key or None, "message": row.message, "ask": row.ask}
    if isinstance(row, AgendaAction):
        organisation = row.organisation
        return {
            "key": row.key,
            "activity": row.activity,
            "organisation": organisation.name if organisation is not None else None,
            "start": _iso(row.start),
            "due": _iso(row.due),
            "resources": row.resources,
            "status": row.status,
            "objective": row.objective_key or None,
        }
    if isinstance(row, AgendaIndicator):
        return {
            "key": row.key,
            "name": row.name,
            "baseline": row.baseline,
            "target": row.target,
            "verification": row.verification,
            "objective": row.objective_key or None,
        }
    if not isinstance(row, AgendaRisk):
        raise TypeError(f"not a row of {section}: {row!r}")
    return {
        "key": row.key,
        "risk": row.risk,
        "likelihood": row.likelihood or None,
        "impact": row.impact or None,
        "mitigation": row.mitigation,
    }


ROW_QUERYSETS: dict[str, Any] = {
    "objectives": lambda: AgendaObjective.objects.all(),
    "stakeholders": lambda: AgendaStakeholder.objects.all(),
    "messages": lambda: AgendaMessage.objects.all(),
    "actions": lambda: AgendaAction.objects.select_related("organisation"),
    "indicators": lambda: AgendaIndicator.objects.all(),
    "risks": lambda: AgendaRisk.objects.all(),
}
# The text that makes a row count as filled in.
ROW_MAIN_FIELD = {
    "objectives": "statement",
    "stakeholders": "name",
    "messages": "message",
    "actions": "activity",
    "indicators": "name",
    "risks": "risk",
}


def agenda_content(agenda: AdvocacyAgenda) -> dict[str, Any]:
    """Every section of the agenda as its materialised rows hold it (prose as sanitised HTML), as JSON."""
    content: dict[str, Any] = {section: getattr(agenda, section) for section in PROSE_SECTIONS}
    methods = agenda.methods if isinstance(agenda.methods, list) else []
    content["methods"] = {"methods": [method for method in METHODS if method in methods], "note": agenda.methods_note}
    for section in ROW_SECTIONS:
        rows = ROW_QUERYSETS[section]().present().filter(agenda=agenda).order_by("position", "key")
        content[section] = [_row_content(section, row) for row in rows]
    return content


def _plain(html: str) -> str:
    """The words of sanitised prose HTML, block elements on lines of their own."""
    text = re.sub(r"<br>|</(p|h2|h3|li|blockquote)>", "\n", html)
    return unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _is_filled(section: str, value: Any) -> bool:
    if section in PROSE_SECTIONS:
        return bool(isinstance(value, str) and _plain(value))
    if section == "methods":
        return bool(isinstance(value, dict) and value.get("methods"))
    main = ROW_MAIN_FIELD[section]
    return isinstance(value, list) and any(str(row.get(main) or "").strip() for row in value)


def content_missing_sections(content: dict[str, Any]) -> list[str]:
    """The required sections with nothing in them, in page order."""
    return [section for section in REQUIRED_SECTIONS if not _is_filled(section, content.get(section))]


# --- The workflow screen ---------------------------------------------------------------------------------


@dataclass
class AgendaWorkflow:
    agenda: AdvocacyAgenda
    rules: ReviewRules
    permissions: WorkflowPermissions
    current: AgendaSubmission | None
    approvals: int
    reviewed_by_me: bool
    missing_sections: list[str]

    @property
    def can_submit(self) -> bool:
        return self.permissions.submit and self.agenda.status in (AgendaStatus.DRAFT, AgendaStatus.CHANGES_REQUESTED)

    @property
    def can_review(self) -> bool:
        return (
            self.permissions.review
            and self.agenda.status == AgendaStatus.SUBMITTED
            and self.current is not None
            and not self.reviewed_by_me
        )

    @property
    def can_revise(self) -> bool:
        return self.permissions.revise and self.agenda.status == AgendaStatus.CHANGES_REQUESTED

    @property
    def can_respond(self) -> bool:
        return (
            self.permissions.respond
            and self.agenda.status in (AgendaStatus.CHANGES_REQUESTED, AgendaStatus.DRAFT)
            and self.current is not None
            and self.current.status == SubmissionStatus.CHANGES_REQUESTED
        )

    @property
    def can_reopen(self) -> bool:
        return self.permissions.reopen and self.agenda.status == AgendaStatus.APPROVED

    @property
    def can_publish(self) -> bool:
        return self.permissions.publish and self.agenda.status == AgendaStatus.APPROVED


def latest_submission(agenda: AdvocacyAgenda) -> AgendaSubmission | None:
    return (
        AgendaSubmission.objects.filter(agenda=agenda)
        .defer("content")
        .select_related("submitted_by")
        .order_by("-number")
        .first()
    )


def agenda_workflow_for_user(*, actor: Membership, agenda_id: int) -> AgendaWorkflow:
    """Where the agenda stands in its review, and which steps the actor may take now."""
    agenda = agenda_get_for_user(actor=actor, agenda_id=agenda_id)
    current = latest_submission(agenda)
    approvals = 0
    reviewed_by_me = False
    if current is not None:
        counts = AgendaReview.objects.filter(submission=current).aggregate(
            approvals=Count("id", filter=Q(decision=ReviewDecision.APPROVE)),
            mine=Count("id", filter=Q(reviewer_id=actor.user_id)),
            total=Count("id"),
        )
        approvals, reviewed_by_me = counts["approvals"], counts["mine"] > 0
        current.approvals = approvals  # type: ignore[attr-defined]
        current.review_count = counts["total"]  # type: ignore[attr-defined]
    editable = agenda.status in (AgendaStatus.DRAFT, AgendaStatus.CHANGES_REQUESTED)
    return AgendaWorkflow(
        agenda=agenda,
        rules=review_rules_for_workspace(actor.workspace_id),
        permissions=workflow_permissions(actor=actor, agenda=agenda),
        current=current,
        approvals=approvals,
        reviewed_by_me=reviewed_by_me,
        missing_sections=content_missing_sections(agenda_content(agenda)) if editable else [],
    )


# --- Submissions and their reviews ----------------------------------------------------------------------


def submission_list_for_user(*, actor: Membership, agenda_id: int) -> tuple[AdvocacyAgenda, QuerySet[AgendaSubmission]]:
    """The agenda (404 if not visible) and its submissions, newest first, with their approval counts."""
    agenda = agenda_get_for_user(actor=actor, agenda_id=agenda_id)
    submissions = (
        AgendaSubmission.objects.filter(agenda=agenda)
        .defer("content")
        .select_related("submitted_by")
        .annotate(
            approvals=Count("reviews", filter=Q(reviews__decision=ReviewDecision.APPROVE)),
            review_count=Count("reviews"),
        )
        .order_by("-number")
    )
    return agenda, submissions


def submission_get_for_user(*, actor: Membership, agenda_id: int, number: int) -> AgendaSubmission:
    agenda = agenda_get_for_user(actor=actor, agenda_id=agenda_id)
    submission = AgendaSubmission.objects.filter(agenda=agenda, number=number).select_related("submitted_by").first()
    if submission is None:
        raise Http404
    submission.agenda = agenda
    return submission


def _reviews_visible_to_all(actor: Membership, submission: AgendaSubmission, rules: ReviewRules) -> bool:
    if submission.status != SubmissionStatus.PENDING or actor.role == Role.ADMIN:
        return True
    if actor.role != Role.EXECUTIVE:
        return False
    return not rules.reviews_hidden_until_own


@dataclass
class SubmissionDetail:
    submission: AgendaSubmission
    reviews: list[AgendaReview]
    hidden_reviews: int
    approvals: int
    approvals_required: int
    rubric: list[Criterion] = field(default_factory=list)


def _reviews(submission: AgendaSubmission) -> QuerySet[AgendaReview]:
    return (
        AgendaReview.objects.filter(submission=submission)
        .select_related("reviewer")
        .prefetch_related("scores", Prefetch("comments", ReviewComment.objects.select_related("responded_by")))
        .order_by("created_at", "id")
    )


def submission_detail_for_user(*, actor: Membership, agenda_id: int, number: int) -> SubmissionDetail:
    """The frozen content and the reviews the actor may read (the others are only counted)."""
    submission = submission_get_for_user(actor=actor, agenda_id=agenda_id, number=number)
    rules = review_rules_for_workspace(actor.workspace_id)
    reviews = list(_reviews(submission))
    if not _reviews_visible_to_all(actor, submission, rules):
        mine = [review for review in reviews if review.reviewer_id == actor.user_id]
        # An executive who has reviewed sees the others (unless the workspace shows them at once).
        visible = reviews if mine and actor.role == Role.EXECUTIVE else mine
    else:
        visible = reviews
    return SubmissionDetail(
        submission=submission,
        reviews=visible,
        hidden_reviews=len(reviews) - len(visible),
        approvals=sum(1 for review in reviews if review.decision == ReviewDecision.APPROVE),
        approvals_required=rules.approvals_required,
        rubric=rules.rubric,
    )


def review_comment_get_for_user(*, actor: Membership, agenda_id: int, comment_id: int) -> ReviewComment:
    """A comment of a review the actor may read, on a visible agenda; 404 otherwise."""
    agenda = agenda_get_for_user(actor=actor, agenda_id=agenda_id)
    comment = (
        ReviewComment.objects.filter(pk=comment_id, review__submission__agenda=agenda)
        .select_related("review__submission", "responded_by")
        .first()
    )
    if comment is None:
        raise Http404
    submission = comment.review.submission
    rules = review_rules_for_workspace(actor.workspace_id)
    if not _reviews_visible_to_all(actor, submission, rules) and comment.review.reviewer_id != actor.user_id:
        mine = AgendaReview.objects.filter(submission=submission, reviewer_id=actor.user_id).exists()
        if not (mine and actor.role == Role.EXECUTIVE):
            raise Http404
    submission.agenda = agenda
    return comment


# --- What changed between two submissions ---------------------------------------------------------------


@dataclass
class WordChange:
    op: str  # equal, insert, delete
    text: str


@dataclass
class RowChange:
    key: str
    before: dict[str, Any]
    after: dict[str, Any]
    fields: list[str]


@dataclass
class SectionDiff:
    section: str
    label: str
    kind: str  # prose, methods, rows
    changed: bool
    before: Any
    after: Any
    words: list[WordChange] = field(default_factory=list)
    rows_added: list[dict[str, Any]] = field(default_factory=list)
    rows_removed: list[dict[str, Any]] = field(default_factory=list)
    rows_changed: list[RowChange] = field(default_factory=list)


def word_diff(before: str, after: str) -> list[WordChange]:
    """A word-level diff of two texts, consecutive words merged. Words and the whitespace between them are
    separate tokens: a paragraph added after the last word must not mark that word as changed because it
    gained a line break."""
    old, new = re.findall(r"\S+|\s+", before), re.findall(r"\S+|\s+", after)
    changes: list[WordChange] = []

    def add(op: str, words: list[str]) -> None:
        if not words:
            return
        if changes and changes[-1].op == op:
            changes[-1].text += "".join(words)
        else:
            changes.append(WordChange(op=op, text="".join(words)))

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", old[i1:i2])
        else:
            add("delete", old[i1:i2])
            add("insert", new[j1:j2])
    return changes


def _rows_by_key(rows: Any) -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in rows if isinstance(row, dict) and "key" in row} if isinstance(rows, list) else {}


def section_diff(section: str, before: Any, after: Any) -> SectionDiff:
    diff = SectionDiff(
        section=section,
        label=section_label(section),
        kind="prose" if section in PROSE_SECTIONS else "rows" if section in ROW_SECTIONS else "methods",
        changed=before != after,
        before=before,
        after=after,
    )
    if section in PROSE_SECTIONS:
        diff.words = word_diff(_plain(before or ""), _plain(after or ""))
    elif section in ROW_SECTIONS:
        old, new = _rows_by_key(before), _rows_by_key(after)
        diff.rows_added = [row for key, row in new.items() if key not in old]
        diff.rows_removed = [row for key, row in old.items() if key not in new]
        for key, row in new.items():
            if key in old and old[key] != row:
                names = [name for name in row if name != "key" and old[key].get(name) != row.get(name)]
                diff.rows_changed.append(RowChange(key=key, before=old[key], after=row, fields=names))
    return diff


def submission_diff_for_user(
    *, actor: Membership, agenda_id: int, number: int, against: int | None = None
) -> tuple[AgendaSubmission, AgendaSubmission, list[SectionDiff]]:
    """Section by section, what changed from submission `against` (by default the one before) to `number`."""
    submission = submission_get_for_user(actor=actor, agenda_id=agenda_id, number=number)
    base_number = against if against is not None else number - 1
    base = AgendaSubmission.objects.filter(agenda_id=submission.agenda_id, number=base_number).first()
    if base is None or base_number == number:
        raise Http404
    diffs = [section_diff(section, base.content.get(section), submission.content.get(section)) for section in SECTIONS]
    return base, submission, diffs
