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
    path(MEETING + "live/", views.LiveView.as_view(), name="meeting-live"),
    path(MEETING + "live/commands/", views.LiveCommandView.as_view(), name="meeting-live-commands"),
    path(MEETING + "sessions/<int:session_id>/", views.SessionDetailView.as_view(), name="session-detail"),
    path(MEETING + "sessions/<int:session_id>/commands/", views.SessionCommandView.as_view(), name="session-commands"),
    path(MEETING + "sessions/<int:session_id>/parking-lot/", views.ParkingLotListView.as_view(), name="parking-lot"),
    path(
        MEETING + "sessions/<int:session_id>/parking-lot/<int:item_id>/",
        views.ParkingLotItemDetailView.as_view(),
        name="parking-lot-item",
    ),
    path(MEETING + "sessions/<int:session_id>/votes/", views.DotVoteListView.as_view(), name="dot-vote-list"),
    path(
        MEETING + "sessions/<int:session_id>/votes/<int:vote_id>/dots/",
        views.DotListView.as_view(),
        name="dot-list",
    ),
    path(
        MEETING + "sessions/<int:session_id>/votes/<int:vote_id>/dots/<int:option_id>/",
        views.DotDetailView.as_view(),
        name="dot-detail",
    ),
    path(
        MEETING + "sessions/<int:session_id>/votes/<int:vote_id>/close/",
        views.DotVoteCloseView.as_view(),
        name="dot-vote-close",
    ),
    path(
        "workspaces/<slug:slug>/meeting-templates/",
        views.MeetingTemplateListView.as_view(),
        name="meeting-template-list",
    ),
]
