from django.urls import path

from motcua.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.procedure_list, name="procedure-list"),
    path("<str:code>/", views.procedure_detail, name="procedure-detail"),
    path("<str:code>/mau/<int:component_id>/", views.form_download, name="form-download"),
]
