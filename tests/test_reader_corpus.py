"""The WXR reader on every real export in the shared corpus."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from wxr_tools import open_wxr, read_wxr
from wxr_tools.errors import WxrReadError

from corpus import SHARED, ids, shared_files, shared_path

CORPUS = shared_files("corpus/wxr/**/*.xml") + shared_files("realwp/wxr/*.xml")
WXR = "corpus/wxr/"
IMPORTER = WXR + "wordpress-importer/phpunit-data/"


def _independent_item_count(path: Path) -> int | None:
    """Items under rss/channel counted with the standard library; None if it rejects the file."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None
    channel = root.find("channel")
    return 0 if channel is None else len(channel.findall("item"))


@pytest.mark.skipif(not CORPUS, reason=f"{SHARED} is absent: the shared corpus sits beside the repository in CI")
@pytest.mark.parametrize("path", CORPUS, ids=ids(CORPUS))
def test_every_export_reads_and_counts_its_items(path: Path) -> None:
    export = open_wxr(path)
    posts = list(export.posts())
    expected = _independent_item_count(path)
    if expected is not None:
        assert len(posts) == expected
    for diagnostic in export.diagnostics:
        assert diagnostic.code.startswith("WXR") and diagnostic.file == str(path)
        assert diagnostic.severity in ("error", "warning", "info")


@pytest.mark.parametrize(("name", "codes", "severity", "posts"), [
    (IMPORTER + "crazy-cdata.xml", {"WXR100", "WXR105"}, "warning", 1),
    (IMPORTER + "malformed-simple.xml", {"WXR100", "WXR108"}, "error", 1),
    (IMPORTER + "malformed.xml", {"WXR100"}, "error", 0),
    (WXR + "peers/TryGhost__migrate/sample.xml", {"WXR100", "WXR103"}, "warning", 6),
    (WXR + "real/l0ner__l0ner.github.com___import__wordpress.xml", {"WXR107"}, "warning", 279),
    (WXR + "wordpress-importer/historical/phpunit__namespace-attacks.xml", {"WXR107"}, "warning", 9),
    (IMPORTER + "invalid-version-tag.xml", {"WXR121"}, "error", 0),
    (IMPORTER + "missing-version-tag.xml", {"WXR120"}, "warning", 0),
    (WXR + "peers/humanmade__WordPress-Importer/unknown-wxr-version.xml", {"WXR120"}, "warning", 11),
])
def test_known_broken_files_give_located_diagnostics(name: str, codes: set[str], severity: str,
                                                     posts: int) -> None:
    export = open_wxr(shared_path(name))
    assert len(list(export.posts())) == posts
    found = {d.code for d in export.diagnostics}
    assert codes <= found
    worst = {"error": 2, "warning": 1, "info": 0}
    assert max(worst[d.severity] for d in export.diagnostics) == worst[severity]
    assert all(d.line for d in export.diagnostics if d.code in {"WXR100", "WXR103", "WXR105", "WXR107"})


def test_nested_cdata_recovers_what_the_escaped_file_holds() -> None:
    broken = read_wxr(shared_path(IMPORTER + "crazy-cdata.xml"))
    escaped = read_wxr(shared_path(IMPORTER + "crazy-cdata-escaped.xml"))
    assert broken.posts[0].content == escaped.posts[0].content == "Content with nested <![CDATA[ tags ]]> :)"
    assert broken.posts[0].meta == escaped.posts[0].meta
    assert [m.value for m in escaped.posts[0].meta][1:] == [
        "]]>", "This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>"]


def test_importer_fixture_facts() -> None:
    assert [a.login for a in read_wxr(shared_path(IMPORTER + "authors-multiline.xml")).authors] == \
        ["alice", "bob", "carol"]
    assert read_wxr(shared_path(IMPORTER + "cdata-edge.xml")).posts[0].content.endswith("]] >")
    assert "\n\n" in read_wxr(shared_path(IMPORTER + "blank-lines.xml")).posts[0].content
    assert "C:\\xampp\\htdocs\\wp-content" in read_wxr(shared_path(IMPORTER + "backslashes.xml")).posts[0].content
    chunked = read_wxr(shared_path(IMPORTER + "chunked-meta.xml")).posts[0].meta
    assert 'a:1:{s:3:"foo";s:3:"bar";}' in [m.value for m in chunked]
    assert len(read_wxr(shared_path(IMPORTER + "large-authors.xml")).authors) == 300
    terms = read_wxr(shared_path(IMPORTER + "term-formats.xml"))
    by_taxonomy = [t.taxonomy for t in terms.terms]
    assert by_taxonomy.count("category") == 2 and by_taxonomy.count("post_tag") == 3
    assert len(by_taxonomy) == 7 and terms.info.base_site_url == "http://localhost/"
    assert read_wxr(shared_path(IMPORTER + "term-meta.xml")).terms[0].meta[0].key == "legacy_id"
    v10 = read_wxr(shared_path(IMPORTER + "valid-wxr-1.0.xml"))
    assert v10.info.base_site_url == "http://localhost/" and len(v10.posts) == 6
    assert (v10.terms[0].slug, v10.terms[0].description) == ("alpha", "The alpha category")
    assert [t.slug for t in v10.terms if t.taxonomy == "post_tag"][0] == "chicken"
    v11 = read_wxr(shared_path(IMPORTER + "valid-wxr-1.1.xml"))
    john = v11.authors[0]
    assert (john.login, john.id, john.display_name, john.email) == ("john", 2, "John Doe", "johndoe@example.org")
    assert read_wxr(shared_path(IMPORTER + "multiple-cdata.xml")).posts[0].content.strip() == \
        "line oneline twoline three"
    assert read_wxr(shared_path(IMPORTER + "post-content-blank-lines.xml")).posts[0].content.count("\n") == 3


def test_namespaces_are_matched_by_uri_not_prefix() -> None:
    plain = read_wxr(shared_path(IMPORTER + "small-export.xml"))
    renamed = read_wxr(shared_path(WXR + "peers/humanmade__WordPress-Importer/small-ns-export.xml"))
    assert [(p.id, p.title, p.content, p.status, p.type) for p in renamed.posts] == \
        [(p.id, p.title, p.content, p.status, p.type) for p in plain.posts]
    edge = read_wxr(shared_path(IMPORTER + "namespace-edge-cases.xml"))
    assert 2 in [p.id for p in edge.posts]  # <post_id xmlns="http://wordpress.org/export/1.2/">
    hijacked = read_wxr(shared_path(WXR + "wordpress-importer/historical/phpunit__namespace-attacks.xml"))
    assert hijacked.posts[0].id < 0  # its wp: prefix points elsewhere: no WordPress post id


def test_items_without_ids_take_them_from_their_guid() -> None:
    preview = open_wxr(shared_path(WXR + "theme-test-data/theme-preview.xml"))
    assert [p.id for p in preview.posts()][:2] == [19, 36]
    assert {d.code for d in preview.diagnostics} == {"WXR140"}


def test_a_plain_text_file_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("just some notes, not XML")
    with pytest.raises(WxrReadError, match="not a WordPress export"):
        read_wxr(path)
