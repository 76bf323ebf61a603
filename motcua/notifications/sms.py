"""The SMS provider interface and the stand-in that only logs (demo, tests, until a provider
is contracted). `MOTCUA_SMS_PROVIDER` names the class."""

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("motcua.sms")


class SmsError(Exception):
    """The provider did not accept the message."""


class SmsProvider(Protocol):
    def send(self, phone: str, text: str) -> str:
        """Send one text; returns the provider's message id; raises `SmsError`."""


class LoggingSmsProvider:
    """Writes the message to the log and to `sent` (tests read it) instead of sending it."""

    sent: list[tuple[str, str]] = []
    fail_next: int = 0

    def send(self, phone: str, text: str) -> str:
        if LoggingSmsProvider.fail_next:
            LoggingSmsProvider.fail_next -= 1
            raise SmsError("stand-in told to fail")
        LoggingSmsProvider.sent.append((phone, text))
        logger.info("SMS to %s: %s", phone, text)
        return f"log-{len(LoggingSmsProvider.sent)}"


def get_sms_provider() -> SmsProvider:
    path = getattr(settings, "MOTCUA_SMS_PROVIDER", "motcua.notifications.sms.LoggingSmsProvider")
    return import_string(path)()
