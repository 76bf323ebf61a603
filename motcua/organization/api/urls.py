from django.urls import path

from motcua.organization.api import views

urlpatterns = [path("units/", views.UnitListApi.as_view(), name="unit-list")]
