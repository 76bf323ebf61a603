from django.urls import path

from motcua.workdays.api import views

urlpatterns = [
    path("calendar/due/", views.DueDateApi.as_view(), name="calendar-due"),
    path("calendar/<int:year>/", views.YearCalendarApi.as_view(), name="calendar-year"),
]
