from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from workspace.views import frontend_app, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("workspace.api.urls")),
    path("api/", include("groups.api.urls")),
    path("api/", include("advocacy.api.urls")),
    path("api/", include("policybank.api.urls")),
    # Everything else is a route of the single-page app.
    re_path(r"^(?!api/|static/|admin/|ws/).*$", frontend_app, name="frontend"),
]
