from django.urls import path

from motcua.notifications import views

app_name = "notifications"
urlpatterns = [
    path("thong-bao/", views.notification_list, name="list"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_read, name="read"),
    path("tai-khoan/kenh-thong-bao/", views.preferences_page, name="preferences"),
    path("thong-bao/da-doc-het/", views.notification_read_all, name="read-all"),
]
