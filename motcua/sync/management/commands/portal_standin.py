"""Tell the local portal stand-in to fail or to be slow (demo and fault drills)."""

from typing import Any

from django.core.management.base import BaseCommand

from motcua.sync.standin import mode


class Command(BaseCommand):
    help = "Set the portal stand-in's behaviour: --fail-next N, --fail-all/--ok, --delay-ms N"

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--fail-next", type=int)
        parser.add_argument("--fail-all", action="store_true")
        parser.add_argument("--ok", action="store_true", help="answer normally again")
        parser.add_argument("--delay-ms", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        current = mode()
        if options["ok"]:
            current.fail_next, current.fail_all, current.delay_ms = 0, False, 0
        if options["fail_next"] is not None:
            current.fail_next = options["fail_next"]
        if options["fail_all"]:
            current.fail_all = True
        if options["delay_ms"] is not None:
            current.delay_ms = options["delay_ms"]
        current.save()
        self.stdout.write(
            f"fail_next={current.fail_next} fail_all={current.fail_all} delay_ms={current.delay_ms}"
        )
