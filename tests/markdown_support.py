"""Helpers for the Markdown writer tests: run a conversion, read every file back."""

from __future__ import annotations

import re
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
THEME_DATA = SHARED / "corpus" / "wxr" / "theme-test-data" / "themeunittestdata.wordpress.xml"
REALWP = SHARED / "realwp"
PRESET_NAMES = ("hugo", "jekyll", "eleventy", "astro", "plain")


def need(path: Path) -> Path:
    """Skip the test when shared data is not there."""
    if not path.exists():
        pytest.skip(f"shared test data not found: {path} (it lives outside the repository)")
    return path


@dataclass
class MarkdownFile:
    """One written Markdown file, split and parsed."""

    path: Path
    front_matter: dict[str, Any]
    body: str

    def field(self, key: str) -> Any:
        """A front matter value, looked up at the top or under Hugo's ``params``."""
        if key in self.front_matter:
            return self.front_matter[key]
        return self.front_matter.get("params", {}).get(key)

    @property
    def wordpress_id(self) -> int:
        return self.field("wordpress_id") if self.field("wordpress_id") is not None else self.field("id")

    @property
    def is_draft(self) -> bool:
        return self.field("draft") is True or self.field("published") is False


def parse_markdown(path: Path) -> MarkdownFile:
    """Split a file into front matter (parsed with the real YAML or TOML parser) and body."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
        data = yaml.safe_load(head)
    elif text.startswith("+++\n"):
        head, _, body = text[4:].partition("\n+++\n")
        data = tomllib.loads(head)
    else:
        raise AssertionError(f"{path}: no front matter")
    assert isinstance(data, dict), f"{path}: front matter is not a mapping"
    return MarkdownFile(path, data, body)


def markdown_files(out: Path) -> list[MarkdownFile]:
    """Every Markdown file written for a post (not the scaffold's archive pages)."""
    files = [parse_markdown(p) for p in sorted(out.rglob("*.md"))]
    return [f for f in files if f.front_matter.get("layout") != "archive"]


def comment_files(out: Path) -> list[dict[str, Any]]:
    """Every comments sidecar, parsed."""
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*comments.yaml"))]


_FENCE = re.compile(r"^(```+|~~~+)[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
_INLINE = re.compile(r"(`+)(.+?)\1", re.S)


def code_blocks(body: str) -> list[str]:
    """Contents of fenced code blocks."""
    return [m.group(2) for m in _FENCE.finditer(body)]


def outside_code(body: str) -> str:
    """The body without fenced code blocks and inline code spans."""
    return _INLINE.sub("", _FENCE.sub("", body))


def tree_bytes(out: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, for byte comparisons."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
