"""Input-kind detection and decoding of saved pages: BOM, meta charset, detection, mixed bytes."""

from __future__ import annotations

import codecs
from pathlib import Path

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.readers.pages import looks_like_html, read_pages
from wxr_tools.readers.pages.detect import decode_page
from wxr_tools.readers.pages.repair import escape_unclosed_raw_tags

PAGE = """<!DOCTYPE html><html><head>{meta}<title>Café crème</title></head>
<body class="single single-post postid-7"><article id="post-7" class="post-7 post hentry category-cafe">
<h1 class="entry-title">Café crème – à la française</h1>
<div class="entry-content"><p>Crème brûlée, naïve façade, 20 €.</p></div></article></body></html>"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def title_of(path: Path) -> tuple[str, DiagnosticLog]:
    log = DiagnosticLog()
    return read_pages(path, log).posts[0].title, log


def test_html_pages_are_told_from_feeds_and_exports(tmp_path: Path) -> None:
    assert looks_like_html(write(tmp_path, "a.html", PAGE.format(meta="").encode()))
    assert looks_like_html(write(tmp_path, "b", codecs.BOM_UTF8 + b"\n  <html><body></body></html>"))
    assert not looks_like_html(write(tmp_path, "export.xml",
                                     b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>'))
    assert not looks_like_html(write(tmp_path, "notes.txt", b"just text"))
    assert not looks_like_html(tmp_path / "missing.html")


def test_meta_charset_windows_1252(tmp_path: Path) -> None:
    data = PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    path = write(tmp_path, "latin.html", data.encode("cp1252"))
    title, log = title_of(path)
    assert title == "Café crème – à la française"  # the dash only exists in windows-1252, as browsers read it
    assert not [d for d in log if d.code == "PAGE101"]


def test_bom_wins_over_a_wrong_meta(tmp_path: Path) -> None:
    data = PAGE.format(meta='<meta charset="iso-8859-1">')
    path = write(tmp_path, "bom.html", codecs.BOM_UTF16_LE + data.encode("utf-16-le"))
    assert title_of(path)[0] == "Café crème – à la française"


def test_undeclared_single_byte_page_is_detected(tmp_path: Path) -> None:
    data = PAGE.format(meta="").replace("Café crème", "Café crème " * 20)
    path = write(tmp_path, "nometa.html", data.encode("cp1252"))
    title, log = title_of(path)
    assert title.startswith("Café crème Café crème")
    assert [d.code for d in log if d.code == "PAGE101"] == ["PAGE101"]


def test_utf8_page_with_stray_latin1_bytes_keeps_its_utf8() -> None:
    data = PAGE.format(meta='<meta charset="utf-8">').encode("utf-8") + "<!-- f\xfcr -->".encode("latin-1")
    text, encoding, exact = decode_page(data)
    assert encoding == "utf-8" and not exact
    assert "Crème brûlée" in text and "für" in text


def test_unescaped_script_in_a_title_does_not_swallow_the_page() -> None:
    text = '<a href="/x/">Embedded <script> and <iframe></a><h1>Real</h1><script src="a.js"></script>'
    repaired, count = escape_unclosed_raw_tags(text)
    assert count == 2
    assert "Embedded &lt;script&gt; and &lt;iframe&gt;</a><h1>Real</h1>" in repaired
    assert repaired.endswith('<script src="a.js"></script>')


def test_pages_without_a_post_are_reported_not_fatal(tmp_path: Path) -> None:
    write(tmp_path, "404.html", b'<html><body class="error404"><h1>Not found</h1></body></html>')
    write(tmp_path, "plain.html", b"<html><body><p>hello</p></body></html>")
    write(tmp_path, "broken.html", b"<html><body><div><p>unclosed <b>tags <i>everywhere")
    log = DiagnosticLog()
    site = read_pages(tmp_path, log)
    assert site.posts == []
    assert sorted(d.code for d in log) == ["PAGE103", "PAGE103", "PAGE103"]
