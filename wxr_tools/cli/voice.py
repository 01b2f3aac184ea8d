"""One voice for errors: ``error: <what> (<option as typed>)`` and ``hint: <what to do>``.

Library errors name the parameter at fault by its Python name (``out``,
``post_types``); here it becomes the option the user typed (``-o``,
``--post-types``). Operating system errors are said in words, about the
path the user chose (never a temporary ``.part`` file), with what to do.
"""

from __future__ import annotations

import errno
import sys

from ..errors import WxrToolsError

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
