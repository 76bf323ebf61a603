from datetime import date

from django import forms
from django.utils import translation


def test_vietnamese_dates_are_read_day_first():
    with translation.override("vi"):
        field = forms.DateField()
        assert field.clean("04/03/2025") == date(2025, 3, 4)
