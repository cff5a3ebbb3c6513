"""The executive committee's review dashboard through the API: the agendas in one queue (awaiting me,
in review, overdue, decided), a page at a time, with the size of every queue under the same filters."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy import selectors
from advocacy.api.serializers import AdvocacyGroupOutputSerializer, AdvocacyPersonOutputSerializer, _person
from advocacy.models import AgendaStatus, AgendaSubmission, ReviewDecision, SubmissionStatus
from advocacy.selectors.review_dashboard import ReviewQueue
from workspace.api.pagination import StandardPagination
from workspace.api.views import WorkspaceScopedView, errors

__all__ = ["ReviewDashboardView"]


class ReviewDashboardEntryOutputSerializer(serializers.Serializer[AgendaSubmission]):
    """One agenda, as its latest submission stands."""

    agenda_id = serializers.IntegerField()
    agenda_title = serializers.CharField(source="agenda.title", help_text="The agenda's title now.")
    agenda_status = serializers.ChoiceField(source="agenda.status", choices=AgendaStatus.choices)
    agenda_version = serializers.IntegerField(source="agenda.version")
    group = AdvocacyGroupOutputSerializer(source="agenda.group")
    number = serializers.IntegerField(help_text="The latest submission's number.")
    status = serializers.ChoiceField(choices=SubmissionStatus.choices, help_text="The latest submission's status.")
    submitted_by = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.SerializerMethodField(help_text="When a decision is due; null once decided.")
    overdue = serializers.BooleanField()
    approvals = serializers.IntegerField()
    review_count = serializers.IntegerField()
    my_decision = serializers.ChoiceField(
        choices=ReviewDecision.choices, allow_null=True, help_text="My review's decision, if I reviewed it."
    )

    @extend_schema_field(AdvocacyPersonOutputSerializer(allow_null=True))
    def get_submitted_by(self, submission: AgendaSubmission) -> dict[str, Any] | None:
        return _person(submission.submitted_by)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due_at(self, submission: AgendaSubmission) -> str | None:
        if submission.status != SubmissionStatus.PENDING:
            return None
        due: datetime = submission.submitted_at + timedelta(days=self.context["review_days"])
        return serializers.DateTimeField().to_representation(due)


class ReviewQueueCountsOutputSerializer(serializers.Serializer[Any]):
    awaiting_me = serializers.IntegerField()
    in_review = serializers.IntegerField()
    overdue = serializers.IntegerField()
    decided = serializers.IntegerField()


class ReviewDashboardOutputSerializer(serializers.Serializer[Any]):
    queue = serializers.ChoiceField(choices=ReviewQueue.choices)
    counts = ReviewQueueCountsOutputSerializer(help_text="Every queue's size under the same filters.")
    review_days = serializers.IntegerField(help_text="Days a submission may await a decision before it is overdue.")
    approvals_required = serializers.IntegerField()
    can_review = serializers.BooleanField(help_text="Whether I review agendas (executives) or only follow them.")
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ReviewDashboardEntryOutputSerializer(many=True)


class ReviewDashboardFilterSerializer(serializers.Serializer[Any]):
    queue = serializers.ChoiceField(choices=ReviewQueue.choices, required=False, default=ReviewQueue.AWAITING_ME)
    group = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=AgendaStatus.choices, required=False)


class ReviewDashboardView(WorkspaceScopedView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "queue", str, required=False, enum=ReviewQueue.values, description="awaiting_me by default."
            ),
            OpenApiParameter("group", int, required=False, description="Only this working group's agendas."),
            OpenApiParameter(
                "status", str, required=False, enum=AgendaStatus.values, description="The agenda's status."
            ),
            OpenApiParameter("page", int, required=False),
        ],
        responses={200: ReviewDashboardOutputSerializer, **errors(400, 401, 403, 404)},
        description="The agendas sent to the executive committee, by queue (administrators and executives).",
    )
    def get(self, request: Request, slug: str) -> Response:
        filters = ReviewDashboardFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        dashboard = selectors.review_dashboard_for_user(
            actor=self.membership(), queue=data["queue"], group_id=data.get("group"), status=data.get("status")
        )
        paginator = StandardPagination()
        page: list[AgendaSubmission] = paginator.paginate_queryset(dashboard.submissions, request, view=self) or []
        entry_serializer: Any = ReviewDashboardEntryOutputSerializer
        entries = entry_serializer(page, many=True, context={"review_days": dashboard.review_days})
        return Response(
            {
                "queue": dashboard.queue.value,
                "counts": dashboard.counts,
                "review_days": dashboard.review_days,
                "approvals_required": dashboard.approvals_required,
                "can_review": dashboard.can_review,
                "count": paginator.page.paginator.count if paginator.page else 0,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "results": entries.data,
            }
        )
