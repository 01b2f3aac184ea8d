"""JSON Schemas of the two JSON forms, made from the model's own definitions."""

from __future__ import annotations

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
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = "wxr-tools site document"
        return schema
    kinds = {"author": Author, "term": Term, "post": Post}
    _, components = msgspec.json.schema_components([Site, *kinds.values()],
                                                           ref_template="#/$defs/{name}")
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
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "wxr-tools JSON Lines record",
        "oneOf": variants,
        "$defs": components,
    }


def packaged_schema(form: Literal["json", "jsonl"] = "json") -> dict[str, Any]:
    """The schema file shipped in the package."""
    text = resources.files("wxr_tools.schemas").joinpath(SCHEMA_FILES[form]).read_text("utf-8")
    return json.loads(text)


def render_schema(form: Literal["json", "jsonl"]) -> str:
    """The schema as the text of its shipped file."""
    return json.dumps(build_schema(form), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
