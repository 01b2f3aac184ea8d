"""What a conversion would write and skip, counted without writing (``convert(dry_run=True)``).

The Markdown writer skips items by type and status (and a second item with
an id already written); a dry run decides each item the same way, with the
writer's own rules, so its counts are the run's counts.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .source import Source
from .writers.markdown.report import MarkdownReport
from .writers.markdown.statuses import decide
from .writers.contract import WriterOptions
from .writers.markdown.writer import MarkdownOptions


def plan(source: Source, options: WriterOptions) -> tuple[int, dict[str, Any]]:
    """``(posts that would be written, the counts the run's summary would show)``."""
    if not isinstance(options, MarkdownOptions):
        by_type = Counter(post.type for post in source.posts())  # every item is a row or a record
        return sum(by_type.values()), {"by type": dict(sorted(by_type.items()))}
    report = MarkdownReport()
    placed: set[int] = set()
    for post in source.posts():
        decision = decide(post, options.post_types, options.protected)
        if decision.write and post.id in placed:
            report.decisions["duplicate-id"] += 1
            continue
        report.decisions[decision.reason] += 1
        if decision.write or (post.type != "post" and post.type in options.post_types):
            placed.add(post.id)
        if decision.write:
            report.posts_written += 1
            report.drafts += decision.draft
    return report.posts_written, {"drafts": report.drafts, "skipped": dict(sorted(report.skipped.items()))}
