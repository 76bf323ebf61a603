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
    path("public/dossiers/<str:code>/", views.PublicDossierApi.as_view(), name="public-dossier"),
]
