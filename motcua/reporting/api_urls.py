"""The reporting API under /api/v1/."""

from django.urls import path

from motcua.reporting.api import views

urlpatterns = [
    path("report-types/", views.ReportTypeListApi.as_view(), name="report-type-list"),
    path("report-types/<int:pk>/", views.ReportTypeDetailApi.as_view(), name="report-type-detail"),
    path(
        "report-types/<int:pk>/periods/",
        views.ReportTypePeriodsApi.as_view(),
        name="report-type-periods",
    ),
    path("report-periods/own/", views.OwnPeriodListApi.as_view(), name="report-periods-own"),
    path(
        "report-periods/received/",
        views.ReceivedPeriodListApi.as_view(),
        name="report-periods-received",
    ),
    path(
        "report-periods/<int:pk>/report/",
        views.PeriodReportApi.as_view(),
        name="report-period-report",
    ),
    path("report-periods/<int:pk>/board/", views.BoardApi.as_view(), name="report-period-board"),
    path(
        "report-periods/<int:pk>/reminders/",
        views.RemindMissingApi.as_view(),
        name="report-period-reminders",
    ),
    path(
        "report-periods/<int:pk>/consolidated/",
        views.ConsolidatedApi.as_view(),
        name="report-period-consolidated",
    ),
    path(
        "report-periods/<int:pk>/consolidated/submit/",
        views.ConsolidatedSubmitApi.as_view(),
        name="report-period-consolidated-submit",
    ),
    path(
        "report-periods/<int:pk>/consolidated/export/<str:fmt>/",
        views.ConsolidatedExportApi.as_view(),
        name="report-period-consolidated-export",
    ),
    path("reports/<int:pk>/", views.ReportDetailApi.as_view(), name="report-detail"),
    path("reports/<int:pk>/submit/", views.ReportSubmitApi.as_view(), name="report-submit"),
    path("reports/<int:pk>/return/", views.ReportReturnApi.as_view(), name="report-return"),
    path(
        "reports/<int:pk>/attachments/",
        views.ReportAttachmentsApi.as_view(),
        name="report-attachments",
    ),
    path(
        "reports/<int:pk>/attachments/<int:attachment_id>/",
        views.ReportAttachmentApi.as_view(),
        name="report-attachment",
    ),
    path("plans/", views.PlanListApi.as_view(), name="plan-list"),
    path("plans/<int:pk>/", views.PlanDetailApi.as_view(), name="plan-detail"),
    path("plan-tasks/<int:pk>/", views.PlanTaskDetailApi.as_view(), name="plan-task-detail"),
    path(
        "plan-tasks/<int:pk>/updates/",
        views.PlanTaskUpdateApi.as_view(),
        name="plan-task-updates",
    ),
    path(
        "plan-tasks/<int:pk>/evidence/<int:evidence_id>/",
        views.PlanTaskEvidenceApi.as_view(),
        name="plan-task-evidence",
    ),
]
