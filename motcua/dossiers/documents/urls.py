from django.urls import path

from motcua.dossiers.documents import views

app_name = "dossier_documents"
urlpatterns = [
    path("so-theo-doi/", views.tracking_book, name="tracking-book"),
    path("<str:code>/in/<slug:kind>/", views.print_document, name="print"),
]
