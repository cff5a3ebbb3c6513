"""Read-only admin for support staff: documents change through the app (services), so audit, extraction and
the permission rules stay in one place."""

from django.contrib import admin

from policybank.models import PolicyDocument, Theme
from workspace.admin import ReadOnlyAdmin


@admin.register(Theme)
class ThemeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_en", "name_km", "parent", "workspace"]
    list_filter = ["workspace"]
    search_fields = ["code", "name_en", "name_km"]


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "year", "publisher", "visibility", "extraction_status", "removed_at", "workspace"]
    list_filter = ["workspace", "kind", "visibility", "extraction_status"]
    search_fields = ["title", "publisher"]
