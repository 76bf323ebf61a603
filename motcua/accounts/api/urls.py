from django.urls import path

from motcua.accounts.api import views

urlpatterns = [
    path("auth/token/", views.TokenObtainApi.as_view(), name="auth-token"),
    path("auth/register/", views.RegisterApi.as_view(), name="auth-register"),
    path("auth/me/", views.MeApi.as_view(), name="auth-me"),
]
