"""Seeds the default office hours: Monday to Friday 07:30-11:30 and 13:00-17:00.

The values are written here rather than imported from `clock.DEFAULT_OFFICE_HOURS` so the
migration keeps meaning what it meant when it was written. Existing rows are left alone.
"""

from datetime import time

from django.db import migrations

DEFAULT_PERIODS = [(time(7, 30), time(11, 30)), (time(13, 0), time(17, 0))]


def seed_office_hours(apps, schema_editor):
    OfficeHours = apps.get_model("workdays", "OfficeHours")
    if OfficeHours.objects.exists():
        return
    OfficeHours.objects.bulk_create(
        OfficeHours(weekday=weekday, start=start, end=end)
        for weekday in range(5)
        for start, end in DEFAULT_PERIODS
    )


def unseed_office_hours(apps, schema_editor):
    OfficeHours = apps.get_model("workdays", "OfficeHours")
    for weekday in range(5):
        for start, end in DEFAULT_PERIODS:
            OfficeHours.objects.filter(weekday=weekday, start=start, end=end).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed_office_hours, unseed_office_hours)]
