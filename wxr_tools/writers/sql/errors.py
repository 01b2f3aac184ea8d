"""The one exception the SQL writers raise."""

from __future__ import annotations

from ...errors import WxrToolsError


class SqlWriteError(WxrToolsError):
    """SQL output cannot be written or loaded; the message says what and where."""
