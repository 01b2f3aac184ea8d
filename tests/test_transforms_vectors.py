"""WordPress's own test vectors: wpautop, shortcodes and the block parser give WordPress's results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wxr_tools.transforms.blocks import parse_blocks
from wxr_tools.transforms.shortcodes import (
    Shortcode,
    do_shortcode,
    has_shortcode,
    parse_atts,
    shortcode_unautop,
    strip_shortcodes,
)
from wxr_tools.transforms.wpautop import wpautop

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
VECTORS = SHARED / "corpus" / "vectors"


def _load(name: str) -> object:
    path = VECTORS / name
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (vector tests need ../shared)", allow_module_level=True)
    return json.loads(path.read_text(encoding="utf-8"))


WPAUTOP = _load("wpautop.json")
SHORTCODE = _load("shortcode.json")
BLOCK_FIXTURES = sorted((VECTORS / "gutenberg-block-fixtures").glob("*.parsed.json"))


@pytest.mark.parametrize("vector", WPAUTOP, ids=[v["test"] for v in WPAUTOP])
def test_wpautop_vector(vector: dict) -> None:
    got, expected = wpautop(vector["input"], vector["br"]), vector["expected"]
    if vector["compare"]["normalize_eol"]:
        got, expected = got.replace("\r\n", "\n"), expected.replace("\r\n", "\n")
    if vector["compare"]["trim_output"]:
        got, expected = got.strip(), expected.strip()
    assert got == expected


@pytest.mark.parametrize("path", BLOCK_FIXTURES, ids=[p.name[: -len(".parsed.json")] for p in BLOCK_FIXTURES])
def test_block_parser_fixture(path: Path) -> None:
    source = path.with_name(path.name[: -len(".parsed.json")] + ".html")
    document = source.read_text(encoding="utf-8").replace("\r", "")  # as upstream's test does
    assert parse_blocks(document) == json.loads(path.read_text(encoding="utf-8"))


def _php_array(atts: dict) -> object:
    """Our attributes as the vectors serialise PHP arrays: a list when keys are 0..n-1."""
    if list(atts) == list(range(len(atts))):
        return list(atts.values())
    return {str(key): value for key, value in atts.items()}


def _test_handlers(tags: list[str], captured: list) -> dict:
    """The callbacks the vector file's header describes, one per registered tag."""

    def dump(sc: Shortcode) -> str:
        return "".join(f"{key} = {value}\n" for key, value in sc.atts.items())

    def bartag(sc: Shortcode) -> str:
        return "foo = " + sc.atts.get("foo", "no foo")

    def record(sc: Shortcode) -> str:
        captured.append({"atts": _php_array(sc.atts), "content": sc.content, "tagname": sc.tag})
        return ""

    handlers: dict = {}
    known = {
        "test-shortcode-tag": record,
        "footag": lambda sc: "foo = " + sc.atts.get("foo", ""),
        "bartag": bartag,
        "baztag": lambda sc: "content = " + do_shortcode(sc.content, handlers),
        "dumptag": dump,
        "hyphen": lambda sc: "shortcode_hyphen",
        "hyphen-foo": lambda sc: "shortcode_hyphen_foo",
        "hyphen-foo-bar": lambda sc: "shortcode_hyphen_foo_bar",
        "url": lambda sc: "http://www.wordpress.org/",
        "img": lambda sc: "<img" + "".join(f' {k}="{v}"' for k, v in sc.atts.items()) + " />",
    }
    for tag in tags:
        # Core media tags return "" in the vector run; the two filter tests' tags return "foo".
        handlers[tag] = known.get(tag, (lambda sc: "") if tag in SHORTCODE["default_registered_tags"]
                                  else (lambda sc: "foo"))
    return handlers


VECTORS_SC = SHORTCODE["vectors"]


@pytest.mark.parametrize("vector", VECTORS_SC, ids=[f"{v['test']}-{i}" for i, v in enumerate(VECTORS_SC)])
def test_shortcode_vector(vector: dict) -> None:
    tags = vector.get("registered_tags", SHORTCODE["default_registered_tags"])
    captured: list = []
    handlers = _test_handlers(tags, captured)
    function, args = vector["function"], vector["args"]
    if function == "do_shortcode":
        got = do_shortcode(args[0], handlers)
    elif function == "strip_shortcodes":
        got = strip_shortcodes(args[0], tags)
    elif function == "shortcode_unautop":
        got = shortcode_unautop(args[0], tags)
    elif function == "has_shortcode":
        got = has_shortcode(args[0], args[1], tags)
    elif function == "shortcode_parse_atts":
        got = _php_array(parse_atts(args[0]))
    else:
        pytest.fail(f"vector uses a function this test does not know: {function}")
    assert got == vector["output"]
    if "captured_by_test_shortcode_tag" in vector:
        assert captured and captured[-1] == vector["captured_by_test_shortcode_tag"]
