"""Dates as sheets and feeds spell them, read into the ISO dates claim files hold.

Read without being told: ``2024-08-01``, an ISO date and time (``2024-08-01T10:00:00Z``; the
day is what a claim's date says), ``1 August 2024``, ``August 1, 2024`` (month names in
English, full or abbreviated, with or without a comma or a final dot), and ``01/08/2024``
(``/``, ``.`` or ``-`` between the numbers, year last) when only one reading is a date: a
number over 12 is the day. ``03/12/2024`` is the 3rd of December or March the 12th; it is
refused unless the order is given (``day-first``: 3 December; ``month-first``: 12 March).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

Order = Literal["day-first", "month-first"]
ORDERS: tuple[Order, ...] = ("day-first", "month-first")

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")


class DateError(ValueError):
    """Why a text is not a date; the message says how to write it."""


def _day(year: int, month: int, day: int, text: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as exc:
        raise DateError(f"{text!r} is not a date ({exc})") from None


def read_date(text: str, order: Order | None = None) -> str:
    """The ISO date (``YYYY-MM-DD``) that ``text`` spells; raises DateError saying why not
    and how to write it."""
    given = " ".join(text.split())
    if _ISO.fullmatch(given):
        return _day(int(given[:4]), int(given[5:7]), int(given[8:]), given)
    if _ISO.match(given) and given[10:11] in ("T", " "):
        try:
            return dt.datetime.fromisoformat(given.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            pass
    for pattern, day_at, month_at in ((_DAY_MONTH_YEAR, 1, 2), (_MONTH_DAY_YEAR, 2, 1)):
        found = pattern.fullmatch(given)
        if found and found.group(month_at).lower() in _MONTHS:
            month = _MONTHS[found.group(month_at).lower()]
            return _day(int(found.group(3)), month, int(found.group(day_at)), given)
    found = _NUMERIC.fullmatch(given)
    if found:
        first, second, year = int(found.group(1)), int(found.group(3)), int(found.group(4))
        if order is None:
            if first > 12 >= second:
                order = "day-first"
            elif second > 12 >= first:
                order = "month-first"
            elif first == second:
                order = "day-first"
            else:
                day_first = f"{year}-{second:02d}-{first:02d}"
                month_first = f"{year}-{first:02d}-{second:02d}"
                raise DateError(
                    f"{given!r} could be {day_first} or {month_first}; write it as "
                    "YYYY-MM-DD, or say how the sheet writes dates with --date-format "
                    "day-first or --date-format month-first"
                )
        day, month = (first, second) if order == "day-first" else (second, first)
        return _day(year, month, day, given)
    raise DateError(
        f"{given!r} is not a date tracker can read; write it as YYYY-MM-DD (or as "
        "'1 August 2024', 'August 1, 2024', '01/08/2024')"
    )
