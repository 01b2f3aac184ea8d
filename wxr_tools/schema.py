"""JSON Schemas of the two JSON forms, made from the model's own definitions."""

from __future__ import annotations

import inspect
import json
from importlib import resources
from typing import Any, Literal

import msgspec

from .model import Author, Post, Site, Term

SCHEMA_FILES = {"json": "wxr-tools.schema.json", "jsonl": "wxr-tools-record.schema.json"}


def build_schema(form: Literal["json", "jsonl"] = "json") -> dict[str, Any]:
    """The JSON Schema of a ``--to json`` document or of one ``--to jsonl`` record."""
    if form == "json":
        schema = msgspec.json.schema(Site)
        _with_password(schema["$defs"])
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "wxr-tools site document"
        return _tidy(schema)
    kinds = {"author": Author, "term": Term, "post": Post}
    _, components = msgspec.json.schema_components([Site, *kinds.values()],
                                                           ref_template="#/$defs/{name}")
    _with_password(components)
    variants = []
    site_info = dict(components["SiteInfo"])
    site_record = {
        "type": "object",
        "properties": {"record": {"const": "site"}, "model_version": {"type": "integer"},
                       **site_info["properties"]},
        "required": ["record", "model_version"],
        "additionalProperties": False,
    }
    variants.append(site_record)
    for kind, struct in kinds.items():
        definition = components[struct.__name__]
        variants.append({
            "type": "object",
            "properties": {"record": {"const": kind}, **definition["properties"]},
            "required": ["record", *definition.get("required", [])],
            "additionalProperties": False,
        })
    return _tidy({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "wxr-tools JSON Lines record",
        "oneOf": variants,
        "$defs": components,
    })


_PASSWORD = {"type": "string", "description": "The post's password: written only with --include-passwords."}


def _with_password(components: dict[str, Any]) -> dict[str, Any]:
    """The post definition with its optional ``password``, which the model keeps beside its fields."""
    post = components["Post"]
    post["properties"] = {**post["properties"], "password": _PASSWORD}
    return components


def _tidy(node: Any) -> Any:
    """Descriptions dedented: msgspec releases differ in whether they dedent docstrings."""
    if isinstance(node, dict):
        return {key: inspect.cleandoc(value) if key == "description" and isinstance(value, str) else _tidy(value)
                for key, value in node.items()}
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    return node


def schema_meaning(schema: dict[str, Any]) -> Any:
    """A schema with every ``$ref`` replaced by what it names and descriptions dedented.

    Two schemas that validate the same documents the same way have the same
    meaning whatever layout the generator chose (definitions inlined or
    referenced); the shipped files are compared to the model this way.
    """
    definitions = schema.get("$defs", {})

    def resolve(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [resolve(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref not in seen:
            rest = {key: value for key, value in node.items() if key != "$ref"}
            target = resolve(definitions[ref.removeprefix("#/$defs/")], (*seen, ref))
            return {**target, **resolve(rest, seen)}
        return {key: resolve(value, seen) for key, value in node.items() if key != "$defs"}

    return _tidy(resolve(schema, ()))


def packaged_schema(form: Literal["json", "jsonl"] = "json") -> dict[str, Any]:
    """The schema file shipped in the package."""
    text = resources.files("wxr_tools.schemas").joinpath(SCHEMA_FILES[form]).read_text("utf-8")
    return json.loads(text)


def render_schema(form: Literal["json", "jsonl"]) -> str:
    """The schema as the text of its shipped file."""
    return json.dumps(build_schema(form), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
