from django.urls import path

from motcua.dossiers.documents import api_views

urlpatterns = [
    path(
        "dossiers/<str:code>/documents/<slug:kind>/",
        api_views.DossierDocumentApi.as_view(),
        name="dossier-document",
    ),
    path(
        "reports/tracking-book/",
        api_views.TrackingBookApi.as_view(),
        name="report-tracking-book",
    ),
]
