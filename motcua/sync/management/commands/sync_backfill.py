"""Write the portal events of dossiers that have none (created before the outbox existed or
generated in bulk), so that every dossier can be delivered to DVCQG and counted by the 766
"synchronized" criterion. Idempotent; `--dry-run` only counts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import reset_queries

from motcua.sync.services import Backfill, outbox_backfill


class Command(BaseCommand):
    help = "Write the missing portal outbox events of dossiers that have none (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="count the dossiers and events, write nothing"
        )
        parser.add_argument(
            "--batch", type=int, default=500, help="dossiers per transaction (default 500)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"] < 1:
            self.stderr.write("--batch must be at least 1")
            raise SystemExit(2)
        if options["dry_run"]:
            found = outbox_backfill(dry_run=True)
            self.stdout.write(
                f"{found.dossiers} dossiers without portal events; "
                f"{found.events} events would be written."
            )
            return

        def progress(done: Backfill) -> None:
            # With DEBUG on, Django keeps every query's SQL: a million dossiers' inserts would
            # fill the memory.
            reset_queries()
            self.stdout.write(f"  {done.dossiers} dossiers, {done.events} events")

        done = outbox_backfill(batch_size=options["batch"], progress=progress)
        self.stdout.write(f"Backfilled {done.dossiers} dossiers with {done.events} events.")
