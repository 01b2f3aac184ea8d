"""JSON and JSON Lines: valid against the shipped schemas, and read back to the same model."""

from __future__ import annotations

import copy
import io
import json
import pickle
from pathlib import Path

import jsonschema
import msgspec
import pytest

from wxr_tools import open_wxr, read_wxr, to_json
from wxr_tools.errors import WxrReadError
from wxr_tools.readers.json import read_json
from wxr_tools.source import SiteSource
from wxr_tools.schema import SCHEMA_FILES, build_schema, packaged_schema, schema_meaning
from wxr_tools.writers.json import JsonOptions, write_json, write_jsonl

from corpus import FIXTURES, ROOT, ids, shared_files

SOURCES = [FIXTURES / "awen-therapy.xml", *sorted((FIXTURES / "broken").glob("*.xml"))] + \
    shared_files("corpus/wxr/**/*.xml") + shared_files("realwp/wxr/*.xml")

DOCUMENT = jsonschema.Draft202012Validator(packaged_schema("json"))
RECORD = jsonschema.Draft202012Validator(packaged_schema("jsonl"))


def _without_passwords(site):  # type: ignore[no-untyped-def]
    for post in site.posts:
        post.password = None
    return site

@pytest.mark.parametrize("path", SOURCES, ids=ids(SOURCES))
def test_json_validates_and_reads_back_to_the_same_model(path: Path, tmp_path: Path) -> None:
    try:
        export = open_wxr(path)
    except Exception:  # noqa: BLE001 - files the reader refuses have no JSON
        pytest.skip("not an export the reader accepts")
    document = tmp_path / "site.json"
    with open(document, "wb") as out:
        write_json(export, out)
    DOCUMENT.validate(json.loads(document.read_bytes()))
    lines = tmp_path / "site.jsonl"
    with open(lines, "wb") as out:
        write_jsonl(export, out)
    for line in lines.read_bytes().splitlines():
        RECORD.validate(json.loads(line))
    expected = export.read()
    assert read_json(document) == expected
    assert read_json(lines) == expected

def test_field_names_other_tools_rely_on() -> None:
    out = io.BytesIO()
    write_json(open_wxr(FIXTURES / "awen-therapy.xml"), out)
    document = json.loads(out.getvalue())
    assert set(document) == {"model_version", "site", "authors", "terms", "posts"}
    post = document["posts"][0]
    for name in ("id", "type", "status", "title", "slug", "author", "parent", "date", "date_gmt",
                 "content", "excerpt", "terms", "meta", "comments"):
        assert name in post
    assert post["date"] == "2012-11-26T12:00:00-08:00" and post["date_gmt"] == "2012-11-26T20:00:00Z"
    assert post["parent"] is None and post["terms"][0] == {"taxonomy": "category", "slug": "awen-therapy",
                                                           "name": "Awen Therapy"}
    assert post["meta"] == [{"key": "_edit_last", "value": "2"}]
    comment = post["comments"][0]
    for name in ("id", "parent", "type", "status", "author_name", "author_email", "author_url",
                 "date_gmt", "content"):
        assert name in comment
    assert set(document["authors"][0]) >= {"login", "display_name", "email", "first_name", "last_name", "bio"}
    assert set(document["terms"][0]) >= {"taxonomy", "slug", "name", "parent", "description"}
    assert document["posts"][2]["date_gmt"] is None  # the draft

def test_passwords_are_written_only_when_asked(tmp_path: Path) -> None:
    source = (FIXTURES / "awen-therapy.xml").read_text("utf-8").replace(
        "<wp:post_password><![CDATA[]]></wp:post_password>",
        "<wp:post_password><![CDATA[letmein]]></wp:post_password>", 1)
    path = tmp_path / "protected.xml"
    path.write_text(source, "utf-8")
    assert read_wxr(path).posts[0].password == "letmein"
    out = io.BytesIO()
    write_json(open_wxr(path), out)
    assert b"letmein" not in out.getvalue() and json.loads(out.getvalue())["posts"][0]["protected"] is True
    out = io.BytesIO()
    write_jsonl(open_wxr(path), out, JsonOptions(include_passwords=True))
    assert b"letmein" in out.getvalue()


def test_a_password_is_no_field_of_the_record_yet_goes_where_it_is_asked_for(tmp_path: Path) -> None:
    """Encoding a post as it is leaves the password out; asked for, it is written and read back."""
    site = read_wxr(FIXTURES / "awen-therapy.xml")
    post = site.posts[0]
    post.password = "letmein"
    assert b"letmein" not in msgspec.json.encode(post) and "letmein" not in repr(post)
    assert "letmein" not in json.dumps(msgspec.to_builtins(site))
    assert json.loads(to_json(post, include_passwords=True))["password"] == "letmein"
    assert pickle.loads(pickle.dumps(post)).password == "letmein" and copy.copy(post).password == "letmein"
    assert post.replaced(title="Other").password == "letmein"
    for writer, name in ((write_json, "site.json"), (write_jsonl, "site.jsonl")):
        with open(tmp_path / name, "wb") as out:
            writer(SiteSource(site), out, JsonOptions(include_passwords=True))
        back = read_json(tmp_path / name)
        assert back.posts[0].password == "letmein" and back.posts[1].password is None
        with open(tmp_path / name, "wb") as out:
            writer(SiteSource(site), out)
        assert read_json(tmp_path / name).posts[0].password is None

@pytest.mark.parametrize("form", list(SCHEMA_FILES))
def test_shipped_schemas_are_current(form: str) -> None:
    """The shipped files mean what the model says, whatever layout the installed msgspec picks."""
    built = schema_meaning(build_schema(form))  # type: ignore[arg-type]
    assert schema_meaning(packaged_schema(form)) == built  # type: ignore[arg-type]
    docs_copy = ROOT / "docs" / SCHEMA_FILES[form]
    assert schema_meaning(json.loads(docs_copy.read_text("utf-8"))) == built


def test_schema_meaning_ignores_layout_but_not_content() -> None:
    """Inlining a definition changes nothing; changing a property type does."""
    schema = build_schema("json")
    definitions = dict(schema["$defs"])
    site = definitions.pop("Site")
    inlined = {**site, **{k: v for k, v in schema.items() if k != "$ref"}, "$defs": definitions}
    assert schema_meaning(inlined) == schema_meaning(schema)
    changed = json.loads(json.dumps(schema))
    changed["$defs"]["Post"]["properties"]["id"] = {"type": "string"}
    assert schema_meaning(changed) != schema_meaning(schema)

def test_a_newer_model_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text('{"model_version": 99, "site": {}, "authors": [], "terms": [], "posts": []}')
    with pytest.raises(WxrReadError, match="model_version 99"):
        read_json(path)
