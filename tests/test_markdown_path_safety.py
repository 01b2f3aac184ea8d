"""Path safety as a property: whatever slugs, URLs and attachment paths an export holds, every file
the Markdown writer makes is inside the output folder, with a name every file system takes."""

from __future__ import annotations

import os
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wxr_tools.model import Author, Meta, Post, Site, SiteInfo, Term
from wxr_tools.source import SiteSource
from wxr_tools.writers.markdown import MarkdownOptions, write_markdown

HOSTILE = [
    "..", ".", "/", "\\", "../../etc/passwd", "..\\..\\boot.ini", "/etc/passwd", "C:\\Windows\\x", "C:",
    "\x00", "a\x00b", "CON", "con.md", "Nul", "LPT1", "com9", "aux.txt", "PRN.", "é", "e\u0301", "Å", "A\u030a",
    "😀", "𝄞", "\U0010fffd", "%2e%2e%2f", "%2F", "%00", "%C0%AE", "~", " ", "-", "_", ".hidden", "x.", "x ",
    "\u202e", "\u200b", "<>:\"|?*", "index", "_index", "comments", "posts", "content", "ＣＯＮ", "ß", "SS",
    "?p=²", "?page_id=" + "9" * 5000, "?p=99999999999999999999",
]
piece = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8))
hostile_text = st.lists(piece, max_size=6).map("".join)
long_text = st.sampled_from(["é" * 300, "𝄞" * 100, "../" * 200, "a" * 10_000])
name = st.one_of(hostile_text, hostile_text, long_text)
DATE = datetime(2020, 1, 1, tzinfo=timezone.utc)
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
WINDOWS_FORBIDDEN = set('<>:"|?*\\') | {chr(i) for i in range(32)}


@st.composite
def sites(draw: st.DrawFn) -> tuple[Site, int]:
    """A site of posts, pages (some nested) and attachments, every name and URL hostile."""
    count = draw(st.integers(1, 8))
    posts = []
    for post_id in range(1, count + 1):
        kind = draw(st.sampled_from(["post", "post", "page", "attachment"]))
        url = "https://example.com/" + draw(name)
        fields = dict(id=post_id, type=kind, slug=draw(name), title=draw(name), url=url, guid=draw(name), date=DATE,
                      status=draw(st.sampled_from(["publish", "publish", "draft"])))
        if kind == "page":
            fields["parent"] = draw(st.integers(0, count)) or None
        if kind == "attachment":
            fields.update(status="inherit", attachment_url="https://example.com/wp-content/uploads/" + draw(name),
                          meta=[Meta(key="_wp_attached_file", value=draw(name))])
        else:
            fields["meta"] = [Meta(key="_thumbnail_id", value=str(draw(st.integers(1, count))))]
        posts.append(Post(**fields))
    written = sum(p.type != "attachment" for p in posts)
    terms = [Term(taxonomy=draw(st.sampled_from(["category", "post_tag"])), slug=draw(name), name=draw(name),
                  parent=draw(st.one_of(st.none(), name))) for _ in range(draw(st.integers(0, 4)))]
    authors = [Author(login=draw(name)) for _ in range(draw(st.integers(0, 2)))]
    site = Site(info=SiteInfo(title="Hostile", link="https://example.com"), posts=posts, terms=terms, authors=authors)
    return site, written


def _problems(root: Path, out: Path) -> list[str]:
    """Everything wrong with the files under ``root`` (which holds ``out`` and must hold nothing else)."""
    problems = []
    seen: dict[tuple[str, str], str] = {}
    for folder, dirs, files in os.walk(root):
        for entry in dirs + files:
            path = Path(folder, entry)
            if path.is_symlink():
                problems.append(f"a link: {path}")
            if path != out and out not in path.parents and path not in out.parents:
                problems.append(f"outside the output folder: {path}")
            if len(entry.encode("utf-8", "surrogatepass")) > 255:
                problems.append(f"a name over 255 bytes: {entry[:40]}...")
            if entry.split(".")[0].lower() in WINDOWS_RESERVED or WINDOWS_FORBIDDEN & set(entry) \
                    or entry.endswith((".", " ")):
                problems.append(f"a name Windows refuses: {entry!r}")
            key = (folder, unicodedata.normalize("NFC", entry).casefold())
            if key in seen:
                problems.append(f"{entry!r} and {seen[key]!r} are one name on macOS and Windows")
            seen[key] = entry
    return problems


@given(site=sites(), preset=st.sampled_from(["hugo", "jekyll", "eleventy", "astro", "plain"]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@example(site=(Site(info=SiteInfo(title="x"), posts=[
    Post(id=1, slug="../../etc/passwd", title="CON", date=DATE),
    Post(id=2, slug="%2e%2e%2f%00", title="..", type="page", date=DATE),
    Post(id=3, slug="e\u0301t\u00e9", title="", type="page", parent=2, date=DATE),
    Post(id=4, slug="\u00e9t\u00e9", title="", type="page", parent=2, date=DATE),
    Post(id=5, slug="con", title="", date=DATE),
    Post(id=6, slug="a", url="https://example.com/?p=²", guid="https://example.com/?p=" + "9" * 5000, date=DATE),
]), 6), preset="hugo")
def test_every_file_is_inside_the_output_folder_with_a_safe_unique_name(tmp_path_factory, site, preset):
    root = tmp_path_factory.mktemp("safety")
    out = root / "site"
    source, written = site
    report = write_markdown(SiteSource(source), out, MarkdownOptions(preset=preset, drafts=True))
    assert _problems(root, out) == []  # the scaffold's archive pages, named by term slugs and logins, too
    assert report.posts_written == written
    posts = [p for p in out.rglob("*.md") if not p.read_text(encoding="utf-8").startswith("---\ntitle:")
             or "\nlayout: archive\n" not in p.read_text(encoding="utf-8")]
    assert len(posts) == written
