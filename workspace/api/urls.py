from django.urls import path

from workspace.api import views

urlpatterns = [
    path("auth/csrf/", views.CsrfView.as_view(), name="auth-csrf"),
    path("auth/login/", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/token/", views.TokenCreateView.as_view(), name="auth-token"),
    path("auth/me/", views.MeView.as_view(), name="auth-me"),
    path("auth/me/notification-settings/", views.NotificationSettingsView.as_view(), name="auth-notification-settings"),
    path("auth/password/change/", views.PasswordChangeView.as_view(), name="auth-password-change"),
    path("auth/password/reset/", views.PasswordResetView.as_view(), name="auth-password-reset"),
    path("auth/password/reset/confirm/", views.PasswordResetConfirmView.as_view(), name="auth-password-reset-confirm"),
    path("workspaces/", views.WorkspaceListView.as_view(), name="workspace-list"),
    path("workspaces/<slug:slug>/members/", views.MembershipListView.as_view(), name="membership-list"),
    path(
        "workspaces/<slug:slug>/members/<int:membership_id>/",
        views.MembershipDetailView.as_view(),
        name="membership-detail",
    ),
    path("workspaces/<slug:slug>/organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "workspaces/<slug:slug>/organisations/<int:organisation_id>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("workspaces/<slug:slug>/imports/", views.ImportStartView.as_view(), name="import-start"),
    path("workspaces/<slug:slug>/import-template/", views.ImportTemplateView.as_view(), name="import-template"),
    path("workspaces/<slug:slug>/jobs/<int:job_id>/", views.JobDetailView.as_view(), name="job-detail"),
    path("workspaces/<slug:slug>/audit-events/", views.AuditEventListView.as_view(), name="audit-event-list"),
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path("notifications/unread-count/", views.NotificationUnreadCountView.as_view(), name="notification-unread-count"),
    path("notifications/read-all/", views.NotificationReadAllView.as_view(), name="notification-read-all"),
    path("notifications/<int:notification_id>/read/", views.NotificationReadView.as_view(), name="notification-read"),
]
