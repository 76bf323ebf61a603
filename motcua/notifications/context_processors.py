"""The unread count for the header, read lazily: a page that does not show it costs no query."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from motcua.notifications.selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
