"""The Markdown writer on small hand-made sites: decisions, paths, links, redirects, comments, escaping."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
import yaml

from markdown_support import markdown_files, parse_markdown
from wxr_tools.errors import WxrToolsError
from wxr_tools.model import Author, Comment, Meta, Post, Site, SiteInfo, TermRef
from wxr_tools.source import SiteSource
from wxr_tools.writers.markdown import MarkdownOptions, write_markdown
from wxr_tools.writers.markdown.presets import escape_templates

OLD = "http://old.example"
PST = timezone(timedelta(hours=-8))


def _post(id: int, slug: str, **fields) -> Post:
    fields.setdefault("title", slug.replace("-", " ").title())
    fields.setdefault("url", f"{OLD}/2012/01/{id:02d}/{slug}/")
    fields.setdefault("date", datetime(2012, 1, id % 28 + 1, 10, 0, tzinfo=PST))
    fields.setdefault("guid", f"{OLD}/?p={id}")
    return Post(id=id, slug=slug, author="jo", **fields)


def _locked(post: Post) -> Post:
    post.password = "letmein"
    return post


def _site(*posts: Post) -> SiteSource:
    info = SiteInfo(title="Old", link=OLD, base_blog_url=OLD)
    return SiteSource(Site(info=info, authors=[Author(login="jo", display_name="Jo \"JD\" O'Doe")],
                           posts=list(posts)))


def _by_id(out):
    return {f.wordpress_id: f for f in markdown_files(out)}


def test_statuses_and_types_decide_what_is_written(tmp_path):
    site = _site(
        _post(1, "published"), _post(2, "drafted", status="draft"), _post(3, "kept-private", status="private"),
        _post(4, "binned__trashed", status="trash"), _locked(_post(5, "secret", protected=True)),
        _post(6, "later", status="future"), _post(7, "in-review", status="pending"),
        _post(8, "menu", type="nav_menu_item"), _post(9, "1-revision-v1", type="revision", status="inherit"),
        _post(10, "photo", type="attachment", status="inherit"), _post(11, "novel", type="book"),
    )
    machinery = {"trash": 1, "password-protected": 1, "not-a-post:nav_menu_item": 1, "not-a-post:revision": 1,
                 "not-a-post:attachment": 1, "type-not-selected:book": 1}
    report = write_markdown(site, tmp_path / "public", MarkdownOptions())
    assert set(_by_id(tmp_path / "public")) == {1}
    assert report.skipped == {**machinery, "not-public:draft": 1, "not-public:private": 1,
                              "not-public:future": 1, "not-public:pending": 1}
    report = write_markdown(site, tmp_path / "drafts", MarkdownOptions(drafts=True))
    files = _by_id(tmp_path / "drafts")
    assert set(files) == {1, 2, 3, 6, 7}
    assert {i for i, f in files.items() if f.is_draft} == {2, 3, 6, 7}
    assert all(files[i].field("url") is None for i in (2, 3, 6, 7)), "a draft claims no URL"
    assert report.skipped == machinery
    assert json.loads((tmp_path / "drafts" / "report.json").read_text())["drafts"] == 4
    assert "letmein" not in "".join(p.read_text() for p in tmp_path.rglob("*.md"))


def test_a_second_item_with_a_written_items_id_is_reported_not_written(tmp_path):
    site = _site(_post(1, "first"), _post(1, "again"), _post(2, "about", type="page"),
                 _post(2, "about-again", type="page"), _post(3, "third"))
    report = write_markdown(site, tmp_path, MarkdownOptions())
    files = _by_id(tmp_path)
    assert sorted(files) == [1, 2, 3]
    assert files[1].front_matter["title"] == "First" and files[2].front_matter["title"] == "About"
    assert report.decisions["duplicate-id"] == 2
    assert [d.code for d in report.diagnostics] == ["MD002", "MD002"]
    assert all("a second item with this id" in d.message for d in report.diagnostics)


def test_a_permalink_that_is_not_a_url_does_not_stop_the_run(tmp_path):
    site = _site(_post(1, "first", url="http://[broken/first/"), _post(2, "second"))
    report = write_markdown(site, tmp_path, MarkdownOptions())
    assert sorted(_by_id(tmp_path)) == [1, 2] and report.posts_written == 2


def test_protected_posts_and_custom_types_by_option(tmp_path):
    site = _site(_locked(_post(5, "secret", protected=True)), _post(11, "novel", type="book"))
    write_markdown(site, tmp_path, MarkdownOptions(preset="plain", protected=True,
                                                   post_types=("post", "book")))
    files = _by_id(tmp_path)
    assert files[5].field("protected") is True
    assert "letmein" not in files[5].path.read_text()
    assert files[11].path.relative_to(tmp_path).as_posix() == "book/novel.md"


def test_sibling_pages_with_one_slug_under_two_parents_do_not_collide(tmp_path):
    site = _site(
        _post(21, "team", type="page", parent=20), _post(20, "about", type="page"),
        _post(30, "work", type="page"), _post(31, "team", type="page", parent=30),
        _post(32, "Team", type="page", parent=30), _post(33, "posts", type="page"),
    )
    write_markdown(site, tmp_path, MarkdownOptions())
    paths = {i: f.path.relative_to(tmp_path).as_posix() for i, f in _by_id(tmp_path).items()}
    assert paths == {
        20: "content/about/_index.md", 21: "content/about/team/index.md",
        30: "content/work/_index.md", 31: "content/work/team/index.md",
        32: "content/work/team-2/index.md", 33: "content/posts-2/index.md",
    }


def test_jekyll_layout_dates_files_and_keeps_drafts_apart(tmp_path):
    site = _site(_post(1, "hello"), _post(2, "wip", status="draft", date=None), _post(3, "hello"))
    report = write_markdown(site, tmp_path, MarkdownOptions(preset="jekyll", drafts=True))
    paths = {i: f.path.relative_to(tmp_path).as_posix() for i, f in _by_id(tmp_path).items()}
    assert paths == {1: "_posts/2012-01-02-hello.md", 2: "_drafts/wip.md", 3: "_posts/2012-01-04-hello-2.md"}
    assert _by_id(tmp_path)[2].field("published") is False
    assert [(d.code, d.action) for d in report.diagnostics] == [("MD001", "written as 'hello-2'")]


def test_internal_links_in_every_form_point_to_new_paths(tmp_path):
    body = (f'<a href="{OLD}/2012/01/02/target/">permalink</a> <a href="/2012/01/02/target">relative</a> '
            f'<a href="{OLD}/?p=2#part">by id</a> <a href="https://www.old.example/?page_id=3">page id</a> '
            f'<a href="{OLD}/2012/01/02/target/photo/">attachment page</a> '
            f'<a href="https://elsewhere.example/?p=2">foreign</a>')
    site = _site(
        _post(1, "source", content=body), _post(2, "target"), _post(3, "about", type="page"),
        _post(4, "photo", type="attachment", status="inherit", parent=2,
              url=f"{OLD}/2012/01/02/target/photo/", attachment_url=f"{OLD}/wp-content/uploads/photo.jpg"),
    )
    write_markdown(site, tmp_path, MarkdownOptions())
    text = _by_id(tmp_path)[1].body
    assert text.count("(/2012/01/02/target/)") == 3, "posts keep their WordPress URL"
    assert "(/2012/01/02/target/#part)" in text
    assert "(/2012/01/03/about/)" in text
    assert "https://elsewhere.example/?p=2" in text
    redirects = json.loads((tmp_path / "redirects.json").read_text())
    assert {"from": "/?p=3", "to": "/2012/01/03/about/"} in redirects
    assert not any(r["from"] == r["to"] for r in redirects)
    assert _by_id(tmp_path)[2].field("url") == "/2012/01/02/target/"
    assert _by_id(tmp_path)[2].field("aliases") == ["/2012/01/02/target/photo/"]


def test_redirects_never_take_a_page_or_the_home_page_and_spell_paths_one_way(tmp_path):
    site = _site(
        _post(1, "about", type="page", url=f"{OLD}//about//", guid=f"{OLD}/"),
        _post(2, "café", url=f"{OLD}/2012/01/02/caf%C3%A9/", guid=f"{OLD}/2012/01/02/caf%c3%a9-old/"),
        _post(3, "stolen", guid=f"{OLD}/2012/01/02/café/"),
    )
    write_markdown(site, tmp_path, MarkdownOptions(preset="jekyll"))
    files = _by_id(tmp_path)
    assert files[1].field("permalink") == "/about/" and files[1].field("redirect_from") is None
    assert files[2].field("permalink") == "/2012/01/02/café/"
    assert files[2].field("redirect_from") == ["/2012/01/02/café-old/"]
    assert files[3].field("redirect_from") is None, "another post's URL is not a redirect"


def test_redirect_snippets_by_option(tmp_path):
    site = _site(_post(2, "target"))
    write_markdown(site, tmp_path, MarkdownOptions(preset="plain", redirects=("netlify", "nginx", "apache")))
    assert "/2012/01/02/target/ /posts/target/ 301\n" in (tmp_path / "_redirects").read_text()
    assert 'if ($arg_p = "2") { return 301 /posts/target/; }' in (tmp_path / "redirects.nginx.conf").read_text()
    assert "(p|page_id)=2(&|$)" in (tmp_path / "redirects.htaccess").read_text()
    with pytest.raises(WxrToolsError, match="--redirects .iis. is not one of: netlify, nginx, apache"):
        write_markdown(site, tmp_path, MarkdownOptions(redirects=("iis",)))


LIVE_HUGO_SHORTCODE = re.compile(r"\{\{[<%](?!/\*)")


@pytest.mark.parametrize("preset", ["hugo", "jekyll", "eleventy"])
def test_template_syntax_in_content_cannot_run(tmp_path, preset):
    content = "<p>Use {{< youtube abc >}}, {{% note %}}, {{ page.title }} and {% if x %}</p><pre><code>{{ x }}</code></pre>"
    write_markdown(_site(_post(1, "templates", content=content)), tmp_path, MarkdownOptions(preset=preset))
    body = _by_id(tmp_path)[1].body
    if preset == "hugo":
        assert not LIVE_HUGO_SHORTCODE.search(body)
        assert "{{ page.title }}" in body
    else:  # the generator is told not to run Liquid or Nunjucks on the file: the text stays as it is
        off = {"jekyll": ("render_with_liquid", False), "eleventy": ("templateEngineOverride", "md")}[preset]
        assert _by_id(tmp_path)[1].front_matter[off[0]] == off[1]
        assert "{{ page.title }} and {% if x %}" in body and "{% raw %}" not in body


def test_escaping_follows_each_generators_documentation():
    assert escape_templates("a {{< figure src=x >}} b {{% note %}}", "hugo") == \
        "a {{</* figure src=x */>}} b {{%/* note */%}}"
    assert not LIVE_HUGO_SHORTCODE.search(escape_templates("stray {{< and {{% here", "hugo"))
    assert escape_templates("{{ x }}", "none") == "{{ x }}"
    assert escape_templates("plain text", "hugo") == "plain text"


def _commented_site() -> SiteSource:
    comments = [
        Comment(id=1, author_name="Ann", author_email="ann@example.com", author_ip="192.0.2.1",
                content="First!", date=datetime(2012, 1, 3, 9, 0, tzinfo=PST)),
        Comment(id=2, parent=1, author_name="Jo", content=f'Thanks, see <a href="{OLD}/?p=1">this</a>'),
        Comment(id=3, type="pingback", author_name="Blog", content="[…] linked […]"),
        Comment(id=4, status="pending", author_name="Wait", content="pending"),
        Comment(id=5, status="spam", author_name="Spam", content="buy"),
    ]
    return _site(_post(1, "talk", comments=comments))


def test_sidecar_comments_keep_threads_and_drop_personal_data(tmp_path):
    report = write_markdown(_commented_site(), tmp_path, MarkdownOptions(comments="sidecar"))
    sidecar = yaml.safe_load((tmp_path / "content/posts/talk/comments.yaml").read_text())
    assert [(c["id"], c.get("parent"), c["type"]) for c in sidecar["comments"]] == [
        (1, None, "comment"), (2, 1, "comment"), (3, None, "pingback")]
    assert "(/2012/01/01/talk/)" in sidecar["comments"][1]["content"]
    text = (tmp_path / "content/posts/talk/comments.yaml").read_text()
    assert "ann@example.com" not in text and "192.0.2.1" not in text
    assert report.comments_skipped == {"comment:pending": 1, "comment:spam": 1}


def test_comment_personal_data_hashed_or_kept_by_option(tmp_path):
    write_markdown(_commented_site(), tmp_path / "h",
                   MarkdownOptions(preset="plain", comment_pii="hash", comments="sidecar"))
    hashed = yaml.safe_load((tmp_path / "h/posts/talk.comments.yaml").read_text())["comments"][0]
    assert len(hashed["author_email_sha256"]) == 64 and "author_email" not in hashed
    write_markdown(_commented_site(), tmp_path / "k", MarkdownOptions(preset="plain", comment_pii="keep",
                                                                      comments="sidecar", include_unapproved=True))
    kept = yaml.safe_load((tmp_path / "k/posts/talk.comments.yaml").read_text())["comments"]
    assert kept[0]["author_email"] == "ann@example.com"
    assert [c["id"] for c in kept] == [1, 2, 3, 4]


def test_comments_in_front_matter_in_a_section_or_nowhere(tmp_path):
    write_markdown(_commented_site(), tmp_path / "fm", MarkdownOptions(preset="plain", comments="front-matter"))
    assert [c["id"] for c in _by_id(tmp_path / "fm")[1].field("comments")] == [1, 2, 3]
    write_markdown(_commented_site(), tmp_path / "s", MarkdownOptions(preset="plain", comments="section"))
    body = _by_id(tmp_path / "s")[1].body
    assert "## Comments" in body and "*In reply to Ann*" in body and "Blog (pingback)" in body
    write_markdown(_commented_site(), tmp_path / "n", MarkdownOptions(preset="plain", comments="none"))
    assert not list((tmp_path / "n").rglob("*comments.yaml"))
    assert "Comments" not in _by_id(tmp_path / "n")[1].body


def test_front_matter_fields_keys_and_toml(tmp_path):
    post = _post(1, "fields", terms=[TermRef(taxonomy="category", slug="c", name="Cats & Dogs"),
                                    TermRef(taxonomy="genre", slug="g", name="Sci-Fi")],
                 modified=datetime(2013, 1, 1, tzinfo=PST), meta=[Meta(key="_thumbnail_id", value="9")])
    photo = _post(9, "photo", type="attachment", status="inherit", attachment_url=f"{OLD}/up/p.jpg")
    write_markdown(_site(post, photo), tmp_path / "t", MarkdownOptions(front_matter="toml"))
    hugo = _by_id(tmp_path / "t")[1]
    assert hugo.path.read_text().startswith("+++\n")
    assert hugo.front_matter["categories"] == ["Cats & Dogs"] and hugo.front_matter["genre"] == ["Sci-Fi"]
    assert hugo.front_matter["images"] == [f"{OLD}/up/p.jpg"]
    assert hugo.front_matter["lastmod"] == datetime(2013, 1, 1, tzinfo=PST)
    assert hugo.front_matter["author"] == "Jo \"JD\" O'Doe", "top level: Hugo 0.111 has no params key"
    write_markdown(_site(post), tmp_path / "a", MarkdownOptions(preset="astro", fields="title:name,date"))
    astro = parse_markdown(next((tmp_path / "a").rglob("*.md")))
    assert list(astro.front_matter) == ["name", "pubDate"]


def test_bad_options_are_refused_when_made_with_the_flag_and_the_choices():
    for values, flag in (({"preset": "gatsby"}, "--preset"), ({"front_matter": "json"}, "--front-matter"),
                         ({"comments": "all"}, "--comments"), ({"redirects": "netlify,caddy"}, "--redirects")):
        with pytest.raises(WxrToolsError, match=flag) as raised:
            MarkdownOptions(**values)
        assert "is not one of" in str(raised.value) and raised.value.hint


def test_astro_always_has_the_fields_its_schema_requires(tmp_path):
    site = _site(_post(1, "undated", status="draft", date=None, modified=datetime(2013, 1, 1, tzinfo=PST)))
    write_markdown(site, tmp_path, MarkdownOptions(preset="astro", drafts=True))
    astro = _by_id(tmp_path)[1]
    assert astro.front_matter["description"] == ""
    assert astro.front_matter["pubDate"] == datetime(2013, 1, 1, tzinfo=PST)


def test_summary_for_the_cli_counts_what_was_done(tmp_path):
    site = _site(_post(1, "a"), _post(2, "b", status="trash"), _post(3, "c", status="draft"))
    summary = write_markdown(site, tmp_path, MarkdownOptions(drafts=True)).summary()
    assert summary["posts_written"] == 2 and summary["drafts"] == 1
    assert summary["skipped"] == {"trash": 1}
    assert json.loads((tmp_path / "report.json").read_text())["skipped"] == {"trash": 1}
    assert summary["scaffold_files"] > 0


def test_options_take_cli_style_values(tmp_path):
    options = MarkdownOptions(preset="plain", post_types="post, book", redirects=["netlify"],
                              shortcode_map=["caption={{< figure >}}"])
    assert options.post_types == ("post", "book") and options.redirects == ("netlify",)
    assert options.shortcode_map == (("caption", "{{< figure >}}"),)
    site = _site(_post(1, "a"), _post(11, "novel", type="book"))
    assert write_markdown(site, tmp_path, options).summary()["posts_written"] == 2
    assert (tmp_path / "book" / "novel.md").exists() and (tmp_path / "_redirects").exists()
