from django.urls import path

from motcua.sync.api import views

urlpatterns = [
    path("sync/outbox/", views.OutboxListView.as_view(), name="api-sync-outbox"),
    path("sync/outbox/<int:pk>/retry/", views.OutboxRetryView.as_view(), name="api-sync-retry"),
    path(
        "sync/outbox/<int:pk>/dead-letter/",
        views.OutboxDeadLetterView.as_view(),
        name="api-sync-dead-letter",
    ),
]
