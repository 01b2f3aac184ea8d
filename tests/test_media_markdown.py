"""Media in Markdown output per preset: where files go, how posts refer to them, the featured image's key."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.corpus import FIXTURES
from wxr_tools.convert import convert

SITE = FIXTURES / "media/site.xml"
COPY = {"media": "copy", "media_from": str(FIXTURES / "media/uploads")}


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize("preset, post, folder, key, featured, body_ref", [
    ("hugo", "content/posts/the-harbour-at-dawn/index.md", "static/uploads", "images",
     ["/uploads/2024/05/harbour.png"], "](harbour.png)"),
    ("jekyll", "_posts/2024-05-02-the-harbour-at-dawn.md", "assets/uploads", "image",
     "/assets/uploads/2024/05/harbour.png", "](/assets/uploads/2019/03/harbour.png)"),
    ("eleventy", "content/blog/the-harbour-at-dawn.md", "public/uploads", "image",
     "/uploads/2024/05/harbour.png", "](/uploads/2019/03/harbour.png)"),
    ("astro", "src/content/blog/the-harbour-at-dawn.md", "public/uploads", "heroImage",
     "/uploads/2024/05/harbour.png", "](/uploads/2019/03/harbour.png)"),
    ("plain", "posts/the-harbour-at-dawn.md", "media", "image",
     "../media/2024/05/harbour.png", "](../media/2019/03/harbour.png)"),
])
def test_each_preset_places_files_and_refers_to_them(tmp_path, preset, post, folder, key, featured, body_ref):
    out = tmp_path / "site"
    convert([SITE], out=out, preset=preset, jobs=1, **COPY)
    page = out / post
    assert front_matter(page)[key] == featured
    text = page.read_text(encoding="utf-8")
    assert body_ref in text
    assert "https://harbour.example.org/wp-content/uploads/2024/05/harbour" not in text  # every size and link local
    assert "](https://maps.example.net/tiles/harbour.png)" in text  # another site's file stays remote
    assert (out / folder / "2024/05/harbour.png").is_file()
    report = json.loads((out / "report.json").read_text())["media"]
    assert report["copied"] == 3 and [f["url"].rsplit("/", 1)[1] for f in report["failed"]] == ["keepers-log.pdf"]
    everything = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.md"))
    assert "](https://harbour.example.org/wp-content/uploads/2024/05/keepers-log.pdf)" in everything  # failed: remote


def test_hugo_bundles_files_of_one_post_and_never_mixes_same_names(tmp_path):
    out = tmp_path / "site"
    convert([SITE], out=out, jobs=1, **COPY)
    dawn = out / "content/posts/the-harbour-at-dawn"
    assert (dawn / "harbour.png").read_bytes() == (FIXTURES / "media/uploads/2019/03/harbour.png").read_bytes()
    assert (out / "static/uploads/2024/05/harbour.png").read_bytes() == \
        (FIXTURES / "media/uploads/2024/05/harbour.png").read_bytes()
    lighthouse = out / "content/posts/the-lighthouse/index.md"
    assert (lighthouse.parent / "lighthouse.png").is_file() and "](lighthouse.png)" in lighthouse.read_text()


def test_keep_leaves_references_and_front_matter_remote(tmp_path):
    out = tmp_path / "site"
    convert([SITE], out=out, jobs=1)
    page = (out / "content/posts/the-harbour-at-dawn/index.md")
    assert front_matter(page)["images"] == ["https://harbour.example.org/wp-content/uploads/2024/05/harbour.png"]
    assert sorted(p.name for p in (out / "static").iterdir()) == ["wxr-ids.js", "wxr-ids.json", "wxr.css"]  # no media
    assert json.loads((out / "report.json").read_text())["media"]["mode"] == "keep"


def test_a_rerun_without_media_keeps_what_an_earlier_run_brought(tmp_path):
    out = tmp_path / "site"
    convert([SITE], out=out, jobs=1, **COPY)
    result = convert([SITE], out=out, jobs=1)  # --media keep: nothing fetched, nothing lost
    assert (result.summary["media"]["reused"], result.summary["media"]["still remote"]) == (3, 2)
    dawn = out / "content/posts/the-harbour-at-dawn"
    assert (dawn / "harbour.png").is_file() and "](harbour.png)" in (dawn / "index.md").read_text()
    manifest = json.loads((out / ".wxr-manifest.json").read_text())
    assert sorted(manifest["media"]) == sorted(p for p in manifest["files"] if p.endswith(".png"))


def test_another_sites_files_come_along_only_with_media_hosts_all(tmp_path):
    """The export's own hosts are fetched by default; a third-party image needs --media-hosts all.

    The site is the local server as 127.0.0.1 and the other site the same server as localhost:
    no request leaves the machine.
    """
    from tests.media_server import media_server

    with media_server() as (base, state):
        other = base.replace("127.0.0.1", "localhost") + "/wp-content/uploads/2020/01/elsewhere.png"
        text = (SITE.read_text(encoding="utf-8").replace("https://maps.example.net/tiles/harbour.png", other)
                .replace("https://harbour.example.org", base))
        export = tmp_path / "site.xml"
        export.write_text(text, encoding="utf-8")
        options = {"jobs": 1, "media": "download", "media_timeout": 5}
        convert([export], out=tmp_path / "own", **options)
        asked = list(state.requests)
        assert asked and "/wp-content/uploads/2020/01/elsewhere.png" not in asked
        assert other in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "own").rglob("*.md"))
        convert([export], out=tmp_path / "all", media_hosts="all", **options)
        assert "/wp-content/uploads/2020/01/elsewhere.png" in state.requests
        pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "all").rglob("*.md"))
        assert other not in pages
        assert any(p.name == "elsewhere.png" for p in (tmp_path / "all").rglob("*.png"))
