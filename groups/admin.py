from django.contrib import admin

from groups.models import GroupMembership, WorkingGroup
from workspace.admin import ReadOnlyAdmin


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    raw_id_fields = ["user"]
    extra = 0

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ReadOnlyAdmin):
    list_display = ["name", "workspace", "visibility"]
    list_filter = ["workspace", "visibility"]
    inlines = [GroupMembershipInline]
