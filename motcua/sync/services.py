"""The portal outbox: events written in the dossier change's transaction, delivered in order
per dossier, retried with backoff and jitter until delivered or dead-lettered by an operator."""

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.clock import now
from motcua.core.exceptions import Conflict, NotFound
from motcua.dossiers.models import Dossier, DossierEvent, DossierFile
from motcua.payments.models import PaymentOrder
from motcua.sync import client
from motcua.sync.models import EventKind, EventState, OutboxEvent
from motcua.sync.payloads import dossier_message, portal_date, step_message

STEPS_PER_CALL = 10
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 3600
# How long a sender holds a dossier's queue; far above its calls' timeouts.
LEASE_SECONDS = 300


def backoff(attempts: int, *, rng: random.Random | None = None) -> timedelta:
    """Exponential (30 s, 1 min, 2 min … capped at 1 h) with jitter: half to all of it."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0))
    return timedelta(seconds=ceiling * (0.5 + (rng or random).random() / 2))


def outbox_record(event: DossierEvent) -> None:
    """Write the dossier message and the processing-step message of one history row, in the
    caller's transaction (the dossier row is locked or new, so the sequence is safe)."""
    dossier = event.dossier
    at = now()
    last = OutboxEvent.objects.filter(dossier=dossier).order_by("-sequence").first()
    sequence = last.sequence if last else 0
    messages = (
        (EventKind.DOSSIER, dossier_message(dossier)),
        (EventKind.STEP, step_message(dossier, event)),
    )
    OutboxEvent.objects.bulk_create(
        OutboxEvent(
            dossier=dossier,
            sequence=sequence + offset,
            kind=kind,
            key=f"{dossier.code}:{event.pk}:{kind}",
            payload=payload,
            created_at=at,
            next_attempt_at=at,
        )
        for offset, (kind, payload) in enumerate(messages, start=1)
    )
    if client.portal_settings().get("DELIVER_ON_COMMIT", True):
        from motcua.sync.tasks import deliver_outbox

        transaction.on_commit(deliver_outbox.enqueue)


def _heads(at: datetime):  # type: ignore[no-untyped-def]
    """Each dossier's first pending event, when due and not held by a live sender: the only
    rows a sender may claim a dossier by."""
    earlier = OutboxEvent.objects.filter(
        dossier=OuterRef("dossier"), state=EventState.PENDING, sequence__lt=OuterRef("sequence")
    )
    return (
        OutboxEvent.objects.filter(state=EventState.PENDING, next_attempt_at__lte=at)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=at))
        .exclude(Exists(earlier))
    )


def _mark_delivered(batch: list[OutboxEvent], *, endpoint: str, token: str) -> None:
    # Fenced by the claim: a sender whose lease ran out marks nothing (its successor does).
    OutboxEvent.objects.filter(pk__in=[e.pk for e in batch], claimed_by=token).update(
        state=EventState.DELIVERED,
        delivered_at=now(),
        endpoint=endpoint,
        last_error="",
        claimed_by="",
        claimed_until=None,
    )


def _send(events: list[OutboxEvent], *, created: bool, token: str) -> tuple[int, str]:
    """Deliver a dossier's events in order, each call only after the previous one was
    accepted; returns how many were accepted and the first error ("" when none)."""
    done = 0
    while done < len(events):
        event = events[done]
        try:
            if event.kind == EventKind.STEP:
                batch = [event]
                for following in events[done + 1 :]:
                    if following.kind != EventKind.STEP or len(batch) == STEPS_PER_CALL:
                        break
                    batch.append(following)
                endpoint = "steps"
                answer = client.post(
                    endpoint, ",".join(e.key for e in batch), {"data": [e.payload for e in batch]}
                )
            else:
                batch = [event]
                endpoint = "update" if created else "create"
                answer = client.post(endpoint, event.key, event.payload)
                if endpoint == "create" and "đã tồn tại" in str(answer.get("message", "")).lower():
                    endpoint = "update"
                    answer = client.post(endpoint, event.key, event.payload)
        except client.PortalUnavailable as exc:
            return done, str(exc)[:2000]
        if str(answer.get("error_code")) != "0":
            return done, f"{answer.get('error_code')}: {answer.get('message', '')}"[:2000]
        _mark_delivered(batch, endpoint=endpoint, token=token)
        if event.kind == EventKind.DOSSIER:
            created = True
        done += len(batch)
    return done, ""


def _claim(at: datetime, limit: int, skip: set[int]) -> tuple[str, list[OutboxEvent]] | None:
    """Take one dossier whose next event is due: lock its head row (SKIP LOCKED, so two
    senders never take the same dossier) and mark its pending events as ours for a lease."""
    with transaction.atomic():
        head = (
            _heads(at)
            .exclude(dossier_id__in=skip)
            .select_for_update(skip_locked=True)
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if head is None:
            return None
        events = list(
            OutboxEvent.objects.filter(
                dossier_id=head.dossier_id,
                state=EventState.PENDING,
                sequence__gte=head.sequence,
            ).order_by("sequence")[:limit]
        )
        token = uuid.uuid4().hex
        OutboxEvent.objects.filter(pk__in=[e.pk for e in events]).update(
            claimed_by=token, claimed_until=now() + timedelta(seconds=LEASE_SECONDS)
        )
    return token, events


def outbox_deliver_one(
    *, at: datetime | None = None, limit: int = 50, skip: set[int] | None = None
) -> int | None:
    """Claim one dossier and deliver its due events in order. No transaction is held while
    the portal is called: a sender that dies leaves its claim to run out, and the next one
    sends the same events again, which the portal applies once (the idempotency key).
    Returns the dossier's id, None when nothing was due."""
    claimed = _claim(at or now(), limit, skip or set())
    if claimed is None:
        return None
    token, events = claimed
    created = OutboxEvent.objects.filter(
        dossier_id=events[0].dossier_id, kind=EventKind.DOSSIER, state=EventState.DELIVERED
    ).exists()
    done, error = _send(events, created=created, token=token)
    if error:
        failed = events[done]
        failed.attempts += 1
        OutboxEvent.objects.filter(pk=failed.pk, claimed_by=token).update(
            attempts=failed.attempts,
            last_error=error,
            next_attempt_at=now() + backoff(failed.attempts),
        )
    OutboxEvent.objects.filter(claimed_by=token).update(claimed_by="", claimed_until=None)
    return events[0].dossier_id


def outbox_deliver(*, at: datetime | None = None, max_dossiers: int = 200) -> int:
    """Deliver what is due, dossier after dossier. Returns the dossiers handled."""
    handled: set[int] = set()
    while len(handled) < max_dossiers:
        dossier_id = outbox_deliver_one(at=at, skip=handled)
        if dossier_id is None:
            break
        handled.add(dossier_id)
    return len(handled)


def _event_for_update(event_id: int) -> OutboxEvent:
    event = OutboxEvent.objects.select_for_update().filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("Không tìm thấy sự kiện đồng bộ."))
    return event


@transaction.atomic
def outbox_event_retry(*, event_id: int, actor: User) -> OutboxEvent:
    """Send again now: a failing event at once, or a dead-lettered one back in the queue."""
    event = _event_for_update(event_id)
    if event.state == EventState.DELIVERED:
        raise Conflict(_("Sự kiện đã được gửi thành công."))
    event.state = EventState.PENDING
    event.next_attempt_at = now()
    event.save(update_fields=["state", "next_attempt_at"])
    return event


@transaction.atomic
def outbox_event_dead_letter(*, event_id: int, actor: User) -> OutboxEvent:
    """Stop sending this event (an operator's decision); the dossier's later events go on."""
    event = _event_for_update(event_id)
    if event.state != EventState.PENDING:
        raise Conflict(_("Chỉ ngừng gửi được sự kiện đang chờ gửi."))
    event.state = EventState.DEAD
    event.last_error = (event.last_error + "\n" if event.last_error else "") + _(
        "Ngừng gửi bởi %(name)s."
    ) % {"name": actor.display_name}
    event.save(update_fields=["state", "last_error"])
    return event


def dossier_synchronized(dossier: Dossier) -> bool:
    """The 766 criterion: the dossier has events and the portal accepted every one (one
    without any, from before the outbox, is not synchronized until backfilled)."""
    events = dossier.outbox_events.all()
    return events.exists() and not events.exclude(state=EventState.DELIVERED).exists()


# --- dossiers from before the outbox -------------------------------------------------------


@dataclass(frozen=True)
class Backfill:
    dossiers: int  # dossiers given events (or, dry run, that would be)
    events: int  # events written (or that would be)


def dossiers_without_events() -> QuerySet[Dossier]:
    """Dossiers the portal never heard of: no outbox event at all (created before the outbox
    existed, or generated in bulk). The 766 "synchronized" criterion counts them as not."""
    return Dossier.objects.filter(~Exists(OutboxEvent.objects.filter(dossier=OuterRef("pk"))))


def _backfill_events(dossier: Dossier, history: list[DossierEvent], at: datetime) -> list:
    """The dossier message as it is now, then one step message per history row in order (the
    older rows with their own instant as the step's start)."""
    message = dossier_message(
        dossier,
        files=list(dossier.files.all()),
        orders=list(dossier.payment_orders.all()),
        result=getattr(dossier, "e_result", None),
    )
    last = history[-1].pk if history else "backfill"
    messages = [(EventKind.DOSSIER, f"{dossier.code}:{last}:{EventKind.DOSSIER}", message)]
    for position, event in enumerate(history, start=1):
        step = step_message(dossier, event)
        if position < len(history):
            step["NgayBatDau"] = portal_date(event.at)
        messages.append((EventKind.STEP, f"{dossier.code}:{event.pk}:{EventKind.STEP}", step))
    return [
        OutboxEvent(
            dossier=dossier,
            sequence=sequence,
            kind=kind,
            key=key,
            payload=payload,
            created_at=at,
            next_attempt_at=at,
        )
        for sequence, (kind, key, payload) in enumerate(messages, start=1)
    ]


def _backfill_batch(after: int, size: int) -> tuple[int, int, int] | None:
    """One batch in one transaction: the next `size` dossiers without events after id `after`,
    locked, checked again (a concurrent change may have written events meanwhile), given
    their events. Returns (last id seen, dossiers, events), None when none are left."""
    with transaction.atomic():
        # The range repeated inside the subquery lets PostgreSQL read only the events of the
        # dossiers after `after` (an anti-join over the whole outbox takes ~0.5 s a batch).
        later = OutboxEvent.objects.filter(dossier=OuterRef("pk"), dossier_id__gt=after)
        ids = list(
            Dossier.objects.filter(pk__gt=after)
            .filter(~Exists(later))
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if not ids:
            return None
        list(Dossier.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        dossiers = list(
            Dossier.objects.filter(pk__in=ids)
            .filter(~Exists(later))
            .select_related("procedure__field", "agency", "e_result")
            .prefetch_related(
                Prefetch(
                    "files", queryset=DossierFile.objects.select_related("component").order_by("pk")
                ),
                Prefetch("payment_orders", queryset=PaymentOrder.objects.order_by("pk")),
                Prefetch(
                    "events",
                    queryset=DossierEvent.objects.select_related(
                        "actor", "to_step__unit", "from_step__unit"
                    ).order_by("at", "pk"),
                ),
            )
            .order_by("pk")
        )
        at = now()
        rows = []
        for dossier in dossiers:
            rows.extend(_backfill_events(dossier, list(dossier.events.all()), at))
        OutboxEvent.objects.bulk_create(rows, batch_size=1000)
    return ids[-1], len(dossiers), len(rows)


def outbox_backfill(
    *,
    batch_size: int = 500,
    dry_run: bool = False,
    progress: Callable[[Backfill], None] | None = None,
) -> Backfill:
    """Write the missing portal events of dossiers that have none, in batches (each its own
    transaction, so a long run holds no lock for long and can be stopped and run again).
    Idempotent: a dossier with any event is never touched. A dry run only counts: the dossiers
    and the events they would get (one dossier message plus one step per history row)."""
    if dry_run:
        row = dossiers_without_events().aggregate(
            dossiers=Count("pk", distinct=True), history=Count("events")
        )
        return Backfill(dossiers=row["dossiers"], events=row["dossiers"] + row["history"])
    done = Backfill(dossiers=0, events=0)
    after = 0
    while True:
        batch = _backfill_batch(after, batch_size)
        if batch is None:
            break
        after, dossiers, events = batch
        done = Backfill(dossiers=done.dossiers + dossiers, events=done.events + events)
        if progress is not None:
            progress(done)
    if done.events and client.portal_settings().get("DELIVER_ON_COMMIT", True):
        from motcua.sync.tasks import deliver_outbox

        transaction.on_commit(deliver_outbox.enqueue)
    return done
