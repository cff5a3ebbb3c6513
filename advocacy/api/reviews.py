"""The executive committee's review of agendas through the API: the workflow's steps (submit, review,
respond, revise, reopen, publish), the frozen submissions with their reviews, the diff between two
submissions, and the workspace's review settings.

Every step answers with the agenda's workflow as it now stands (`AgendaWorkflowOutputSerializer`), so the
screen knows which buttons to show next; reviewing answers the submission, with the reviews the
reviewer may now read.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy import selectors, services
from advocacy.api.serializers import SECTION_CHOICES, AdvocacyPersonOutputSerializer, _person
from advocacy.documents import METHODS
from advocacy.models import (
    ACTION_REMINDER_DAYS_MAX,
    APPROVALS_MAX,
    KEY_MAX_LENGTH,
    MAX_TITLE,
    REVIEW_DAYS_MAX,
    ActionStatus,
    AgendaReview,
    AgendaStatus,
    AgendaSubmission,
    CommentResponse,
    ReviewComment,
    ReviewDecision,
    RiskLevel,
    StakeholderCategory,
    StakeholderStance,
    SubmissionStatus,
)
from advocacy.selectors.history import section_label
from advocacy.selectors.reviews import AgendaWorkflow, ReviewRules, SectionDiff, SubmissionDetail
from workspace.api.pagination import StandardPagination
from workspace.api.serializers import paginated
from workspace.api.views import WorkspaceScopedView, errors
from workspace.models import Membership, Role

__all__ = [
    "AgendaPublishView",
    "AgendaReopenView",
    "AgendaReviseView",
    "AgendaSubmitView",
    "AgendaWorkflowView",
    "ReviewCommentResponseView",
    "ReviewSettingsView",
    "SubmissionDetailView",
    "SubmissionDiffView",
    "SubmissionListView",
    "SubmissionReviewListView",
]

METHOD_CHOICES = [(method, method) for method in METHODS]


# --- Serializers: the frozen content ----------------------------------------------------------------


class SnapshotMethodsOutputSerializer(serializers.Serializer[Any]):
    methods = serializers.ListField(child=serializers.ChoiceField(choices=METHOD_CHOICES))
    note = serializers.CharField()


class SnapshotObjectiveOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    statement = serializers.CharField()
    due = serializers.DateField(allow_null=True)


class SnapshotStakeholderOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    name = serializers.CharField()
    category = serializers.ChoiceField(choices=StakeholderCategory.choices)
    influence = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)
    interest = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)
    stance = serializers.ChoiceField(choices=StakeholderStance.choices)
    notes = serializers.CharField()


class SnapshotMessageOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    stakeholder = serializers.CharField(allow_null=True)
    message = serializers.CharField()
    ask = serializers.CharField()


class SnapshotActionOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    activity = serializers.CharField()
    organisation = serializers.CharField(allow_null=True, help_text="The owning organisation's name then.")
    start = serializers.DateField(allow_null=True)
    due = serializers.DateField(allow_null=True)
    resources = serializers.CharField()
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    objective = serializers.CharField(allow_null=True)


class SnapshotIndicatorOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    name = serializers.CharField()
    baseline = serializers.CharField()
    target = serializers.CharField()
    verification = serializers.CharField()
    objective = serializers.CharField(allow_null=True)


class SnapshotRiskOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    risk = serializers.CharField()
    likelihood = serializers.ChoiceField(choices=RiskLevel.choices, allow_null=True)
    impact = serializers.ChoiceField(choices=RiskLevel.choices, allow_null=True)
    mitigation = serializers.CharField()


class SubmissionContentOutputSerializer(serializers.Serializer[Any]):
    """Every section as it was when submitted; prose is sanitised HTML."""

    issue_statement = serializers.CharField()
    goal = serializers.CharField()
    objectives = SnapshotObjectiveOutputSerializer(many=True)
    stakeholders = SnapshotStakeholderOutputSerializer(many=True)
    messages = SnapshotMessageOutputSerializer(many=True)
    methods = SnapshotMethodsOutputSerializer()
    actions = SnapshotActionOutputSerializer(many=True)
    indicators = SnapshotIndicatorOutputSerializer(many=True)
    risks = SnapshotRiskOutputSerializer(many=True)
    policy_support = serializers.CharField()


# --- Serializers: submissions and reviews -------------------------------------------------------------


class SubmissionOutputSerializer(serializers.Serializer[AgendaSubmission]):
    number = serializers.IntegerField(help_text="1, 2, ... per agenda.")
    agenda_version = serializers.IntegerField(help_text="The agenda's version when it was submitted.")
    status = serializers.ChoiceField(choices=SubmissionStatus.choices)
    title = serializers.CharField()
    note = serializers.CharField()
    submitted_by = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    approvals = serializers.IntegerField()
    review_count = serializers.IntegerField()

    @extend_schema_field(AdvocacyPersonOutputSerializer(allow_null=True))
    def get_submitted_by(self, submission: AgendaSubmission) -> dict[str, Any] | None:
        return _person(submission.submitted_by)


class CriterionOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField(help_text="In the reader's language for the default criteria.")  # type: ignore[assignment]


class ReviewScoreOutputSerializer(serializers.Serializer[Any]):
    criterion = serializers.CharField()
    label = serializers.CharField(help_text="The criterion's name when the review was written.")  # type: ignore[assignment]
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField()


class ReviewCommentOutputSerializer(serializers.Serializer[ReviewComment]):
    id = serializers.IntegerField()
    section = serializers.ChoiceField(choices=SECTION_CHOICES)
    section_label = serializers.SerializerMethodField()
    body = serializers.CharField()
    response = serializers.SerializerMethodField(help_text="The group's answer; null until it answers.")
    response_reason = serializers.CharField()
    responded_by = serializers.SerializerMethodField()
    responded_at = serializers.DateTimeField(allow_null=True)

    def get_section_label(self, comment: ReviewComment) -> str:
        return section_label(comment.section)

    @extend_schema_field(serializers.ChoiceField(choices=CommentResponse.choices, allow_null=True))
    def get_response(self, comment: ReviewComment) -> str | None:
        return comment.response or None

    @extend_schema_field(AdvocacyPersonOutputSerializer(allow_null=True))
    def get_responded_by(self, comment: ReviewComment) -> dict[str, Any] | None:
        return _person(comment.responded_by)


class ReviewOutputSerializer(serializers.Serializer[AgendaReview]):
    id = serializers.IntegerField()
    reviewer = serializers.SerializerMethodField()
    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    reasons = serializers.CharField()
    created_at = serializers.DateTimeField()
    scores = ReviewScoreOutputSerializer(many=True, source="scores.all")
    comments = ReviewCommentOutputSerializer(many=True, source="comments.all")

    @extend_schema_field(AdvocacyPersonOutputSerializer)
    def get_reviewer(self, review: AgendaReview) -> dict[str, Any] | None:
        return _person(review.reviewer)


class SubmissionDetailOutputSerializer(serializers.Serializer[SubmissionDetail]):
    submission = SubmissionOutputSerializer()
    content = SubmissionContentOutputSerializer(source="submission.content")
    approvals_required = serializers.IntegerField()
    rubric = CriterionOutputSerializer(many=True, help_text="The workspace's rubric now (for a new review).")
    reviews = ReviewOutputSerializer(many=True, help_text="The reviews this person may read.")
    hidden_reviews = serializers.IntegerField(
        help_text="Reviews by others not shown until this person has reviewed the submission too."
    )


class AgendaWorkflowOutputSerializer(serializers.Serializer[AgendaWorkflow]):
    agenda_id = serializers.IntegerField(source="agenda.pk")
    status = serializers.ChoiceField(source="agenda.status", choices=AgendaStatus.choices)
    version = serializers.IntegerField(source="agenda.version")
    approvals_required = serializers.IntegerField(source="rules.approvals_required")
    approvals = serializers.IntegerField(help_text="Approvals of the latest submission.")
    current_submission = SubmissionOutputSerializer(source="current", allow_null=True, help_text="The latest.")
    missing_sections = serializers.ListField(
        child=serializers.ChoiceField(choices=SECTION_CHOICES),
        help_text="Required sections still empty (only while the agenda can be submitted).",
    )
    published_document_id = serializers.IntegerField(source="agenda.published_document_id", allow_null=True)
    can_submit = serializers.BooleanField()
    can_review = serializers.BooleanField()
    can_revise = serializers.BooleanField()
    can_respond = serializers.BooleanField()
    can_reopen = serializers.BooleanField()
    can_publish = serializers.BooleanField()


class WordChangeOutputSerializer(serializers.Serializer[Any]):
    op = serializers.ChoiceField(choices=[("equal", "equal"), ("insert", "insert"), ("delete", "delete")])
    text = serializers.CharField()


class RowChangeOutputSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    before = serializers.JSONField()
    after = serializers.JSONField()
    changed_fields = serializers.ListField(
        source="fields", child=serializers.CharField(), help_text="The fields that changed."
    )


class SectionDiffOutputSerializer(serializers.Serializer[SectionDiff]):
    section = serializers.ChoiceField(choices=SECTION_CHOICES)
    label = serializers.CharField()  # type: ignore[assignment]
    kind = serializers.ChoiceField(choices=[("prose", "prose"), ("methods", "methods"), ("rows", "rows")])
    changed = serializers.BooleanField()
    before = serializers.JSONField(help_text="The section in the earlier submission (the shape of `content`).")
    after = serializers.JSONField(help_text="The section in the later submission.")
    words = WordChangeOutputSerializer(many=True, help_text="Prose only: the word-level diff of its text.")
    rows_added = serializers.ListField(child=serializers.JSONField(), help_text="Row sections only.")
    rows_removed = serializers.ListField(child=serializers.JSONField(), help_text="Row sections only.")
    rows_changed = RowChangeOutputSerializer(many=True, help_text="Row sections only.")


class SubmissionDiffOutputSerializer(serializers.Serializer[Any]):
    before = SubmissionOutputSerializer()
    after = SubmissionOutputSerializer()
    sections = SectionDiffOutputSerializer(many=True, help_text="Every section, in page order.")


class ReviewSettingsOutputSerializer(serializers.Serializer[ReviewRules]):
    approvals_required = serializers.IntegerField(min_value=1, max_value=APPROVALS_MAX)
    reviews_hidden_until_own = serializers.BooleanField(
        help_text="Reviewers see each other's reviews of a submission only after writing their own."
    )
    rubric = CriterionOutputSerializer(many=True)
    review_days = serializers.IntegerField(
        min_value=1, max_value=REVIEW_DAYS_MAX, help_text="Days a submission may await a decision before it is overdue."
    )
    action_reminder_days = serializers.IntegerField(
        min_value=0,
        max_value=ACTION_REMINDER_DAYS_MAX,
        help_text="Days before an action's due date its organisation is reminded.",
    )
    can_edit = serializers.SerializerMethodField()

    def get_can_edit(self, rules: ReviewRules) -> bool:
        return bool(self.context.get("can_edit"))


# --- Serializers: input ---------------------------------------------------------------------------------


class AgendaSubmitInputSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, help_text="A note to the reviewers.")


class AgendaReopenInputSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(required=False, allow_blank=True)


class ReviewScoreInputSerializer(serializers.Serializer[Any]):
    criterion = serializers.CharField(max_length=KEY_MAX_LENGTH)
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True)


class ReviewCommentInputSerializer(serializers.Serializer[Any]):
    section = serializers.ChoiceField(choices=SECTION_CHOICES)
    body = serializers.CharField()


class ReviewCreateInputSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(choices=ReviewDecision.choices)
    reasons = serializers.CharField(required=False, allow_blank=True, help_text="Required to request changes.")
    scores = ReviewScoreInputSerializer(many=True, help_text="One score for every criterion of the rubric.")
    comments = ReviewCommentInputSerializer(many=True, required=False)


class ReviewCommentResponseInputSerializer(serializers.Serializer[Any]):
    response = serializers.ChoiceField(choices=CommentResponse.choices)
    reason = serializers.CharField(required=False, allow_blank=True, help_text="Required to decline.")


class CriterionInputSerializer(serializers.Serializer[Any]):
    key = serializers.RegexField(r"^[A-Za-z0-9_]+$", max_length=KEY_MAX_LENGTH)
    label = serializers.CharField(  # type: ignore[assignment]
        max_length=MAX_TITLE, required=False, allow_blank=True, help_text="Blank keeps a default criterion's name."
    )


class ReviewSettingsUpdateInputSerializer(serializers.Serializer[Any]):
    approvals_required = serializers.IntegerField(min_value=1, max_value=APPROVALS_MAX, required=False)
    reviews_hidden_until_own = serializers.BooleanField(required=False)
    rubric = CriterionInputSerializer(many=True, required=False)
    review_days = serializers.IntegerField(min_value=1, max_value=REVIEW_DAYS_MAX, required=False)
    action_reminder_days = serializers.IntegerField(min_value=0, max_value=ACTION_REMINDER_DAYS_MAX, required=False)


# --- Views ----------------------------------------------------------------------------------------------


def _workflow(actor: Membership, agenda_id: int) -> dict[str, Any]:
    workflow = selectors.agenda_workflow_for_user(actor=actor, agenda_id=agenda_id)
    return dict(AgendaWorkflowOutputSerializer(workflow).data)


def _submission_detail(actor: Membership, agenda_id: int, number: int) -> dict[str, Any]:
    detail = selectors.submission_detail_for_user(actor=actor, agenda_id=agenda_id, number=number)
    detail.submission.approvals = detail.approvals  # type: ignore[attr-defined]
    detail.submission.review_count = len(detail.reviews) + detail.hidden_reviews  # type: ignore[attr-defined]
    return dict(SubmissionDetailOutputSerializer(detail).data)


class AgendaWorkflowView(WorkspaceScopedView):
    @extend_schema(responses={200: AgendaWorkflowOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, agenda_id: int) -> Response:
        return Response(_workflow(self.membership(), agenda_id))


class AgendaSubmitView(WorkspaceScopedView):
    @extend_schema(
        request=AgendaSubmitInputSerializer,
        responses={201: AgendaWorkflowOutputSerializer, **errors(400, 401, 403, 404)},
        description="Freezes the agenda and sends a numbered copy of every section to the executive committee "
        "(the group's leads; from `draft` or `changes_requested`). A 400 for empty required sections names them "
        "in `missing_sections`.",
    )
    def post(self, request: Request, slug: str, agenda_id: int) -> Response:
        actor = self.membership()
        agenda = selectors.agenda_get_for_user(actor=actor, agenda_id=agenda_id)
        serializer = AgendaSubmitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.agenda_submit(actor=actor, agenda=agenda, note=serializer.validated_data.get("note", ""))
        except services.AgendaIncomplete as incomplete:
            raise ApiValidationError(
                {"detail": incomplete.messages[0], "missing_sections": incomplete.missing}
            ) from incomplete
        return Response(_workflow(actor, agenda_id), status=status.HTTP_201_CREATED)


class AgendaReviseView(WorkspaceScopedView):
    @extend_schema(
        request=None,
        responses={200: AgendaWorkflowOutputSerializer, **errors(400, 401, 403, 404)},
        description="Takes an agenda sent back for changes back to `draft`, editable again (the group).",
    )
    def post(self, request: Request, slug: str, agenda_id: int) -> Response:
        actor = self.membership()
        services.agenda_revise(actor=actor, agenda=selectors.agenda_get_for_user(actor=actor, agenda_id=agenda_id))
        return Response(_workflow(actor, agenda_id))


class AgendaReopenView(WorkspaceScopedView):
    @extend_schema(
        request=AgendaReopenInputSerializer,
        responses={200: AgendaWorkflowOutputSerializer, **errors(400, 401, 403, 404)},
        description="Reopens an approved agenda as a new draft version (the group's leads, administrators, the "
        "executive committee).",
    )
    def post(self, request: Request, slug: str, agenda_id: int) -> Response:
        actor = self.membership()
        agenda = selectors.agenda_get_for_user(actor=actor, agenda_id=agenda_id)
        serializer = AgendaReopenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.agenda_reopen(actor=actor, agenda=agenda, reason=serializer.validated_data.get("reason", ""))
        return Response(_workflow(actor, agenda_id))


class AgendaPublishView(WorkspaceScopedView):
    @extend_schema(
        request=None,
        responses={200: AgendaWorkflowOutputSerializer, **errors(400, 401, 403, 404)},
        description="Publishes the approved version to the policy bank as a network position (administrators and "
        "the executive committee).",
    )
    def post(self, request: Request, slug: str, agenda_id: int) -> Response:
        actor = self.membership()
        services.agenda_publish(actor=actor, agenda=selectors.agenda_get_for_user(actor=actor, agenda_id=agenda_id))
        return Response(_workflow(actor, agenda_id))


class SubmissionListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[OpenApiParameter("page", int, required=False)],
        operation_id="workspaces_agendas_submissions_list",
        responses={200: paginated(SubmissionOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, agenda_id: int) -> Response:
        _agenda, submissions = selectors.submission_list_for_user(actor=self.membership(), agenda_id=agenda_id)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(submissions, request, view=self) or []
        serializer: Any = SubmissionOutputSerializer
        return paginator.get_paginated_response(serializer(page, many=True).data)


class SubmissionDetailView(WorkspaceScopedView):
    @extend_schema(responses={200: SubmissionDetailOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, agenda_id: int, number: int) -> Response:
        return Response(_submission_detail(self.membership(), agenda_id, number))


class SubmissionReviewListView(WorkspaceScopedView):
    @extend_schema(
        request=ReviewCreateInputSerializer,
        responses={201: SubmissionDetailOutputSerializer, **errors(400, 401, 403, 404)},
        description="Reviews the submission awaiting review (the executive committee): a score for every "
        "criterion of the rubric, comments on sections and a decision. One request for changes sends the agenda "
        "back; it is approved once the workspace's number of approvals is reached.",
    )
    def post(self, request: Request, slug: str, agenda_id: int, number: int) -> Response:
        actor = self.membership()
        submission = selectors.submission_get_for_user(actor=actor, agenda_id=agenda_id, number=number)
        serializer = ReviewCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.review_create(
            actor=actor,
            submission=submission,
            decision=data["decision"],
            reasons=data.get("reasons", ""),
            scores=[dict(score) for score in data["scores"]],
            comments=[dict(comment) for comment in data.get("comments", [])],
        )
        return Response(_submission_detail(actor, agenda_id, number), status=status.HTTP_201_CREATED)


class SubmissionDiffView(WorkspaceScopedView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "against", int, required=False, description="The earlier submission's number (default: the one before)."
            )
        ],
        responses={200: SubmissionDiffOutputSerializer, **errors(400, 401, 404)},
        description="Section by section, what changed between an earlier submission and this one.",
    )
    def get(self, request: Request, slug: str, agenda_id: int, number: int) -> Response:
        against = request.query_params.get("against")
        if against is not None and not against.isdigit():
            raise ApiValidationError({"against": _("Give the number of an earlier submission.")})
        base, submission, sections = selectors.submission_diff_for_user(
            actor=self.membership(), agenda_id=agenda_id, number=number, against=int(against) if against else None
        )
        for item in (base, submission):
            item.approvals = item.reviews.filter(decision=ReviewDecision.APPROVE).count()  # type: ignore[attr-defined]
            item.review_count = item.reviews.count()  # type: ignore[attr-defined]
        return Response(
            SubmissionDiffOutputSerializer({"before": base, "after": submission, "sections": sections}).data
        )


class ReviewCommentResponseView(WorkspaceScopedView):
    @extend_schema(
        request=ReviewCommentResponseInputSerializer,
        responses={200: ReviewCommentOutputSerializer, **errors(400, 401, 403, 404)},
        description="The group's answer to a reviewer's comment: accepted, done, or declined with a reason.",
    )
    def put(self, request: Request, slug: str, agenda_id: int, comment_id: int) -> Response:
        actor = self.membership()
        comment = selectors.review_comment_get_for_user(actor=actor, agenda_id=agenda_id, comment_id=comment_id)
        serializer = ReviewCommentResponseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.review_comment_respond(
            actor=actor,
            comment=comment,
            response=serializer.validated_data["response"],
            reason=serializer.validated_data.get("reason", ""),
        )
        return Response(ReviewCommentOutputSerializer(comment).data)


class ReviewSettingsView(WorkspaceScopedView):
    def _answer(self, actor: Membership) -> Response:
        rules = selectors.review_rules_for_workspace(actor.workspace_id)
        can_edit = actor.role in (Role.ADMIN, Role.EXECUTIVE)
        return Response(ReviewSettingsOutputSerializer(rules, context={"can_edit": can_edit}).data)

    @extend_schema(responses={200: ReviewSettingsOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str) -> Response:
        return self._answer(self.membership())

    @extend_schema(
        request=ReviewSettingsUpdateInputSerializer,
        responses={200: ReviewSettingsOutputSerializer, **errors(400, 401, 403, 404)},
        description="Changes how agendas are reviewed (administrators and the executive committee).",
    )
    def patch(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        serializer = ReviewSettingsUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.review_settings_update(
            actor=actor,
            approvals_required=data.get("approvals_required"),
            reviews_hidden_until_own=data.get("reviews_hidden_until_own"),
            rubric=[dict(entry) for entry in data["rubric"]] if "rubric" in data else None,
            review_days=data.get("review_days"),
            action_reminder_days=data.get("action_reminder_days"),
        )
        return self._answer(actor)
