"""Throttles for the doors people knock on without signing in.

Sign-in attempts are counted twice: per e-mail address (however many machines try it) and per client
address (however many e-mail addresses it tries), so neither rotating addresses nor rotating accounts
gets around the limit.
"""

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class LoginRateThrottle(SimpleRateThrottle):
    """Attempts against one e-mail address, from anywhere."""

    scope = "login"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        data = request.data if isinstance(request.data, dict) else {}
        email = str(data.get("email", "")).strip().lower()
        if not email:
            return None  # nothing to guess against; the client throttle still counts the request
        return self.cache_format % {"scope": self.scope, "ident": email}


class LoginClientRateThrottle(SimpleRateThrottle):
    """Attempts from one client address, whatever the e-mail address."""

    scope = "login_client"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PasswordResetRateThrottle(SimpleRateThrottle):
    scope = "password_reset"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
