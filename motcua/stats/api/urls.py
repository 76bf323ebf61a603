"""The statistics API under /api/v1/."""

from django.urls import path

from motcua.stats.api import views

urlpatterns = [
    path("statistics/ii06a/", views.II06aApi.as_view(), name="statistics-ii06a"),
]
