"""The data store API (kho dữ liệu): /api/v1/documents/..."""

from django.urls import path

from motcua.documents.api import store_views as views

urlpatterns = [
    path("documents/", views.StoredDocumentListApi.as_view(), name="stored-document-list"),
    path("documents/offers/", views.StoreOffersApi.as_view(), name="stored-document-offers"),
    path("documents/<int:pk>/", views.StoredDocumentDetailApi.as_view(), name="stored-document"),
    path(
        "documents/<int:pk>/file/",
        views.StoredDocumentDownloadApi.as_view(),
        name="stored-document-download",
    ),
]
