"""``[tool.wxr]`` in the nearest ``pyproject.toml``: select, ignore and strict for ``wxr validate``."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import WxrToolsError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KEYS = ("select", "ignore", "strict")


class ConfigError(WxrToolsError):
    """A ``[tool.wxr]`` table that cannot be used; says which file and key."""

    hint = "keys: select (list of codes), ignore (list of codes), strict (true or false)"


@dataclass
class ValidateConfig:
    """Settings read from ``pyproject.toml`` (empty when there is none)."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    strict: bool = False
    path: Path | None = None


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` in ``start`` or a folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _codes(value: object, key: str, path: Path) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: [tool.wxr] {key} must be a list of rule codes")
    return list(value)


def load_config(start: Path | None = None) -> ValidateConfig:
    """``[tool.wxr]`` of the nearest ``pyproject.toml`` above ``start`` (the current folder)."""
    path = find_pyproject(start or Path.cwd())
    if path is None:
        return ValidateConfig()
    try:
        with open(path, "rb") as stream:
            document = tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    table = document.get("tool", {}).get("wxr")
    if table is None:
        return ValidateConfig(path=None)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.wxr] must be a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key{'s' * (len(unknown) > 1)} in [tool.wxr]: {', '.join(unknown)}")
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{path}: [tool.wxr] strict must be true or false")
    return ValidateConfig(select=_codes(table.get("select", []), "select", path),
                          ignore=_codes(table.get("ignore", []), "ignore", path), strict=strict, path=path)
