from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from quarterly.demo.loader import demo_load
from quarterly.demo.people import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Prepare the demo council (Leeds) in the database: migrate, load the KPI Register with its "
        "results, create one login per role, print them, then serve on http://127.0.0.1:8000. "
        "Running it again is safe and duplicates nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="Only prepare the database; do not serve."
        )
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to serve on (default 127.0.0.1)."
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to serve on (default 8000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        database = settings.DATABASES["default"]
        self.stdout.write(f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        logins = demo_load(progress=options["verbosity"] > 0)
        self.stdout.write(
            self.style.SUCCESS(f"Demo council ready in {time.perf_counter() - started:.1f} s.")
        )
        self.stdout.write(f"\nSign in with any of these (password: {DEMO_PASSWORD}):")
        width = max(len(login.email) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.email.ljust(width)}  {login.role}")
        if not options["no_serve"]:
            self.stdout.write("")
            call_command("serve", host=options["host"], port=options["port"])
