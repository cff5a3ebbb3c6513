from django.contrib import admin

from groups.models import GroupMembership, WorkingGroup


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    raw_id_fields = ["user"]
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "workspace", "visibility"]
    list_filter = ["workspace", "visibility"]
    inlines = [GroupMembershipInline]
