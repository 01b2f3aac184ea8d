"""Which HTML-to-Markdown engine converts: html-to-markdown (compiled) or html2text (pure Python).

The engines take the HTML :mod:`.html_to_markdown` prepared (code, images
and media already kept aside as placeholders) and return Markdown. Where the
compiled package cannot be imported (a platform without a wheel), the default
name resolves to html2text and :func:`engine_fallback_diagnostic` says so.
Each engine is looked up once and kept: a call costs a dictionary lookup.
"""

from __future__ import annotations

from collections.abc import Callable

from ..diagnostics import Diagnostic

CONVERTERS = ("html-to-markdown", "html2text")
"""Engine names, the default first."""
DEFAULT_CONVERTER = CONVERTERS[0]

Engine = Callable[[str], str]

_engines: dict[str, Engine] = {}
try:
    from .html_to_markdown_engine import convert as _compiled_convert
except ImportError:  # no wheel for this platform, or a broken install
    COMPILED_AVAILABLE = False
else:
    COMPILED_AVAILABLE = True
    _engines["html-to-markdown"] = _compiled_convert


def _load_html2text() -> Engine:
    """html2text's engine, imported on first use (the default path never pays for it)."""
    from .html2text_engine import convert

    _engines["html2text"] = convert
    _engines.setdefault("html-to-markdown", convert)  # only when the compiled engine did not import
    return convert


def engine(name: str) -> Engine:
    """The convert function of engine ``name`` (one of :data:`CONVERTERS`)."""
    try:
        return _engines[name]
    except KeyError:
        if name not in CONVERTERS:
            raise ValueError(f"converter must be one of {', '.join(CONVERTERS)}, not {name!r}") from None
        _load_html2text()
        return _engines[name]


def engine_fallback_diagnostic(converter: str = DEFAULT_CONVERTER) -> Diagnostic | None:
    """``MD010`` when ``converter`` is html-to-markdown but the compiled package cannot be imported
    (html2text converts instead), else None: for a writer's report."""
    if converter != "html-to-markdown" or COMPILED_AVAILABLE:
        return None
    return Diagnostic(
        code="MD010", severity="warning",
        message="the compiled html-to-markdown converter cannot be imported on this platform; html2text was used",
        action="converted with html2text")
