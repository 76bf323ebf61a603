from django.urls import path

from motcua.scorecard.api import views

urlpatterns = [
    path("index766/", views.IndexApi.as_view(), name="index766"),
    path("index766/<str:code>/losses/", views.LossesApi.as_view(), name="index766-losses"),
    path("public/index766/", views.PublicIndexApi.as_view(), name="public-index766"),
]
