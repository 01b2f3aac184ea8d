"""The downloader against a local server that misbehaves on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.media_server import body_of, media_server
from wxr_tools.media.download import DownloadOptions, Downloader, FetchJob, download_all, retry_after, type_problem

FAST = DownloadOptions(timeout=0.5, max_size=1024, backoff=0.05, max_wait=2.0)


@pytest.fixture
def server():
    with media_server() as (base, state):
        state.stall_seconds = 1.5
        yield base, state


def fetch(base: str, tmp_path: Path, name: str, kind: str = "image", options: DownloadOptions = FAST):
    dest = tmp_path / "out" / name.lstrip("/")
    with Downloader(options, sleep=lambda s: None) as downloader:
        result = downloader.fetch(FetchJob(name, f"{base}{name}", str(dest), kind))
        return result, dest, downloader.requests


def leftovers(tmp_path: Path) -> list[str]:
    return [str(p) for p in tmp_path.rglob("*") if p.is_file()]


def test_a_good_file_is_saved_whole_with_its_hash(server, tmp_path):
    base, _ = server
    result, dest, requests = fetch(base, tmp_path, "/wp-content/uploads/2008/06/a.jpg")
    assert result.ok and requests == 1
    assert dest.read_bytes() == body_of("/wp-content/uploads/2008/06/a.jpg")
    assert result.size == dest.stat().st_size and len(result.sha256) == 64


@pytest.mark.parametrize("name, reason, requests", [
    ("/wp-content/uploads/missing.jpg", "HTTP 404", 1),
    ("/wp-content/uploads/login.jpg", "HTML page", 1),
    ("/wp-content/uploads/huge.jpg", "larger than the limit", 1),
    ("/wp-content/uploads/declared-huge.jpg", "larger than the limit", 1),
    ("/wp-content/uploads/loop.jpg", "more than 5 redirects", 6),
    ("/wp-content/uploads/escape.jpg", "only http and https", 1),
    ("/wp-content/uploads/stall.jpg", "timed out", 3),
    ("/wp-content/uploads/short.jpg", "connection failed", 3),
])
def test_a_misbehaving_server_fails_the_file_and_leaves_nothing(server, tmp_path, name, reason, requests):
    base, _ = server
    result, dest, sent = fetch(base, tmp_path, name)
    assert not result.ok
    assert reason in result.reason
    assert sent == requests
    assert not dest.exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["/wp-content/uploads/flaky.jpg", "/wp-content/uploads/limited.jpg"])
def test_a_server_error_or_rate_limit_is_tried_again(server, tmp_path, name):
    base, state = server
    result, dest, requests = fetch(base, tmp_path, name)
    assert result.ok and requests == 2 and dest.read_bytes() == body_of(name)


def test_retry_after_is_honoured(server, tmp_path):
    base, _ = server
    waits: list[float] = []
    with Downloader(FAST, sleep=waits.append) as downloader:
        url = f"{base}/wp-content/uploads/limited.jpg"
        assert downloader.fetch(FetchJob("k", url, str(tmp_path / "l.jpg"), "image")).ok
    assert waits == [1.0]


def test_a_redirect_to_a_file_is_followed(server, tmp_path):
    base, state = server
    result, dest, requests = fetch(base, tmp_path, "/media/moved.jpg")
    assert result.ok and requests == 2 and state.requests == ["/media/moved.jpg", "/media/moved-target.jpg"]


def test_many_files_from_one_host_four_at_a_time(server, tmp_path):
    base, state = server
    state.delay = 0.05
    jobs = [FetchJob(str(i), f"{base}/wp-content/uploads/2020/01/f{i}.png", str(tmp_path / f"f{i}.png"), "image")
            for i in range(40)]
    with Downloader(DownloadOptions(timeout=2)) as downloader:
        results = list(download_all(downloader, jobs))
    assert sorted(r.key for r in results if r.ok) == sorted(str(i) for i in range(40))
    assert len(state.requests) == 40
    assert state.most_active == 4  # one host: at most 4 at once, and the downloader does use 4
    assert all((tmp_path / f"f{i}.png").exists() for i in range(40))


def test_retry_after_reads_seconds_and_dates():
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert retry_after("soon") is None and retry_after(None) is None


@pytest.mark.parametrize("kind, content_type, fine", [
    ("image", "image/jpeg", True), ("image", "text/html; charset=utf-8", False), ("image", "video/mp4", False),
    ("image", "", True), ("image", "application/octet-stream", True), ("audio", "audio/mpeg", True),
    ("video", "video/quicktime", True), ("document", "application/pdf", True), ("document", "text/html", False),
])
def test_content_type_is_checked_against_the_kind(kind, content_type, fine):
    assert (type_problem(kind, content_type) is None) is fine


def test_a_file_that_cannot_be_written_fails_alone(server, tmp_path):
    base, _ = server
    blocker = tmp_path / "out"
    blocker.write_text("a file where a folder should be")
    result, _, _ = fetch(base, tmp_path, "/wp-content/uploads/2008/06/a.jpg")
    assert not result.ok and "could not write" in result.reason
