"""Issue the signed electronic result of every approved, granted dossier that has none (dossiers
approved before e-results existed, or while the agency could not sign). Each result is signed
now and dated today: a signature is never back-dated."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from motcua.core.clock import now
from motcua.core.exceptions import DomainError
from motcua.documents.models import EResult
from motcua.documents.results import e_result_issue
from motcua.dossiers.models import Dossier
from motcua.dossiers.workflow import Status


class Command(BaseCommand):
    help = "Ký số và lưu kết quả điện tử cho các hồ sơ đã giải quyết (được chấp thuận) còn thiếu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không ký.")
        parser.add_argument("--limit", type=int, default=0, help="Tối đa bao nhiêu hồ sơ.")

    def handle(self, *args: object, **options: object) -> None:
        missing = (
            Dossier.objects.filter(
                granted=True,
                status__in=[Status.RESOLVED, Status.RETURNED],
                resolved_at__isnull=False,
            )
            .exclude(pk__in=EResult.objects.values("dossier_id"))
            .select_related("procedure", "agency")
            .order_by("resolved_at", "pk")
        )
        limit = int(options["limit"] or 0)  # type: ignore[call-overload]
        if limit:
            missing = missing[:limit]
        issued = 0
        for dossier in missing:
            if options["dry_run"]:
                self.stdout.write(dossier.code)
                continue
            try:
                with transaction.atomic():
                    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
                    e_result = e_result_issue(locked, at=now())
            except DomainError as error:
                raise CommandError(f"{dossier.code}: {error.message}") from error
            issued += 1
            self.stdout.write(f"{dossier.code}: {e_result.verification_code}")
        if not options["dry_run"]:
            self.stdout.write(self.style.SUCCESS(f"Đã ký {issued} kết quả điện tử."))
