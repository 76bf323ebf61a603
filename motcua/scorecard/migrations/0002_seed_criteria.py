"""Seeds the Decision 766 criteria (`motcua.scorecard.defaults`: plain data, no models)."""

from django.db import migrations

from motcua.scorecard.defaults import seed_criteria


def seed(apps, schema_editor):
    seed_criteria(apps.get_model("scorecard", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("scorecard", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
