"""Loads a catalog JSON written by `catalog_export`; existing versions are left alone."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.services import catalog_import
from motcua.core.exceptions import DomainError


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục hành chính từ tệp JSON do catalog_export tạo ra."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp JSON cần nhập.")

    def handle(self, *args: object, file: str, **options: object) -> None:
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Không đọc được {file}: {exc}") from exc
        try:
            result = catalog_import(data=data)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Lĩnh vực mới: {result.fields_created}; "
                f"thủ tục mới: {len(result.procedures_created)}; "
                f"bỏ qua (đã có): {len(result.procedures_skipped)}."
            )
        )
