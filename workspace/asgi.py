"""HTTP and websockets in one ASGI application.

Websockets pass the allowed-hosts origin check and session authentication before any consumer sees them.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workspace.settings.base")

# Django must be set up before the routing (and so the consumers and models) is imported.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from workspace.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

import gc  # noqa: E402

# Everything loaded so far lives as long as the process: the collector need not scan it again, and
# with a higher first threshold it runs less often under the live rooms' many short-lived objects.
gc.freeze()
gc.set_threshold(20_000, 20, 20)
