"""The reporting pages: báo cáo định kỳ (bao-cao/) and kế hoạch (ke-hoach/)."""

from django.urls import path

from motcua.reporting import views

app_name = "reporting"
urlpatterns = [
    path("bao-cao/", views.index, name="index"),
    path("bao-cao/ky/<int:pk>/", views.board, name="board"),
    path("bao-cao/ky/<int:pk>/lap/", views.period_open, name="period-open"),
    path("bao-cao/ky/<int:pk>/nhac-nho/", views.remind_missing, name="remind"),
    path("bao-cao/ky/<int:pk>/tong-hop/", views.consolidated, name="consolidated"),
    path(
        "bao-cao/ky/<int:pk>/tong-hop/<str:fmt>/",
        views.consolidated_export,
        name="consolidated-export",
    ),
    path("bao-cao/<int:pk>/", views.report_page, name="report"),
    path("bao-cao/<int:pk>/tra-lai/", views.report_return, name="return"),
    path(
        "bao-cao/<int:pk>/tep/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path(
        "bao-cao/<int:pk>/tep/<int:attachment_id>/go/",
        views.attachment_detach,
        name="attachment-detach",
    ),
    path("ke-hoach/", views.plan_list, name="plans"),
    path("ke-hoach/mau.xlsx", views.plan_sample, name="plan-sample"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan"),
    path("ke-hoach/nhiem-vu/<int:pk>/", views.task_detail, name="task"),
    path(
        "ke-hoach/nhiem-vu/<int:pk>/minh-chung/<int:evidence_id>/",
        views.evidence_download,
        name="evidence",
    ),
]
