"""`manage.py generate_dossiers --count 1000000`: realistic volumes of dossiers for load tests.

See `motcua/dossiers/management/generate.py` and docs/decisions/0004-dossier-scale.md.
"""

import os
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.core import clock
from motcua.core.exceptions import DomainError
from motcua.dossiers.management.generate import GenerationError, Progress, generate, parse_years
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status
from motcua.workdays.selectors import get_work_calendar


def _years(text: str) -> tuple[int, int]:
    try:
        return parse_years(text)
    except ValueError as exc:
        raise ArgumentTypeError(str(exc)) from exc


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ArgumentTypeError("must be at least 1")
    return value


class Command(BaseCommand):
    help = (
        "Sinh hồ sơ giả lập hàng loạt (nhiều thủ tục, trạng thái, năm) để thử tải. "
        "Generates synthetic dossiers in bulk for load tests."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        amount = parser.add_mutually_exclusive_group(required=True)
        amount.add_argument("--count", type=_positive, help="how many dossiers")
        amount.add_argument(
            "--up-to",
            type=_positive,
            help="top up to this many dossiers in all (none if there are already as many); "
            "`make demo` uses it so that a second run adds nothing",
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--years",
            type=_years,
            default=(2023, 2026),
            help="submission years, e.g. 2023-2026 (default); never after now",
        )
        parser.add_argument(
            "--batch", type=_positive, default=10_000, help="dossiers per transaction"
        )
        parser.add_argument(
            "--workers",
            type=_positive,
            default=os.cpu_count() or 1,
            help="processes sharing the days (default: one per core)",
        )
        parser.add_argument(
            "--force", action="store_true", help="run even with MOTCUA_ENV=production"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["force"]:
            raise CommandError(
                "Không sinh hồ sơ giả lập trong chế độ production (MOTCUA_ENV=production); "
                "dùng --force nếu thật sự cần."
            )
        verbosity: int = options["verbosity"]
        count: int = options["count"] or options["up_to"] - Dossier.objects.count()
        if count <= 0:
            if verbosity >= 1:
                self.stdout.write(f"Đã có đủ {options['up_to']:,} hồ sơ; không sinh thêm.")
            return

        def progress(step: Progress) -> None:
            if verbosity >= 1:
                self.stdout.write(
                    f"{step.done:>10,} / {step.total:,}  {step.seconds:7.1f} s  "
                    f"{step.rate:8,.0f} hồ sơ/s"
                )
                self.stdout.flush()

        try:
            statuses = generate(
                count=count,
                calendar=get_work_calendar(),
                now=clock.now(),
                years=options["years"],
                seed=options["seed"],
                batch_size=options["batch"],
                workers=options["workers"],
                on_progress=progress,
            )
        except (GenerationError, DomainError) as exc:
            raise CommandError(str(exc)) from exc
        if verbosity >= 1:
            summary = ", ".join(
                f"{Status(status).label}: {n:,}" for status, n in sorted(statuses.items())
            )
            self.stdout.write(self.style.SUCCESS(f"Đã sinh {count:,} hồ sơ. {summary}"))
