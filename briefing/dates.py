"""Dates as the sources give them: a day, a month, or only a year.

A source that says "August 2022" must not be drawn as 1 August 2022. A
`PartialDate` keeps the precision the source gave, and answers "had this
happened by day D?" honestly: a month-only date counts as happened only once the
whole month is over, and as "maybe" inside the month.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MONTHS = (
    "January February March April May June July August September October November December"
).split()


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError with a plain reason."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(
                f"{text!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2025-01-17)"
            )
        year, month, day = (int(g) if g else None for g in match.groups())
        if not 1800 <= year <= 2100:
            raise ValueError(f"year {year} is outside 1800-2100")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist")
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{year}-{month:02d} has no day {day:02d}")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def start(self) -> date:
        """First day the date could mean."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        """Last day the date could mean."""
        if self.day is not None:
            return date(self.year, self.month, self.day)
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def happened_by(self, day: date) -> bool | None:
        """True if surely on or before `day`, False if surely after, None if it may be either."""
        if self.end <= day:
            return True
        if self.start > day:
            return False
        return None

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """'17 January 2025', 'August 2022' or '2001': never more precise than the source."""
        if self.day is not None:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month is not None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


def parse_day(text: str) -> date:
    """Parse a full ISO day (YYYY-MM-DD) as given in a URL or on the command line."""
    parsed = PartialDate.parse(text)
    if parsed.precision != "day":
        raise ValueError(f"{text!r} is not a full day; write YYYY-MM-DD")
    return parsed.start
