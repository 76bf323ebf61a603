"""The limits of DOMAIN.md §7 (refuse 2, more information 5, answer 15, publish 2 working
days) and a first list of categories; both are edited in the admin afterwards."""

from decimal import Decimal

from django.db import migrations

CATEGORIES = [
    ("quy-dinh", "Quy định, thủ tục hành chính", 10),
    ("giai-quyet-ho-so", "Giải quyết hồ sơ, trả kết quả", 20),
    ("thai-do-can-bo", "Hành vi, thái độ của cán bộ", 30),
    ("don-gian-hoa", "Đề xuất đơn giản hóa thủ tục", 40),
    ("khac", "Khác", 90),
]


def seed(apps, schema_editor):
    Settings = apps.get_model("feedback", "FeedbackSettings")
    Category = apps.get_model("feedback", "FeedbackCategory")
    Settings.objects.get_or_create(
        pk=1,
        defaults={
            "refuse_days": Decimal("2"),
            "info_days": Decimal("5"),
            "answer_days": Decimal("15"),
            "publish_days": Decimal("2"),
        },
    )
    for code, name, order in CATEGORIES:
        Category.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
