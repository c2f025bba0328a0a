"""The PDF renderer loads nothing but bundled assets: no network, no local files, no attachments."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assess.report import pdf


@pytest.fixture(scope="module", autouse=True)
def _weasyprint() -> None:
    try:
        pdf.load_weasyprint()
    except pdf.MissingLibraries as exc:
        pytest.skip(str(exc))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open a connection or a URL fails the test outright."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network or URL access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    yield


@pytest.fixture
def assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in bundled templates folder with one asset, and a secret next to it."""
    root = tmp_path / "templates"
    root.mkdir()
    (root / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><title>dot</title>'
        '<circle cx="2" cy="2" r="2"/></svg>'
    )
    (tmp_path / "secret.txt").write_text("root:x:0:0:secret")
    (root / "escape.txt").symlink_to(tmp_path / "secret.txt")
    monkeypatch.setattr(pdf, "templates_dir", lambda: root)
    return root


def test_bundled_path_accepts_only_regular_files_inside_the_folder(assets: Path) -> None:
    from assess.report.fetcher import bundled_path

    assert bundled_path((assets / "dot.svg").as_uri(), assets) == (assets / "dot.svg").resolve()
    refused = [
        "file:///etc/passwd",
        (assets / ".." / "secret.txt").as_uri(),
        assets.as_uri() + "/../secret.txt",
        (assets / "escape.txt").as_uri(),  # a symlink pointing outside
        (assets / "missing.svg").as_uri(),
        assets.as_uri(),  # the folder itself
        (assets / "dot.svg").as_uri() + "?x=1",
        "file://evil.example/etc/passwd",
        "http://169.254.169.254/latest/meta-data",
        "https://example.com/dot.svg",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "ftp://example.com/x",
        "dot.svg",
    ]
    for url in refused:
        assert bundled_path(url, assets) is None, url


def test_fetcher_serves_assets_and_refuses_everything_else(assets: Path) -> None:
    from assess.report.fetcher import AssetFetcher, RefusedFetch

    fetcher = AssetFetcher(assets)
    response = fetcher.fetch((assets / "dot.svg").as_uri())
    assert b"<circle" in response.read()
    assert response.content_type == "image/svg+xml"
    for url in ("file:///etc/passwd", "http://169.254.169.254/", (assets / "escape.txt").as_uri()):
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)
    assert fetcher.refused == [
        "file:///etc/passwd",
        "http://169.254.169.254/",
        (assets / "escape.txt").as_uri(),
    ]
    # Fatal on purpose: WeasyPrint only lets BaseExceptions through, so the render stops.
    assert not issubclass(RefusedFetch, Exception)


def test_a_bundled_asset_renders(assets: Path) -> None:
    data = pdf.html_to_pdf('<html lang="en"><title>t</title><img src="dot.svg" alt="dot"></html>')
    assert data.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("markup", "url"),
    [
        ('<img src="file:///etc/passwd" alt="x">', "file:///etc/passwd"),
        ('<link rel="attachment" href="file:///etc/hostname">', "file:///etc/hostname"),
        ('<a rel="attachment" href="../secret.txt">secret</a>', "/secret.txt"),
        ('<img src="http://169.254.169.254/latest/meta-data" alt="x">', "http://169.254.169.254/"),
        ('<link rel="stylesheet" href="https://example.com/x.css">', "https://example.com/x.css"),
        ('<p style="background: url(http://example.com/track.png)">x</p>', "http://example.com/track.png"),
        ('<img src="escape.txt" alt="x">', "escape.txt"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'viewBox="0 0 9 9"><title>x</title>'
            '<image xlink:href="file:///etc/passwd" width="9" height="9"/></svg>',
            "file:///etc/passwd",
        ),
    ],
)
def test_anything_else_stops_the_render_and_nothing_is_fetched(assets: Path, markup: str, url: str) -> None:
    document = f'<html lang="en"><title>t</title><body><p>before</p>{markup}</body></html>'
    with pytest.raises(pdf.UnsafeFetch) as caught:
        pdf.html_to_pdf(document)
    assert any(url in refused for refused in caught.value.urls), caught.value.urls
    assert "root:x:0:0" not in str(caught.value)
