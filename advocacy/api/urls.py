from django.urls import path

from advocacy.api import actions, citations, review_dashboard, reviews, views

WORKSPACE = "workspaces/<slug:slug>/"
TREE = WORKSPACE + "trees/<int:tree_id>/"
AGENDA = WORKSPACE + "agendas/<int:agenda_id>/"
SUBMISSION = AGENDA + "submissions/<int:number>/"

# Node and row keys are made by the browser from [A-Za-z0-9_-], exactly what the slug converter accepts.
urlpatterns = [
    path(WORKSPACE + "groups/<int:group_id>/trees/", views.TreeListView.as_view(), name="tree-list"),
    path(TREE, views.TreeDetailView.as_view(), name="tree-detail"),
    path(TREE + "nodes/", views.TreeNodeListView.as_view(), name="tree-node-list"),
    path(TREE + "nodes/<slug:key>/", views.TreeNodeDetailView.as_view(), name="tree-node-detail"),
    path(TREE + "objectives/", views.TreeObjectivesView.as_view(), name="tree-objectives"),
    path(TREE + "cause-vote/", views.TreeCauseVoteView.as_view(), name="tree-cause-vote"),
    path(TREE + "history/", views.TreeHistoryView.as_view(), name="tree-history"),
    path(WORKSPACE + "groups/<int:group_id>/agendas/", views.AgendaListView.as_view(), name="agenda-list"),
    path(AGENDA, views.AgendaDetailView.as_view(), name="agenda-detail"),
    path(
        AGENDA + "sections/<slug:section>/ready/", views.AgendaSectionReadyView.as_view(), name="agenda-section-ready"
    ),
    path(AGENDA + "actions/<slug:key>/", views.AgendaActionDetailView.as_view(), name="agenda-action-detail"),
    path(AGENDA + "history/", views.AgendaHistoryView.as_view(), name="agenda-history"),
    # Review by the executive committee (issue 6).
    path(AGENDA + "workflow/", reviews.AgendaWorkflowView.as_view(), name="agenda-workflow"),
    path(AGENDA + "submit/", reviews.AgendaSubmitView.as_view(), name="agenda-submit"),
    path(AGENDA + "revise/", reviews.AgendaReviseView.as_view(), name="agenda-revise"),
    path(AGENDA + "reopen/", reviews.AgendaReopenView.as_view(), name="agenda-reopen"),
    path(AGENDA + "publish/", reviews.AgendaPublishView.as_view(), name="agenda-publish"),
    path(AGENDA + "submissions/", reviews.SubmissionListView.as_view(), name="agenda-submission-list"),
    path(SUBMISSION, reviews.SubmissionDetailView.as_view(), name="agenda-submission-detail"),
    path(SUBMISSION + "reviews/", reviews.SubmissionReviewListView.as_view(), name="agenda-submission-reviews"),
    path(SUBMISSION + "diff/", reviews.SubmissionDiffView.as_view(), name="agenda-submission-diff"),
    path(
        AGENDA + "review-comments/<int:comment_id>/response/",
        reviews.ReviewCommentResponseView.as_view(),
        name="agenda-review-comment-response",
    ),
    path(WORKSPACE + "review-settings/", reviews.ReviewSettingsView.as_view(), name="review-settings"),
    path(WORKSPACE + "review-dashboard/", review_dashboard.ReviewDashboardView.as_view(), name="review-dashboard"),
    # Following up the action plans of approved agendas.
    path(WORKSPACE + "my-actions/", actions.MyActionListView.as_view(), name="my-action-list"),
    path(WORKSPACE + "actions/", actions.ActionListView.as_view(), name="action-list"),
    path(WORKSPACE + "actions/export/", actions.ActionExportView.as_view(), name="action-export"),
    path(WORKSPACE + "actions/<int:action_id>/", actions.ActionDetailView.as_view(), name="action-detail"),
    path(
        WORKSPACE + "actions/<int:action_id>/notes/",
        actions.ActionProgressNoteListView.as_view(),
        name="action-progress-note-list",
    ),
    # Evidence from the policy bank (issue 5).
    path(TREE + "citations/", citations.TreeCitationListView.as_view(), name="tree-citation-list"),
    path(
        TREE + "nodes/<slug:key>/citations/",
        citations.TreeNodeCitationListView.as_view(),
        name="tree-node-citation-list",
    ),
    path(AGENDA + "citations/", citations.AgendaCitationListView.as_view(), name="agenda-citation-list"),
    path(
        AGENDA + "sections/<slug:section>/citations/",
        citations.SectionCitationListView.as_view(),
        name="agenda-section-citation-list",
    ),
    path(WORKSPACE + "citations/<int:citation_id>/", citations.CitationDetailView.as_view(), name="citation-detail"),
    path(
        WORKSPACE + "policy/documents/<int:document_id>/cited-by/",
        citations.DocumentCitedByView.as_view(),
        name="policy-document-cited-by",
    ),
]
