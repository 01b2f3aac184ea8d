"""Front matter: field selection (``--fields``) and YAML or TOML written by real serializers.

Hand-written front matter is where peers break (unquoted colons, ``no`` read
as false, ``@`` at the start); here PyYAML's safe dumper and tomli-w write
it, and every string a YAML 1.1 or 1.2 parser could read as something else
is quoted (single quotes, double where escapes are needed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import tomli_w
import yaml

from ...errors import WxrToolsError
from .presets import FIELD_NAMES, Preset


class FieldSpecError(WxrToolsError):
    """A ``--fields`` spec names a field that does not exist or repeats a key."""


@dataclass(frozen=True)
class FieldChoice:
    """One chosen field and the key it is written under."""

    name: str
    key: str


def parse_fields(spec: str | None, preset: Preset) -> tuple[FieldChoice, ...]:
    """Parse ``"title,date:created,..."``: which fields, in which order, under which keys.

    Without a spec, the preset's default fields under the preset's keys.
    """
    if not spec:
        return tuple(FieldChoice(name, preset.key(name)) for name in preset.default_fields)
    choices: list[FieldChoice] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        name, _, key = part.partition(":")
        name, key = name.strip(), key.strip()
        if name not in FIELD_NAMES:
            raise FieldSpecError(f"unknown front matter field {name!r} in --fields; "
                                 f"choose from: {', '.join(FIELD_NAMES)}")
        choices.append(FieldChoice(name, key or preset.key(name)))
    keys = [c.key for c in choices]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise FieldSpecError(f"--fields writes the key {duplicates[0]!r} twice; rename one (field:key)")
    return tuple(choices)


_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 _./-]*\Z")
_ODD_BREAKS = re.compile("[\r\x85\u2028\u2029]")
"""Line breaks YAML readers disagree on: only double quotes (escaped) keep them."""
_AMBIGUOUS_WORDS = frozenset({
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
})


def _needs_quotes(text: str) -> bool:
    """Whether any YAML 1.1 or 1.2 parser could read ``text`` as other than this string."""
    if not _PLAIN_SAFE.match(text) or text != text.strip():
        return True
    return text.lower() in _AMBIGUOUS_WORDS


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML has it (4x faster); it escapes characters beyond U+FFFF (emoji)."""


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Safe dumper: block style, no wrapping, unicode kept, ambiguous strings quoted."""


def _represent_str(dumper: yaml.BaseDumper, text: str) -> yaml.Node:
    if _ODD_BREAKS.search(text):
        style = '"'
    elif "\n" in text:
        style = "|"
    else:
        style = "'" if _needs_quotes(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_datetime(dumper: yaml.BaseDumper, value: datetime) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(datetime, _represent_datetime)


def dump_yaml(data: Mapping[str, Any]) -> str:
    """YAML text for a mapping, keys in the given order."""
    return yaml.dump(dict(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=2**31 - 1)


def _drop_none(value: Any) -> Any:
    """TOML has no null: leave out keys whose value is None, at every depth."""
    if isinstance(value, Mapping):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


def dump_toml(data: Mapping[str, Any]) -> str:
    """TOML text for a mapping (None values left out)."""
    return tomli_w.dumps(_drop_none(data))


def render_front_matter(data: Mapping[str, Any], fmt: str) -> str:
    """The front matter block, delimiters included: ``---`` YAML or ``+++`` TOML."""
    if fmt == "toml":
        return "+++\n" + dump_toml(data) + "+++\n"
    return "---\n" + dump_yaml(data) + "---\n"


def is_date(value: Any) -> bool:
    """Whether a value is written as a native date."""
    return isinstance(value, (date, datetime))
