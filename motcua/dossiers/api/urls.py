from django.urls import path

from motcua.dossiers.api import views

urlpatterns = [
    path("dossiers/", views.DossierListCreateApi.as_view(), name="dossier-list"),
    path("dossiers/<str:code>/", views.DossierDetailApi.as_view(), name="dossier-detail"),
    path(
        "dossiers/<str:code>/actions/<slug:action>/",
        views.DossierActionApi.as_view(),
        name="dossier-action",
    ),
    path(
        "dossiers/<str:code>/components/",
        views.DossierPapersApi.as_view(),
        name="dossier-components",
    ),
    path(
        "dossiers/<str:code>/components/<int:component_id>/files/",
        views.ComponentFileUploadApi.as_view(),
        name="dossier-component-files",
    ),
    path(
        "dossiers/<str:code>/components/<int:component_id>/stored-document/",
        views.ComponentStoredDocumentApi.as_view(),
        name="dossier-component-stored-document",
    ),
    path(
        "dossiers/<str:code>/components/<int:component_id>/shown/",
        views.ComponentShownApi.as_view(),
        name="dossier-component-shown",
    ),
    path(
        "dossiers/<str:code>/files/<int:file_id>/",
        views.DossierFileDownloadApi.as_view(),
        name="dossier-file-download",
    ),
    path("public/dossiers/<str:code>/", views.PublicDossierApi.as_view(), name="public-dossier"),
]
