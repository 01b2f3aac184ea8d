"""Markdown for static site generators: Hugo, Jekyll, Eleventy, Astro, or plain folders."""

from __future__ import annotations

from .presets import PRESETS
from .report import MarkdownReport
from .writer import MarkdownOptions, MarkdownOptionsError, write_markdown

__all__ = ["PRESETS", "MarkdownOptions", "MarkdownOptionsError", "MarkdownReport", "write_markdown"]
