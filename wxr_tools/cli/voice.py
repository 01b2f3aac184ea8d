"""One voice for errors: ``error: <what> (<option as typed>)`` and ``hint: <what to do>``.

Library errors name the parameter at fault by its Python name (``out``,
``post_types``); here it becomes the option the user typed (``-o``,
``--post-types``). Operating system errors are said in words, about the
path the user chose (never a temporary ``.part`` file), with what to do.
"""

from __future__ import annotations

import enum
import errno
import re
import sys
import typing
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import WxrToolsError, did_you_mean
from .help import tidy_option

EXIT_USAGE = 2
"""Usage and I/O errors (the other codes are in :mod:`.console`)."""

_PART = ".part"


def _option_names() -> dict[str, list[str]]:
    """Every command's options: parameter name -> its spellings (``out`` -> ``["--out", "-o"]``)."""
    import typer

    from . import app

    names: dict[str, list[str]] = {}
    root = typer.main.get_command(app)
    for command in getattr(root, "commands", {}).values():
        for param in command.params:
            if param.param_type_name == "option" and param.name:
                names.setdefault(param.name, list(param.opts))
    return names


def option_as_typed(name: str) -> str:
    """The command-line spelling of a library parameter: the alias the user typed, else the long name."""
    opts = _option_names().get(name) or ["--" + name.replace("_", "-")]
    typed = [opt for opt in opts if any(arg == opt or arg.startswith(opt + "=") for arg in sys.argv[1:])]
    return typed[0] if typed else max(opts, key=len)


def _user_path(filename: object) -> str:
    """The path as the user named it: a temporary ``name.part`` is the user's ``name``."""
    path = str(filename or "")
    return path[: -len(_PART)] if path.endswith(_PART) else path


def os_error_words(exc: OSError) -> tuple[str, str]:
    """``(what, hint)`` for an operating system error, in words and about the user's own path."""
    path = _user_path(exc.filename)
    if isinstance(exc, FileExistsError):
        return f"{path} already exists as a file", "name another path, or remove the file first"
    if isinstance(exc, PermissionError):
        return f"permission denied: {path}", "check that you may read and write there (ls -l), or choose another path"
    if isinstance(exc, IsADirectoryError):
        return f"{path} is a folder", "name a file"
    if isinstance(exc, NotADirectoryError):
        return f"{path}: a part of this path is a file, not a folder", "check the path"
    if isinstance(exc, FileNotFoundError):
        return f"{path}: no such file or folder", "check the path"
    if exc.errno == errno.ENOSPC:
        return f"no space left on the device writing {path}", "free some space, or write elsewhere"
    reason = (exc.strerror or str(exc)).rstrip(".")
    return (f"{path}: {reason[:1].lower()}{reason[1:]}" if path else reason[:1].lower() + reason[1:]), ""


def error_words(exc: WxrToolsError | OSError) -> tuple[str, str]:
    """``(error line, hint)`` for one of our errors or an operating system error."""
    if isinstance(exc, OSError):
        what, hint = os_error_words(exc)
        return f"error: {what}", hint
    option = getattr(exc, "option", "")
    where = f" ({option_as_typed(option)})" if option else ""
    return f"error: {exc}{where}", exc.hint


_NOT_ONE_OF = re.compile(r"'(?P<value>[^']*)' is not (?:one of|a valid)", re.S)


def usage_words(exc: Any) -> tuple[str, str]:
    """``(error line, hint)`` for a usage error the command line parser found (click's exceptions)."""
    ctx = getattr(exc, "ctx", None)
    help_hint = f"see {ctx.command_path} --help" if ctx is not None else "see wxr --help"
    param = getattr(exc, "param", None)
    message = exc.format_message().replace("Value error, ", "")
    option_name = getattr(exc, "option_name", None)
    if option_name:  # an option that does not exist: click found the close ones
        closest = did_you_mean(option_name, sorted(getattr(exc, "possibilities", None) or []))
        return f"error: no such option ({option_name})", f"{closest}{help_hint}"
    if param is not None:
        spelled = option_as_typed(param.name) if param.param_type_name == "option" else param.name.upper()
        choices = _choices(param)
        found = _NOT_ONE_OF.search(message)
        if choices and found:
            value = found.group("value")
            return (f"error: unknown value {value!r} ({spelled})",
                    f"{did_you_mean(value, choices)}choose one of: {', '.join(choices)}")
        what = message.split(": ", 1)[1] if message.startswith(("Invalid value", "Missing")) and ": " in message \
            else message
        if type(exc).__name__ == "MissingParameter":
            if param.param_type_name == "argument":
                return (f"error: no input given ({param.metavar or spelled})",
                        "name an export file or folder, or - for standard input")
            what = f"missing {param.name.replace('_', ' ')}"
        return f"error: {what[:1].lower()}{what[1:].rstrip('.')} ({spelled})", help_hint
    return f"error: {message[:1].lower()}{message[1:].rstrip('.')}", help_hint


def _choices(param: Any) -> list[str]:
    """The values a parameter takes, when they are a fixed list (a Literal or an Enum annotation)."""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    for candidate in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(candidate) is typing.Literal:
            return [str(value) for value in typing.get_args(candidate)]
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return [str(member.value) for member in candidate]
    return []


class OneVoiceGroup(TyperGroup):
    """The ``wxr`` command group: usage errors said as every other error is (see :func:`usage_words`),
    and its own options shown as the commands show theirs."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # with --help and the completion options typer adds
        for param in params:
            tidy_option(param)
        return params

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except typer.Abort:
            print("interrupted", file=sys.stderr)
            sys.exit(EXIT_USAGE)
        except Exception as exc:
            if not _is_usage_error(exc):
                raise
            if type(exc).__name__ == "NoArgsIsHelpError":  # no arguments: the help, as asked
                exc.show()  # type: ignore[attr-defined]
                sys.exit(EXIT_USAGE)
            line, hint = usage_words(exc)
            print(line, file=sys.stderr)
            if hint:
                print(f"hint: {hint}", file=sys.stderr)
            sys.exit(EXIT_USAGE)
        sys.exit(code if isinstance(code, int) else 0)


def _is_usage_error(exc: Exception) -> bool:
    """Whether the command line parser raised it (typer keeps its own copy of click's exceptions)."""
    return any(cls.__name__ == "ClickException" for cls in type(exc).__mro__)
