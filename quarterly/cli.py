"""The `quarterly` command: everything an administrator scripts.

`quarterly demo`, `quarterly serve`, `quarterly import-register FILE.xlsx` and
`quarterly export-register FILE.xlsx` are Quarterly's own commands; any other command is
passed to Django's management commands (`quarterly migrate`, `quarterly createsuperuser`, ...).
"""

from __future__ import annotations

import os
import sys

_USAGE = """usage: quarterly COMMAND [options]

Quarterly: performance management for councils.

commands:
  demo               prepare the demo council on SQLite and serve it (--no-serve only prepares)
  serve              serve Quarterly on http://127.0.0.1:8000 (--host, --port)
  import-register    import a KPI Register workbook (.xlsx), all or nothing
  export-register    export the KPI Register to a workbook (.xlsx)
  import-results     enter results in bulk (CSV or .xlsx) as a person: FILE --as EMAIL
                     [--submit] [--counts-rounded-to N], all or nothing
  import-releases    import a release calendar (kpi_ref, period, release_date), all or nothing
  import-groups      import the council's comparator groups (group, area_code[, area_name])
  import-benchmarks  import a national dataset for every area: FILE --format fingertips|long
  compare            compare a group's areas: --indicator ID --group NAME --period P [--json]
  load-areas         load the ONS areas and built-in comparator groups again (migrate loads them)
  report             build a committee report: report KIND --period 2024/25-Q2 --out FILE
  remind             send due reminders and escalations (run daily from cron; never twice)
  suggest-recalculations  suggest SPC recalculation points after sustained shifts (never twice)
  db_worker          run background tasks (django-tasks database backend)
  COMMAND            any Django management command, e.g. migrate, createsuperuser, check

Run `quarterly COMMAND --help` for a command's options. Configuration comes from environment
variables (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, QUARTERLY_DATA_DIR, ...): see the README.
"""


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        sys.stdout.write(_USAGE)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    command = args[0].replace("-", "_")
    try:
        execute_from_command_line(["quarterly", command, *args[1:]])
    except ImproperlyConfigured as error:
        # A setting from the environment is wrong (config/env.py, config/production.py): say
        # which and how to fix it, without a traceback that buries the message.
        sys.stderr.write(f"quarterly: cannot start: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
