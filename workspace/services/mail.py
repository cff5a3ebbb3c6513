"""E-mails to people, written in the recipient's language. Sent after the transaction commits."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import override

from workspace.models import User


def password_link_for(user: User) -> str:
    """The one-time link that sets a password: used for resets and for accepting invitations."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"{settings.PUBLIC_BASE_URL}/reset-password/{uid}/{token}"


def mail_send_template(*, user: User, template: str, context: dict[str, object]) -> None:
    with override(user.preferred_language):
        full_context = {"user": user, "base_url": settings.PUBLIC_BASE_URL, **context}
        subject = render_to_string(f"workspace/email/{template}_subject.txt", full_context).strip()
        body = render_to_string(f"workspace/email/{template}.txt", full_context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
