"""Counts in words as people write them: "1 item", "2 items", "1 error"."""

from __future__ import annotations


def plural(count: int, word: str, words: str | None = None) -> str:
    """``count`` and the word, singular for exactly one: ``plural(1, "error")`` is ``"1 error"``."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"
