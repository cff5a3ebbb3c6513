"""One error shape for the whole API: `{"detail": ...}` or field errors, translated.

Services raise Django's ValidationError and PermissionDenied (they never see DRF); this turns them into
the same 400/403 bodies DRF produces for its own validation.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError(
                {
                    ("non_field_errors" if field == "__all__" else field): [str(message) for message in messages]
                    for field, messages in exc.message_dict.items()
                }
            )
        else:
            exc = exceptions.ValidationError({"detail": " ".join(str(message) for message in exc.messages)})
    elif isinstance(exc, DjangoPermissionDenied) and exc.args:
        exc = exceptions.PermissionDenied(str(exc.args[0]))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        data = response.data
        # A single message for the whole request reads better as `detail` than as a list.
        if isinstance(data, dict) and list(data) == ["detail"] and isinstance(data["detail"], list):
            response.data = {"detail": " ".join(str(message) for message in data["detail"])}
        elif isinstance(data, list):
            response.data = {"detail": " ".join(str(message) for message in data)}
    return response
