"""HTML to PDF with WeasyPrint, offline: only `data:` URIs and the files beside the print
stylesheet are read. Imported on first use, so the web process does not pay WeasyPrint's
start-up time until something is printed."""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import URLFetcher


class LocalFetcher(URLFetcher):
    """Refuses every URL but `data:` and files under `root`: a document never reaches the
    network, nor files outside its assets."""

    def __init__(self, root: Path, **kwargs: Any) -> None:
        super().__init__(allowed_protocols=("data", "file"), **kwargs)
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> Any:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if path.is_relative_to(self.root):
                return super().fetch(url, headers)
        raise ValueError(f"refused while printing (no network, no outside files): {url[:200]}")


def write_pdf(html: str, assets: Path) -> bytes:
    """Relative URLs in `html` (the stylesheet) resolve against `assets`."""
    document = HTML(
        string=html, base_url=assets.resolve().as_uri() + "/", url_fetcher=LocalFetcher(assets)
    )
    return document.write_pdf()
