from django.urls import path

from motcua.feedback import views

app_name = "feedback"
urlpatterns = [
    path("phan-anh/", views.file_feedback, name="file"),
    path("phan-anh/tra-cuu/", views.track, name="track"),
    path("phan-anh/tra-cuu/<str:code>/bo-sung/", views.reply, name="reply"),
    path("phan-anh/tra-cuu/<str:code>/danh-gia/", views.rate_answer, name="rate-answer"),
    path("phan-anh/tep/<str:code>/<int:attachment_id>/", views.attachment, name="attachment"),
    path("phan-anh/cong-khai/", views.published, name="published"),
    path("phan-anh/cua-toi/", views.my_feedback, name="mine"),
    path("phan-anh/quan-ly/", views.staff_list, name="staff-list"),
    path("phan-anh/quan-ly/de-xuat/", views.proposals, name="proposals"),
    path("phan-anh/quan-ly/<str:code>/", views.staff_detail, name="staff-detail"),
    path("phan-anh/quan-ly/<str:code>/<slug:action>/", views.staff_action, name="staff-action"),
    path("danh-gia/", views.kiosk, name="kiosk"),
    path("danh-gia/ho-so/<str:code>/", views.rate_dossier, name="rate-dossier"),
    path("danh-gia/ket-qua/", views.summary, name="summary"),
]
