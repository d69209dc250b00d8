"""The collection app's models, one module per sub-area; Django finds them all through here.

Code inside `collection` imports each model from its own sub-area's module; other apps may use
these names.
"""

from quarterly.collection.cycles.models import ExpectedRelease, Meeting, ReportingCycle
from quarterly.collection.highlights.models import HighlightItem
from quarterly.collection.information.models import InformationRequest
from quarterly.collection.reminders.models import InformationReminderSent, ReminderSent
from quarterly.collection.results.models import (
    COMMENTARY_MAX_LENGTH,
    DATA_QUALITY_NOTE_MAX_LENGTH,
    RecalculationPoint,
    Result,
)

__all__ = [
    "COMMENTARY_MAX_LENGTH",
    "DATA_QUALITY_NOTE_MAX_LENGTH",
    "ExpectedRelease",
    "HighlightItem",
    "InformationReminderSent",
    "InformationRequest",
    "Meeting",
    "RecalculationPoint",
    "ReminderSent",
    "ReportingCycle",
    "Result",
]
