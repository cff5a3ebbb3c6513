"""Thin views over the policy bank's selectors and services: themes, documents, file versions and their
downloads, and the metadata import. Search lives in policybank.api.search."""

from __future__ import annotations

from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from groups.models import WorkingGroup
from policybank import selectors, services
from policybank.api.serializers import (
    DocumentCitedOutputSerializer,
    DocumentCreateInputSerializer,
    DocumentFileOutputSerializer,
    DocumentFileUploadInputSerializer,
    DocumentOutputSerializer,
    DocumentRemoveQuerySerializer,
    DocumentsImportInputSerializer,
    DocumentUpdateInputSerializer,
    ThemeInputSerializer,
    ThemeOutputSerializer,
)
from policybank.models import DocumentFile, PolicyDocument, Theme
from policybank.services.imports import documents_import_start, documents_import_template_csv
from workspace.api.serializers import JobOutputSerializer
from workspace.api.views import WorkspaceScopedView, errors
from workspace.models import Membership
from workspace.selectors import require_admin

__all__ = [
    "DocumentDetailView",
    "DocumentFileDownloadView",
    "DocumentFileListView",
    "DocumentListView",
    "DocumentsImportTemplateView",
    "DocumentsImportView",
    "ThemeDetailView",
    "ThemeListView",
]


def _theme_get(actor: Membership, theme_id: int | None) -> Theme | None:
    if theme_id is None:
        return None
    theme = selectors.theme_list_for_user(actor=actor).filter(pk=theme_id).first()
    if theme is None:
        raise ValidationError({"parent": _("This theme does not exist in this workspace.")})
    return theme


def _themes(actor: Membership, theme_ids: list[int] | None) -> list[Theme] | None:
    if theme_ids is None:
        return None
    themes = list(selectors.theme_list_for_user(actor=actor).filter(pk__in=theme_ids))
    if len(themes) != len(set(theme_ids)):
        raise ValidationError({"themes": _("This theme does not exist in this workspace.")})
    return themes


def _group(actor: Membership, group_id: int | None) -> WorkingGroup | None:
    if group_id is None:
        return None
    # Visibility is checked by the service; here only the workspace, so another network's id is "unknown".
    group = WorkingGroup.objects.filter(workspace_id=actor.workspace_id, pk=group_id).first()
    if group is None:
        raise ValidationError({"group": _("This working group does not exist in this workspace.")})
    return group


def _document_detail(actor: Membership, document_id: int, *, include_removed: bool = False) -> PolicyDocument:
    document = selectors.document_get_for_user(actor=actor, document_id=document_id, include_removed=include_removed)
    # One query per relation, whatever the document has.
    return (
        PolicyDocument.objects.filter(pk=document.pk)
        .select_related("added_by", "group")
        .prefetch_related("country_rows", "language_rows", "themes", "files__uploaded_by")
        .get()
    )


def _document_response(actor: Membership, document_id: int, code: int = status.HTTP_200_OK) -> Response:
    document = _document_detail(actor, document_id)
    return Response(DocumentOutputSerializer(document, context={"actor": actor}).data, status=code)


# --- Themes -------------------------------------------------------------------------------------------


class ThemeListView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_policy_themes_list",
        responses={200: ThemeOutputSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        themes = selectors.theme_list_for_user(actor=self.membership())
        return Response(ThemeOutputSerializer(themes, many=True).data)

    @extend_schema(request=ThemeInputSerializer, responses={201: ThemeOutputSerializer, **errors(400, 401, 403, 404)})
    def post(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        require_admin(actor)
        serializer = ThemeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        theme = services.theme_create(
            actor=actor,
            code=data["code"],
            name_en=data["name_en"],
            name_km=data["name_km"],
            parent=_theme_get(actor, data["parent"]),
            position=data["position"],
        )
        return Response(ThemeOutputSerializer(theme).data, status=status.HTTP_201_CREATED)


class ThemeDetailView(WorkspaceScopedView):
    def _theme(self, theme_id: int) -> Theme:
        theme = selectors.theme_list_for_user(actor=self.membership()).filter(pk=theme_id).first()
        if theme is None:
            raise Http404
        return theme

    @extend_schema(
        request=ThemeInputSerializer(partial=True), responses={200: ThemeOutputSerializer, **errors(400, 401, 403, 404)}
    )
    def patch(self, request: Request, slug: str, theme_id: int) -> Response:
        actor = self.membership()
        theme = self._theme(theme_id)
        require_admin(actor)
        serializer = ThemeInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        # Only what was sent: defaults of fields left out must not overwrite the theme.
        changes = {key: value for key, value in serializer.validated_data.items() if key in request.data}
        if "parent" in changes:
            changes["parent"] = _theme_get(actor, changes["parent"])
        theme = services.theme_update(actor=actor, theme=theme, changes=changes)
        return Response(ThemeOutputSerializer(theme).data)

    @extend_schema(responses={204: None, **errors(400, 401, 403, 404)})
    def delete(self, request: Request, slug: str, theme_id: int) -> Response:
        actor = self.membership()
        theme = self._theme(theme_id)
        services.theme_delete(actor=actor, theme=theme)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Documents ----------------------------------------------------------------------------------------


class DocumentListView(WorkspaceScopedView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request={
            "application/json": DocumentCreateInputSerializer,
            "multipart/form-data": DocumentCreateInputSerializer,
        },
        responses={201: DocumentOutputSerializer, **errors(400, 401, 403, 404)},
        description="Adds a document (everyone but observers), optionally with its file; the file is checked by "
        "its content and refused with a reason (too large, type not accepted, not what its name says, "
        "encrypted, damaged, a decompression bomb, empty). Text extraction follows in the background.",
    )
    def post(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        selectors.require_document_adder(actor)
        serializer = DocumentCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        upload = data.pop("file", None)
        document = services.document_create(
            actor=actor,
            kind=data["kind"],
            title=data["title"],
            other_titles=data.get("other_titles"),
            summary=data.get("summary", ""),
            year=data.get("year"),
            publisher=data.get("publisher", ""),
            places=data.get("places"),
            countries=data.get("countries"),
            languages=data.get("languages"),
            themes=_themes(actor, data.get("themes")) or [],
            external_url=data.get("external_url", ""),
            licence=data.get("licence", ""),
            visibility=data.get("visibility", "workspace"),
            group=_group(actor, data.get("group")),
            file_name=upload.name if upload is not None else "",
            file_data=upload.read() if upload is not None else None,
        )
        return _document_response(actor, document.pk, status.HTTP_201_CREATED)


class DocumentDetailView(WorkspaceScopedView):
    @extend_schema(responses={200: DocumentOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, document_id: int) -> Response:
        return _document_response(self.membership(), document_id)

    @extend_schema(
        request=DocumentUpdateInputSerializer, responses={200: DocumentOutputSerializer, **errors(400, 401, 403, 404)}
    )
    def patch(self, request: Request, slug: str, document_id: int) -> Response:
        actor = self.membership()
        document = selectors.document_get_for_user(actor=actor, document_id=document_id)
        selectors.require_document_editor(actor, document)
        serializer = DocumentUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        themes = _themes(actor, data.pop("themes", None))
        countries = data.pop("countries", None)
        languages = data.pop("languages", None)
        if "group" in data:
            data["group"] = _group(actor, data["group"])
        services.document_update(
            actor=actor, document=document, changes=data, themes=themes, countries=countries, languages=languages
        )
        return _document_response(actor, document.pk)

    @extend_schema(
        parameters=[OpenApiParameter("confirm", bool, required=False)],
        responses={
            204: None,
            409: OpenApiResponse(
                DocumentCitedOutputSerializer, description="The document is cited; repeat with ?confirm=true."
            ),
            **errors(401, 403, 404),
        },
        description="Removes a document from the policy bank (admins). Citations keep showing it as removed; "
        "when it is cited, the answer is 409 with the number of citations unless `confirm` is true.",
    )
    def delete(self, request: Request, slug: str, document_id: int) -> Response:
        actor = self.membership()
        document = selectors.document_get_for_user(actor=actor, document_id=document_id)
        query = DocumentRemoveQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            services.document_remove(actor=actor, document=document, confirmed=query.validated_data["confirm"])
        except services.DocumentCited as cited:
            return Response(
                {
                    "detail": _(
                        "Citations of this document in the advocacy work: %(count)s. Removing it leaves them "
                        "marked as removed. Confirm to remove it."
                    )
                    % {"count": cited.citation_count},
                    "citation_count": cited.citation_count,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentFileListView(WorkspaceScopedView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="workspaces_policy_documents_files_list",
        responses={200: DocumentFileOutputSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str, document_id: int) -> Response:
        document = selectors.document_get_for_user(actor=self.membership(), document_id=document_id)
        files = document.files.select_related("uploaded_by").order_by("-version")
        return Response(DocumentFileOutputSerializer(files, many=True).data)

    @extend_schema(
        request={"multipart/form-data": DocumentFileUploadInputSerializer},
        responses={201: DocumentFileOutputSerializer, **errors(400, 401, 403, 404)},
        description="Uploads a new version of the document's file (older versions are kept).",
    )
    def post(self, request: Request, slug: str, document_id: int) -> Response:
        actor = self.membership()
        document = selectors.document_get_for_user(actor=actor, document_id=document_id)
        selectors.require_document_editor(actor, document)
        serializer = DocumentFileUploadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        document_file = services.document_file_upload(
            actor=actor, document=document, name=upload.name or "", data=upload.read()
        )
        return Response(DocumentFileOutputSerializer(document_file).data, status=status.HTTP_201_CREATED)


class DocumentFileDownloadView(WorkspaceScopedView):
    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(response=bytes), **errors(401, 404)},
        description="The file, as an attachment, for whoever may open the document.",
    )
    def get(self, request: Request, slug: str, document_id: int, file_id: int) -> FileResponse:
        document = selectors.document_get_for_user(actor=self.membership(), document_id=document_id)
        document_file = DocumentFile.objects.filter(document=document, pk=file_id).first()
        if document_file is None:
            raise Http404
        response = FileResponse(document_file.file.open("rb"), content_type=document_file.content_type)
        response["Content-Disposition"] = content_disposition(document_file.original_name)
        response["Content-Length"] = str(document_file.size)
        response["X-Content-Type-Options"] = "nosniff"
        # The file may be private to a group: no shared cache keeps it.
        response["Cache-Control"] = "private, no-store"
        return response


def content_disposition(name: str) -> str:
    """`attachment` with the original name; RFC 5987/6266 `filename*` keeps non-ASCII (Khmer) names."""
    ascii_name = "".join(char if 32 <= ord(char) < 127 and char not in '"\\' else "_" for char in name) or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


# --- Import -------------------------------------------------------------------------------------------


class DocumentsImportView(WorkspaceScopedView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DocumentsImportInputSerializer},
        responses={202: JobOutputSerializer, **errors(400, 401, 403, 404)},
        description="Imports document metadata from a CSV or XLSX file as a background job (admins); all rows or none.",
    )
    def post(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        require_admin(actor)
        serializer = DocumentsImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        job = documents_import_start(actor=actor, file_name=upload.name or "", data=upload.read())
        return Response(JobOutputSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class DocumentsImportTemplateView(WorkspaceScopedView):
    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(response=str), **errors(401, 403, 404)})
    def get(self, request: Request, slug: str) -> HttpResponse:
        require_admin(self.membership())
        response = HttpResponse(documents_import_template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="roundtable-policy-documents-template.csv"'
        return response
