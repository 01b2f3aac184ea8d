"""Scaffolds and site data without running a generator: what is written, what is never touched."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from typer.testing import CliRunner

from corpus import FIXTURES
from wxr_tools.cli import app
from wxr_tools.convert import convert
from wxr_tools.writers.markdown.permalinks import StructureVotes
from wxr_tools.writers.markdown.timezone import OffsetSamples, guess_zone

SYNTAX = FIXTURES / "sites" / "template-syntax.xml"
CONFIGS = {"hugo": "hugo.toml", "jekyll": "_config.yml", "eleventy": "eleventy.config.mjs",
           "astro": "astro.config.mjs"}


@pytest.mark.parametrize("preset", list(CONFIGS))
def test_the_scaffold_fills_gaps_and_never_replaces_a_users_file(tmp_path, preset):
    config = tmp_path / CONFIGS[preset]
    config.write_text("# mine\n")
    result = convert([SYNTAX], to="markdown", out=tmp_path, preset=preset, jobs=1)
    assert config.read_text() == "# mine\n"
    first = result.summary["scaffold_files"]
    assert first > 3
    again = convert([SYNTAX], to="markdown", out=tmp_path, preset=preset, jobs=1)
    assert again.summary["scaffold_files"] == 0, "a second run finds every scaffold file in place"


@pytest.mark.parametrize("preset", list(CONFIGS))
def test_no_scaffold_writes_content_and_data_only(tmp_path, preset):
    convert([SYNTAX], to="markdown", out=tmp_path, preset=preset, no_scaffold=True, jobs=1)
    assert not (tmp_path / CONFIGS[preset]).exists()
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert all(p.endswith((".md", ".json")) for p in written), written
    data = next(p for p in tmp_path.rglob("wxr/site.json"))
    site = json.loads(data.read_text())
    assert site["title"] == "Template & Syntax Test" and site["time_zone"] == "America/New_York"


def test_config_values_are_quoted_for_their_format(tmp_path):
    convert([SYNTAX], to="markdown", out=tmp_path, preset="hugo", jobs=1)
    config = tomllib.loads((tmp_path / "hugo.toml").read_text())
    assert config["title"] == "Template & Syntax Test" and config["timeZone"] == "America/New_York"
    assert config["markup"]["goldmark"]["renderer"]["unsafe"] is True
    assert config["permalinks"]["posts"] == "/:year/:month/:day/:slug/", "the old site's structure, for new posts"


def test_a_permalink_structure_is_recognised_only_when_every_post_fits_it():
    votes = StructureVotes()
    votes.add("/2020/01/05/late-night/", datetime(2020, 1, 5, 23, 30))  # the local day, not UTC's
    votes.add("/2020/02/01/café/", datetime(2020, 2, 1, 12))
    assert votes.structure() == "/%year%/%monthnum%/%day%/%postname%/"
    votes.add("/about-us/", datetime(2020, 3, 1))
    assert votes.structure() is None


def test_the_cli_takes_drafts_and_no_scaffold(tmp_path):
    out = tmp_path / "site"
    done = CliRunner().invoke(app, ["convert", str(SYNTAX), "--preset", "jekyll", "--drafts", "--no-scaffold",
                                    "-o", str(out), "-q"])
    assert done.exit_code == 0, done.output
    assert len(list((out / "_drafts").glob("*.md"))) == 4
    assert not (out / "_config.yml").exists()


def _samples(*moments: tuple[datetime, int]) -> OffsetSamples:
    samples = OffsetSamples()
    for moment, hours in moments:
        samples.add(moment.replace(tzinfo=timezone(timedelta(hours=hours))))
    return samples


def test_the_time_zone_is_the_one_whose_offsets_match_every_season():
    assert guess_zone(_samples((datetime(2012, 1, 5, 10), -8), (datetime(2012, 7, 5, 10), -7))) \
        == "America/Los_Angeles"
    assert guess_zone(_samples((datetime(2012, 1, 5, 10), 1), (datetime(2012, 7, 5, 10), 2))) == "Europe/Berlin"
    assert guess_zone(_samples((datetime(2012, 1, 5, 10), 9))) == "Asia/Tokyo"
    assert guess_zone(_samples((datetime(2012, 1, 5, 10), -8), (datetime(2012, 7, 5, 10), -8))) \
        != "America/Los_Angeles", "no summer time: not Los Angeles"
    assert guess_zone(OffsetSamples()) == "UTC"


def test_scaffold_files_are_in_the_manifest_and_an_edited_one_is_kept(tmp_path):
    convert([SYNTAX], to="markdown", out=tmp_path, preset="jekyll", jobs=1)
    manifest = json.loads((tmp_path / ".wxr-manifest.json").read_text())
    assert {"_config.yml", "_layouts/post.html", "category/notes/index.html"} <= set(manifest["files"])
    layout = tmp_path / "_layouts" / "post.html"
    layout.write_text("my layout {{ content }}\n")
    convert([SYNTAX], to="markdown", out=tmp_path, preset="jekyll", jobs=1)
    assert layout.read_text() == "my layout {{ content }}\n"
    assert "_layouts/post.html" in json.loads((tmp_path / ".wxr-manifest.json").read_text())["files"]
