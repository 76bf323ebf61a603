from django.core.management.base import BaseCommand, CommandError

from motcua.core.clock import local, now
from motcua.core.exceptions import DomainError
from motcua.reporting.models import ReportType
from motcua.reporting.services import periods_generate


class Command(BaseCommand):
    help = "Tạo các kỳ báo cáo của một năm cho mọi loại báo cáo đang áp dụng (không tạo trùng)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--year", type=int, help="Năm, mặc định là năm nay.")

    def handle(self, *args: object, **options: object) -> None:
        year = options.get("year") or local(now()).year
        for report_type in ReportType.objects.filter(is_active=True):
            try:
                periods = periods_generate(report_type_id=report_type.pk, year=int(year))
            except DomainError as exc:
                raise CommandError(f"{report_type}: {exc.message}") from exc
            self.stdout.write(f"{report_type}: {len(periods)} kỳ năm {year}.")
