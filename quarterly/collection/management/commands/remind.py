from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quarterly.collection.reminders.information import (
    information_reminder_send,
    information_reminders_due,
)
from quarterly.collection.reminders.services import reminder_send, reminders_due


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date must be a date written YYYY-MM-DD, not {text!r}.") from None


class Command(BaseCommand):
    help = (
        "Email key contacts about KPI results due in open cycles (before the deadline, on the "
        "day, when overdue) and escalate overdue results to directorate and performance teams. "
        "Also reminds KPI owners of Scrutiny Boards' information requests and escalates overdue "
        "ones. Run it daily from cron; each email is sent once, however often it runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=_date, help="Act as if today were this date (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        due = reminders_due(today=options["date"])
        asked = information_reminders_due(today=options["date"])
        if options["dry_run"]:
            for reminder in [*due, *asked]:
                self.stdout.write(f"Would send {reminder}")
            count = len(due) + len(asked)
            self.stdout.write(f"Dry run: {count} email{'s' if count != 1 else ''} would be sent.")
            return
        sent = 0
        for reminder in due:
            if reminder_send(reminder) is not None:
                sent += 1
                self.stdout.write(f"Sent {reminder}")
        for question in asked:
            if information_reminder_send(question) is not None:
                sent += 1
                self.stdout.write(f"Sent {question}")
        self.stdout.write(f"{sent} email{'s' if sent != 1 else ''} sent.")
