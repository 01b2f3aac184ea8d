"""Each rule: a fixture that triggers it, and the clean fixture that triggers nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wxr_tools import open_wxr
from wxr_tools.validate import RULES, UnknownRuleError, validate
from wxr_tools.validate.phpserial import SerializedError, check_serialized, looks_serialized

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "validate"
CLEAN = FIXTURES / "clean.xml"
CODES_WITH_FIXTURE = sorted(p.name.removesuffix("-bad.xml") for p in FIXTURES.glob("WXR*-bad.xml"))


def codes_of(path: Path, **options: object) -> set[str]:
    return {f.code for f in validate([path], **options).findings}  # type: ignore[arg-type]


def test_clean_fixture_has_no_finding() -> None:
    result = validate([CLEAN])
    assert result.findings == []
    assert result.exit_code == 0


@pytest.mark.parametrize("code", CODES_WITH_FIXTURE)
def test_bad_fixture_triggers_its_rule_at_its_severity(code: str) -> None:
    result = validate([FIXTURES / f"{code}-bad.xml"])
    mine = [f for f in result.findings if f.code == code]
    assert mine, f"{code}-bad.xml gave {[str(f) for f in result.findings]}"
    assert {f.severity for f in mine} == {RULES[code].severity}
    assert all(f.file.endswith(f"{code}-bad.xml") for f in mine)


@pytest.mark.parametrize("code", CODES_WITH_FIXTURE)
def test_selecting_one_rule_reports_only_it(code: str) -> None:
    assert codes_of(FIXTURES / f"{code}-bad.xml", select=[code]) == {code}
    assert code not in codes_of(FIXTURES / f"{code}-bad.xml", ignore=[code])


def test_every_rule_has_a_fixture_but_the_size_limit() -> None:
    # WXR111 needs a field over 256 MiB; it is tested through the reader's limit below.
    assert set(RULES) - set(CODES_WITH_FIXTURE) == {"WXR111"}


def test_field_size_limit_is_reported_as_wxr111() -> None:
    export = open_wxr(CLEAN, max_field_size=5)
    list(export.posts())
    assert {d.severity for d in export.diagnostics if d.code == "WXR111"} == {"error"}


def test_every_code_the_reader_emits_is_a_documented_rule() -> None:
    source = "".join(p.read_text("utf-8") for p in (ROOT / "wxr_tools" / "readers" / "wxr").glob("*.py"))
    emitted = set(re.findall(r'"(WXR\d{3})"', source))
    assert emitted and emitted <= set(RULES)
    for code in emitted:  # the registry's severity is the one the reader uses
        severities = set(re.findall(rf'"{code}",\s*"(error|warning|info)"', source))
        assert RULES[code].severity in severities


def test_every_rule_is_documented() -> None:
    for rule in RULES.values():
        assert re.fullmatch(r"WXR\d{3}", rule.code)
        assert rule.title and rule.example and rule.fix
        assert (rule.check is not None) == rule.code.startswith("WXR2")


def test_findings_are_located_at_the_item() -> None:
    [finding] = validate([FIXTURES / "WXR201-bad.xml"]).findings
    text = (FIXTURES / "WXR201-bad.xml").read_text("utf-8").splitlines()
    assert text[finding.line - 1].strip() == "<item>"  # type: ignore[operator]
    assert "first at" in finding.message


def test_prefix_selection_and_unknown_codes() -> None:
    bad = FIXTURES / "WXR103-bad.xml"
    assert codes_of(bad, select=["WXR1"]) == {"WXR100", "WXR103"}
    assert codes_of(bad, ignore=["WXR10"]) == set()
    with pytest.raises(UnknownRuleError):
        validate([bad], select=["NOPE"])


def test_strict_makes_warnings_fail() -> None:
    bad = FIXTURES / "WXR230-bad.xml"
    assert validate([bad]).exit_code == 0
    assert validate([bad], strict=True).exit_code == 1


def test_missing_path_is_an_io_error() -> None:
    result = validate([FIXTURES / "no-such.xml", CLEAN])
    assert result.exit_code == 2
    assert result.files[0].io_error == "no such file"
    assert result.files[1].findings == []


def test_a_folder_is_searched_for_exports(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.xml").write_bytes(CLEAN.read_bytes())
    (tmp_path / "notes.txt").write_text("not an export")
    result = validate([tmp_path])
    assert [Path(r.path).name for r in result.files] == ["a.xml"]


@pytest.mark.parametrize("value", [
    'a:1:{s:3:"foo";s:3:"bar";}', "N;", "b:1;", "i:-5;", "d:0.5;", "d:1.0E+25;", 's:5:"café";',
    'O:8:"stdClass":1:{s:1:"a";i:1;}', 'C:3:"Foo":5:{abcde}', "a:2:{i:0;a:0:{}i:1;R:2;}",
])
def test_serialized_checker_accepts_what_php_serialize_writes(value: str) -> None:
    assert looks_serialized(value)
    check_serialized(value)


@pytest.mark.parametrize("value", [
    'a:1:{s:4:"foo";s:3:"bar";}', 's:4:"café";', "a:2:{i:0;i:1;}", 'a:1:{s:3:"foo";s:3:"bar";}x',
    "a:1:{d:1;i:1;}", 'O:8:"stdClass":1:{s:1:"a";i:1;', "a:99999999:{}", "a:1:{" * 600,
])
def test_serialized_checker_rejects_broken_data(value: str) -> None:
    with pytest.raises(SerializedError):
        check_serialized(value)


def test_plain_text_is_not_taken_for_serialized_data() -> None:
    assert not any(looks_serialized(v) for v in ("hello", "a:b", "s:3:\"abc\"", "", "12"))


def test_codes_the_registry_lacks_are_selected_by_prefix() -> None:
    from wxr_tools.validate import Selection

    selection = Selection(["WXR1"], ["WXR10"])
    assert selection.wants("WXR150") and selection.wants("WXR120")
    assert not selection.wants("WXR105") and not selection.wants("WXR201")
    assert Selection().wants("WXR999")
