"""Front matter: hostile titles round-trip through YAML and TOML; --fields chooses, orders, renames."""

from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from datetime import datetime, timedelta, timezone

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wxr_tools.errors import WxrToolsError
from wxr_tools.writers.markdown.front_matter import dump_toml, dump_yaml, parse_fields, render_front_matter
from wxr_tools.writers.markdown.presets import get_preset

HOSTILE = st.sampled_from([
    '"', "'", "\\", ": ", ":", "#", " #", "@", "-", "*", "- ", "? ", "no", "on", "Yes", "OFF", "~",
    "null", "&amp;", "&#039;", "&quot;", "&lt;b&gt;", "🎉", "🧠", "\u202e", "\u200f", "\u061c",
    "{{ x }}", "{%", "[", "]", "{", "}", "|", ">", "!", "%", "`", "\t", "1e3", "0x1F", "2012-01-01",
    "日本語", "مرحبا", " ", "\n",
])
TITLES = st.lists(st.one_of(HOSTILE, st.text(max_size=5)), min_size=1, max_size=8).map("".join)


@given(TITLES)
@settings(max_examples=300, deadline=None)
@example("Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>")
@example("no")
@example("@home")
@example("- list-like")
@example("* starred")
def test_titles_round_trip_through_yaml_and_toml(title):
    data = {"title": title, "tags": [title]}
    assert yaml.safe_load(dump_yaml(data)) == data
    assert tomllib.loads(dump_toml(data)) == data


def test_dates_keep_their_utc_offset():
    date = datetime(2012, 11, 26, 21, 14, 37, tzinfo=timezone(timedelta(hours=-8)))
    text = dump_yaml({"date": date})
    assert text == "date: 2012-11-26T21:14:37-08:00\n"
    assert yaml.safe_load(text)["date"].utcoffset() == timedelta(hours=-8)
    assert tomllib.loads(dump_toml({"date": date}))["date"] == date


def test_long_strings_are_not_wrapped():
    title = "word " * 100
    assert dump_yaml({"title": title.strip()}).count("\n") == 1


def test_toml_leaves_out_nulls_and_yaml_block_is_delimited():
    assert tomllib.loads(dump_toml({"a": None, "b": [1, None]})) == {"b": [1]}
    assert render_front_matter({"a": 1}, "yaml") == "---\na: 1\n---\n"
    assert render_front_matter({"a": 1}, "toml") == "+++\na = 1\n+++\n"


def test_fields_spec_chooses_orders_and_renames():
    choices = parse_fields("title, date:created,updated", get_preset("hugo"))
    assert [(c.name, c.key) for c in choices] == [("title", "title"), ("date", "created"),
                                                   ("updated", "lastmod")]


@pytest.mark.parametrize("spec", ["title,nope", "title,date:title"])
def test_bad_fields_spec_is_refused_with_a_message(spec):
    with pytest.raises(WxrToolsError, match="fields"):
        parse_fields(spec, get_preset("plain"))
