"""Vietnamese text folding for search: no diacritics, no case, single spaces.

The folded form is stored beside the text, so the same search works on SQLite and
PostgreSQL without database extensions (see docs/decisions/0002-catalog-search-and-versions.md).
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """`Cấp bản sao Văn bằng` -> `cap ban sao van bang`."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()
