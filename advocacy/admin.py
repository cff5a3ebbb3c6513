"""Read-only admin for support staff: the content of trees and agendas is their live document, changed only
in the app (an admin form would go around the document and the services)."""

from django.contrib import admin

from advocacy.models import AdvocacyAgenda, AgendaReview, AgendaSubmission, ProblemTree, ReviewSettings
from workspace.admin import ReadOnlyAdmin


@admin.register(ProblemTree)
class ProblemTreeAdmin(ReadOnlyAdmin):
    list_display = ["title", "group", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]


@admin.register(AdvocacyAgenda)
class AdvocacyAgendaAdmin(ReadOnlyAdmin):
    list_display = ["title", "group", "status", "version", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(AgendaSubmission)
class AgendaSubmissionAdmin(ReadOnlyAdmin):
    list_display = ["title", "agenda", "number", "agenda_version", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(AgendaReview)
class AgendaReviewAdmin(ReadOnlyAdmin):
    list_display = ["submission", "reviewer", "decision", "created_at"]
    list_filter = ["decision"]


@admin.register(ReviewSettings)
class ReviewSettingsAdmin(ReadOnlyAdmin):
    list_display = ["workspace", "approvals_required", "reviews_hidden_until_own"]
