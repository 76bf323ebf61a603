"""Web routes of electronic results: public verification (xac-thuc/) and the dossier's signed
result (ket-qua/<dossier code>/), outside ho-so/ whose two-part paths are dossier actions."""

from django.urls import path

from motcua.documents.views import results

app_name = "results"
urlpatterns = [
    path("xac-thuc/", results.verify, name="verify"),
    path("xac-thuc/<str:verification_code>/", results.verify_code, name="verify-code"),
    path(
        "xac-thuc/<str:verification_code>/tai-ve/",
        results.verify_download,
        name="verify-download",
    ),
    path("ket-qua/<str:code>/", results.download, name="download"),
    path("ket-qua/<str:code>/in/", results.print_result, name="print"),
]
