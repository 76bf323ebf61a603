"""The feedback and rating API under /api/v1/ (see `api/urls.py`)."""

from django.urls import include, path

urlpatterns = [path("", include("motcua.feedback.api.urls"))]
