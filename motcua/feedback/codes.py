"""Tracking codes of feedback: unguessable, short enough to read out and type.

Ten symbols of Crockford's base32 (no I, L, O, U: nothing to confuse) drawn from `secrets`,
about 50 bits, shown as `PA-7K3M9-QX2HT`. Reading is forgiving: case, spaces and dashes are
ignored and the look-alikes O → 0, I/L → 1 are mapped back.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "PA"
LENGTH = 10
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]")


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return _format(body)


def _format(body: str) -> str:
    return f"{PREFIX}-{body[:5]}-{body[5:]}"


def normalize(raw: str) -> str | None:
    """The stored form of a code as typed, or None when it cannot be one."""
    text = _SEPARATORS.sub("", (raw or "").upper())
    if text.startswith(PREFIX) and len(text) == LENGTH + len(PREFIX):
        text = text[len(PREFIX) :]
    text = text.translate(_LOOKALIKES)
    if len(text) != LENGTH or any(ch not in ALPHABET for ch in text):
        return None
    return _format(text)
