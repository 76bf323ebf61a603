from django.urls import path

from motcua.sync import views

app_name = "sync"
urlpatterns = [
    path("dong-bo/", views.outbox_page, name="outbox"),
    path(
        "dong-bo/<int:pk>/<str:action>/",
        views.outbox_event_action,
        name="event-action",
    ),
    path("cong-dvcqg-thu-nghiem/hoso/tao", views.standin_receive, {"endpoint": "create"}),
    path("cong-dvcqg-thu-nghiem/hoso/capnhat", views.standin_receive, {"endpoint": "update"}),
    path("cong-dvcqg-thu-nghiem/hoso/tiendo", views.standin_receive, {"endpoint": "steps"}),
]
