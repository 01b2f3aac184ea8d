"""The fuzz targets in CI: every input a campaign found replays clean, and a short smoke of each.

The long campaigns run with atheris (``python -m fuzz.campaign <target>``,
see ``fuzz/README.md``); here each target gets a few seconds of mutated seeds
from our fixtures and the shared corpus, with the campaigns' 2-second limit.
The smoke is derandomized: CI sees the same inputs every run, and exploring
is the campaigns' job, whose findings come back here as fixtures.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.seeds import REGRESSIONS, seeds
from fuzz.targets import TARGETS
from wxr_tools.transforms.html_to_markdown import html_to_markdown

LIMIT_SECONDS = 2.0
REGRESSION_INPUTS = sorted(p for p in REGRESSIONS.glob("*/*") if p.is_file())


def run_within_limit(target: str, data: bytes) -> None:
    start = time.perf_counter()
    TARGETS[target](data)
    elapsed = time.perf_counter() - start
    assert elapsed < LIMIT_SECONDS, f"{target} took {elapsed:.2f} s on {len(data)} bytes"


def test_every_regression_folder_names_a_target() -> None:
    assert {p.parent.name for p in REGRESSION_INPUTS} <= set(TARGETS)


@pytest.mark.parametrize("path", REGRESSION_INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_regression_input_replays_clean(path: Path) -> None:
    run_within_limit(path.parent.name, path.read_bytes())


def test_character_references_to_control_characters_are_dropped_like_the_characters() -> None:
    markdown = html_to_markdown("<p>a&#1;<code>x</code> b&#x1F;</p><pre>x&#12;y</pre><p>&#xFFFE;c</p>")
    assert markdown == "a`x` b\n\n```\nxy\n```\n\nc\n"
    assert html_to_markdown("<p>&#" + "9" * 5000 + ";</p>") == "\ufffd\n"  # no number parsed: too long
    assert html_to_markdown("<p>a&#\x015; b&#&#1;5;c</p>") == "a bc\n"  # removals joining a new reference


def _mutated(seed: bytes, cut: int, length: int, insert: bytes) -> bytes:
    """A seed with a slice replaced: libFuzzer's commonest mutation, enough for a smoke."""
    cut %= len(seed) + 1
    return seed[:cut] + insert + seed[cut + length:]


def _inputs(target: str) -> st.SearchStrategy[bytes]:
    pool = [seed[:16384] for seed in seeds(target)][:400] or [b""]
    mutated = st.builds(_mutated, st.sampled_from(pool), st.integers(0, 16384), st.integers(0, 64),
                        st.binary(max_size=64))
    return st.one_of(st.binary(max_size=512), mutated)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_smoke(target: str) -> None:
    @settings(max_examples=120, deadline=None, database=None, derandomize=True,  # the same inputs each CI run
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(_inputs(target))
    def run(data: bytes) -> None:
        run_within_limit(target, data)

    run()


def test_a_body_tag_with_attribute_names_lxml_refuses_still_gives_its_classes() -> None:
    """Text before the doctype makes the parser drop <body>'s attributes; they are restored from the
    tag as printed, leaving out names lxml cannot hold ('"headline":')."""
    from wxr_tools.diagnostics import DiagnosticLog
    from wxr_tools.readers.pages.reader import read_page

    record = read_page(REGRESSIONS / "page_reader" / "body-attribute-names-no-xml-name.html", DiagnosticLog())
    assert record is not None and record.kind == "single"


def test_a_post_s_classes_on_the_html_element_make_it_no_listed_item() -> None:
    """The root element is the page itself: it was taken for a listed item and its missing parent
    raised AttributeError; the posts the page lists are still read."""
    from wxr_tools.diagnostics import DiagnosticLog
    from wxr_tools.readers.pages.reader import read_page

    record = read_page(REGRESSIONS / "page_reader" / "post-classes-on-the-html-element.html", DiagnosticLog())
    assert record is not None and record.archive is not None
    assert [(item.id, item.post.title if item.post else None) for item in record.archive.listed] == [(7, "A")]
