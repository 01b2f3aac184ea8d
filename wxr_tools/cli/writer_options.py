"""The writers' options as ``wxr convert`` options, made from the registry (one place to add one)."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal, Optional

import typer

from ..writers import flag_of, option_fields

_GIVEN = ("COMMANDLINE", "ENVIRONMENT")


def _parameter(field_: dataclasses.Field[Any], formats: tuple[str, ...]) -> inspect.Parameter:
    meta = field_.metadata
    help_text = f"{meta['help']} [--to {'|'.join(formats)}]"
    common: dict[str, Any] = {"help": help_text, "rich_help_panel": meta.get("panel") or None,
                              "show_default": False}
    if field_.type in (bool, "bool"):
        annotation: Any = Annotated[bool, typer.Option(flag_of(field_), **common)]
        default: Any = False
    elif field_.name == "shortcode_map":
        annotation = Annotated[Optional[list[str]], typer.Option(flag_of(field_), metavar=meta["metavar"], **common)]
        default = None
    else:
        choices = meta.get("choices") or ()
        if choices and not isinstance(field_.default, tuple):  # one of the choices: listed and completed
            annotation = Annotated[Optional[Literal[choices]], typer.Option(flag_of(field_), **common)]
        else:
            metavar = meta.get("metavar") or "TEXT"
            annotation = Annotated[Optional[str], typer.Option(flag_of(field_), metavar=metavar, **common)]
        default = None
    return inspect.Parameter(field_.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def with_writer_options(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with every writer option appended to its parameters.

    The command receives them as ``writer_values``: only those typed on the
    command line, by field name, for ``convert()`` to check against ``--to``.
    """
    fields = option_fields()
    own = inspect.signature(command, eval_str=True)
    parameters = [p for p in own.parameters.values() if p.name != "writer_values"]
    added = [_parameter(field_, formats) for field_, formats in fields.values()]

    context_parameter = inspect.Parameter("wxr_context", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)

    def wrapper(wxr_context: typer.Context, **values: Any) -> None:
        given = {name: values.pop(name) for name in fields if name in values}
        writer_values = {name: value for name, value in given.items()
                         if getattr(wxr_context.get_parameter_source(name), "name", "") in _GIVEN}
        command(writer_values=writer_values, **values)

    everything = [*parameters, context_parameter, *added]
    wrapper.__name__ = command.__name__
    wrapper.__doc__ = command.__doc__
    wrapper.__signature__ = own.replace(parameters=everything)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in everything}
    return wrapper
