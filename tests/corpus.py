"""Where the project's fixtures and the shared corpus live, for tests to import."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus sits beside the repository in CI")
    return path


def shared_files(pattern: str) -> list[Path]:
    """Files under ../shared matching a glob, for parametrising (empty when it is absent)."""
    return sorted(SHARED.glob(pattern)) if SHARED.exists() else []


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(SHARED)) if SHARED in p.parents else p.name for p in paths]
