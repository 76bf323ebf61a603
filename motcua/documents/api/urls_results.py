"""API routes of electronic results: the dossier's signed PDF and the public verification."""

from django.urls import path

from motcua.documents.api import results

urlpatterns = [
    path(
        "dossiers/<str:code>/e-result/",
        results.DossierEResultApi.as_view(),
        name="dossier-e-result",
    ),
    path("public/verify/", results.PublicVerifyApi.as_view(), name="public-verify"),
    path(
        "public/verify/<str:verification_code>/",
        results.PublicResultApi.as_view(),
        name="public-verify-code",
    ),
    path(
        "public/verify/<str:verification_code>/file/",
        results.PublicResultFileApi.as_view(),
        name="public-verify-file",
    ),
]
