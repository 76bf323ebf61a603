"""What follows every dossier history row, in its transaction: the portal's outbox events
and the notifications (their sending waits for the commit)."""

from motcua.dossiers.models import DossierEvent


def dossier_event_recorded(event: DossierEvent) -> None:
    from motcua.notifications.dossiers import dossier_event_notify
    from motcua.sync.services import outbox_record

    outbox_record(event)
    dossier_event_notify(event)
