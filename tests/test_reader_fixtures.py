"""The reader on our own fixtures: the seed post, each kind of breakage, inputs, security."""

from __future__ import annotations

import gzip
import io
import resource
import zipfile
from pathlib import Path

import pytest

from wxr_tools import open_wxr, read_wxr
from wxr_tools.errors import WxrReadError

from corpus import FIXTURES, shared_path

BROKEN = FIXTURES / "broken"


def test_seed_post_is_read_whole() -> None:
    site = read_wxr(FIXTURES / "awen-therapy.xml")
    post = next(p for p in site.posts if p.id == 7)
    categories = [t.name for t in post.terms if t.taxonomy == "category"]
    assert len(categories) == 16 and categories[0] == "Awen Therapy" and categories[-1] == "Strength"
    assert [t.slug for t in post.terms if t.taxonomy == "post_tag"] == ["coping", "therapy"]
    assert post.author == "awentherapy" and site.authors[0].bio.startswith("I am Jay Blevins")
    comment, pingback = post.comments
    assert comment.author_name == "matthewilliamiller" and "&gt; with another therapist" in comment.content
    assert (pingback.type, pingback.status) == ("pingback", "approved")
    assert post.date.isoformat() == "2012-11-26T12:00:00-08:00"
    draft = next(p for p in site.posts if p.status == "draft")
    assert draft.date_gmt is None and draft.date is not None and draft.date.tzinfo is None


@pytest.mark.parametrize(("name", "codes", "titles"), [
    ("control-characters.xml", {"WXR100", "WXR101"}, ["Bell and escape", "Clean"]),
    ("bare-ampersand.xml", {"WXR100", "WXR103"}, ["Fish & Chips", "After"]),
    ("html-entity.xml", {"WXR100", "WXR104"}, ["Café\u00a0society"]),
    ("undeclared-atom-prefix.xml", {"WXR107"}, ["One", "Two"]),
    ("cdata-closed-early.xml", {"WXR100", "WXR105"}, ["Code sample", "After"]),
    ("nested-cdata.xml", {"WXR100", "WXR105"}, ["Nested"]),
    ("truncated.xml", {"WXR100", "WXR108", "WXR141"}, ["Whole", "Cut"]),  # the cut item: no status, a draft
    ("php-warning-before-xml.xml", {"WXR100", "WXR106"}, ["After the warning"]),
    ("invalid-utf8.xml", {"WXR100", "WXR102"}, ["Café"]),
    ("byte-order-mark.xml", set(), ["BOM"]),
])
def test_broken_fixture_is_repaired_and_reported(name: str, codes: set[str], titles: list[str]) -> None:
    export = open_wxr(BROKEN / name)
    posts = list(export.posts())
    assert [p.title for p in posts] == titles
    assert {d.code for d in export.diagnostics} == codes
    for diagnostic in export.diagnostics:
        assert diagnostic.file == str(BROKEN / name) and diagnostic.line and diagnostic.action


def test_repairs_keep_content_exact() -> None:
    early = read_wxr(BROKEN / "cdata-closed-early.xml")
    assert early.posts[0].content == "if (a[b[0]]> 1) { return; }"
    assert read_wxr(BROKEN / "nested-cdata.xml").posts[0].content == "Before <![CDATA[ inner ]]> after"
    assert read_wxr(BROKEN / "invalid-utf8.xml").posts[0].content == "Body with \u201cquotes\u201d."
    ampersand = read_wxr(BROKEN / "bare-ampersand.xml").posts[0]
    assert ampersand.attachment_url == "https://img.example.com/a.jpg?w=10&h=20"


def test_truncated_export_keeps_what_it_has_and_says_so() -> None:
    export = open_wxr(BROKEN / "truncated.xml")
    whole, cut = list(export.posts())
    assert whole.content == "Complete body." and cut.id == 2
    truncation = next(d for d in export.diagnostics if d.code == "WXR108")
    assert truncation.severity == "error" and "cut short" in truncation.message


def test_entities_are_never_expanded_nor_loaded() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    laughs = open_wxr(BROKEN / "billion-laughs.xml")
    post = next(laughs.posts())
    assert "lol" in post.title and len(post.title) < 100
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB: no blow-up
    assert "WXR110" in {d.code for d in laughs.diagnostics}
    external = open_wxr(BROKEN / "external-entity.xml")
    titles = [p.title for p in external.posts()]
    assert titles == ["&secret;", "&remote;"]  # neither /etc/passwd nor the network was read
    assert "WXR110" in {d.code for d in external.diagnostics}


def test_huge_fields_are_read_and_the_guard_truncates_over_its_limit(tmp_path: Path) -> None:
    body = "x" * 12_000_000  # over libxml2's default 10 MB text limit
    source = (FIXTURES / "awen-therapy.xml").read_text("utf-8")
    path = tmp_path / "huge.xml"
    path.write_text(source.replace("Unfinished.", body), "utf-8")
    assert read_wxr(path).posts[2].content == body
    guarded = open_wxr(path, max_field_size=1_000_000)
    assert len(list(guarded.posts())[2].content) == 1_000_000
    assert [d.code for d in guarded.diagnostics] == ["WXR111"]


def test_gzip_zip_file_objects_and_split_exports_read_as_one_site(tmp_path: Path) -> None:
    seed = FIXTURES / "awen-therapy.xml"
    expected = read_wxr(seed)
    gz = tmp_path / "site.xml.gz"
    gz.write_bytes(gzip.compress(seed.read_bytes()))
    assert read_wxr(gz) == expected
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(seed, "export.xml")
    assert read_wxr(archive) == expected
    with open(seed, "rb") as stream:
        assert read_wxr(stream) == expected
    assert read_wxr(io.BytesIO(seed.read_bytes())) == expected
    split = read_wxr(FIXTURES / "split" / "site.000.xml", FIXTURES / "split" / "site.001.xml")
    assert [p.id for p in split.posts] == [1, 2, 3]
    assert [a.login for a in split.authors] == ["admin", "editor"]  # repeated author merged
    assert [t.slug for t in split.terms] == ["news", "notes"]
    assert read_wxr(FIXTURES / "split") == split  # a folder of parts, in numeric order


def test_channel_data_comes_before_the_posts_are_read() -> None:
    export = open_wxr(FIXTURES / "awen-therapy.xml")
    assert export.info.title == "Awen Therapy Blog" and len(export.terms) == 18
    assert export.authors[0].login == "awentherapy" and export.items_read == 0
    posts = export.posts()
    assert next(posts).id == 7 and export.items_read == 1


@pytest.mark.parametrize(("content", "message"), [
    (b"", "not a WordPress export"),
    (b"\x00\x01\x02binary\xff\xfe" * 50, "not a WordPress export"),
    (b"<html><body>hello</body></html>", "not a WordPress export"),
])
def test_unreadable_inputs_raise_one_documented_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.xml"
    path.write_bytes(content)
    with pytest.raises(WxrReadError, match=message) as raised:
        read_wxr(path)
    assert str(path) in str(raised.value)


def test_missing_and_empty_gzip_inputs(tmp_path: Path) -> None:
    with pytest.raises(WxrReadError, match="no such file"):
        read_wxr(tmp_path / "absent.xml")
    empty = tmp_path / "empty.xml.gz"
    empty.write_bytes(b"")
    with pytest.raises(WxrReadError, match="empty"):
        read_wxr(empty)


@pytest.mark.parametrize("from_format", [None, "wxr", "pages"])
def test_an_empty_input_path_is_refused_not_read_as_the_current_folder(from_format: str | None) -> None:
    from wxr_tools.readers import open_source

    with pytest.raises(WxrReadError, match="an input path is empty"):
        open_source([str(FIXTURES / "awen-therapy.xml"), ""], from_format=from_format)


def test_an_item_without_a_status_is_a_draft_as_wordpress_inserts_it() -> None:
    export = open_wxr(FIXTURES / "validate" / "WXR141-bad.xml")
    page = next(p for p in export.posts() if p.type == "page")
    assert page.status == "draft"
    [found] = [d for d in export.diagnostics if d.code == "WXR141"]
    assert (found.severity, found.action) == ("warning", "read as draft") and found.line


def test_an_unknown_status_is_a_draft_and_its_value_is_kept(tmp_path: Path) -> None:
    text = (FIXTURES / "validate" / "clean.xml").read_text("utf-8").replace(
        "<wp:status><![CDATA[publish]]></wp:status>", "<wp:status><![CDATA[wc-completed]]></wp:status>", 1)
    path = tmp_path / "unknown-status.xml"
    path.write_text(text, "utf-8")
    export = open_wxr(path)
    post = next(iter(export.posts()))
    assert post.status == "draft" and ("wp:status", "wc-completed") in [(m.key, m.value) for m in post.extra]
    assert [d.code for d in export.diagnostics] == ["WXR141"]


def test_the_hijacked_namespace_item_is_not_published() -> None:
    path = shared_path("corpus", "wxr", "wordpress-importer", "historical", "phpunit__namespace-attacks.xml")
    hijacked = next(p for p in read_wxr(path).posts if p.title == "Hijacked Namespace")
    assert hijacked.status == "draft"


def test_a_custom_post_type_is_kept_and_reported_once(tmp_path: Path) -> None:
    text = (FIXTURES / "validate" / "clean.xml").read_text("utf-8").replace(
        "<wp:post_type><![CDATA[post]]></wp:post_type>", "<wp:post_type><![CDATA[product]]></wp:post_type>")
    text = text.replace("<wp:post_type><![CDATA[page]]></wp:post_type>",
                        "<wp:post_type><![CDATA[product]]></wp:post_type>")
    path = tmp_path / "products.xml"
    path.write_text(text, "utf-8")
    export = open_wxr(path)
    assert [p.type for p in export.posts()] == ["product", "product", "attachment"]
    reported = [d for d in export.diagnostics if d.code == "WXR142"]
    assert len(reported) == 1 and "'product'" in reported[0].message and reported[0].severity == "info"
