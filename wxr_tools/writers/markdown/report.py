"""What a run did: files written, items skipped by reason, drafts, unknown shortcodes, problems."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic
from ...media import MediaResult
from ..contract import WriteReport


@dataclass
class MarkdownReport(WriteReport):
    """Counts of one Markdown run; ``report.json`` in the output folder holds the same.

    ``posts_written`` counts Markdown files written (drafts included);
    ``diagnostics`` are the writer's own problems, each with an ``MD`` code.
    """

    format: str = "markdown"
    drafts: int = 0
    decisions: Counter[str] = field(default_factory=Counter)
    """Items by decision: ``publish``, ``draft``, ``private``... or a skip reason (``trash``...)."""
    comments_written: int = 0
    comments_skipped: Counter[str] = field(default_factory=Counter)
    unknown_shortcodes: Counter[str] = field(default_factory=Counter)
    redirects: int = 0
    media: MediaResult | None = None
    """What became of the media files (set once, by the writer's process)."""
    scaffolded: list[str] = field(default_factory=list)
    """Scaffold files new in the output folder this run (config, layouts), relative to it; not in
    ``report.json``, which stays the same on a re-run (when they are already there)."""

    WRITTEN_REASONS = frozenset({"publish", "protected", "draft", "pending", "private", "future"})

    @property
    def skipped(self) -> Counter[str]:
        """Items not written, by reason."""
        return Counter({k: v for k, v in self.decisions.items() if k not in self.WRITTEN_REASONS})

    def warn(self, code: str, message: str, action: str) -> None:
        """Record one of the writer's own problems."""
        self.diagnostics.append(Diagnostic(code=code, severity="warning", message=message, action=action))

    def merge(self, other: MarkdownReport) -> None:
        """Add another (partial) report's counts to this one."""
        self.posts_written += other.posts_written
        self.drafts += other.drafts
        self.decisions.update(other.decisions)
        self.comments_written += other.comments_written
        self.comments_skipped.update(other.comments_skipped)
        self.unknown_shortcodes.update(other.unknown_shortcodes)
        self.redirects += other.redirects
        self.diagnostics.extend(other.diagnostics)

    def to_dict(self, input_diagnostics: Sequence[Diagnostic] = ()) -> dict[str, Any]:
        """The report as JSON-ready data, keys sorted so re-runs give the same file.

        ``warnings`` lists the input's problems (warnings and errors) and then the writer's.
        """
        problems = [d for d in input_diagnostics if d.severity != "info"] + self.diagnostics
        return {
            "written": self.posts_written,
            "drafts": self.drafts,
            "decisions": dict(sorted(self.decisions.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "comments_written": self.comments_written,
            "comments_skipped": dict(sorted(self.comments_skipped.items())),
            "unknown_shortcodes": dict(sorted(self.unknown_shortcodes.items())),
            "redirects": self.redirects,
            "warnings": [str(d) for d in problems],
            **({"media": self.media.report()} if self.media is not None else {}),
        }

    def write(self, out_dir: Path, input_diagnostics: Sequence[Diagnostic] = ()) -> Path:
        """Write ``report.json`` into the output folder."""
        path = out_dir / "report.json"
        text = json.dumps(self.to_dict(input_diagnostics), indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        return path

    def summary(self) -> dict[str, Any]:
        """Counts for the CLI's summary table (``wxr convert`` prints nested counts as rows)."""
        return {
            "posts_written": self.posts_written,
            "drafts": self.drafts,
            "skipped": dict(sorted(self.skipped.items())),
            "comments_written": self.comments_written,
            "comments_skipped": {k.removeprefix("comment:"): v for k, v in sorted(self.comments_skipped.items())},
            "unknown_shortcodes": dict(self.unknown_shortcodes.most_common(10)),
            "redirects": self.redirects,
            "scaffold_files": len(self.scaffolded),
            **({"media": self.media.summary()} if self.media is not None else {}),
            **({"media_note": note} if self.media is not None and (note := self.media.remote_line()) else {}),
        }  # the writer's warnings are diagnostics (MD0xx): the summary's warnings row counts them, once
