"""Thin views: validate input, call a selector or service, serialize the answer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404, HttpResponse
from django.utils.decorators import method_decorator
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from workspace import selectors
from workspace.api.pagination import StandardPagination
from workspace.api.serializers import (
    AuditEventOutputSerializer,
    ImportStartInputSerializer,
    ImportTemplateQuerySerializer,
    JobOutputSerializer,
    LoginInputSerializer,
    MembershipInviteInputSerializer,
    MembershipOutputSerializer,
    MembershipUpdateInputSerializer,
    MeOutputSerializer,
    MeUpdateInputSerializer,
    MyWorkspaceOutputSerializer,
    NotificationOutputSerializer,
    NotificationSettingsSerializer,
    OrganisationInputSerializer,
    OrganisationOutputSerializer,
    PasswordChangeInputSerializer,
    PasswordResetConfirmInputSerializer,
    PasswordResetInputSerializer,
    TokenOutputSerializer,
    UnreadCountOutputSerializer,
    paginated,
)
from workspace.api.throttles import LoginClientRateThrottle, LoginRateThrottle, PasswordResetRateThrottle
from workspace.live.services import live_access_changed
from workspace.models import Membership, Organisation, User
from workspace.services import imports, notification_emails, notifications, organisations, people
from workspace.services.people import UNCHANGED

ERRORS = {
    400: OpenApiResponse(description="Invalid input; the body names the fields and says why."),
    401: OpenApiResponse(description="Not signed in."),
    403: OpenApiResponse(description="Signed in, but the role does not allow this."),
    404: OpenApiResponse(description="Not found, or not visible to this person."),
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: ERRORS[code] for code in codes}


class WorkspaceScopedView(APIView):
    """Resolves the workspace in the URL to the caller's membership (404 for outsiders)."""

    def membership(self) -> Membership:
        if not hasattr(self, "_membership"):
            self._membership = selectors.membership_get_for_user(
                user=current_user(self.request), slug=self.kwargs["slug"]
            )
        return self._membership


def current_user(request: Request) -> User:
    """The signed-in person; views that use this require authentication, so anything else is a bug."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user


def paginate(view: APIView, request: Request, queryset: Any, serializer_class: Any) -> Response:
    paginator = StandardPagination()
    page: list[Any] | None = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)


# --- Sessions, tokens, passwords -------------------------------------------------------------------


class CsrfView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={204: None}, summary="Set the CSRF cookie for the browser app")
    @method_decorator(ensure_csrf_cookie)
    def get(self, request: Request) -> Response:
        return Response(status=status.HTTP_204_NO_CONTENT)


def _authenticate(request: Request, data: dict[str, Any]) -> User:
    user = authenticate(request, username=data["email"].lower(), password=data["password"])
    if not isinstance(user, User):
        raise AuthenticationFailed(_("The e-mail address or password is not correct."))
    return user


class LoginView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [LoginRateThrottle, LoginClientRateThrottle]

    @extend_schema(request=LoginInputSerializer, responses={200: MeOutputSerializer, **errors(400, 401, 403)})
    def post(self, request: Request) -> Response:
        # DRF checks CSRF only for requests that are already signed in; without this a foreign site
        # could sign a visitor into the attacker's account (login CSRF).
        SessionAuthentication().enforce_csrf(request)
        serializer = LoginInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _authenticate(request, serializer.validated_data)
        login(request._request, user)
        return Response(MeOutputSerializer(user).data)


class LogoutView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        user_id = request.user.pk if request.user.is_authenticated else None
        logout(request._request)
        if user_id is not None:
            # The person's open live-document sockets close (their session is gone).
            live_access_changed(user_ids=[user_id])
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenCreateView(APIView):
    """For API clients (scripts, integrations) that cannot keep a session cookie."""

    permission_classes = [AllowAny]
    throttle_classes = [LoginRateThrottle, LoginClientRateThrottle]

    @extend_schema(request=LoginInputSerializer, responses={200: TokenOutputSerializer, **errors(400, 401)})
    def post(self, request: Request) -> Response:
        serializer = LoginInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = _authenticate(request, serializer.validated_data)
        return Response({"token": people.api_token_issue(user=user)})


class MeView(APIView):
    @extend_schema(responses={200: MeOutputSerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        return Response(MeOutputSerializer(current_user(request)).data)

    @extend_schema(request=MeUpdateInputSerializer, responses={200: MeOutputSerializer, **errors(400, 401)})
    def patch(self, request: Request) -> Response:
        serializer = MeUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = people.user_update_profile(user=current_user(request), **serializer.validated_data)
        return Response(MeOutputSerializer(user).data)


class NotificationSettingsView(APIView):
    @extend_schema(responses={200: NotificationSettingsSerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        return Response(NotificationSettingsSerializer(current_user(request)).data)

    @extend_schema(
        request=NotificationSettingsSerializer, responses={200: NotificationSettingsSerializer, **errors(400, 401)}
    )
    def patch(self, request: Request) -> Response:
        serializer = NotificationSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = notification_emails.notification_email_settings_update(
            user=current_user(request), **serializer.validated_data
        )
        return Response(NotificationSettingsSerializer(user).data)


class PasswordChangeView(APIView):
    @extend_schema(request=PasswordChangeInputSerializer, responses={204: None, **errors(400, 401)})
    def post(self, request: Request) -> Response:
        serializer = PasswordChangeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        people.user_change_password(user=current_user(request), **serializer.validated_data)
        # Changing the password ends other sessions; keep this one signed in.
        from django.contrib.auth import update_session_auth_hash

        update_session_auth_hash(request._request, current_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [PasswordResetRateThrottle]

    @extend_schema(request=PasswordResetInputSerializer, responses={204: None, **errors(400)})
    def post(self, request: Request) -> Response:
        serializer = PasswordResetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        people.password_reset_request(email=serializer.validated_data["email"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetConfirmView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(request=PasswordResetConfirmInputSerializer, responses={204: None, **errors(400)})
    def post(self, request: Request) -> Response:
        serializer = PasswordResetConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            user = User.objects.get(pk=force_str(urlsafe_base64_decode(data["uid"])), is_active=True)
        except (User.DoesNotExist, ValueError, TypeError, OverflowError):
            user = None
        if user is None or not default_token_generator.check_token(user, data["token"]):
            raise ValidationError(
                {"detail": _("This link is invalid or has expired. Ask for a new one from the sign-in page.")}
            )
        people.password_set(user=user, new_password=data["new_password"])
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Workspaces -------------------------------------------------------------------------------------


class WorkspaceListView(APIView):
    @extend_schema(responses={200: MyWorkspaceOutputSerializer(many=True), **errors(401)})
    def get(self, request: Request) -> Response:
        memberships = selectors.workspace_list_for_user(user=current_user(request))
        return Response(MyWorkspaceOutputSerializer(memberships, many=True).data)


class MembershipListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[
            OpenApiParameter("search", str, required=False),
            OpenApiParameter("role", str, required=False),
            OpenApiParameter("is_active", bool, required=False),
            OpenApiParameter("page", int, required=False),
        ],
        operation_id="workspaces_members_list",
        responses={200: paginated(MembershipOutputSerializer), **errors(401, 403, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        is_active = request.query_params.get("is_active")
        memberships = selectors.membership_list_for_admin(
            actor=self.membership(),
            search=request.query_params.get("search", "").strip(),
            role=request.query_params.get("role", ""),
            is_active=None if is_active in (None, "") else is_active.lower() in ("true", "1"),
        )
        return paginate(self, request, memberships, MembershipOutputSerializer)

    @extend_schema(
        request=MembershipInviteInputSerializer,
        responses={201: MembershipOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        selectors.require_admin(actor)
        serializer = MembershipInviteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation_id = data.pop("organisation_id", None)
        organisation = _organisation_or_none(actor, organisation_id)
        membership = people.membership_invite(actor=actor, organisation=organisation, **data)
        return Response(MembershipOutputSerializer(membership).data, status=status.HTTP_201_CREATED)


def _organisation_or_none(actor: Membership, organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    try:
        return selectors.organisation_get_for_user(actor=actor, organisation_id=organisation_id)
    except Http404:
        raise ValidationError({"organisation_id": _("This organisation does not exist in this workspace.")}) from None


class MembershipDetailView(WorkspaceScopedView):
    @extend_schema(
        request=MembershipUpdateInputSerializer,
        responses={200: MembershipOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, slug: str, membership_id: int) -> Response:
        actor = self.membership()
        membership = selectors.membership_get_for_admin(actor=actor, membership_id=membership_id)
        serializer = MembershipUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation: Organisation | None | object = UNCHANGED
        if "organisation_id" in data:
            organisation = _organisation_or_none(actor, data.pop("organisation_id"))
        membership = people.membership_update(actor=actor, membership=membership, organisation=organisation, **data)
        return Response(MembershipOutputSerializer(membership).data)


class OrganisationListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[OpenApiParameter("search", str, required=False), OpenApiParameter("page", int, required=False)],
        operation_id="workspaces_organisations_list",
        responses={200: paginated(OrganisationOutputSerializer), **errors(401, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        queryset = selectors.organisation_list_for_user(
            actor=self.membership(), search=request.query_params.get("search", "").strip()
        )
        return paginate(self, request, queryset, OrganisationOutputSerializer)

    @extend_schema(
        request=OrganisationInputSerializer, responses={201: OrganisationOutputSerializer, **errors(400, 401, 403, 404)}
    )
    def post(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        selectors.require_admin(actor)
        serializer = OrganisationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = organisations.organisation_create(actor=actor, **serializer.validated_data)
        organisation = selectors.organisation_get_for_user(actor=actor, organisation_id=organisation.pk)
        return Response(OrganisationOutputSerializer(organisation).data, status=status.HTTP_201_CREATED)


class OrganisationDetailView(WorkspaceScopedView):
    @extend_schema(responses={200: OrganisationOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, organisation_id: int) -> Response:
        organisation = selectors.organisation_get_for_user(actor=self.membership(), organisation_id=organisation_id)
        return Response(OrganisationOutputSerializer(organisation).data)

    @extend_schema(
        request=OrganisationInputSerializer(partial=True),
        responses={200: OrganisationOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def patch(self, request: Request, slug: str, organisation_id: int) -> Response:
        actor = self.membership()
        organisation = selectors.organisation_get_for_user(actor=actor, organisation_id=organisation_id)
        serializer = OrganisationInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        organisations.organisation_update(actor=actor, organisation=organisation, **serializer.validated_data)
        organisation = selectors.organisation_get_for_user(actor=actor, organisation_id=organisation_id)
        return Response(OrganisationOutputSerializer(organisation).data)

    @extend_schema(responses={204: None, **errors(400, 401, 403, 404)})
    def delete(self, request: Request, slug: str, organisation_id: int) -> Response:
        actor = self.membership()
        organisation = selectors.organisation_get_for_user(actor=actor, organisation_id=organisation_id)
        organisations.organisation_delete(actor=actor, organisation=organisation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ImportStartView(WorkspaceScopedView):
    @extend_schema(
        request={"multipart/form-data": ImportStartInputSerializer},
        responses={202: JobOutputSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        selectors.require_admin(actor)
        serializer = ImportStartInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        job = imports.import_start(
            actor=actor, kind=serializer.job_kind(), file_name=upload.name or "", data=upload.read()
        )
        return Response(JobOutputSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ImportTemplateView(WorkspaceScopedView):
    @extend_schema(
        parameters=[OpenApiParameter("kind", str, enum=["organisations", "people"])],
        responses={(200, "text/csv"): OpenApiResponse(response=str), **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        selectors.require_admin(self.membership())
        serializer = ImportTemplateQuerySerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        kind = serializer.validated_data["kind"]
        job_kind = {"organisations": "organisations_import", "people": "people_import"}[kind]
        response = HttpResponse(imports.import_template_csv(kind=job_kind), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="roundtable-{kind}-template.csv"'
        return response


class JobDetailView(WorkspaceScopedView):
    @extend_schema(responses={200: JobOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, slug: str, job_id: int) -> Response:
        job = selectors.job_get_for_user(actor=self.membership(), job_id=job_id)
        return Response(JobOutputSerializer(job).data)


class AuditEventListView(WorkspaceScopedView):
    @extend_schema(
        parameters=[OpenApiParameter("page", int, required=False)],
        operation_id="workspaces_audit_events_list",
        responses={200: paginated(AuditEventOutputSerializer), **errors(401, 403, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        events = selectors.audit_event_list_for_admin(actor=self.membership())
        return paginate(self, request, events, AuditEventOutputSerializer)


# --- Notifications ------------------------------------------------------------------------------------


class NotificationListView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("unread", bool, required=False), OpenApiParameter("page", int, required=False)],
        operation_id="notifications_list",
        responses={200: paginated(NotificationOutputSerializer), **errors(401)},
    )
    def get(self, request: Request) -> Response:
        unread_only = request.query_params.get("unread", "").lower() in ("true", "1")
        queryset = selectors.notification_list_for_user(user=current_user(request), unread_only=unread_only)
        return paginate(self, request, queryset, NotificationOutputSerializer)


class NotificationUnreadCountView(APIView):
    @extend_schema(responses={200: UnreadCountOutputSerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        count = selectors.notification_list_for_user(user=current_user(request), unread_only=True).count()
        return Response({"count": count})


class NotificationReadView(APIView):
    @extend_schema(request=None, responses={204: None, **errors(401, 404)})
    def post(self, request: Request, notification_id: int) -> Response:
        notification = selectors.notification_get_for_user(user=current_user(request), notification_id=notification_id)
        notifications.notification_mark_read(notification=notification)
        return Response(status=status.HTTP_204_NO_CONTENT)


class NotificationReadAllView(APIView):
    @extend_schema(request=None, responses={204: None, **errors(401)})
    def post(self, request: Request) -> Response:
        notifications.notification_mark_all_read(user=current_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
