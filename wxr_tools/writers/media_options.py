"""The ``--media*`` options every writer with an output of its own takes (Markdown, JSON, SQL)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..media.collect import DEFAULT_MAX_SIZE, MODES, MediaOptions, MediaOptionsError, parse_size
from .contract import WriterOptions, WriterOptionsError, option


@dataclass(frozen=True)
class MediaFields(WriterOptions):
    """Options of the media step: keep files on the old site, or download or copy them along."""

    media: str = option("keep", choices=MODES, panel="Media",
                        help="Images and files: keep (they load from the old site), download, or copy "
                             "(from --media-from).")
    media_from: str | None = option(None, metavar="DIR", panel="Media",
                                    help="With --media copy: a backup of the site's wp-content/uploads.")
    media_timeout: float = option(30.0, metavar="SECONDS", panel="Media",
                                  help="With --media download: seconds to connect, and at most between two "
                                       "reads, before a try fails (default 30).")
    media_max_size: int = option(DEFAULT_MAX_SIZE, metavar="SIZE", panel="Media",
                                 help="With --media download: the largest file (100MB, 512K, bytes; default "
                                      "100MB), enforced while it streams.")
    media_hosts: tuple[str, ...] = option((), metavar="LIST", panel="Media",
                                          help="More hosts whose files are the site's (a.example,b.example), or "
                                               "all; by default the export's own hosts.")
    media_progress: Callable[[int, int], None] | None = option(
        None, cli=False, compare=False, help="Called with (files done, files to do) as media come in.")

    def __post_init__(self) -> None:
        try:
            if isinstance(self.media_timeout, str):
                object.__setattr__(self, "media_timeout", float(self.media_timeout))
            object.__setattr__(self, "media_max_size", parse_size(self.media_max_size))
        except ValueError:
            raise WriterOptionsError(f"--media-timeout {self.media_timeout!r} is not a number of seconds",
                                     hint="e.g. --media-timeout 60") from None
        except MediaOptionsError as error:
            raise WriterOptionsError(str(error), hint=error.hint) from None
        super().__post_init__()
        self.media_options()

    def media_options(self) -> MediaOptions:
        """The media step's own options (checked: ``copy`` needs ``--media-from``...)."""
        try:
            return MediaOptions(mode=self.media, source=self.media_from, timeout=self.media_timeout,
                                max_size=self.media_max_size, hosts=self.media_hosts, progress=self.media_progress)
        except MediaOptionsError as error:
            raise WriterOptionsError(str(error), hint=error.hint) from None


__all__ = ["MediaFields"]
