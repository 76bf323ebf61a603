from django.urls import path

from motcua.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("cua-toi/", views.my_dossiers, name="mine"),
    path("tiep-nhan/", views.register, name="register"),
    path("nop/<str:procedure_code>/", views.dossier_submit_page, name="submit"),
    path("<str:code>/", views.dossier_detail, name="detail"),
    path("<str:code>/tep/<int:file_id>/", views.dossier_file, name="file"),
    path(
        "<str:code>/thanh-phan/<int:component_id>/so-hoa/",
        views.component_scan,
        name="component-scan",
    ),
    path(
        "<str:code>/thanh-phan/<int:component_id>/xuat-trinh/",
        views.component_shown,
        name="component-shown",
    ),
    path(
        "<str:code>/thanh-phan/<int:component_id>/dung-lai/",
        views.component_reuse,
        name="component-reuse",
    ),
    path("<str:code>/<slug:action>/", views.dossier_action, name="action"),
]
