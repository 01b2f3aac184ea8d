"""Front matter: field selection (``--fields``) and YAML or TOML written by real serializers.

Hand-written front matter is where peers break (unquoted colons, ``no`` read
as false, ``@`` at the start); here PyYAML's emitter and tomli-w write it,
and every string a YAML 1.1 or 1.2 parser could read as something else is
quoted (single quotes, double where escapes are needed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
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


def _string_style(text: str) -> str | None:
    """Plain only when unambiguous; literal block for lines; double quotes for odd breaks."""
    if _ODD_BREAKS.search(text):
        return '"'
    if "\n" in text:
        return "|"
    return "'" if _needs_quotes(text) else None


_Emitter = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML has it (much faster); it escapes characters beyond U+FFFF (emoji)."""
_IMPLICIT_PLAIN = (True, False)
_IMPLICIT_QUOTED = (False, True)


def _string_event(text: str) -> yaml.ScalarEvent:
    style = _string_style(text)
    implicit = _IMPLICIT_PLAIN if style is None else _IMPLICIT_QUOTED
    return yaml.ScalarEvent(None, None, implicit, text, style=style)


_SHORT = 100
_short_string_event = lru_cache(maxsize=1024)(_string_event)
"""Short strings recur from post to post (keys, term names, authors): their events are kept,
at most 1,024 of them (a third of a megabyte); the emitter only reads an event."""


def _events(value: Any, out: list[yaml.Event]) -> None:
    """YAML events for a value: PyYAML's emitter quotes and escapes, we only pick styles.

    Building events directly skips PyYAML's representer and resolver, which
    cost more than the emitting itself on front matter with many terms.
    """
    if isinstance(value, str):
        out.append(_short_string_event(value) if len(value) <= _SHORT else _string_event(value))
    elif isinstance(value, bool):
        out.append(yaml.ScalarEvent(None, None, _IMPLICIT_PLAIN, "true" if value else "false"))
    elif isinstance(value, int):
        out.append(yaml.ScalarEvent(None, None, _IMPLICIT_PLAIN, str(value)))
    elif value is None:
        out.append(yaml.ScalarEvent(None, None, _IMPLICIT_PLAIN, "null"))
    elif isinstance(value, datetime):
        out.append(yaml.ScalarEvent(None, None, _IMPLICIT_PLAIN, value.isoformat()))
    elif isinstance(value, Mapping):
        out.append(yaml.MappingStartEvent(None, None, True, flow_style=not value))
        for key, item in value.items():
            _events(str(key), out)
            _events(item, out)
        out.append(yaml.MappingEndEvent())
    elif isinstance(value, (list, tuple)):
        out.append(yaml.SequenceStartEvent(None, None, True, flow_style=not value))
        for item in value:
            _events(item, out)
        out.append(yaml.SequenceEndEvent())
    else:
        raise TypeError(f"cannot write {type(value).__name__} in front matter")


def dump_yaml(data: Mapping[str, Any]) -> str:
    """YAML text for a mapping, keys in the given order, never wrapped."""
    events: list[yaml.Event] = [yaml.StreamStartEvent(), yaml.DocumentStartEvent(explicit=False)]
    _events(data, events)
    events += [yaml.DocumentEndEvent(explicit=False), yaml.StreamEndEvent()]
    return yaml.emit(events, Dumper=_Emitter, allow_unicode=True, width=2**31 - 1)


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
