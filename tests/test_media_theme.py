"""The theme unit test data with its media hosts pointed at a local server that misbehaves for some files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.corpus import shared_path
from tests.media_server import media_server
from wxr_tools.cli import app
from wxr_tools.media.urls import kind_of

runner = CliRunner()
BROKEN = {  # theme files renamed so the server misbehaves for them: name -> what report.json says
    "2008/06/canola2.jpg": ("2008/06/missing.jpg", "HTTP 404"),
    "2013/03/featured-image-vertical.jpg": ("2013/03/login.jpg", "HTML page"),
    "2008/06/windmill.jpg": ("2008/06/huge.jpg", "larger than the limit"),
    "2008/06/dsc09114.jpg": ("2008/06/loop.jpg", "more than 5 redirects"),
    "2008/06/img_0747.jpg": ("2008/06/escape.jpg", "only http and https"),
}
RECOVERED = {"2014/01/spectacles.gif": "2014/01/flaky.gif", "2008/06/img_8399.jpg": "2008/06/limited.jpg"}
CLIMBING = {"2012/12/unicorn-wallpaper.jpg": "2012/12/%2e%2e%2f%2e%2e%2f%2e%2e%2fclimb.jpg"}
LINK = re.compile(r"""\]\(([^)\s]+)|(?:src|href|poster)="([^"]+)"|^- '([^']+)'""", re.MULTILINE)


@pytest.fixture
def site(tmp_path):
    """The export, its file host now the local server; yields (export, server base, server state)."""
    text = shared_path("corpus/wxr/theme-test-data/themeunittestdata.wordpress.xml").read_text(encoding="utf-8")
    with media_server() as (base, state):
        state.huge_bytes = 3 * 1024 * 1024
        for old, new in [*((k, v[0]) for k, v in BROKEN.items()), *RECOVERED.items(), *CLIMBING.items()]:
            text = text.replace(f"wpthemetestdata.files.wordpress.com/{old}", f"wpthemetestdata.files.wordpress.com/{new}")
        text = (text.replace("https://wpthemetestdata.files.wordpress.com/", f"{base}/wp-content/uploads/")
                .replace("https://wpthemetestdata.wordpress.com", base).replace("https://wordpress.com/", f"{base}/"))
        export = tmp_path / "theme.xml"
        export.write_text(text, encoding="utf-8")
        yield export, base, state


def convert(export: Path, out: Path, *options: str):
    return runner.invoke(app, ["convert", str(export), "-o", str(out), "--jobs", "1", *options])


def local_targets(out: Path, base: str) -> tuple[list[Path], list[str]]:
    """Files the Markdown refers to locally, and the server's file URLs it still refers to."""
    local: list[Path] = []
    remote: list[str] = []
    for page in (out / "content").rglob("*.md"):
        for match in LINK.finditer(page.read_text(encoding="utf-8")):
            target = next(g for g in match.groups() if g).split("#")[0].split(" ")[0]
            if target.startswith(f"{base}/wp-content/uploads/"):
                remote.append(target)
            elif target.startswith("/uploads/"):
                local.append(out / "static" / target.lstrip("/"))
            elif not target.startswith(("/", "http", "mailto:")) and kind_of(target) != "other":
                local.append(page.parent / target)
    return local, remote


def test_download_makes_every_answered_reference_local_and_reports_the_rest(site, tmp_path):
    export, base, state = site
    out = tmp_path / "site"
    result = convert(export, out, "--media", "download", "--media-timeout", "2", "--media-max-size", "2MB")
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())["media"]
    failed = {f["url"].split("/uploads/", 1)[1]: f for f in report["failed"]}
    assert set(failed) == {new for new, _ in BROKEN.values()}
    for new, reason in BROKEN.values():
        assert reason in failed[new]["reason"] and failed[new]["posts"]
    local, remote = local_targets(out, base)
    assert len(local) > 300 and all(p.is_file() for p in local), [p for p in local if not p.is_file()]
    assert {url.split("/uploads/", 1)[1].split("?")[0] for url in remote} <= {new for new, _ in BROKEN.values()}
    assert (out / "static/uploads/2014/01/flaky.gif").is_file() or list(out.rglob("flaky.gif"))
    assert list(out.rglob("limited.jpg")) and list(out.rglob("climb.jpg"))
    assert all(out in p.resolve().parents for p in out.rglob("*"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "theme.xml"]  # nothing climbed out
    assert "MEDIA100" in result.output

    state.reset()
    again = convert(export, out, "--media", "download", "--media-timeout", "2", "--media-max-size", "2MB")
    assert again.exit_code == 0
    asked = {path.split("/uploads/", 1)[1] for path in state.requests if "/uploads/" in path}
    assert asked == {new for new, _ in BROKEN.values()}  # only the failures are tried again
    report = json.loads((out / "report.json").read_text())["media"]
    assert report["downloaded"] == 0 and report["reused"] > 30


def test_copy_takes_files_from_a_backup_and_makes_no_request(site, tmp_path):
    export, base, state = site
    uploads = tmp_path / "backup/wp-content/uploads/2008/06"
    uploads.mkdir(parents=True)
    (uploads / "dsc04563.jpg").write_bytes(b"backed up")
    out = tmp_path / "site"
    result = convert(export, out, "--media", "copy", "--media-from", str(tmp_path / "backup"), "--preset", "jekyll")
    assert result.exit_code == 0, result.output
    assert state.requests == []
    assert (out / "assets/uploads/2008/06/dsc04563.jpg").read_bytes() == b"backed up"
    report = json.loads((out / "report.json").read_text())["media"]
    assert report["copied"] == 1 and len(report["failed"]) > 30
    texts = "".join(p.read_text() for p in (out / "_posts").glob("*.md"))
    assert "](/assets/uploads/2008/06/dsc04563.jpg)" in texts and f"{base}/wp-content/uploads/2008/06/dsc04563" not in texts


def test_keep_is_the_default_and_says_how_many_files_stay_remote(site, tmp_path):
    export, base, state = site
    result = convert(export, tmp_path / "site")
    assert result.exit_code == 0 and state.requests == []
    assert re.search(r"\d+ media files still load from the old site; --media download", result.output)
