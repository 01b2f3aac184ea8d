"""JSON and SQL output: attachments whose file came along carry its local path; no request in copy mode."""

from __future__ import annotations

import json
import sqlite3

from typer.testing import CliRunner

from tests.corpus import FIXTURES
from wxr_tools.cli import app
from wxr_tools.convert import convert

SITE = FIXTURES / "media/site.xml"
UPLOADS = FIXTURES / "media/uploads"
runner = CliRunner()


def local_files(posts: list[dict]) -> dict[int, str]:
    return {p["id"]: m["value"] for p in posts for m in p["meta"] if m["key"] == "_wxr_local_file"}


def test_json_attachments_get_their_local_file(tmp_path):
    out = tmp_path / "site.json"
    result = convert([SITE], to="json", out=out, media="copy", media_from=str(UPLOADS))
    posts = json.loads(out.read_text())["posts"]
    assert local_files(posts) == {21: "site-media/2024/05/harbour.png", 22: "site-media/2019/03/harbour.png",
                                  23: "site-media/2024/05/lighthouse.png"}
    assert all((tmp_path / path).read_bytes().startswith(b"\x89PNG") for path in local_files(posts).values())
    assert result.summary["media"]["copied"] == 3 and result.summary["media"]["failed"] == 1
    assert [d.code for d in result.diagnostics if d.code.startswith("MEDIA")] == ["MEDIA100"]
    assert not result.has_errors
    again = convert([SITE], to="json", out=out, media="copy", media_from=str(UPLOADS))
    assert (again.summary["media"]["reused"], again.summary["media"]["copied"]) == (3, 0)
    assert local_files(json.loads(out.read_text())["posts"]) == local_files(posts)


def test_sqlite_attachments_get_their_local_file_in_postmeta(tmp_path):
    out = tmp_path / "site.db"
    cli = runner.invoke(app, ["convert", str(SITE), "--to", "sqlite", "-o", str(out),
                              "--media", "copy", "--media-from", str(UPLOADS)])
    assert cli.exit_code == 0, cli.output
    with sqlite3.connect(out) as db:
        rows = dict(db.execute("select post_id, value from postmeta where key = '_wxr_local_file'"))
    assert rows[23] == "site-media/2024/05/lighthouse.png" and 24 not in rows


def test_keep_writes_json_as_before(tmp_path):
    out = tmp_path / "site.json"
    convert([SITE], to="json", out=out)
    assert local_files(json.loads(out.read_text())["posts"]) == {}
    assert not (tmp_path / "site-media").exists()


def test_media_to_standard_output_is_refused():
    cli = runner.invoke(app, ["convert", str(SITE), "--to", "json", "-o", "-", "--media", "copy",
                              "--media-from", str(UPLOADS)])  # JSON goes to a file named after the export unless -o -
    assert cli.exit_code == 2 and "needs an output file" in cli.output


def test_media_for_a_database_server_is_refused_with_a_way_out():
    cli = runner.invoke(app, ["convert", str(SITE), "--to", "postgres", "--dsn", "postgresql://nobody@127.0.0.1:1/x",
                              "--media", "copy", "--media-from", str(UPLOADS)])
    assert cli.exit_code == 2 and "database servers have none" in cli.output and "--to sql" in cli.output
