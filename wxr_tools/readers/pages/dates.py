"""Dates as themes print them: ISO values, and localised text such as "November 26, 2012"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    "january jan janvier janv januar jänner enero ene gennaio gen januari janeiro stycznia",
    "february feb février févr fevrier februar febrero febbraio februari fevereiro fev lutego",
    "march mar mars märz maerz marzo maart março marco marca",
    "april apr avril abril aprile avr kwietnia",
    "may mai mayo maggio mei maio maja",
    "june jun juin juni junio giugno junho czerwca",
    "july jul juillet juli julio luglio julho lipca",
    "august aug août aout agosto ago augustus sierpnia",
    "september sep sept septembre septiembre settembre set setembro września",
    "october oct octobre oktober octubre ottobre okt outubro out października",
    "november nov novembre noviembre novembro listopada",
    "december dec décembre decembre dezember diciembre dicembre dez dezembro grudnia dic",
), start=1):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

_WORD = r"([^\W\d_]{3,}\.?)"
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s*(?:de\s+)?" + _WORD + r"\s*(?:de\s+)?,?\s*(\d{4})\b", re.UNICODE)
_MONTH_DAY_YEAR = re.compile(_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.UNICODE)
_NUMERIC_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TIME = re.compile(r"\b(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?", re.IGNORECASE)
_URL_DAY = re.compile(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})/")


def parse_iso(value: str | None) -> datetime | None:
    """An ISO 8601 date-time (``Z`` allowed); None when it is not one."""
    if not value:
        return None
    value = value.strip().replace("Z", "+00:00")
    if re.fullmatch(r"[+-]\d{4}", value[-5:]) and value[-6] != ":" and "T" in value:
        value = value[:-2] + ":" + value[-2:]
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        match = _ISO_DAY.search(value)
        return _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def parse_text(text: str) -> datetime | None:
    """A date printed as text in any of the common orders and languages, with its time if shown."""
    text = text.strip()
    if not text:
        return None
    day = _day_from_text(text)
    if day is None:
        return None
    clock = parse_clock(text[_after_date(text):]) if _after_date(text) is not None else None
    return day + clock if clock is not None else day


def _day_from_text(text: str) -> datetime | None:
    lowered = text.lower()
    for match in _MONTH_DAY_YEAR.finditer(lowered):
        month = _month(match.group(1))
        if month:
            return _safe_date(int(match.group(3)), month, int(match.group(2)))
    for match in _DAY_MONTH_YEAR.finditer(lowered):
        month = _month(match.group(2))
        if month:
            return _safe_date(int(match.group(3)), month, int(match.group(1)))
    match = _ISO_DAY.search(lowered)
    if match:
        return _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _NUMERIC_DMY.search(lowered)
    if match:
        return _safe_date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    return None


def _after_date(text: str) -> int | None:
    lowered = text.lower()
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _ISO_DAY, _NUMERIC_DMY):
        match = pattern.search(lowered)
        if match:
            return match.end()
    return None


def parse_clock(text: str) -> timedelta | None:
    """A time of day such as ``9:14 pm`` or ``21:14`` as an offset from midnight."""
    match = _TIME.search(text or "")
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    suffix = (match.group(4) or "").replace(".", "").lower()
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return timedelta(hours=hour, minutes=minute, seconds=second)


def date_from_url(url: str) -> datetime | None:
    """The day in a ``/YYYY/MM/DD/`` permalink."""
    match = _URL_DAY.search(url or "")
    return _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def with_offset_from(local: datetime, gmt: datetime) -> datetime | None:
    """The moment ``gmt`` shown in the offset that makes it read as ``local`` (naive), if plausible.

    When ``local`` has no seconds (themes print "9:14 pm"), the comparison is to the minute and the
    result keeps ``gmt``'s seconds.
    """
    if gmt.tzinfo is None:
        return None
    utc = gmt.astimezone(timezone.utc).replace(tzinfo=None)
    if local.second == 0 and local.microsecond == 0:
        utc = utc.replace(second=0, microsecond=0)
    delta = local.replace(tzinfo=None) - utc
    minutes = delta.total_seconds() / 60
    if abs(minutes) > 14 * 60 or minutes % 15:
        return None
    return gmt.astimezone(timezone(delta))


def _month(word: str) -> int | None:
    word = word.rstrip(".")
    found = _MONTHS.get(word) or (_MONTHS.get(word[:3]) if len(word) > 3 else None)
    if found is None:  # a label glued to the month by markup: "Post dateJanuary"
        found = next((number for name, number in _MONTHS.items() if len(name) > 3 and word.endswith(name)), None)
    return found


def _safe_date(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day)
    except ValueError:
        return None
