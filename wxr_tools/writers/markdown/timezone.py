"""The site's time zone, guessed from its posts' dates: WXR exports do not name it.

Each post's local ``post_date`` and UTC ``post_date_gmt`` give its UTC offset at
that moment; the IANA zone whose offsets match every sampled moment (summer and
winter alike) is the site's zone for generators that need one by name (Jekyll's
``timezone``, Hugo's ``timeZone``, the layouts' date display).
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta, timezone

COMMON_ZONES = ("UTC", "America/Los_Angeles", "America/Denver", "America/Phoenix", "America/Chicago",
                "America/New_York", "America/Halifax", "America/Sao_Paulo", "Europe/London", "Europe/Berlin",
                "Europe/Helsinki", "Europe/Moscow", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo",
                "Australia/Sydney", "Pacific/Auckland")
"""Tried first, so that the zone most sites mean wins over a rare one with the same offsets."""
PREFERRED_PREFIXES = ("America/", "Europe/", "Asia/", "Australia/", "Africa/", "Pacific/", "Atlantic/",
                      "Indian/", "Antarctica/")
"""Then canonical region zones: ``America/Los_Angeles`` rather than ``PST8PDT`` or ``US/Pacific``."""


class OffsetSamples:
    """At most one (UTC moment, offset) pair per month seen: bounded, and covers both sides of DST."""

    def __init__(self) -> None:
        self.by_month: dict[tuple[int, int], tuple[datetime, timedelta]] = {}

    def add(self, local: datetime | None) -> None:
        """Note a post's local date, when it carries its UTC offset."""
        if local is None or local.tzinfo is None:
            return
        offset = local.utcoffset()
        if offset is None:
            return
        self.by_month.setdefault((local.year, local.month), (local.astimezone(timezone.utc), offset))


def _fits(zone: zoneinfo.ZoneInfo, samples: list[tuple[datetime, timedelta]]) -> bool:
    return all(moment.astimezone(zone).utcoffset() == offset for moment, offset in samples)


def _candidates() -> list[str]:
    names = zoneinfo.available_timezones()
    preferred = sorted(n for n in names if n.startswith(PREFERRED_PREFIXES))
    return [*COMMON_ZONES, *preferred, *sorted(names - set(preferred))]


def guess_zone(samples: OffsetSamples) -> str:
    """An IANA zone name matching every sampled offset; a fixed ``Etc/GMT±N`` or ``UTC`` otherwise."""
    moments = sorted(samples.by_month.values())
    if not moments:
        return "UTC"
    offsets = {offset for _, offset in moments}
    for name in _candidates():
        try:
            zone = zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        if _fits(zone, moments):
            return name
    if len(offsets) == 1:  # no zone has this history: a fixed offset still gives the right day
        hours, rest = divmod(int(next(iter(offsets)).total_seconds()), 3600)
        if rest == 0 and -14 <= hours <= 12:
            return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"  # POSIX signs: Etc/GMT+8 is UTC-8
    return "UTC"
