"""Speak to a signed-in person in the language they chose, on every device.

LocaleMiddleware picks the language from the browser (Accept-Language) for people not signed in; once
authentication has run, the person's remembered preference wins.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class PreferredLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            request.LANGUAGE_CODE = user.preferred_language
            # Scoped to this request: an activated language would otherwise outlive it in the worker thread.
            with translation.override(user.preferred_language):
                response = self.get_response(request)
                response.headers.setdefault("Content-Language", user.preferred_language)
            return response
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language() or "en")
        return response
