"""Background work for the quarterly cycle, run by django-tasks (`quarterly db_worker`)."""

from __future__ import annotations

from django_tasks import task

from quarterly.collection.reminders.services import reminders_send


@task()
def send_reminders() -> int:
    """Send the reminders and escalations due today; returns how many were sent.

    django-tasks has no scheduler: enqueue this daily (or run `quarterly remind` from cron).
    Running it more than once a day sends nothing twice.
    """
    return len(reminders_send())
