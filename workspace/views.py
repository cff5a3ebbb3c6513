"""The two plain Django views: the single-page app shell and the health check."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie


@ensure_csrf_cookie
def frontend_app(request: HttpRequest) -> HttpResponse:
    index = settings.FRONTEND_DIST / "index.html"
    if not index.exists():
        return HttpResponse(
            _("The front end has not been built yet. Run `make run` (or `npm run build` in frontend/)."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(index.read_text(encoding="utf-8"), content_type="text/html; charset=utf-8")
    # The shell names hashed assets, so it must be revalidated after every deployment.
    response["Cache-Control"] = "no-cache"
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
