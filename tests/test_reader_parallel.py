"""Reading on several processes gives exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from wxr_tools import open_wxr
from wxr_tools.readers.wxr import parallel

from corpus import FIXTURES, shared_files

SOURCES = [FIXTURES / "awen-therapy.xml", FIXTURES / "broken" / "bare-ampersand.xml",
           FIXTURES / "broken" / "truncated.xml", FIXTURES / "broken" / "undeclared-atom-prefix.xml",
           *shared_files("realwp/wxr/all.xml"),
           *shared_files("corpus/wxr/theme-test-data/themeunittestdata.wordpress.xml"),
           *shared_files("corpus/wxr/wordpress-importer/historical/phpunit__namespace-complex.xml")]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few items, and no minimum size, so small files take the parallel path."""
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 3000)
    monkeypatch.setattr(parallel, "MIN_FILE_BYTES", 0)


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_parallel_read_equals_the_sequential_one(path: Path, small_chunks: None) -> None:
    one = open_wxr(path, jobs=1)
    two = open_wxr(path, jobs=2)
    assert list(two.posts()) == list(one.posts())
    assert two.diagnostics == one.diagnostics
    assert (two.authors, two.terms) == (one.authors, one.terms)


def test_a_damaged_chunk_hands_over_to_the_careful_reader(tmp_path: Path, small_chunks: None) -> None:
    text = (FIXTURES / "awen-therapy.xml").read_text("utf-8")
    damaged = tmp_path / "damaged.xml"
    damaged.write_text(text.replace("<title>About</title>", "<title>About & more</title>"), "utf-8")
    two = open_wxr(damaged, jobs=2)
    posts = list(two.posts())
    assert [p.title for p in posts] == ["We Can All Use a Little Help Sometimes…", "About & more",
                                        "Notes for a later post"]
    assert {"WXR100", "WXR103"} <= {d.code for d in two.diagnostics}
    assert posts == list(open_wxr(damaged, jobs=1).posts())
