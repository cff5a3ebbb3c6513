"""The executive committee's review dashboard: every agenda sent for review, by where its latest
submission stands.

Four queues, each a filter on the agendas' latest submissions:

- awaiting me: awaiting a decision and not yet reviewed by me (only executives review);
- in review: awaiting a decision;
- overdue: awaiting a decision for longer than the workspace's review days;
- decided: sent back with changes requested, or approved (and perhaps published since), newest decision first.

The dashboard is the committee's (administrators and executives, as for the network-wide action list);
everyone else is refused with 403, and the agendas of other workspaces never appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advocacy.models import AgendaReview, AgendaSubmission, ReviewDecision, SubmissionStatus
from advocacy.selectors.reviews import review_rules_for_workspace
from groups.selectors import GROUP_MANAGER_ROLES
from workspace.models import Membership, Role

__all__ = ["ReviewDashboard", "ReviewQueue", "review_dashboard_for_user"]


class ReviewQueue(models.TextChoices):
    AWAITING_ME = "awaiting_me", gettext_lazy("Awaiting me")
    IN_REVIEW = "in_review", gettext_lazy("In review")
    OVERDUE = "overdue", gettext_lazy("Overdue")
    DECIDED = "decided", gettext_lazy("Decided")


@dataclass
class ReviewDashboard:
    queue: ReviewQueue
    # How many agendas each queue holds with the same group and status filters.
    counts: dict[str, int]
    review_days: int
    approvals_required: int
    can_review: bool
    # Latest submissions, annotated with approvals, review_count, my_decision and overdue.
    submissions: QuerySet[AgendaSubmission]


def _queue_filter(queue: ReviewQueue, *, overdue_before: datetime) -> Q:
    pending = Q(status=SubmissionStatus.PENDING)
    if queue == ReviewQueue.AWAITING_ME:
        return pending & Q(my_decision__isnull=True)
    if queue == ReviewQueue.IN_REVIEW:
        return pending
    if queue == ReviewQueue.OVERDUE:
        return pending & Q(submitted_at__lt=overdue_before)
    return ~pending


def _reviews_counted(*, decision: str | None = None) -> Coalesce:
    """How many reviews a submission has (of one decision), as a subquery: counted for the rows shown only,
    where a join and GROUP BY would count them for the whole queue before its first page is cut."""
    reviews = AgendaReview.objects.filter(submission=OuterRef("pk")).order_by()
    if decision is not None:
        reviews = reviews.filter(decision=decision)
    total = reviews.values("submission").annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


def review_dashboard_for_user(
    *,
    actor: Membership,
    queue: str = ReviewQueue.AWAITING_ME,
    group_id: int | None = None,
    status: str | None = None,
    now: datetime | None = None,
) -> ReviewDashboard:
    """The agendas in `queue` (one row each: its latest submission), most urgent first, and every queue's size.

    `group_id` and `status` (the agenda's status) narrow every queue alike.
    """
    if actor.role not in GROUP_MANAGER_ROLES:
        raise PermissionDenied(_("Only administrators and the executive committee see the review dashboard."))
    rules = review_rules_for_workspace(actor.workspace_id)
    now = now or timezone.now()
    overdue_before = now - timedelta(days=rules.review_days)
    # Without the model's ordering, which would join the agenda and the submission once per row (at most
    # one review per reviewer and submission, so there is nothing to order).
    mine = AgendaReview.objects.filter(submission=OuterRef("pk"), reviewer_id=actor.user_id).order_by()
    later = AgendaSubmission.objects.filter(agenda_id=OuterRef("agenda_id"), number__gt=OuterRef("number"))
    latest = (
        AgendaSubmission.objects.filter(agenda__group__workspace_id=actor.workspace_id)
        .filter(~Exists(later))
        .annotate(my_decision=Subquery(mine.values("decision")[:1]))
    )
    if group_id is not None:
        latest = latest.filter(agenda__group_id=group_id)
    if status:
        latest = latest.filter(agenda__status=status)
    can_review = actor.role == Role.EXECUTIVE
    counts = latest.aggregate(
        **{
            choice.value: Count("id", filter=_queue_filter(choice, overdue_before=overdue_before))
            for choice in ReviewQueue
        }
    )
    if not can_review:
        # Administrators manage the review but do not review, so nothing awaits them.
        counts[ReviewQueue.AWAITING_ME] = 0
    chosen = ReviewQueue(queue)
    submissions = (
        latest.filter(_queue_filter(chosen, overdue_before=overdue_before))
        .defer("content")
        .select_related("agenda__group", "submitted_by")
        .annotate(
            approvals=_reviews_counted(decision=ReviewDecision.APPROVE),
            review_count=_reviews_counted(),
            overdue=Case(
                When(Q(status=SubmissionStatus.PENDING, submitted_at__lt=overdue_before), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )
    if chosen == ReviewQueue.AWAITING_ME and not can_review:
        submissions = submissions.none()
    if chosen == ReviewQueue.DECIDED:
        submissions = submissions.order_by("-decided_at", "-id")
    else:
        submissions = submissions.order_by("submitted_at", "id")
    return ReviewDashboard(
        queue=chosen,
        counts={choice.value: counts[choice.value] for choice in ReviewQueue},
        review_days=rules.review_days,
        approvals_required=rules.approvals_required,
        can_review=can_review,
        submissions=submissions,
    )
