"""Background work for the quarterly cycle, run by django-tasks (`quarterly db_worker`)."""

from __future__ import annotations

from django_tasks import task

from quarterly.collection.reminders.information import (
    information_reminder_send,
    information_reminders_due,
)
from quarterly.collection.reminders.services import reminders_send


@task()
def send_reminders() -> int:
    """Send the reminders and escalations due today (results and information requests);
    returns how many were sent.

    django-tasks has no scheduler: enqueue this daily (or run `quarterly remind` from cron).
    Running it more than once a day sends nothing twice.
    """
    sent = len(reminders_send())
    return sent + sum(information_reminder_send(r) is not None for r in information_reminders_due())
