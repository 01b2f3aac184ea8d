"""A folder of output built beside its target and moved into place at the end, with a manifest.

Nothing of a run shows in the target until the run is complete: the files go
to ``.<name>.wxr-partial-<pid>`` beside it (same file system), and the commit
moves them in. ``.wxr-manifest.json`` in the target lists the files wxr wrote
there, so a rerun removes the files it wrote before that no longer belong to
anything (posts deleted since), and never touches a file it did not write (a
user's own pages, config, theme): a file of the user's where wxr would write
is kept, reported, and wxr's version is not written.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import WxrToolsError

MANIFEST = ".wxr-manifest.json"
_PARTIAL = ".wxr-partial-"


class OutputFolderError(WxrToolsError):
    """The output folder cannot be made or filled where it was asked for."""


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a folder wxr wrote into (empty when there is none or it is unreadable)."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputFolder:
    """Stage a run's files beside ``target``; :meth:`commit` moves them in, leaving it for good."""

    def __init__(self, target: Path, *, generator: str = "wxr-tools") -> None:
        self.target = target
        self.generator = generator
        self.staging = target.parent / f".{target.name or 'out'}{_PARTIAL}{os.getpid()}"
        self.write_once: set[str] = set()
        """Paths (relative, ``/``-separated) written only where the target has no such file (scaffold files)."""
        self.extra: dict[str, Any] = {}
        """More manifest sections (``media``, say), kept from run to run by whoever fills them."""
        self.diagnostics: list[Diagnostic] = []

    def __enter__(self) -> OutputFolder:
        if self.target.exists() and not self.target.is_dir():
            raise OutputFolderError(f"{self.target} is a file; Markdown output is a folder",
                                    hint="give --out a folder name")
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._remove_stale_partials()
            self.staging.mkdir()
        except OSError as error:
            raise OutputFolderError(f"cannot write beside {self.target}: {error.strerror}",
                                    hint="choose a folder you can write to") from error
        return self

    def __exit__(self, *_: object) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _remove_stale_partials(self) -> None:
        """Partial folders of runs that were killed outright (SIGKILL) before they could clean up."""
        prefix = f".{self.target.name or 'out'}{_PARTIAL}"
        for entry in os.scandir(self.target.parent):
            if entry.name.startswith(prefix) and entry.name[len(prefix):].isdigit():
                if not _alive(int(entry.name[len(prefix):])):
                    shutil.rmtree(entry.path, ignore_errors=True)

    def commit(self) -> None:
        """Move the staged files into the target, drop the ones no longer written, write the manifest last.

        SIGINT and SIGTERM wait until it is done: it is a few renames, and an
        interruption halfway would leave a mix of two runs.
        """
        blocked = {signal.SIGINT, signal.SIGTERM}
        main = threading.current_thread() is threading.main_thread() and hasattr(signal, "pthread_sigmask")
        if main:
            signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            self._commit()
        finally:
            if main:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)

    def _commit(self) -> None:
        written = sorted(self._staged())
        previous = read_manifest(self.target)
        before = {p for p in previous.get("files", []) if isinstance(p, str)}
        if not self.target.exists():
            os.rename(self.staging, self.target)  # the first run: one rename
            kept = written
        else:
            kept = [path for path in written if self._move(path, before)]
            for path in sorted(before - set(written)):
                self._remove(path)
        manifest = {**previous, **self.extra, "generator": self.generator, "files": kept}
        part = self.target / f".{MANIFEST}.part"
        part.write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
        os.replace(part, self.target / MANIFEST)

    def _staged(self) -> list[str]:
        paths = []
        for folder, _, files in os.walk(self.staging):
            relative = os.path.relpath(folder, self.staging)
            for name in files:
                paths.append(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
        return paths

    def _move(self, path: str, before: set[str]) -> bool:
        """Move one staged file in; False when the target holds a file that is not wxr's (kept as it is)."""
        source, destination = self.staging / path, self.target / path
        if destination.exists() and (path in self.write_once or path not in before):
            if path not in self.write_once and destination.is_file() and _same(source, destination):
                return True  # the same bytes: wxr's from an older run without a manifest
            if path not in self.write_once:
                self.diagnostics.append(Diagnostic(
                    code="MD003", severity="warning", file=str(destination),
                    message="a file wxr did not write is where this run would write",
                    action="kept your file; wxr's version was not written"))
            return path in self.write_once and path in before
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, destination)
        return True

    def _remove(self, path: str) -> None:
        """Remove a file an earlier run wrote that no longer belongs, and the folders it leaves empty."""
        file = self.target / path
        if ".." in Path(path).parts or not file.is_file():
            return
        file.unlink()
        folder = file.parent
        while folder != self.target and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _same(one: Path, other: Path) -> bool:
    if one.stat().st_size != other.stat().st_size:
        return False
    return one.read_bytes() == other.read_bytes()
