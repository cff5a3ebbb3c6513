"""Accounts and memberships: inviting people, changing roles, deactivating, profiles and passwords."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from workspace.live.services import live_access_changed
from workspace.models import Language, Membership, Organisation, Role, User
from workspace.selectors import require_admin
from workspace.services.audit import audit_record, changed_fields
from workspace.services.mail import mail_send_template, password_link_for
from workspace.services.notifications import notification_send

# Sentinel for "leave this field as it is" where None is a meaningful value (no organisation).
UNCHANGED = object()


def user_create_or_get(
    *, email: str, display_name: str, preferred_language: str = Language.ENGLISH
) -> tuple[User, bool]:
    """The person with this e-mail address, created without a password if they are new."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(
        email=email, display_name=display_name or email.split("@")[0], preferred_language=preferred_language
    )
    return user, True


def invitations_enqueue(*, memberships: list[Membership]) -> None:
    """Send the invitation e-mails in the background once the memberships are committed."""
    membership_ids = [membership.pk for membership in memberships]
    if not membership_ids:
        return
    from workspace.tasks import invitations_send as invitations_send_task

    invitations_send_task.delay_on_commit(membership_ids)


def invitations_send(*, membership_ids: list[int]) -> int:
    """E-mail each invited person once, in their language; people without a password get a link to set one."""
    sent = 0
    for membership in Membership.objects.filter(pk__in=membership_ids).select_related("user", "workspace"):
        # Claim the invitation with one conditional update, so a retried or duplicated task skips it,
        # and send without holding a lock (on SQLite a lock is the whole database).
        claimed = Membership.objects.filter(pk=membership.pk, invitation_sent_at__isnull=True, is_active=True).update(
            invitation_sent_at=timezone.now()
        )
        if not claimed:
            continue
        invitee = membership.user
        link = "" if invitee.has_usable_password() else password_link_for(invitee)
        try:
            mail_send_template(
                user=invitee, template="invitation", context={"workspace": membership.workspace, "link": link}
            )
        except OSError:
            Membership.objects.filter(pk=membership.pk).update(invitation_sent_at=None)  # let the retry send it
            raise
        sent += 1
    return sent


@transaction.atomic
def membership_invite(
    *,
    actor: Membership,
    email: str,
    display_name: str,
    role: str,
    organisation: Organisation | None,
    preferred_language: str = Language.ENGLISH,
) -> Membership:
    require_admin(actor)
    workspace = actor.workspace
    if organisation is not None and organisation.workspace_id != workspace.pk:
        raise ValidationError({"organisation_id": _("This organisation does not belong to this workspace.")})
    user, _created = user_create_or_get(email=email, display_name=display_name, preferred_language=preferred_language)
    existing = Membership.objects.select_for_update().filter(user=user, workspace=workspace).first()
    if existing is not None and existing.is_active:
        raise ValidationError({"email": _("This person is already a member of this workspace.")})
    if existing is not None:
        membership = membership_update(
            actor=actor, membership=existing, role=role, organisation=organisation, is_active=True
        )
        membership.invitation_sent_at = None
        membership.save(update_fields=["invitation_sent_at"])
    else:
        membership = Membership.objects.create(user=user, workspace=workspace, role=role, organisation=organisation)
        audit_record(
            workspace=workspace,
            actor=actor.user,
            verb="membership.invited",
            target=membership,
            after={"email": user.email, "role": role, "organisation": organisation.name if organisation else None},
        )
        notification_send(
            recipient=user,
            workspace=workspace,
            kind="membership.invited",
            params={"actor": actor.user.display_name, "role": role},
            url=f"/w/{workspace.slug}/",
        )
    invitations_enqueue(memberships=[membership])
    return membership


@transaction.atomic
def membership_update(
    *,
    actor: Membership,
    membership: Membership,
    role: str | None = None,
    organisation: Organisation | None | object = UNCHANGED,
    is_active: bool | None = None,
) -> Membership:
    require_admin(actor)
    membership = Membership.objects.select_for_update().select_related("user", "workspace").get(pk=membership.pk)
    changes: dict[str, object] = {}
    if role is not None:
        changes["role"] = role
    if organisation is not UNCHANGED:
        if isinstance(organisation, Organisation) and organisation.workspace_id != membership.workspace_id:
            raise ValidationError({"organisation_id": _("This organisation does not belong to this workspace.")})
        changes["organisation"] = organisation
    if is_active is not None:
        changes["is_active"] = is_active
    before, after = changed_fields(membership, changes)
    if not after:
        return membership
    losing_admin = (
        membership.role == Role.ADMIN
        and membership.is_active
        and (after.get("role", Role.ADMIN) != Role.ADMIN or after.get("is_active") is False)
    )
    if losing_admin and not _another_active_admin_exists(membership):
        raise ValidationError({"non_field_errors": [_("The workspace needs at least one active administrator.")]})
    for field, value in changes.items():
        setattr(membership, field, value)
    membership.save(update_fields=list(after))
    verb = "membership.updated"
    if after.get("is_active") is False:
        verb = "membership.deactivated"
    elif after.get("is_active") is True:
        verb = "membership.reactivated"
    audit_record(
        workspace=membership.workspace, actor=actor.user, verb=verb, target=membership, before=before, after=after
    )
    if "role" in after or "is_active" in after:
        # Their open live documents follow at once: read-only for an observer, closed if gone.
        live_access_changed(user_ids=[membership.user_id])
    if "role" in after and membership.is_active:
        notification_send(
            recipient=membership.user,
            workspace=membership.workspace,
            kind="membership.role_changed",
            params={"role": membership.role},
            url=f"/w/{membership.workspace.slug}/",
        )
    if verb == "membership.reactivated":
        notification_send(
            recipient=membership.user,
            workspace=membership.workspace,
            kind="membership.reactivated",
            url=f"/w/{membership.workspace.slug}/",
        )
    return membership


def _another_active_admin_exists(membership: Membership) -> bool:
    # Lock every admin row (in a fixed order, so two callers cannot deadlock): two admins demoting
    # each other at the same moment must not both see the other one still there.
    admins = list(
        Membership.objects.select_for_update()
        .filter(workspace_id=membership.workspace_id, role=Role.ADMIN, is_active=True, user__is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return any(pk != membership.pk for pk in admins)


def user_update_profile(*, user: User, display_name: str | None = None, preferred_language: str | None = None) -> User:
    fields = []
    if display_name is not None and display_name != user.display_name:
        user.display_name = display_name
        fields.append("display_name")
    if preferred_language is not None and preferred_language != user.preferred_language:
        user.preferred_language = preferred_language
        fields.append("preferred_language")
    if fields:
        user.save(update_fields=fields)
    return user


def user_change_password(*, user: User, old_password: str, new_password: str) -> None:
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("Your current password is not correct.")})
    password_set(user=user, new_password=new_password)


def password_set(*, user: User, new_password: str) -> None:
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as error:
        raise ValidationError({"new_password": list(error.messages)}) from error
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # Whoever knew the old password may have made an API token with it.
    Token.objects.filter(user=user).delete()


def api_token_issue(*, user: User) -> str:
    """The person's API token for scripts and integrations, created on first request."""
    token, _created = Token.objects.get_or_create(user=user)
    return token.key


def password_reset_request(*, email: str) -> None:
    """Send a reset link if an active account has this address. Says nothing either way."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    from workspace.tasks import password_reset_send

    # Sent from a worker, so the answer takes as long whether or not the address has an account.
    password_reset_send.delay_on_commit(user.pk)


def password_reset_send(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        mail_send_template(user=user, template="password_reset", context={"link": password_link_for(user)})
