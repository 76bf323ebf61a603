"""How the sender reaches the portal: HTTP to the configured URL, or the in-process stand-in
(`URL = "local"`, demo and tests only)."""

import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class PortalUnavailable(Exception):
    """The call did not get an answer the portal would give (network, 5xx, not JSON)."""


PATHS = {"create": "hoso/tao", "update": "hoso/capnhat", "steps": "hoso/tiendo"}


def portal_settings() -> dict[str, Any]:
    return getattr(settings, "MOTCUA_PORTAL", {}) or {}


def post(endpoint: str, key: str, body: Any) -> dict[str, Any]:
    config = portal_settings()
    url = config.get("URL", "local")
    if not url:
        raise PortalUnavailable("PORTAL_URL is not set")
    if url == "local":
        if getattr(settings, "PRODUCTION", False):
            raise ImproperlyConfigured("The portal stand-in is never used in production.")
        from motcua.sync import standin

        status, answer = standin.receive(endpoint, key, body)
        if status >= 500:
            raise PortalUnavailable(f"HTTP {status}: {answer.get('message', '')}")
        return answer
    request = urllib.request.Request(
        url.rstrip("/") + "/" + PATHS[endpoint],
        data=json.dumps(body, ensure_ascii=False).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": key,
            **({"Authorization": f"Bearer {config['TOKEN']}"} if config.get("TOKEN") else {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=config.get("TIMEOUT", 10)) as response:  # noqa: S310
            return json.loads(response.read().decode())
    except urllib.error.HTTPError as exc:
        if exc.code >= 500:
            raise PortalUnavailable(f"HTTP {exc.code}") from exc
        try:
            return json.loads(exc.read().decode())
        except ValueError as inner:
            raise PortalUnavailable(f"HTTP {exc.code}") from inner
    except (OSError, ValueError) as exc:
        raise PortalUnavailable(str(exc) or exc.__class__.__name__) from exc
