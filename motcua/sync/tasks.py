"""Background jobs of the sync app and the periodic jobs the scheduler enqueues."""

from django_tasks import task

from motcua.core.clock import now


@task()
def deliver_outbox() -> int:
    from motcua.sync.services import outbox_deliver

    return outbox_deliver()


@task()
def expire_payment_orders() -> int:
    from motcua.payments.services import orders_expire

    return orders_expire(now())


@task()
def send_report_reminders() -> int:
    from motcua.reporting.services import reminders_send

    return reminders_send(now())


@task()
def remind_dossiers_due_tomorrow() -> int:
    from motcua.notifications.dossiers import dossiers_due_tomorrow_notify

    return dossiers_due_tomorrow_notify(at=now())


@task()
def retry_failed_deliveries() -> int:
    from motcua.notifications.services import deliveries_retry

    return deliveries_retry(at=now())


@task()
def remind_feedback_overdue() -> int:
    from motcua.notifications.feedback import feedback_overdue_notify

    return feedback_overdue_notify(at=now())
