from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.core.demo import ACCOUNTS, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (đơn vị, tài khoản mẫu, danh mục thủ tục). Chạy lại không thay đổi gì."

    def handle(self, *args: object, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "Không nạp dữ liệu mẫu trong chế độ production (MOTCUA_ENV=production)."
            )
        result = load_demo()
        self.stdout.write(
            f"Dữ liệu mẫu: {result['department']}, {len(result['schools'])} trường, "
            f"{len(result['procedures'])} thủ tục."
        )
        self.stdout.write(f"Tài khoản mẫu (mật khẩu: {settings.MOTCUA_DEMO_PASSWORD}):")
        for account in ACCOUNTS:
            self.stdout.write(f"  {account.username:<12} {account.role.label}")
