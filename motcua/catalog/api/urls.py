from django.urls import path

from motcua.catalog.api import views

urlpatterns = [
    path("procedures/", views.ProcedureListApi.as_view(), name="procedure-list"),
    path("procedures/<str:code>/", views.ProcedureDetailApi.as_view(), name="procedure-detail"),
    path("fields/", views.FieldListApi.as_view(), name="field-list"),
]
