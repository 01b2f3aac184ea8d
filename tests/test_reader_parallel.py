"""Reading on several processes gives exactly what one process gives."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from wxr_tools import open_wxr
from wxr_tools.model import Post
from wxr_tools.readers.wxr import parallel
from wxr_tools.workers import WorkerPool, run_pool

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


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    """Two workers beside this process, for every test here."""
    with run_pool(3) as workers:
        assert workers is not None
        yield workers


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_parallel_read_equals_the_sequential_one(path: Path, small_chunks: None, pool: WorkerPool) -> None:
    one = open_wxr(path)
    two = open_wxr(path, pool=pool)
    posts = list(one.posts())
    read_in_parallel = list(two.posts())
    assert read_in_parallel == posts
    assert [p.password for p in read_in_parallel] == [p.password for p in posts]  # no field: sent beside
    assert two.diagnostics == one.diagnostics
    assert (two.authors, two.terms) == (one.authors, one.terms)


def test_a_damaged_chunk_hands_over_to_the_careful_reader(tmp_path: Path, small_chunks: None, pool: WorkerPool) -> None:
    text = (FIXTURES / "awen-therapy.xml").read_text("utf-8")
    damaged = tmp_path / "damaged.xml"
    damaged.write_text(text.replace("<title>About</title>", "<title>About & more</title>"), "utf-8")
    two = open_wxr(damaged, pool=pool)
    posts = list(two.posts())
    assert [p.title for p in posts] == ["We Can All Use a Little Help Sometimes…", "About & more",
                                        "Notes for a later post"]
    assert {"WXR100", "WXR103"} <= {d.code for d in two.diagnostics}
    assert posts == list(open_wxr(damaged).posts())


def _id_title_and_process(post: Post) -> tuple[int, str, int]:
    return post.id, post.title, os.getpid()


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_map_posts_gives_what_mapping_posts_gives(path: Path, small_chunks: None, pool: WorkerPool) -> None:
    one = open_wxr(path)
    expected = [(p.id, p.title) for p in one.posts()]
    two = open_wxr(path, pool=pool)
    mapped = list(two.map_posts(_id_title_and_process))
    assert [(i, t) for i, t, _ in mapped] == expected
    assert two.diagnostics == one.diagnostics


def test_map_posts_runs_in_the_workers_and_items_without_ids_get_theirs_first(
        tmp_path: Path, small_chunks: None, pool: WorkerPool) -> None:
    text = (FIXTURES / "awen-therapy.xml").read_text("utf-8")
    no_id = tmp_path / "no-id.xml"
    text = text.replace("<wp:post_id>9</wp:post_id>", "").replace("/?p=9", "/notes/")
    no_id.write_text(text, "utf-8")
    mapped = list(open_wxr(no_id, pool=pool).map_posts(_id_title_and_process))
    sequential = [(p.id, p.title) for p in open_wxr(no_id).posts()]
    assert [(i, t) for i, t, _ in mapped] == sequential
    assert any(i < 0 for i, _, _ in mapped)  # the synthetic id, given in order by this process
    assert {pid for _, _, pid in mapped} - {os.getpid()}  # the others were mapped in a worker


def test_an_item_too_large_to_send_is_read_here_with_the_rest(
        tmp_path: Path, small_chunks: None, pool: WorkerPool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parallel read stops before an item over the limit; this process reads on, streaming, and
    the progress counts each byte once."""
    monkeypatch.setattr(parallel, "LARGEST_ITEM_BYTES", 20_000)
    text = (FIXTURES / "awen-therapy.xml").read_text("utf-8")
    rows = "".join(f"<wp:postmeta><wp:meta_key>k{i}</wp:meta_key><wp:meta_value>v{i}</wp:meta_value></wp:postmeta>"
                   for i in range(2000))
    large = tmp_path / "large.xml"
    large.write_text(text.replace("<wp:post_id>9</wp:post_id>", "<wp:post_id>9</wp:post_id>" + rows), "utf-8")
    seen: list[int] = []
    two = open_wxr(large, pool=pool, on_bytes=seen.append)
    posts = list(two.posts())
    assert posts == list(open_wxr(large).posts())
    assert len(posts[-1].meta) == 2000 and posts[-1].meta[-1].value == "v1999"
    assert sum(seen) == large.stat().st_size
