"""Where media files go: per preset, unique, safe, never outside the output folder."""

from __future__ import annotations

import pytest

from wxr_tools.media.graph import MediaRecord
from wxr_tools.media.places import LAYOUTS, UnsafeMediaPathError, inside, plan_places, reference, safe_path


def record(upload_path: str, posts=(), own=True) -> MediaRecord:
    key = ("uploads:" if own else "url:") + upload_path
    return MediaRecord(key, "https://example.com/" + upload_path, upload_path, own, "image", posts=set(posts))


@pytest.mark.parametrize("hostile", [
    "../../etc/passwd", "2013/../../../etc/passwd", "/etc/passwd", "..\\..\\windows\\win.ini",
    "2013/03/%2e%2e/x.jpg".replace("%2e", "."), "a/\x00b/\x1fc.jpg", "C:/x.jpg",
])
def test_no_name_climbs_out(hostile, tmp_path):
    path = safe_path(hostile)
    assert ".." not in path.split("/") and not path.startswith("/") and "\x00" not in path and ":" not in path
    assert inside(tmp_path, path).startswith(str(tmp_path.resolve()))


def test_inside_refuses_an_escape(tmp_path):
    with pytest.raises(UnsafeMediaPathError):
        inside(tmp_path, "../x.jpg")
    with pytest.raises(UnsafeMediaPathError):
        inside(tmp_path, "/etc/passwd")


def test_long_names_are_cut_to_255_bytes_keeping_the_extension():
    name = safe_path("2013/03/" + "é" * 300 + ".jpeg").rsplit("/", 1)[-1]
    assert len(name.encode()) <= 255 and name.endswith(".jpeg")


def test_names_are_nfc():
    assert safe_path("2013/03/cafe\u0301.jpg") == "2013/03/caf\u00e9.jpg"


def test_same_names_in_different_months_never_collide():
    places = plan_places([record("2008/06/a.jpg"), record("2013/03/a.jpg")], LAYOUTS["jekyll"])
    assert {p.path for p in places.values()} == {"assets/uploads/2008/06/a.jpg", "assets/uploads/2013/03/a.jpg"}


def test_names_made_equal_by_cleaning_get_numbers():
    places = plan_places([record("2008/06/a?.jpg"), record("2008/06/a_.jpg")], LAYOUTS["plain"])
    assert sorted(p.path for p in places.values()) == ["media/2008/06/a_-2.jpg", "media/2008/06/a_.jpg"]


def test_hugo_bundles_a_file_used_by_one_post_and_shares_the_rest():
    files = {1: "content/posts/one/index.md", 2: "content/posts/two/index.md"}
    layout = LAYOUTS["hugo"]
    places = plan_places([record("2008/06/own.jpg", [1]), record("2008/06/shared.jpg", [1, 2]),
                          record("2013/03/own.jpg", [1])], layout, files.get)
    assert places["uploads:2008/06/own.jpg"].path == "content/posts/one/own.jpg"
    assert places["uploads:2013/03/own.jpg"].path == "content/posts/one/2013/03/own.jpg"
    assert places["uploads:2008/06/shared.jpg"].path == "static/uploads/2008/06/shared.jpg"
    assert reference(places["uploads:2008/06/own.jpg"], layout, files[1]) == "own.jpg"
    assert reference(places["uploads:2008/06/shared.jpg"], layout, files[2]) == "/uploads/2008/06/shared.jpg"


def test_plain_refers_by_relative_path_and_other_hosts_go_apart():
    layout = LAYOUTS["plain"]
    places = plan_places([record("2008/06/a.jpg", [1]), record("cdn.other.org/b.png", [1], own=False)], layout)
    assert reference(places["uploads:2008/06/a.jpg"], layout, "posts/hello.md") == "../media/2008/06/a.jpg"
    assert places["url:cdn.other.org/b.png"].path == "media/_external/cdn.other.org/b.png"
