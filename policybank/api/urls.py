from django.urls import path

from policybank.api import views
from policybank.api.search import DocumentSearchView

POLICY = "workspaces/<slug:slug>/policy/"
DOCUMENT = POLICY + "documents/<int:document_id>/"

urlpatterns = [
    path(POLICY + "themes/", views.ThemeListView.as_view(), name="policy-theme-list"),
    path(POLICY + "themes/<int:theme_id>/", views.ThemeDetailView.as_view(), name="policy-theme-detail"),
    path(POLICY + "documents/", views.DocumentListView.as_view(), name="policy-document-list"),
    path(DOCUMENT, views.DocumentDetailView.as_view(), name="policy-document-detail"),
    path(DOCUMENT + "files/", views.DocumentFileListView.as_view(), name="policy-document-file-list"),
    path(
        DOCUMENT + "files/<int:file_id>/download/",
        views.DocumentFileDownloadView.as_view(),
        name="policy-document-file-download",
    ),
    path(POLICY + "imports/", views.DocumentsImportView.as_view(), name="policy-import-start"),
    path(POLICY + "imports/template/", views.DocumentsImportTemplateView.as_view(), name="policy-import-template"),
    path(POLICY + "search/", DocumentSearchView.as_view(), name="policy-search"),
]
