"""Create a local CA and the agency's signing certificate under SIGNING_DIR (demo, tests, a
pilot). Production points MOTCUA_SIGNING_P12 and MOTCUA_SIGNING_TRUST_ROOTS at the agency's
real certificate instead; the signing code is the same."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from motcua.documents.signing import (
    DEMO_AGENCY,
    DEMO_ORGANIZATION,
    create_local_certificates,
)


class Command(BaseCommand):
    help = (
        "Tạo CA cục bộ (ca.pem) và chứng thư số của cơ quan (agency.p12) trong SIGNING_DIR để "
        "ký kết quả điện tử; không làm gì nếu đã có, trừ khi dùng --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="Mặc định: SIGNING_DIR.")
        parser.add_argument("--agency", default=DEMO_AGENCY, help="Tên cơ quan ký (CN).")
        parser.add_argument("--organization", default=DEMO_ORGANIZATION, help="Tổ chức (O).")
        parser.add_argument(
            "--password",
            default=None,
            help="Mật khẩu tệp PKCS#12; mặc định MOTCUA_SIGNING_PASSWORD.",
        )
        parser.add_argument("--days", type=int, default=3 * 365, help="Thời hạn (ngày).")
        parser.add_argument("--force", action="store_true", help="Tạo lại dù đã có.")

    def handle(self, *args: object, **options: object) -> None:
        directory = options["dir"] or settings.SIGNING_DIR
        password = options["password"]
        result = create_local_certificates(
            directory,  # type: ignore[arg-type]
            agency=str(options["agency"]),
            organization=str(options["organization"]),
            password=settings.MOTCUA_SIGNING_PASSWORD if password is None else str(password),
            days=int(options["days"]),  # type: ignore[call-overload]
            force=bool(options["force"]),
        )
        if not result.created:
            self.stdout.write(f"Đã có {result.ca} và {result.p12}; không tạo lại (--force).")
            return
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {result.ca} và {result.p12}."))
        if Path(settings.MOTCUA_SIGNING_P12).resolve() != result.p12.resolve():
            self.stdout.write(
                self.style.WARNING(
                    f"MOTCUA_SIGNING_P12 đang trỏ tới {settings.MOTCUA_SIGNING_P12}, "
                    f"không phải {result.p12}."
                )
            )
