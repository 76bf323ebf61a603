"""The supervision app's periodic job (enqueued daily by `sync.schedule`)."""

from django_tasks import task


@task()
def refresh_step_durations() -> int:
    from motcua.supervision.services import step_durations_refresh

    return step_durations_refresh()
