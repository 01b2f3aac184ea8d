"""What a run did: files written, items skipped by reason, drafts, unknown shortcodes, warnings."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class MarkdownReport:
    """Counts of one Markdown run; ``report.json`` in the output folder holds the same."""

    written: int = 0
    """Markdown files written (drafts included)."""
    drafts: int = 0
    decisions: Counter[str] = field(default_factory=Counter)
    """Items by decision: ``publish``, ``draft``, ``private``... or a skip reason (``trash``...)."""
    comments_written: int = 0
    comments_skipped: Counter[str] = field(default_factory=Counter)
    unknown_shortcodes: Counter[str] = field(default_factory=Counter)
    redirects: int = 0
    warnings: list[str] = field(default_factory=list)

    WRITTEN_REASONS = frozenset({"publish", "protected", "draft", "pending", "private", "future"})

    @property
    def skipped(self) -> Counter[str]:
        """Items not written, by reason."""
        return Counter({k: v for k, v in self.decisions.items() if k not in self.WRITTEN_REASONS})

    def merge(self, other: "MarkdownReport") -> None:
        """Add another (partial) report's counts to this one."""
        self.written += other.written
        self.drafts += other.drafts
        self.decisions.update(other.decisions)
        self.comments_written += other.comments_written
        self.comments_skipped.update(other.comments_skipped)
        self.unknown_shortcodes.update(other.unknown_shortcodes)
        self.redirects += other.redirects
        self.warnings.extend(other.warnings)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data, keys sorted so re-runs give the same file."""
        return {
            "written": self.written,
            "drafts": self.drafts,
            "decisions": dict(sorted(self.decisions.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "comments_written": self.comments_written,
            "comments_skipped": dict(sorted(self.comments_skipped.items())),
            "unknown_shortcodes": dict(sorted(self.unknown_shortcodes.items())),
            "redirects": self.redirects,
            "warnings": self.warnings,
        }

    def write(self, out_dir: Path) -> Path:
        """Write ``report.json`` into the output folder."""
        path = out_dir / "report.json"
        path.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    def summary(self) -> dict[str, Any]:
        """Counts for the CLI's summary table (``wxr convert`` prints nested counts as rows)."""
        return {
            "posts_written": self.written,
            "drafts": self.drafts,
            "skipped": dict(sorted(self.skipped.items())),
            "comments_written": self.comments_written,
            "comments_skipped": {k.removeprefix("comment:"): v for k, v in sorted(self.comments_skipped.items())},
            "unknown_shortcodes": dict(self.unknown_shortcodes.most_common(10)),
            "redirects": self.redirects,
            "writer_warnings": len(self.warnings),  # the input's own problems are counted apart
        }
