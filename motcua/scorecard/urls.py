from django.urls import path

from motcua.scorecard import views

app_name = "scorecard"
urlpatterns = [
    path("chi-so-766/", views.index_page, name="index"),
    path("chi-so-766/<str:code>/", views.losses_page, name="losses"),
    path("cong-khai/chi-so-766/", views.public_page, name="public"),
]
