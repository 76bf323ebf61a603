from django.urls import path

from motcua.supervision import views

app_name = "supervision"
urlpatterns = [
    path("dieu-hanh/", views.control_room, name="control-room"),
    path("dieu-hanh/ho-so/", views.flagged_dossiers, name="dossiers"),
    path("ra-soat-thu-tuc/", views.procedure_review, name="review"),
    path(
        "ra-soat-thu-tuc/<slug:kind>.xlsx",
        views.procedure_review_export,
        name="review-export",
    ),
]
