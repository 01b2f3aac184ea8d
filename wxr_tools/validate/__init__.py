"""``wxr validate``: lint WordPress exports the way CI lints code, with stable rule codes."""

from __future__ import annotations

from .engine import FileReport, Selection, ValidationResult, validate
from .rules import RULES, Rule, UnknownRuleError

__all__ = ["RULES", "FileReport", "Rule", "Selection", "UnknownRuleError", "ValidationResult", "validate"]
