from django.core.management.base import BaseCommand

from motcua.supervision.services import step_durations_refresh


class Command(BaseCommand):
    help = (
        "Tính lại thời gian xử lý thường gặp (trung vị) của từng bước quy trình nội bộ từ lịch "
        "sử hồ sơ (chạy hằng ngày bởi run_worker)."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = step_durations_refresh()
        self.stdout.write(f"Đã tính thời gian xử lý của {count} bước quy trình.")
