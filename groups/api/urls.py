from django.urls import path

from groups.api import views

urlpatterns = [
    path("workspaces/<slug:slug>/groups/", views.WorkingGroupListView.as_view(), name="group-list"),
    path("workspaces/<slug:slug>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
]
