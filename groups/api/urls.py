from django.urls import path

from groups.api import views

MEETING = "workspaces/<slug:slug>/meetings/<int:meeting_id>/"

urlpatterns = [
    path("workspaces/<slug:slug>/groups/", views.WorkingGroupListView.as_view(), name="group-list"),
    path("workspaces/<slug:slug>/groups/<int:group_id>/", views.WorkingGroupDetailView.as_view(), name="group-detail"),
    path(
        "workspaces/<slug:slug>/groups/<int:group_id>/members/",
        views.GroupMemberListView.as_view(),
        name="group-member-list",
    ),
    path(
        "workspaces/<slug:slug>/groups/<int:group_id>/members/<int:group_membership_id>/",
        views.GroupMemberDetailView.as_view(),
        name="group-member-detail",
    ),
    path(
        "workspaces/<slug:slug>/groups/<int:group_id>/member-candidates/",
        views.GroupMemberCandidateListView.as_view(),
        name="group-member-candidate-list",
    ),
    path("workspaces/<slug:slug>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("workspaces/<slug:slug>/meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path(MEETING, views.MeetingDetailView.as_view(), name="meeting-detail"),
    path(MEETING + "items/", views.AgendaItemListView.as_view(), name="agenda-item-list"),
    path(MEETING + "items/reorder/", views.AgendaReorderView.as_view(), name="agenda-reorder"),
    path(MEETING + "items/<int:item_id>/", views.AgendaItemDetailView.as_view(), name="agenda-item-detail"),
    path(MEETING + "save-as-template/", views.MeetingSaveAsTemplateView.as_view(), name="meeting-save-as-template"),
    path(MEETING + "attendance/", views.AttendanceView.as_view(), name="meeting-attendance"),
    path(MEETING + "attendance/<int:user_id>/", views.AttendanceDetailView.as_view(), name="meeting-attendance-detail"),
    path(MEETING + "attendance.csv", views.MeetingAttendanceCsvView.as_view(), name="meeting-attendance-csv"),
    path(MEETING + "calendar.ics", views.MeetingCalendarView.as_view(), name="meeting-calendar"),
    path(
        "workspaces/<slug:slug>/meeting-templates/",
        views.MeetingTemplateListView.as_view(),
        name="meeting-template-list",
    ),
]
