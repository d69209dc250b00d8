"""The one clock: every business date (deadlines, open cycles, what is due, future periods)
comes from `today()`.

The setting `QUARTERLY_TODAY` fixes the date for demos, rehearsals and tests; otherwise it is
the real date in the council's time zone. Timestamps of events (when something was submitted)
stay real: they record when a thing happened, not which business day it is.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    fixed = getattr(settings, "QUARTERLY_TODAY", None)
    if fixed is not None:
        return fixed if isinstance(fixed, dt.date) else dt.date.fromisoformat(str(fixed))
    return timezone.localdate()
