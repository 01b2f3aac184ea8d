"""``wxr convert --preset P --out DIR`` then the generator's own build: the built HTML is what is checked.

Each preset's site is built by Hugo, Jekyll, Eleventy or Astro (see
``ssg_support``) from our own template-syntax site, the theme unit test data
and the realwp export (with its saved pages, for the author bio); each
build runs once per session and its HTML is read by every test.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from lxml import html as lxml_html

from wxr_tools import read_wxr
from wxr_tools.convert import convert
from wxr_tools.writers.markdown.paths import site_path

from corpus import FIXTURES, SHARED
from ssg_support import BuiltSite, build, error_lines, require, visible_text

PRESETS = ("hugo", "jekyll", "eleventy", "astro")
SYNTAX = FIXTURES / "sites" / "template-syntax.xml"
SOURCES = {
    "syntax": (SYNTAX, None),
    "theme": (SHARED / "corpus" / "wxr" / "theme-test-data" / "themeunittestdata.wordpress.xml", None),
    "realwp": (SHARED / "realwp" / "wxr" / "all.xml", SHARED / "realwp" / "html" / "twentytwentyone"),
    "media": (FIXTURES / "media" / "site.xml", None),
}
OPTIONS = {"media": {"media": "copy", "media_from": str(FIXTURES / "media" / "uploads")}}
"""Writer options per source: the media site's files are copied in, where each preset publishes them."""
POSTS_AND_PAGES = ("syntax", "theme", "realwp")
NOT_PUBLIC = {"draft", "pending", "private", "future", "trash"}
SEED_URL = "/2012/11/26/we-can-all-use-a-little-help-sometimes/"
SEED_CATEGORIES = ("Awen Therapy", "Borrowed Functioning", "Challenges", "Change", "Confidence", "Failure", "Fear",
                   "MFT", "Patterns", "Psychotherapy", "Reasons", "Resistance", "Risk", "Self-Esteem", "Sharing",
                   "Strength")
TEMPLATE_SYNTAX = ("{{ site.title }}", "{% if user %}hello{% endif %}", "{% raw %}", "{% endraw %}",
                   "{{< youtube abc >}}", "{{% note %}}", "{# not a comment #}", "${window.secret}", "<%= secret %>",
                   "{{ page.content }}", "{% include x.html %}", '{{< figure src="a.png" >}}')

_BUILT: dict[tuple[str, str, bool], BuiltSite] = {}


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory):
    """``get(preset, source, drafts=False)``: the built site, converted and built once per session."""

    def get(preset: str, source: str, drafts: bool = False) -> BuiltSite:
        require(preset)
        key = (preset, source, drafts)
        if key not in _BUILT:
            export, pages = SOURCES[source]
            if not export.exists():
                pytest.skip(f"{export} is absent: the shared corpus sits beside the repository in CI")
            out = tmp_path_factory.mktemp(f"{preset}-{source}") / "site"
            convert([export], to="markdown", out=out, pages=pages if pages and pages.exists() else None,
                    preset=preset, drafts=drafts, jobs=1, **OPTIONS.get(source, {}))
            _BUILT[key] = build(preset, out)
        return _BUILT[key]

    return get


def _items(source: str):
    export, _ = SOURCES[source]
    return [p for p in read_wxr(export).posts if p.type in ("post", "page")]


def _classed(tree, path: str) -> list:
    """Elements by a ``tag.class`` path (``p.categories//a``), by XPath: no CSS selector library needed."""
    steps = []
    for step in path.split("//"):
        tag, _, cls = step.partition(".")
        test = f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else ""
        steps.append(f"{tag or '*'}{test}")
    return tree.xpath(".//" + "//".join(steps))


def _element_texts(page: Path) -> list[str]:
    """Texts of the elements a title would be printed in: the page title, headings and links."""
    tree = lxml_html.fromstring(page.read_bytes())
    texts = [" ".join(e.text_content().split()) for e in tree.iter("title", "h1", "h2", "h3", "a")]
    return texts


@pytest.mark.parametrize("source", list(SOURCES))
@pytest.mark.parametrize("preset", PRESETS)
def test_the_site_builds_without_errors_or_omitted_html(site_builds, preset, source):
    site = site_builds(preset, source)
    assert not error_lines(site.log), site.log[-3000:]
    omitted = [p for p in site.html_files() if "raw HTML omitted" in p.read_text(encoding="utf-8")]
    assert not omitted


@pytest.mark.parametrize("source", POSTS_AND_PAGES)
@pytest.mark.parametrize("preset", PRESETS)
def test_every_published_post_and_page_answers_at_its_wordpress_url(site_builds, preset, source):
    site = site_builds(preset, source)
    published = [p for p in _items(source) if p.status == "publish" and not p.protected]
    urls = {p.id: site_path(p.url) for p in published}
    assert urls and all(urls.values())
    missing = {i: u for i, u in urls.items() if not site.answers(u)}
    assert not missing
    titles = {p.id: html.unescape(p.title) for p in published if p.title.strip()}
    for post_id, title in titles.items():
        assert title in _element_texts(site.page(urls[post_id])), (post_id, title)


@pytest.mark.parametrize("source", POSTS_AND_PAGES)
@pytest.mark.parametrize("preset", PRESETS)
def test_no_title_that_was_not_public_is_anywhere(site_builds, preset, source):
    site = site_builds(preset, source)
    hidden = {html.unescape(p.title) for p in _items(source) if p.status in NOT_PUBLIC or p.protected}
    assert hidden
    for page in site.html_files():
        texts = _element_texts(page)
        leaked = [t for t in hidden if t in texts or any(x.startswith(t + " ·") for x in texts)]
        assert not leaked, (page, leaked)


@pytest.mark.parametrize("preset", PRESETS)
def test_drafts_written_with_the_option_stay_out_of_the_production_build(site_builds, preset):
    site = site_builds(preset, "syntax", drafts=True)
    assert not error_lines(site.log)
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.output.rglob("*")
                         if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt"))
    assert "NOT-PUBLIC" not in everything
    assert site.answers("/2020/01/05/template-syntax/")


@pytest.mark.parametrize("preset", PRESETS)
def test_template_syntax_in_posts_and_comments_is_shown_as_written(site_builds, preset):
    site = site_builds(preset, "syntax")
    text = site.text_of("/2020/01/05/template-syntax/")
    for token in (*TEMPLATE_SYNTAX, "{{ this }}"):
        assert token in text, token
    page = site.page("/2020/01/05/template-syntax/").read_text(encoding="utf-8")
    assert "H<sub>2</sub>O" in page and "mc<sup>2</sup>" in page


@pytest.mark.parametrize("preset", PRESETS)
def test_a_title_with_markup_is_escaped_everywhere(site_builds, preset):
    site = site_builds(preset, "syntax")
    title = '<script>alert(1)</script> & "quotes": a title'
    assert title in _element_texts(site.page("/2020/01/06/second-part/"))
    for page in site.html_files():
        assert "<script>alert(1)" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("preset", PRESETS)
def test_old_addresses_redirect_and_never_replace_a_page(site_builds, preset):
    site = site_builds(preset, "syntax")
    for old, new in (("/2020/01/05/template-syntax/diagram/", "/2020/01/05/template-syntax/"),
                     ("/2020/01/06/second-part/2/", "/2020/01/06/second-part/")):
        page = site.page(old).read_text(encoding="utf-8")
        assert 'http-equiv="refresh"' in page and new in html.unescape(page), old
    for own in ("/", "/about/", "/2020/01/05/template-syntax/"):
        assert 'http-equiv="refresh"' not in site.page(own).read_text(encoding="utf-8"), own
    assert site.answers("/2020/07/01/café-notes/")


@pytest.mark.parametrize("source", list(SOURCES))
@pytest.mark.parametrize("preset", PRESETS)
def test_links_between_posts_pages_and_archives_resolve(site_builds, preset, source):
    site = site_builds(preset, source)
    broken, checked = set(), 0
    for page in site.html_files():
        folder = "/" + page.parent.relative_to(site.output).as_posix().strip(".") + "/"
        tree = lxml_html.fromstring(page.read_bytes())
        for element, attribute in ((e, a) for e in tree.iter() for a in ("href", "src") if e.get(a) is not None):
            path = re.split("[#?]", element.get(attribute))[0]
            if not path or re.match(r"[a-z]+:|//", path) or path.startswith("/wp-content/"):
                continue  # another site, or a file the export only names (--media keep)
            checked += 1
            if not site.answers(path if path.startswith("/") else folder.replace("//", "/") + path):
                broken.add((page.relative_to(site.output).as_posix(), path))
    assert checked and not broken
    if source == "syntax":
        text = site.page("/2020/01/05/template-syntax/").read_text(encoding="utf-8")
        for target in ('href="/2020/01/06/second-part/"', 'href="/about/"', 'href="/category/notes/"'):
            assert target in text


@pytest.mark.parametrize("preset", PRESETS)
def test_dates_show_in_the_site_time_zone(site_builds, preset):
    site = site_builds(preset, "syntax")
    assert "2020-01-05" in site.text_of("/2020/01/05/template-syntax/")  # 23:30 -05:00 is the 6th in UTC


@pytest.mark.parametrize("preset", PRESETS)
def test_the_seed_post_shows_terms_comments_pingback_and_bio(site_builds, preset):
    site = site_builds(preset, "realwp")
    page = site.page(SEED_URL).read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    text = " ".join(visible_text(page).split())
    assert "2012-11-26" in text
    categories = [" ".join(a.text_content().split()) for a in _classed(tree, ".categories//a")]
    assert sorted(categories) == sorted(SEED_CATEGORIES)
    links = _classed(tree, ".categories//a") + _classed(tree, ".tags//a") + _classed(tree, "a.author")
    assert all(site.answers(a.get("href")) for a in links)
    assert [a.text_content().strip() for a in _classed(tree, ".tags//a")] == ["asking for help", "support"]
    comments = _classed(tree, "li.comment")
    assert [c.get("class").split()[-1] for c in comments] == ["comment", "pingback"]
    assert "This is beautiful and so true." in comments[0].text_content()
    assert comments[0].xpath(".//blockquote"), "the quoted e-mail is rendered from Markdown"
    assert "pingback" in _classed(comments[1], "span.comment-kind")[0].text_content()
    bio = " ".join(_classed(tree, ".author-bio")[0].text_content().split())
    assert "Awen Therapy is a psychotherapy practice" in bio
    older = tree.xpath('.//nav//a[@rel="prev"]')
    assert [a.get("href") for a in older] == ["/2012/11/22/gutenberg-blocks-a-tour/"], "the older post is the previous"
    assert not tree.xpath('.//nav//a[@rel="next"]'), "the newest post has no next"


@pytest.mark.parametrize("preset", PRESETS)
def test_threaded_comments_nest(site_builds, preset):
    site = site_builds(preset, "syntax")
    tree = lxml_html.fromstring(site.page("/2020/01/05/template-syntax/").read_bytes())
    reply = tree.get_element_by_id("comment-2")
    assert reply.getparent().getparent().get("id") == "comment-1"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log on stderr."""


@pytest.mark.parametrize("preset", PRESETS)
def test_wordpress_id_addresses_lead_to_their_posts(site_builds, preset):
    site = site_builds(preset, "syntax")
    ids = json.loads(site.page("/wxr-ids.json").read_text(encoding="utf-8"))
    assert ids["10"] == "/2020/01/05/template-syntax/" and ids["20"] == "/about/"
    assert not {"41", "42", "43", "44"} & set(ids), "no id of a post that was not public"
    script = re.search(r'<script src="([^"]*wxr-ids\.js)"', site.page("/").read_text(encoding="utf-8"))
    assert script and site.answers(script.group(1))
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("the ids and the script are there; following them takes a browser (apt-get install chromium)")
    handler = functools.partial(_QuietHandler, directory=str(site.output))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server, \
            tempfile.TemporaryDirectory(prefix="wxr-chromium-") as profile:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        quiet = ["--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", f"--user-data-dir={profile}"]  # no request leaves the machine
        dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", *quiet,
                              "--virtual-time-budget=5000", "--dump-dom",
                              f"http://127.0.0.1:{server.server_port}/?page_id=20"],
                             capture_output=True, text=True, timeout=120).stdout
        server.shutdown()
    assert "About this site." in dom


@pytest.mark.parametrize("preset", PRESETS)
def test_a_featured_image_is_shown_on_its_post(site_builds, preset):
    site = site_builds(preset, "realwp")
    tree = lxml_html.fromstring(site.page("/2012/10/03/patterns-why-we-repeat-what-hurts/").read_bytes())
    images = [img.get("src") for img in _classed(tree, "figure.featured//img")]
    assert len(images) == 1 and images[0].endswith((".jpg", ".png", ".gif", ".jpeg", ".webp")), images
