from django.urls import path

from motcua.supervision.api import views

urlpatterns = [
    path("control-room/", views.ControlRoomApi.as_view(), name="control-room-api"),
    path(
        "control-room/dossiers/",
        views.ControlRoomDossiersApi.as_view(),
        name="control-room-dossiers-api",
    ),
    path("procedure-review/", views.ProcedureReviewApi.as_view(), name="procedure-review-api"),
]
