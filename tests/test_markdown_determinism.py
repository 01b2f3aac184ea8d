"""Same input, same bytes: on re-runs into the same folder and with any number of jobs."""

from __future__ import annotations

import pytest

from markdown_support import THEME_DATA, need, tree_bytes
from wxr_tools import open_wxr
from wxr_tools.workers import run_pool
from wxr_tools.writers.markdown import MarkdownOptions, write_markdown


@pytest.mark.parametrize("preset", ["hugo", "jekyll"])
def test_rerun_into_the_same_folder_is_byte_identical(tmp_path, preset):
    options = MarkdownOptions(preset=preset, redirects=("netlify", "nginx", "apache"))
    write_markdown(open_wxr(need(THEME_DATA)), tmp_path, options)
    first = tree_bytes(tmp_path)
    write_markdown(open_wxr(THEME_DATA), tmp_path, options)
    assert tree_bytes(tmp_path) == first
    assert len(first) > 50


def test_two_jobs_write_what_one_job_writes(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    report_one = write_markdown(open_wxr(need(THEME_DATA)), one, MarkdownOptions())
    with run_pool(3) as pool:
        report_two = write_markdown(open_wxr(THEME_DATA), two, MarkdownOptions(), pool=pool)
    assert tree_bytes(two) == tree_bytes(one)
    assert report_two.to_dict() == report_one.to_dict()


def test_reading_in_parallel_on_the_writers_workers_writes_the_same(tmp_path, monkeypatch):
    from wxr_tools.readers.wxr import parallel

    one, two = tmp_path / "one", tmp_path / "two"
    report_one = write_markdown(open_wxr(need(THEME_DATA)), one, MarkdownOptions())
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 20_000)  # the theme data in many chunks, read on the pool
    monkeypatch.setattr(parallel, "MIN_FILE_BYTES", 0)
    with run_pool(2) as pool:
        report_two = write_markdown(open_wxr(THEME_DATA, pool=pool), two, MarkdownOptions(), pool=pool)
    assert tree_bytes(two) == tree_bytes(one)
    assert report_two.to_dict() == report_one.to_dict()
