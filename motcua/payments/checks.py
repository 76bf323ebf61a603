"""Refuse to run in production with the demo gateway secret or with the sandbox on."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def payment_settings(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    errors = []
    config = settings.MOTCUA_PAYMENT
    if config["VNPAY_HASH_SECRET"] in ("", settings.DEMO_VNPAY_SECRET):
        errors.append(
            Error(
                "VNPAY_HASH_SECRET is the demo secret (or empty).",
                hint="Set VNPAY_HASH_SECRET, VNPAY_TMN_CODE and VNPAY_PAYMENT_URL from the "
                "merchant account.",
                id="motcua.payments.E001",
            )
        )
    if config.get("SANDBOX"):
        errors.append(
            Error(
                "The sandbox payment gateway is on.",
                hint="Unset PAYMENT_SANDBOX in production.",
                id="motcua.payments.E002",
            )
        )
    return errors
