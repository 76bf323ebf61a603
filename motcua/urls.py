from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from motcua.dossiers import views as dossier_views

admin.site.site_header = _("Quản trị một cửa điện tử")
admin.site.site_title = _("Quản trị motcua")
admin.site.index_title = _("Cấu hình hệ thống")

api_v1 = [
    path("", include("motcua.accounts.api.urls")),
    path("", include("motcua.organization.api.urls")),
    path("", include("motcua.workdays.api.urls")),
    path("", include("motcua.catalog.api.urls")),
    path("", include("motcua.dossiers.api.urls")),
    path("", include("motcua.dossiers.documents.api_urls")),
    path("", include("motcua.documents.api.urls_store")),
    path("", include("motcua.documents.api.urls_results")),
    path("", include("motcua.payments.api.urls")),
    path("", include("motcua.reporting.api_urls")),
    path("", include("motcua.feedback.api_urls")),
    path("", include("motcua.sync.api.urls")),
    path("", include("motcua.supervision.api.urls")),
    path("", include("motcua.scorecard.api.urls")),
    path("", include("motcua.stats.api.urls")),
]

urlpatterns = [
    path("", include("motcua.core.urls")),
    path("", include("motcua.accounts.urls")),
    path("thu-tuc/", include("motcua.catalog.urls")),
    path("lich/", include("motcua.workdays.urls")),
    path("ho-so/", include("motcua.dossiers.documents.urls")),
    path("ho-so/", include("motcua.dossiers.urls")),
    path("tra-cuu/", dossier_views.public_status, name="public-status"),
    path("", include("motcua.documents.urls_store")),
    path("", include("motcua.documents.urls_results")),
    path("", include("motcua.payments.urls")),
    path("", include("motcua.reporting.urls")),
    path("", include("motcua.notifications.urls")),
    path("", include("motcua.feedback.urls")),
    path("", include("motcua.sync.urls")),
    path("", include("motcua.supervision.urls")),
    path("", include("motcua.scorecard.urls")),
    path("", include("motcua.stats.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
]
# Uploaded files are private: they are never served from MEDIA_URL, only by views that check
# who asks and the file's checksum (motcua.documents.access).
