"""Input and output shapes of the working-groups and meetings API."""

from datetime import timedelta
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from groups.models import (
    DEFAULT_MEETING_TIMEZONE,
    MAX_ITEM_MINUTES,
    AgendaItem,
    AgendaItemKind,
    Attendance,
    GroupMembership,
    GroupRole,
    Meeting,
    MeetingStatus,
    Visibility,
    WorkingGroup,
)
from groups.selectors import group_member_organisation, meeting_planned_end
from workspace.api.serializers import (
    MyWorkspaceOutputSerializer,
    NotificationOutputSerializer,
    OrganisationSummaryOutputSerializer,
    OutputModelSerializer,
    UserSummaryOutputSerializer,
)
from workspace.models import Membership, Organisation, Role


class WorkingGroupOutputSerializer(OutputModelSerializer[WorkingGroup]):
    member_count = serializers.IntegerField(read_only=True)
    my_role = serializers.ChoiceField(choices=GroupRole.choices, allow_null=True, read_only=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices)

    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "theme", "description", "visibility", "member_count", "my_role"]


class GroupPermissionsOutputSerializer(serializers.Serializer[Any]):
    edit_details = serializers.BooleanField(help_text="May change the theme and description.")
    edit_settings = serializers.BooleanField(help_text="May rename the group and change its visibility.")
    manage_members = serializers.BooleanField(help_text="May add and remove members and change their group role.")


class WorkingGroupDetailOutputSerializer(WorkingGroupOutputSerializer):
    permissions = serializers.SerializerMethodField()

    class Meta(WorkingGroupOutputSerializer.Meta):
        fields = [*WorkingGroupOutputSerializer.Meta.fields, "created_at", "permissions"]

    @extend_schema_field(GroupPermissionsOutputSerializer)
    def get_permissions(self, group: WorkingGroup) -> dict[str, Any]:
        return dict(GroupPermissionsOutputSerializer(self.context["permissions"]).data)


class WorkingGroupCreateInputSerializer(serializers.Serializer[WorkingGroup]):
    name = serializers.CharField(max_length=200)
    theme = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, default=Visibility.WORKSPACE)


class WorkingGroupUpdateInputSerializer(serializers.Serializer[WorkingGroup]):
    name = serializers.CharField(max_length=200, required=False)
    theme = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)


class GroupMemberOutputSerializer(OutputModelSerializer[GroupMembership]):
    user = UserSummaryOutputSerializer(read_only=True)
    role = serializers.ChoiceField(choices=GroupRole.choices)
    organisation = serializers.SerializerMethodField(help_text="The organisation the person represents here.")

    class Meta:
        model = GroupMembership
        fields = ["id", "user", "role", "organisation"]

    @extend_schema_field(OrganisationSummaryOutputSerializer(allow_null=True))
    def get_organisation(self, group_membership: GroupMembership) -> dict[str, Any] | None:
        organisation: Organisation | None = group_member_organisation(group_membership)
        return None if organisation is None else dict(OrganisationSummaryOutputSerializer(organisation).data)


class GroupMemberAddInputSerializer(serializers.Serializer[GroupMembership]):
    user_id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=GroupRole.choices, default=GroupRole.MEMBER)


class GroupMemberUpdateInputSerializer(serializers.Serializer[GroupMembership]):
    role = serializers.ChoiceField(choices=GroupRole.choices)


class GroupMemberCandidateOutputSerializer(OutputModelSerializer[Membership]):
    user = UserSummaryOutputSerializer(read_only=True)
    organisation = OrganisationSummaryOutputSerializer(read_only=True, allow_null=True)
    workspace_role = serializers.ChoiceField(source="role", choices=Role.choices)

    class Meta:
        model = Membership
        fields = ["user", "organisation", "workspace_role"]


class WorkingGroupSummaryOutputSerializer(OutputModelSerializer[WorkingGroup]):
    class Meta:
        model = WorkingGroup
        fields = ["id", "name"]


# --- Meetings -------------------------------------------------------------------------------------


class MeetingOutputSerializer(OutputModelSerializer[Meeting]):
    """A meeting in a list. Times are ISO 8601 with the offset of the meeting's own time zone."""

    status = serializers.ChoiceField(choices=MeetingStatus.choices)
    starts_at = serializers.SerializerMethodField()
    planned_end = serializers.SerializerMethodField(help_text="Start plus the sum of the agenda's durations.")
    groups = WorkingGroupSummaryOutputSerializer(many=True, read_only=True)
    facilitators = UserSummaryOutputSerializer(many=True, read_only=True)
    item_count = serializers.IntegerField(read_only=True)
    total_minutes = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "date",
            "start_time",
            "timezone",
            "starts_at",
            "planned_end",
            "venue",
            "online_link",
            "status",
            "groups",
            "facilitators",
            "item_count",
            "total_minutes",
        ]

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_starts_at(self, meeting: Meeting) -> str:
        return meeting.starts_at.isoformat()

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_planned_end(self, meeting: Meeting) -> str:
        return meeting_planned_end(meeting).isoformat()


class AgendaItemOutputSerializer(OutputModelSerializer[AgendaItem]):
    # Declared so the schema gives the real range rather than the database's, which differs by vendor.
    position = serializers.IntegerField(min_value=1, read_only=True)
    planned_minutes = serializers.IntegerField(min_value=1, max_value=MAX_ITEM_MINUTES, read_only=True)
    kind = serializers.ChoiceField(choices=AgendaItemKind.choices)
    presenter = UserSummaryOutputSerializer(read_only=True, allow_null=True)
    responsible_group = WorkingGroupSummaryOutputSerializer(read_only=True, allow_null=True)
    starts_at = serializers.SerializerMethodField()
    ends_at = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "position",
            "kind",
            "title",
            "planned_minutes",
            "presenter",
            "responsible_group",
            "starts_at",
            "ends_at",
        ]

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_starts_at(self, item: AgendaItem) -> str:
        return str(self.context["starts"][item.pk].isoformat())

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_ends_at(self, item: AgendaItem) -> str:
        return str((self.context["starts"][item.pk] + timedelta(minutes=item.planned_minutes)).isoformat())


class MeetingPermissionsOutputSerializer(serializers.Serializer[Any]):
    edit = serializers.BooleanField(help_text="May change the details, agenda and status, and delete the meeting.")
    check_in_others = serializers.BooleanField(help_text="May check anyone of the workspace in.")
    check_in_self = serializers.BooleanField(help_text="May check themselves in (a participant).")


class MeetingDetailOutputSerializer(MeetingOutputSerializer):
    items = serializers.SerializerMethodField(help_text="The agenda, in order.")
    created_by = UserSummaryOutputSerializer(read_only=True, allow_null=True)
    permissions = serializers.SerializerMethodField()

    class Meta(MeetingOutputSerializer.Meta):
        fields = [*MeetingOutputSerializer.Meta.fields, "items", "created_by", "created_at", "permissions"]

    @extend_schema_field(AgendaItemOutputSerializer(many=True))
    def get_items(self, meeting: Meeting) -> list[dict[str, Any]]:
        items: list[AgendaItem] = meeting.ordered_items  # type: ignore[attr-defined]
        starts = {}
        at = meeting.starts_at
        for item in items:
            starts[item.pk] = at
            at += timedelta(minutes=item.planned_minutes)
        return list(AgendaItemOutputSerializer(items, many=True, context={"starts": starts}).data)

    @extend_schema_field(MeetingPermissionsOutputSerializer)
    def get_permissions(self, meeting: Meeting) -> dict[str, Any]:
        return dict(MeetingPermissionsOutputSerializer(self.context["permissions"]).data)


class MeetingListQuerySerializer(serializers.Serializer[Any]):
    upcoming = serializers.BooleanField(required=False, default=False)
    group = serializers.IntegerField(required=False)


class MeetingCreateInputSerializer(serializers.Serializer[Meeting]):
    title = serializers.CharField(max_length=200)
    date = serializers.DateField()
    start_time = serializers.TimeField()
    timezone = serializers.CharField(max_length=64, default=DEFAULT_MEETING_TIMEZONE, help_text="An IANA name.")
    venue = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_link = serializers.URLField(max_length=500, required=False, allow_blank=True)
    group_ids = serializers.ListField(child=serializers.IntegerField(), required=False)
    facilitator_ids = serializers.ListField(child=serializers.IntegerField(), required=False)
    template_id = serializers.CharField(
        required=False, allow_null=True, help_text="A template id from meeting-templates/ (e.g. builtin-joint)."
    )


class MeetingUpdateInputSerializer(serializers.Serializer[Meeting]):
    title = serializers.CharField(max_length=200, required=False)
    date = serializers.DateField(required=False)
    start_time = serializers.TimeField(required=False)
    timezone = serializers.CharField(max_length=64, required=False)
    venue = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_link = serializers.URLField(max_length=500, required=False, allow_blank=True)
    group_ids = serializers.ListField(child=serializers.IntegerField(), required=False)
    facilitator_ids = serializers.ListField(child=serializers.IntegerField(), required=False)
    status = serializers.ChoiceField(choices=MeetingStatus.choices, required=False)


class AgendaItemCreateInputSerializer(serializers.Serializer[AgendaItem]):
    kind = serializers.ChoiceField(choices=AgendaItemKind.choices)
    title = serializers.CharField(max_length=200)
    planned_minutes = serializers.IntegerField(min_value=1, max_value=MAX_ITEM_MINUTES)
    presenter_id = serializers.IntegerField(required=False, allow_null=True)
    responsible_group_id = serializers.IntegerField(required=False, allow_null=True)


class AgendaItemUpdateInputSerializer(serializers.Serializer[AgendaItem]):
    kind = serializers.ChoiceField(choices=AgendaItemKind.choices, required=False)
    title = serializers.CharField(max_length=200, required=False)
    planned_minutes = serializers.IntegerField(min_value=1, max_value=MAX_ITEM_MINUTES, required=False)
    presenter_id = serializers.IntegerField(required=False, allow_null=True)
    responsible_group_id = serializers.IntegerField(required=False, allow_null=True)


class AgendaReorderInputSerializer(serializers.Serializer[Any]):
    item_ids = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=True, help_text="Every item of the meeting, in the new order."
    )


class MeetingTemplateItemOutputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=AgendaItemKind.choices)
    title = serializers.CharField()
    planned_minutes = serializers.IntegerField()


class MeetingTemplateOutputSerializer(serializers.Serializer[Any]):
    id = serializers.CharField(help_text="`builtin-…` for the built-in templates, the saved template's id otherwise.")
    name = serializers.CharField()
    builtin = serializers.BooleanField()
    items = MeetingTemplateItemOutputSerializer(many=True)
    total_minutes = serializers.IntegerField()


class MeetingSaveAsTemplateInputSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)


# --- Attendance -----------------------------------------------------------------------------------


class AttendanceCheckInInputSerializer(serializers.Serializer[Attendance]):
    user_id = serializers.IntegerField(help_text="The caller's own id to check themselves in.")


class AttendanceOutputSerializer(OutputModelSerializer[Attendance]):
    user = UserSummaryOutputSerializer(read_only=True)
    checked_in_by = UserSummaryOutputSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Attendance
        fields = ["user", "checked_in_at", "checked_in_by"]


class AttendanceParticipantOutputSerializer(serializers.Serializer[Any]):
    user = UserSummaryOutputSerializer()
    organisation = OrganisationSummaryOutputSerializer(allow_null=True)
    groups = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the meeting's groups they are in."
    )
    facilitator = serializers.BooleanField()
    expected = serializers.BooleanField(help_text="False for people who came without being in a group or facilitating.")
    checked_in_at = serializers.DateTimeField(allow_null=True)


class AttendanceByOrganisationOutputSerializer(serializers.Serializer[Any]):
    organisation = OrganisationSummaryOutputSerializer(allow_null=True)
    expected = serializers.IntegerField()
    present = serializers.IntegerField(help_text="Everyone checked in, expected or not.")


class AttendanceByGroupOutputSerializer(serializers.Serializer[Any]):
    group = WorkingGroupSummaryOutputSerializer()
    expected = serializers.IntegerField()
    present = serializers.IntegerField()


class AttendanceSummaryOutputSerializer(serializers.Serializer[Any]):
    participants = AttendanceParticipantOutputSerializer(many=True)
    by_organisation = AttendanceByOrganisationOutputSerializer(many=True)
    by_group = AttendanceByGroupOutputSerializer(many=True)


class DashboardOutputSerializer(serializers.Serializer[Any]):
    workspace = MyWorkspaceOutputSerializer()
    my_groups = WorkingGroupOutputSerializer(many=True)
    upcoming_meetings = MeetingOutputSerializer(
        many=True, help_text="The next meetings the person takes part in (through a working group) or facilitates."
    )
    awaiting_me = NotificationOutputSerializer(many=True)
