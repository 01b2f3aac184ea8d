"""The shared corpus: known-broken exports give located findings; a real WordPress export passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from wxr_tools.validate import validate

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CORPUS = SHARED / "corpus" / "wxr"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here (it is not ours to ship)")

# file -> (code, severity, line) that must be among its findings: SOURCES.md says what is broken where.
BROKEN = {
    "wordpress-importer/phpunit-data/malformed-simple.xml": [("WXR100", "info", None), ("WXR108", "error", None)],
    "wordpress-importer/phpunit-data/malformed.xml": [("WXR100", "error", 90)],
    "wordpress-importer/phpunit-data/crazy-cdata.xml": [("WXR100", "info", 18), ("WXR105", "warning", 18)],
    # documented repairs that make the file well-formed: WXR100 is a note, the repairs are the warnings
    # namespace errors alone lose nothing: the reader reports them as warnings, without WXR100
    "wordpress-importer/historical/phpunit__namespace-attacks.xml": [("WXR107", "warning", 83)],
    "real/l0ner__l0ner.github.com___import__wordpress.xml": [("WXR107", "warning", 230)],
    "peers/TryGhost__migrate/sample.xml": [("WXR100", "info", 109), ("WXR103", "warning", 109)],
    "wordpress-importer/phpunit-data/invalid-version-tag.xml": [("WXR121", "error", None)],
    "wordpress-importer/phpunit-data/missing-version-tag.xml": [("WXR120", "warning", None)],
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_known_broken_files_give_located_findings(name: str) -> None:
    path = CORPUS / name
    result = validate([path])
    assert result.exit_code == (1 if any(sev == "error" for _, sev, _ in BROKEN[name]) else 0)
    for code, severity, line in BROKEN[name]:
        found = [f for f in result.findings if f.code == code]
        assert found, f"{name}: no {code} in {[str(f) for f in result.findings]}"
        assert {f.severity for f in found} == {severity}
        assert all(f.file == str(path) for f in found)
        if code not in ("WXR120", "WXR121"):  # findings about the text point at its line
            assert all(f.line for f in found), found
        if line is not None:
            assert line in {f.line for f in found}, found


def test_every_corpus_file_validates_without_crashing() -> None:
    files = sorted(CORPUS.rglob("*.xml"))
    result = validate(files)
    assert len(result.files) == len(files)
    assert all(report.io_error is None for report in result.files)
    assert not [f for f in result.findings if f.code == "WXR001"]


def test_what_a_real_wordpress_wrote_passes() -> None:
    path = SHARED / "realwp" / "wxr" / "all.xml"
    if not path.is_file():
        pytest.skip("../shared/realwp is not here")
    result = validate([path], strict=True)
    # Only a note: its "book" type was registered by a plugin, which WXR142 reports.
    assert [(f.code, f.severity) for f in result.findings] == [("WXR142", "info")]
    assert "'book'" in result.findings[0].message
    assert result.exit_code == 0
