from django.urls import path

from motcua.stats.views import reports

app_name = "stats"
urlpatterns = [
    path("thong-ke/ii06a/", reports.ii06a, name="ii06a"),
]
