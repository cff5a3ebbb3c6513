from django.urls import path

from groups.api import views

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
]
