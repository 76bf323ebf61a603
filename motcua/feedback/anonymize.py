"""Personal data taken out of a text before it is published.

The public page of answered feedback shows only texts that went through `scrub`: e-mail
addresses, phone numbers and ID numbers (9 to 12 digits: old identity cards, 12-digit citizen
IDs, tax codes) written anywhere in the text are replaced, and so are the filer's own name,
phone, e-mail and ID number wherever they appear. Procedure codes (1.004889.000.00.00.H29),
dossier codes and dates are left alone: a digit run that goes on with a dot or a dash is part
of a longer code, not a phone number.
"""

import re
from collections.abc import Iterable

HIDDEN = "[đã ẩn]"

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# 9 to 12 digits, optionally "+84", with single spaces, dots or dashes between them
# ("0912 345 678", "0912.345.678", "079 090 001 234"); not inside a longer code.
_NUMBER = re.compile(
    r"(?<![\w.\-/])(?:\+\s?)?\d(?:[ .\-]?\d){8,11}(?![\w]|[.\-]\d)",
    re.UNICODE,
)


def scrub(text: str, *, known: Iterable[str] = ()) -> str:
    """`text` without e-mail addresses, phone and ID numbers, nor any of the `known` values
    (the filer's name, phone, e-mail, ID number), compared without case."""
    result = text or ""
    for value in sorted({v.strip() for v in known if v and len(v.strip()) >= 3}, key=len)[::-1]:
        result = re.sub(re.escape(value), HIDDEN, result, flags=re.IGNORECASE)
    result = _EMAIL.sub(HIDDEN, result)
    return _NUMBER.sub(HIDDEN, result)
