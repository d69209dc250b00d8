"""`quarterly report KIND --period 2024/25-Q2 [--board NAME|--directorate NAME] --out FILE`.

KIND is clt, dmt, scrutiny, annual, hwb (Health and Wellbeing Board), community (a Community
Committee), council (Full Council: a year, or the half-year to Q2) or digest (the Executive
members' in-year digest). A committee's report needs `--board`, unless the council has only one
committee of that kind.

Compiles a performance report from the data (with the narrative the performance team has
written in the web) and writes it as .docx, .pdf or .html. The annual report shows a progress
bar; `--progress` shows one for any report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from tqdm import tqdm

from quarterly.core.periods import Period, PeriodError
from quarterly.organisation.models import Organisation
from quarterly.reports.compiler import report_compile
from quarterly.reports.models import COMMITTEE_OF_KIND, ReportKind
from quarterly.reports.render_docx import report_docx
from quarterly.reports.render_pdf import report_html, report_pdf
from quarterly.reports.rules import ReportError
from quarterly.reports.selectors import narrative_texts

FORMATS = (".docx", ".pdf", ".html")


class Command(BaseCommand):
    help = (
        "Write a performance report (clt, dmt, scrutiny, annual, hwb, community, council or "
        "digest) as .docx, .pdf or .html."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=ReportKind.values)
        parser.add_argument(
            "--period", required=True, help='a quarter ("2024/25-Q2"); for annual, "2024/25"'
        )
        parser.add_argument(
            "--board", default="", help="the committee: Scrutiny Board, Community Committee, ..."
        )
        parser.add_argument("--directorate", default="", help="the directorate (name or slug)")
        parser.add_argument("--out", required=True, help="FILE.docx, FILE.pdf or FILE.html")
        parser.add_argument("--organisation", default="", help="the council's slug, if several")
        parser.add_argument("--progress", action="store_true", help="show a progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.suffix.lower() not in FORMATS:
            raise CommandError(f"--out must end in {', '.join(FORMATS)}.")
        try:
            period = Period.parse(options["period"])
        except PeriodError as error:
            raise CommandError(str(error)) from None
        organisation = self._organisation(options["organisation"])
        kind = options["kind"]
        board = directorate = None
        committee_kind = COMMITTEE_OF_KIND.get(kind)
        if committee_kind is not None:
            committees = organisation.committees.filter(kind=committee_kind)
            if options["board"]:
                board = self._one(committees, options["board"], str(committee_kind.label))
            elif committees.count() == 1:
                board = committees.get()
            else:
                choices = "; ".join(committees.values_list("name", flat=True)) or "none yet"
                raise CommandError(f"Name the {committee_kind.label} with --board: {choices}.")
        if options["directorate"]:
            directorate = self._one(
                organisation.directorates.all(), options["directorate"], "directorate"
            )
        scope = {"board": board, "directorate": directorate}
        show = options["progress"] or kind in (ReportKind.ANNUAL, ReportKind.FULL_COUNCIL)
        try:
            narrative = narrative_texts(
                organisation=organisation, kind=kind, period=period, **scope
            )
            with tqdm(desc="Judging KPIs", unit="KPI", disable=not show) as bar:
                report = report_compile(
                    kind=kind, period=period, organisation=organisation, narrative=narrative,
                    progress=bar.update, **scope,
                )  # fmt: skip
        except ReportError as error:
            raise CommandError(str(error)) from None
        suffix = out.suffix.lower()
        total = len(report.charts()) if suffix == ".docx" else 2
        with tqdm(total=total, desc=f"Writing {suffix}", disable=not show) as bar:
            if suffix == ".docx":
                out.write_bytes(report_docx(report, progress=bar.update))
            elif suffix == ".pdf":
                out.write_bytes(report_pdf(report, progress=bar.update))
            else:
                out.write_text(report_html(report), encoding="utf-8")
                bar.update(total)
        self.stdout.write(f"Wrote “{report.title}” to {out}.")

    def _organisation(self, slug: str) -> Organisation:
        councils = Organisation.objects.filter(slug=slug) if slug else Organisation.objects.all()
        found = list(councils.order_by("pk")[:2])
        if not found:
            raise CommandError("No council found: run `quarterly demo` or load one first.")
        if len(found) > 1 and not slug:
            raise CommandError("There are several councils: name one with --organisation.")
        return found[0]

    def _one(self, queryset: Any, name: str, what: str) -> Any:
        found = queryset.filter(Q(name__iexact=name) | Q(slug__iexact=name)).first()
        if found is None:
            choices = "; ".join(queryset.values_list("name", flat=True))
            raise CommandError(f"No {what} is called {name!r}. Choose one of: {choices}.")
        return found
