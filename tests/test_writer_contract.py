"""One writer contract: every format registered, options that check themselves, coded diagnostics."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wxr_tools.cli import app
from wxr_tools.convert import convert
from wxr_tools.errors import WxrToolsError
from wxr_tools.writers import WRITERS, WriteReport, WriterOptions, WriterOptionsError, option_fields, writer_options
from wxr_tools.writers.markdown import MarkdownOptions

from corpus import FIXTURES, ROOT

SEED = FIXTURES / "awen-therapy.xml"


def test_a_misplaced_option_from_the_library_names_it_and_the_formats_that_take_it() -> None:
    with pytest.raises(WxrToolsError) as raised:
        convert([SEED], to="json", preset="hugo")
    assert str(raised.value) == "--preset goes with --to markdown, not --to json"
    assert "--to markdown" in raised.value.hint


def test_an_unknown_option_names_what_the_format_takes() -> None:
    with pytest.raises(WriterOptionsError, match="--to json has no option 'colour'") as raised:
        writer_options("json", {"colour": "red"})
    assert "include_passwords" in raised.value.hint


def test_options_objects_and_names_are_one_or_the_other(tmp_path: Path) -> None:
    with pytest.raises(WriterOptionsError, match="not both"):
        convert([SEED], to="markdown", out=tmp_path, options=MarkdownOptions(), preset="hugo")
    with pytest.raises(WriterOptionsError, match="MarkdownOptions are not the options of --to json"):
        convert([SEED], to="json", out=tmp_path / "x.json", options=MarkdownOptions())


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_writer_has_the_contract_signature_and_frozen_checked_options(name: str) -> None:
    writer = WRITERS[name]
    parameters = inspect.signature(writer.write).parameters
    assert list(parameters)[:3] == ["source", "out", "options"]
    assert parameters["pool"].kind is inspect.Parameter.KEYWORD_ONLY
    assert inspect.signature(writer.write).return_annotation in ("WriteReport", "SqlReport", "MarkdownReport")
    assert issubclass(writer.options, WriterOptions) and writer.options.__dataclass_params__.frozen
    for field_ in dataclasses.fields(writer.options):
        assert field_.metadata.get("help"), f"{name}: option {field_.name} has no help"


def test_options_are_frozen() -> None:
    options = MarkdownOptions()
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.preset = "jekyll"  # type: ignore[misc]


def test_every_writer_option_is_a_command_line_option_of_convert() -> None:
    help_text = CliRunner().invoke(app, ["convert", "--help"], terminal_width=200).output
    for field_, _ in option_fields().values():
        assert (field_.metadata.get("flag") or "--" + field_.name.replace("_", "-")) in help_text


def test_the_command_line_passes_only_options_typed_and_the_writer_checks_them(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["convert", str(SEED), "--to", "json", "-o", str(tmp_path / "x.json"),
                                      "--comments", "none"])
    assert result.exit_code == 2
    assert "error: --comments goes with --to markdown, not --to json" in result.output
    result = CliRunner().invoke(app, ["convert", str(SEED), "-o", str(tmp_path / "site"), "--preset", "jekyll",
                                      "--redirects", "netlify"])
    assert result.exit_code == 0 and (tmp_path / "site" / "_redirects").exists()


def test_every_writer_diagnostic_code_is_documented() -> None:
    source = "".join(p.read_text("utf-8") for p in (ROOT / "wxr_tools" / "writers").rglob("*.py"))
    codes = set(re.findall(r'"((?:MD|SQL)\d{3})"', source))
    documented = (ROOT / "docs" / "diagnostics.md").read_text("utf-8")
    assert codes and {c for c in codes if c not in documented} == set()


def test_a_write_report_carries_counts_and_coded_diagnostics(tmp_path: Path) -> None:
    text = SEED.read_text("utf-8")
    twice = text.replace("</channel>", text[text.index("<item>"):text.index("</item>") + 7] + "</channel>")
    path = tmp_path / "twice.xml"
    path.write_text(twice, "utf-8")
    report = WRITERS["markdown"].write(__import__("wxr_tools").open_wxr(path), tmp_path / "site", MarkdownOptions())
    assert isinstance(report, WriteReport) and report.posts_written == 2  # the draft is not public
    assert [(d.code, d.severity) for d in report.diagnostics] == [("MD002", "warning")]


def test_converter_choice_reaches_the_posts_and_a_fallback_is_reported(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from wxr_tools.transforms import engines

    result = CliRunner().invoke(app, ["convert", str(SEED), "-o", str(tmp_path / "h2t"), "--converter", "html2text"])
    assert result.exit_code == 0
    post = (tmp_path / "h2t" / "content" / "posts" / "we-can-all-use-a-little-help-sometimes" / "index.md").read_text()
    assert "Sometimes" in post and "<p>" not in post
    monkeypatch.setattr(engines, "COMPILED_AVAILABLE", False)  # as on a platform without the wheel
    result = convert([SEED], to="markdown", out=tmp_path / "fallback")
    assert [d.code for d in result.diagnostics] == ["MD010"]
