"""Repairs for broken exports, applied as the bytes stream into the parser.

Only the recovery pass uses this (a well-formed file is parsed as it is).
Each repair keeps line numbers as they are in the file, so diagnostics point
at the real line, and each one is recorded.
"""

from __future__ import annotations

import codecs
import html.entities
import re
from collections.abc import Iterator

from ...diagnostics import DiagnosticLog

_XML_DECL = re.compile(r"<\?xml[^>]*\?>")
_ENCODING_DECL = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_START = re.compile(r"<\?xml|<rss|<!--|<!DOCTYPE|<\w")
_BAD_CHARS = re.compile("[\udc80-\udcff]+|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]+")
"""Undecodable bytes (as surrogate escapes) or characters XML forbids: a run of one kind, never both."""
# What matters outside CDATA: its opening, ampersands, and stray "]]>".
_MARKUP_TOKENS = re.compile(r"<!\[CDATA\[|<!--|&(?:#[0-9]+;|#x[0-9A-Fa-f]+;|([A-Za-z][A-Za-z0-9._-]*);)?|\]\]>|<!DOCTYPE")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}
_CDATA_OPEN = "<![CDATA["
_CDATA_CLOSE = "]]>"


HEAD_BYTES = 4096
"""Bytes read before the encoding is decided: a BOM or the XML declaration is in them."""


def _with_whole_head(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks, the first one grown to :data:`HEAD_BYTES` (so a BOM is never cut in two)."""
    head: bytes | None = b""
    for chunk in chunks:
        if head is None:
            yield chunk
            continue
        head += chunk
        if len(head) >= HEAD_BYTES:
            yield head
            head = None
    if head:
        yield head


def sniff_encoding(head: bytes) -> str:
    """The encoding a file declares by BOM or XML declaration; UTF-8 when it says none."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    match = _ENCODING_DECL.search(head[:HEAD_BYTES])
    if match:
        name = match.group(1).decode("ascii").lower()
        try:
            if _ASCII_PROBE.encode(name) == _ASCII_PROBE.encode("ascii"):
                return codecs.lookup(name).name
        except (LookupError, UnicodeError):
            pass
        # unknown, not a text encoding (base64), or not one the declaration itself could be read in (UTF-7)
    return "utf-8"


_ASCII_PROBE = "".join(map(chr, range(0x20, 0x7F))) + "\t\r\n"
"""Every character of XML markup: an encoding that writes them as ASCII can be read as declared."""


class Repairer:
    """Turns a byte stream of a broken export into well-formed UTF-8, chunk by chunk."""

    def __init__(self, log: DiagnosticLog, file: str) -> None:
        self.log = log
        self.file = file
        self.line = 1  # line number at the start of the text not yet emitted
        self.in_cdata = False
        self.in_comment = False
        self.in_doctype = False
        self.in_doctype_subset = False
        self.started = False
        self.saw_end = False
        self._pending = ""
        self._counts: dict[str, int] = {}

    # -- public ------------------------------------------------------------
    def repair(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """Yield repaired UTF-8 bytes for the raw chunks of one file."""
        decoder = None
        for chunk in _with_whole_head(chunks):
            if decoder is None:
                encoding = sniff_encoding(chunk)
                # undecodable UTF-8 is kept as surrogate escapes, for the Windows-1252 repair below;
                # other codecs cannot escape every byte they refuse (UTF-16 a lone surrogate): U+FFFD
                errors = "surrogateescape" if encoding.startswith("utf-8") else "replace"
                decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
            text = decoder.decode(chunk)
            out = self._feed(text, final=False)
            if out:
                yield out.encode("utf-8")
        if decoder is not None:
            text = decoder.decode(b"", final=True)
            out = self._feed(text, final=True)
            if out:
                yield out.encode("utf-8")
        self._summarise()

    # -- steps -------------------------------------------------------------
    def _feed(self, text: str, final: bool) -> str:
        text = self._pending + text
        self._pending = ""
        if not self.started:
            text = self._strip_prologue(text, final)
            if not self.started:
                self._pending = text
                return ""
        text = self._fix_characters(text)  # first: a token may be whole only once they are out
        if not final:
            # keep a short tail back so no token is cut in two
            size = len(text)  # a start below 0 would count from the end: clamp it
            trailing = len(text[-2:]) - len(text[-2:].rstrip("]-"))  # "]]" of "]]>", "--" of "-->"
            closer = size - trailing if trailing else -1
            starts = [i for i in (text.rfind("<", max(0, size - 16)), text.rfind("&", max(0, size - 64)), closer)
                      if i >= 0]
            if starts:
                cut = min(starts)  # the earliest: a "]]" after a "<" must not let that "<" go
                self._pending = text[cut:]
                text = text[:cut]
        out, done = self._fix_markup(text, final)
        if done < len(text):  # a decision needs text the next chunk brings: keep it back
            self._pending = text[done:] + self._pending
            text = text[:done]
        if "</rss>" in out or "</channel>" in out:
            self.saw_end = True
        self.line += text.count("\n")
        return out

    def _strip_prologue(self, text: str, final: bool) -> str:
        match = _START.search(text)
        if match is None:
            if final:
                self.started = True
            return text
        junk, rest = text[: match.start()], text[match.start():]
        if rest.startswith("<?xml") and "?>" not in rest[:4096] and len(rest) < 4096 and not final:
            return text  # the declaration is cut by the chunk's end: wait for the rest of it
        self.started = True
        if junk.strip("\ufeff \t\r\n"):
            self._note("WXR106", "warning",
                       f"{len(junk.strip())} characters before the XML (PHP warnings or a stray BOM)",
                       "removed", line=1)
        decl = _XML_DECL.match(rest)
        if decl:  # the text is re-encoded as UTF-8: its declaration no longer holds
            rest = "\n" * decl.group(0).count("\n") + rest[decl.end():]
        return "\n" * junk.count("\n") + rest

    def _fix_characters(self, text: str) -> str:
        if not _BAD_CHARS.search(text):
            return text

        def replace(match: re.Match[str]) -> str:
            run = match.group(0)
            line = self.line + text.count("\n", 0, match.start())
            if "\udc80" <= run[0] <= "\udcff":
                raw = run.encode("utf-8", "surrogateescape")
                self._note("WXR102", "warning", "bytes that are not UTF-8", "decoded as Windows-1252",
                           line=line)
                return raw.decode("cp1252", "replace")
            self._note("WXR101", "warning", "control characters that XML does not allow", "removed",
                       line=line)
            return ""

        return _BAD_CHARS.sub(replace, text)

    def _fix_markup(self, text: str, final: bool = True) -> tuple[str, int]:
        """The text with its markup repaired, and how much of it was used (the rest waits for more)."""
        out: list[str] = []
        pos = 0
        n = len(text)
        while pos < n:
            if self.in_doctype:
                pos = self._skip_doctype(text, pos, out)
                continue
            if self.in_comment:
                end = text.find("-->", pos)
                if end == -1:
                    out.append(text[pos:])
                    break
                out.append(text[pos:end + 3])
                self.in_comment = False
                pos = end + 3
                continue
            if self.in_cdata:
                close = text.find(_CDATA_CLOSE, pos)
                if close == -1:
                    out.append(text[pos:])
                    break
                after = close + 3
                if not final and self._undecided(text, after):
                    out.append(text[pos:close])
                    return "".join(out), close
                if self._closes_early(text, after):
                    self._note("WXR105", "warning", "a literal ']]>' inside a CDATA section",
                               "kept as text", line=self._line_at(text, close))
                    out.append(text[pos:close] + "]]]]><![CDATA[>")
                else:
                    out.append(text[pos:after])
                    self.in_cdata = False
                pos = after
                continue
            match = _MARKUP_TOKENS.search(text, pos)
            if match is None:
                out.append(text[pos:])
                break
            out.append(text[pos:match.start()])
            token = match.group(0)
            pos = match.end()
            if token == "<!--":
                out.append(token)
                self.in_comment = True
            elif token == _CDATA_OPEN:
                out.append(token)
                self.in_cdata = True
            elif token == "]]>":
                out.append("]]&gt;")
                self._note("WXR105", "warning", "a literal ']]>' outside CDATA", "escaped",
                           line=self._line_at(text, match.start()))
            elif token == "<!DOCTYPE":
                self._note("WXR110", "warning", "a document type declaration (DTD)",
                           "ignored: no entities are loaded or expanded", line=self._line_at(text, match.start()))
                self.in_doctype = True
            elif token == "&":
                out.append("&amp;")
                self._note("WXR103", "warning", "a bare '&' that starts no entity", "escaped as &amp;",
                           line=self._line_at(text, match.start()))
            elif match.group(1) and match.group(1) not in _XML_ENTITIES:
                name = match.group(1)
                codepoint = html.entities.name2codepoint.get(name)
                if codepoint is not None:
                    out.append(f"&#{codepoint};")
                    self._note("WXR104", "warning", f"the HTML entity &{name}; that XML does not define",
                               "replaced by its character", line=self._line_at(text, match.start()))
                else:
                    out.append("&amp;" + token[1:])
                    self._note("WXR104", "warning", f"an unknown entity &{name};", "kept as text",
                               line=self._line_at(text, match.start()))
            else:
                out.append(token)
        return "".join(out), n

    def _skip_doctype(self, text: str, pos: int, out: list[str]) -> int:
        """Drop the DTD from ``pos`` on, keeping its line breaks; it may run on into the next chunk."""
        if not self.in_doctype_subset:
            end = text.find(">", pos)
            subset = text.find("[", pos, len(text) if end == -1 else end)
            if subset != -1:  # an internal subset: it ends at "]>", not at the first ">"
                self.in_doctype_subset = True
                out.append("\n" * text.count("\n", pos, subset + 1))
                return subset + 1
            close = 1
        else:
            end = text.find("]>", pos)
            close = 2
        stop = len(text) if end == -1 else end + close
        out.append("\n" * text.count("\n", pos, stop))
        if end != -1:
            self.in_doctype = self.in_doctype_subset = False
        return stop

    @staticmethod
    def _undecided(text: str, after: int) -> bool:
        """Whether :meth:`_closes_early` cannot tell yet: what decides it may be in the next chunk."""
        rest = text[after:after + len(_CDATA_OPEN)]
        if len(rest) < len(_CDATA_OPEN) and _CDATA_OPEN.startswith(rest):
            return True  # a section may open right here
        markup = text.find("<", after)
        while markup != -1 and text.startswith(_CDATA_OPEN, markup):
            markup = text.find("<", markup + 1)
        next_close = text.find(_CDATA_CLOSE, after)
        if next_close != -1 and (markup == -1 or next_close < markup):
            return False
        return markup == -1 or _CDATA_OPEN.startswith(text[markup:])  # none yet, or a "<![CD" cut short

    @staticmethod
    def _closes_early(text: str, after: int) -> bool:
        """Whether the "]]>" ending at ``after`` is content: another "]]>" comes before any markup.

        Text like ``<![CDATA[`` inside a section is content, not markup; a "]]>" followed at once
        by ``<![CDATA[`` is WordPress's own split of a literal "]]>" and does close the section.
        """
        if text.startswith(_CDATA_OPEN, after):
            return False
        markup = text.find("<", after)
        while markup != -1 and text.startswith(_CDATA_OPEN, markup):
            markup = text.find("<", markup + 1)
        next_close = text.find(_CDATA_CLOSE, after)
        return next_close != -1 and (markup == -1 or next_close < markup)

    @property
    def repaired(self) -> bool:
        """Whether any documented repair was made (a file that needed none was broken some other way)."""
        return bool(self._counts)

    # -- bookkeeping -------------------------------------------------------
    def _line_at(self, text: str, index: int) -> int:
        return self.line + text.count("\n", 0, index)

    def _note(self, code: str, severity: str, what: str, action: str, *, line: int) -> None:
        """Record the first few of each kind in full; count the rest."""
        seen = self._counts.get(code, 0)
        self._counts[code] = seen + 1
        if seen < 20:
            self.log.add(code, severity, f"found {what}", file=self.file, line=line, action=action)  # type: ignore[arg-type]

    def _summarise(self) -> None:
        for code, count in self._counts.items():
            if count > 20:
                self.log.add(code, "info", f"{count - 20} more of {code} not listed one by one",  # type: ignore[arg-type]
                             file=self.file, action="repaired the same way")
