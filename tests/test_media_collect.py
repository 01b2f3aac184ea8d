"""Bringing files along: download and copy modes, reuse on a rerun, failures kept remote and reported."""

from __future__ import annotations

import pytest

from tests.media_server import body_of, media_server
from wxr_tools.media import LAYOUTS, MediaManifest, MediaOptions, MediaOptionsError, bring_media, build_graph, plan_places
from wxr_tools.model import Post


def site_posts(base: str) -> list[Post]:
    up = f"{base}/wp-content/uploads"
    body = (f'<img src="{up}/2008/06/a-300x200.jpg"><img src="{up}/2013/03/a.jpg">'
            f'<img src="{up}/2013/03/missing.jpg"><img src="https://elsewhere.example/b.png">')
    return [Post(id=1, content=body),
            Post(id=2, type="attachment", attachment_url=f"{up}/2008/06/a.jpg", parent=1)]


def run(base: str, out, options: MediaOptions, manifest: MediaManifest):
    graph = build_graph(site_posts(base), [base])
    places = plan_places(graph.records.values(), LAYOUTS["plain"])
    return graph, bring_media(graph, places, out, options, manifest)


@pytest.fixture
def server():
    with media_server() as (base, state):
        yield base, state


def test_download_then_a_rerun_asks_for_nothing_it_holds(server, tmp_path):
    base, state = server
    manifest = MediaManifest()
    options = MediaOptions(mode="download", timeout=2)
    graph, first = run(base, tmp_path, options, manifest)
    assert (first.downloaded, first.reused, first.remote) == (2, 0, 2)
    assert first.failed == [{"url": f"{base}/wp-content/uploads/2013/03/missing.jpg", "reason": "HTTP 404",
                             "posts": [1]}]
    assert (tmp_path / "media/2008/06/a.jpg").read_bytes() == body_of("/wp-content/uploads/2008/06/a.jpg")
    assert "/wp-content/uploads/2008/06/a-300x200.jpg" not in state.requests  # the original, not the size
    state.reset()
    _, second = run(base, tmp_path, options, MediaManifest(manifest.to_dict()))
    assert (second.downloaded, second.reused) == (0, 2)
    assert state.requests == ["/wp-content/uploads/2013/03/missing.jpg"]  # only the failure is tried again


def test_a_changed_file_on_disk_is_fetched_again(server, tmp_path):
    base, state = server
    manifest = MediaManifest()
    run(base, tmp_path, MediaOptions(mode="download", timeout=2), manifest)
    (tmp_path / "media/2013/03/a.jpg").write_bytes(b"edited by hand")
    state.reset()
    _, again = run(base, tmp_path, MediaOptions(mode="download", timeout=2), manifest)
    assert again.downloaded == 1 and "/wp-content/uploads/2013/03/a.jpg" in state.requests


def test_copy_reads_the_backup_and_makes_no_request(server, tmp_path):
    base, state = server
    backup = tmp_path / "backup/wp-content/uploads/2008/06"
    backup.mkdir(parents=True)
    (backup / "a.jpg").write_bytes(b"from the backup")
    out = tmp_path / "out"
    _, result = run(base, out, MediaOptions(mode="copy", source=str(tmp_path / "backup")), MediaManifest())
    assert state.requests == []
    assert result.copied == 1 and (out / "media/2008/06/a.jpg").read_bytes() == b"from the backup"
    assert sorted(f["url"].rsplit("/", 1)[-1] for f in result.failed) == ["a.jpg", "missing.jpg"]
    assert all(f["reason"].startswith("not in the uploads backup") for f in result.failed)


def test_keep_fetches_nothing_and_counts_what_stays_remote(server, tmp_path):
    base, state = server
    _, result = run(base, tmp_path, MediaOptions(), MediaManifest())
    assert state.requests == [] and result.remote == 4 and result.old_site == 3
    assert "3 media files still load from the old site; --media download" in result.remote_line()


@pytest.mark.parametrize("options, message", [
    (dict(mode="fetch"), "--media must be one of keep, download, copy"),
    (dict(mode="copy"), "--media copy needs --media-from"),
    (dict(mode="download", source="x"), "--media-from goes with --media copy"),
    (dict(mode="copy", source="/nonexistent/uploads"), "is not a folder"),
    (dict(timeout=0), "--media-timeout"),
    (dict(max_size=0), "--media-max-size"),
])
def test_bad_options_are_refused_with_a_reason(options, message):
    with pytest.raises(MediaOptionsError, match=message):
        MediaOptions(**options)
