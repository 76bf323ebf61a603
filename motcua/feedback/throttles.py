"""Limits on the public doors of feedback: filing, look-ups by tracking code and the kiosk
rating (a dossier code is predictable, so guesses of the ID number are limited as on the public
status page). Counted per client address, signed in or not; the web pages use the same ones."""

from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle


class _PerAddress(SimpleRateThrottle):
    def get_cache_key(self, request, view):  # type: ignore[no-untyped-def]
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class FeedbackFileThrottle(_PerAddress):
    scope = "feedback-file"
    rate = "20/hour"


class FeedbackTrackThrottle(_PerAddress):
    scope = "feedback-track"
    rate = "60/minute"


class KioskRatingThrottle(_PerAddress):
    scope = "dossier-rating-kiosk"
    rate = "60/minute"


def allowed(throttle: type[SimpleRateThrottle], request: HttpRequest) -> bool:
    """For the web pages: whether this request may pass (and count it)."""
    return throttle().allow_request(request, None)
