"""Writes the whole catalog (fields, every version, parts, form templates) as JSON."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from motcua.catalog.services import catalog_export


class Command(BaseCommand):
    help = "Xuất danh mục thủ tục hành chính ra JSON (mặc định ra màn hình)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", help="Tệp JSON để ghi.")

    def handle(self, *args: object, output: str | None = None, **options: object) -> None:
        text = json.dumps(catalog_export(), ensure_ascii=False, indent=2) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(self.style.SUCCESS(f"Đã ghi {output}."))
        else:
            self.stdout.write(text, ending="")
