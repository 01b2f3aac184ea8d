"""Write docs/rules.md from the rule registry (run after adding or changing a rule)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wxr_tools.validate.rules import render_rules_markdown  # noqa: E402

TARGET = ROOT / "docs" / "rules.md"

if __name__ == "__main__":
    TARGET.write_text(render_rules_markdown(), encoding="utf-8")
    print(f"wrote {TARGET}")
