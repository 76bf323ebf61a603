from django.core.management.base import BaseCommand

from motcua.payments.services import orders_expire


class Command(BaseCommand):
    help = "Hết hạn các lệnh thanh toán trực tuyến quá thời gian chờ (chạy định kỳ)."

    def handle(self, *args: object, **options: object) -> None:
        count = orders_expire()
        self.stdout.write(f"Đã cho hết hạn {count} lệnh thanh toán.")
