from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from motcua.reporting.services import reminders_send


class Command(BaseCommand):
    help = (
        "Gửi nhắc nộp báo cáo định kỳ đến hạn (trước hạn và quá hạn). Chạy nhiều lần không gửi "
        "trùng."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--at", help="Thời điểm xét (ISO 8601 có múi giờ), mặc định là bây giờ."
        )

    def handle(self, *args: object, **options: object) -> None:
        at = None
        if options.get("at"):
            try:
                at = datetime.fromisoformat(str(options["at"]))
            except ValueError as exc:
                raise CommandError(
                    "--at phải là thời điểm ISO 8601, ví dụ 2026-12-01T08:00+07:00"
                ) from exc
            if at.tzinfo is None:
                raise CommandError("--at phải có múi giờ, ví dụ +07:00")
        count = reminders_send(at)
        self.stdout.write(f"Đã nhắc {count} đơn vị.")
