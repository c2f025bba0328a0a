"""The only way WeasyPrint may load anything: files inside the bundled report templates folder.

The report is self-contained (inline CSS and SVG) and user text is escaped, so a render should fetch
nothing at all. This fetcher is the second wall: if a ``<img>``, ``<link rel=attachment>``, CSS
``url()`` or SVG reference ever reaches WeasyPrint, anything but a bundled asset (``file:`` URLs that
resolve, symlinks followed, inside the templates folder) is refused and the render stops. Nothing goes
to the network, ``data:`` or any other scheme, or outside the folder.

WeasyPrint is imported lazily by ``pdf.py`` before this module, which subclasses its ``URLFetcher``.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class RefusedFetch(FatalURLFetchingError):  # type: ignore[misc]
    """Raised inside WeasyPrint to stop the render; a BaseException, so nothing in between swallows it."""


def bundled_path(url: str, root: Path) -> Path | None:
    """The file a ``file:`` URL names when it is a regular file inside ``root``, else None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost") or parts.query:
        return None
    try:
        path = Path(unquote(parts.path)).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return None
    return path


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serves bundled assets from ``root``; refuses, records and stops on anything else."""

    def __init__(self, root: Path) -> None:
        super().__init__(timeout=1, allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
        self.root = root.resolve()
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = bundled_path(url, self.root)
        if path is None:
            self.refused.append(url)
            raise RefusedFetch(f"refused to load {url!r}: the report may only load its bundled assets")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
