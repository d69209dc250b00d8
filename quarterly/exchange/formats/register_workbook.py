"""Export and import the whole KPI Register as one workbook (`register_columns` has the layout);
the import runs through the one pipeline (`exchange.pipeline`)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import IO, Any

import openpyxl
from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from quarterly.collection.models import Result
from quarterly.collection.results.services import results_save_many
from quarterly.core.periods import financial_year_label
from quarterly.exchange.formats.register_columns import (
    DATA_COLUMNS,
    DATA_SHEET,
    SUPPORTING_COLUMNS,
    SUPPORTING_SHEET,
    TARGET_COLUMNS,
    TARGETS_SHEET,
)
from quarterly.exchange.formats.register_results import KPIKind, plan_results, stored_values
from quarterly.exchange.pipeline import Report, run_import
from quarterly.exchange.reading import _INVALID, SheetReader, Tables, read_workbook
from quarterly.exchange.writing import choice_label, write_sheet
from quarterly.organisation.models import Organisation, Person
from quarterly.register.models import KPI, Target
from quarterly.register.rules import RegisterNames, kpi_field_errors
from quarterly.register.services import kpi_save, target_set

_FIELD_COLUMNS = {column.key: column for column in SUPPORTING_COLUMNS}


def register_export(*, organisation: Organisation) -> bytes:
    """The organisation's KPI Register as .xlsx bytes."""
    kpis = list(
        KPI.objects.filter(organisation=organisation)
        .select_related("directorate", "service", "scrutiny_board", "accountable_officer")
        .prefetch_related(
            "pillars",
            "priorities",
            "comparator_groups",
            Prefetch("key_contacts", queryset=Person.objects.order_by("email")),
        )
        .order_by("reference")
    )
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)

    def supporting_row(kpi: KPI) -> list[Any]:
        values = {
            **{key: getattr(kpi, key) for key in _FIELD_COLUMNS},
            "directorate": kpi.directorate.name,
            "service": kpi.service.name if kpi.service else "",
            "pillars": "; ".join(p.name for p in kpi.pillars.all()),
            "priorities": "; ".join(p.name for p in kpi.priorities.all()),
            "scrutiny_board": kpi.scrutiny_board.name if kpi.scrutiny_board else "",
            "accountable_officer": kpi.accountable_officer.email if kpi.accountable_officer else "",
            "key_contacts": "; ".join(p.email for p in kpi.key_contacts.all()),
            "comparator_groups": "; ".join(g.name for g in kpi.comparator_groups.all()),
        }
        return [
            choice_label(column, values[column.key])
            if column.kind == "choice"
            else values[column.key]
            for column in SUPPORTING_COLUMNS
        ]

    write_sheet(workbook, SUPPORTING_SHEET, SUPPORTING_COLUMNS, (supporting_row(k) for k in kpis))
    direction = next(c for c in TARGET_COLUMNS if c.key == "direction")
    targets = Target.objects.filter(kpi__organisation=organisation).select_related("kpi")
    write_sheet(
        workbook,
        TARGETS_SHEET,
        TARGET_COLUMNS,
        (
            [t.kpi.reference, financial_year_label(t.financial_year), t.value, t.tolerance,
             choice_label(direction, t.direction)]
            for t in targets.order_by("kpi__reference", "financial_year")
        ),
    )  # fmt: skip
    status = next(c for c in DATA_COLUMNS if c.key == "status")
    results = (
        Result.objects.filter(kpi__organisation=organisation)
        .select_related("kpi")
        .order_by("kpi__reference", "period_start", "period_end")
    )
    write_sheet(
        workbook,
        DATA_SHEET,
        DATA_COLUMNS,
        (
            [r.kpi.reference, r.period.label, r.value, r.numerator, r.denominator, r.lower_ci,
             r.upper_ci, choice_label(status, r.status), r.commentary, r.data_quality_note,
             r.missing_reason]
            for r in results.iterator(chunk_size=2000)
        ),
    )  # fmt: skip
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@dataclass(frozen=True)
class ImportSummary:
    kpis_created: int
    kpis_updated: int
    targets: int
    results_created: int
    results_updated: int

    def __str__(self) -> str:
        return (
            f"KPIs: {self.kpis_created} added, {self.kpis_updated} checked or updated. "
            f"Targets: {self.targets}. Results: {self.results_created} added, "
            f"{self.results_updated} revised."
        )


class _Lookup(RegisterNames):
    """Names in the workbook resolved by the register's own rules, and the council's KPIs."""

    def __init__(self, organisation: Organisation):
        super().__init__(organisation)
        self.kpis = {k.reference.casefold(): k for k in organisation.kpis.all()}


def register_import(
    *,
    organisation: Organisation,
    source: IO[bytes] | bytes,
    by: Any,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import a register workbook: all or nothing. Raises WorkbookRejected listing every problem."""
    return run_import(RegisterWorkbook(organisation, by, progress), read_workbook(source))


@dataclass
class _Plans:
    lookup: _Lookup
    kpis: dict[str, dict[str, Any]]
    targets: list[dict[str, Any]]
    results: list[dict[str, Any]]


@dataclass
class RegisterWorkbook:
    """The register workbook as an import format: its three sheets, checked together."""

    organisation: Organisation
    by: Any
    progress: Callable[[int, int], None] | None = None
    checks_while_applying = False

    def plan(self, tables: Tables, report: Report) -> _Plans:
        lookup = _Lookup(self.organisation)
        supporting = SheetReader(SUPPORTING_SHEET, SUPPORTING_COLUMNS)
        targets = SheetReader(TARGETS_SHEET, TARGET_COLUMNS)
        data = SheetReader(DATA_SHEET, DATA_COLUMNS)
        kpi_plans = _plan_kpis(supporting, tables, lookup)
        kinds = {ref: KPIKind.of(plan["fields"], lookup.kpis.get(ref))
                 for ref, plan in kpi_plans.items()}  # fmt: skip
        for ref, kpi in lookup.kpis.items():
            kinds.setdefault(ref, KPIKind.of({}, kpi))
        units = {ref: kind.unit for ref, kind in kinds.items()}
        polarities = {ref: kind.polarity for ref, kind in kinds.items()}
        target_plans = _plan_targets(targets, tables, units, polarities)
        stored = stored_values(organisation=self.organisation, kpis=lookup.kpis)
        result_plans = plan_results(data, tables, kinds, stored)
        for problem in supporting.problems + targets.problems + data.problems:
            report(problem)
        return _Plans(lookup, kpi_plans, target_plans, result_plans)

    def apply(self, plans: _Plans, report: Report) -> ImportSummary:
        return _apply(
            self.organisation, plans.lookup, plans.kpis, plans.targets, plans.results, self.by,
            self.progress,
        )  # fmt: skip


def _plan_kpis(reader: SheetReader, tables: Tables, lookup: _Lookup) -> dict[str, dict[str, Any]]:
    plans: dict[str, dict[str, Any]] = {}
    for row in reader.rows(tables):
        values = row.values
        reference = values["reference"]
        if reference and reference.casefold() in plans:
            reader.problem(
                row.number, "Reference", f'"{reference}" appears more than once in this sheet.'
            )
            continue
        directorate = service = board = officer = None
        if isinstance(values["directorate"], str) and values["directorate"]:
            directorate = _resolve(reader, row.number, "directorate", lookup.directorate, values)
        if isinstance(values["service"], str) and values["service"] and directorate is not None:
            service = _resolve(
                reader, row.number, "service", partial(lookup.service, directorate), values
            )
        if isinstance(values["scrutiny_board"], str) and values["scrutiny_board"]:
            board = _resolve(reader, row.number, "scrutiny_board", lookup.board, values)
        if isinstance(values["accountable_officer"], str) and values["accountable_officer"]:
            officer = _resolve(reader, row.number, "accountable_officer", lookup.person, values)
        related = {}
        for key, kind in (("pillars", "pillar"), ("priorities", "priority"),
                          ("key_contacts", "person"),
                          ("comparator_groups", "comparator_group")):  # fmt: skip
            names = values[key] if isinstance(values[key], list) else []
            related[key], messages = lookup.many(kind, names)
            for message in messages:
                reader.problem(row.number, reader.header(key), message)
        if any(value is _INVALID for value in values.values()) or not reference:
            continue
        fields = {
            key: values[key]
            for key in _FIELD_COLUMNS
            if key not in _RELATION_KEYS
            and not (key in _KEEP_WHEN_EMPTY and not values[key])
            and not (key in _KEEP_WHEN_ABSENT and key not in reader.present)
        }
        fields.update(
            directorate=directorate,
            service=service,
            scrutiny_board=board,
            accountable_officer=officer,
        )
        if not _model_rules_hold(reader, row.number, lookup.organisation, fields):
            continue
        plans[reference.casefold()] = {
            "row": row.number,
            "fields": fields,
            "pillars": related["pillars"],
            "priorities": related["priorities"],
            "contacts": related["key_contacts"],
            "groups": related["comparator_groups"],
        }
    return plans


def _resolve(
    reader: SheetReader, row: int, key: str, lookup: Callable[[str], Any], values: dict[str, Any]
) -> Any:
    """The record a cell names, or None after reporting the register's message on its column."""
    try:
        return lookup(values[key])
    except ValidationError as error:
        for message in error.messages:
            reader.problem(row, reader.header(key), message)
        return None


def _model_rules_hold(
    reader: SheetReader, row: int, organisation: Organisation, fields: dict[str, Any]
) -> bool:
    """Check a row against the KPI model's own field rules (lengths, web addresses, ranges,
    rules across fields), the rules every form uses too; report each broken one on its column."""
    if fields["directorate"] is None:
        return False  # already reported
    errors = kpi_field_errors(KPI(organisation=organisation, **fields))
    reported = {problem.column for problem in reader.problems if problem.row == row}
    for name, messages in errors.items():
        column = _FIELD_COLUMNS.get(name)
        header = column.header if column else None
        if header is not None and header in reported:
            continue  # an empty required cell, already reported
        for message in messages:
            reader.problem(row, header, message)
    return not errors


# Optional choices an older workbook may not have: an empty cell keeps the KPI's value (or the
# default, for a new KPI) rather than clearing it.
_KEEP_WHEN_EMPTY = {"measures", "assurance_type"}
# Optional columns an older workbook may not have, where an empty cell means "none": a workbook
# without the column keeps each KPI's value; with it, an empty cell clears it.
_KEEP_WHEN_ABSENT = {"counts_rounded_to", "standardised_rate", "national_sex", "national_age"}
_RELATION_KEYS = {
    "directorate",
    "service",
    "pillars",
    "priorities",
    "scrutiny_board",
    "accountable_officer",
    "key_contacts",
    "comparator_groups",
}


def _plan_targets(
    reader: SheetReader,
    tables: Tables,
    units: dict[str, str],
    polarities: dict[str, str],
) -> list[dict[str, Any]]:
    plans: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    for row in reader.rows(tables, required=False):
        values = row.values
        reference = values["reference"]
        key = reference.casefold()
        if reference and key not in units:
            reader.problem(
                row.number, "Reference", f'There is no KPI with reference "{reference}".'
            )
            continue
        if polarities.get(key) == "none":
            reader.problem(
                row.number, "Reference", f"{reference} is a tracker: trackers have no targets."
            )
        year = values["financial_year"]
        if (key, year) in seen:
            reader.problem(
                row.number, "Financial year", f"{reference} has more than one target for this year."
            )
        seen.add((key, year))
        value, direction = values["value"], values["direction"]
        if value is None and not direction:
            reader.problem(
                row.number,
                "Target value",
                "Enter a target value, or a direction (Increase or Decrease).",
            )
        if value is not None and direction:
            reader.problem(row.number, "Direction", "Give a target value or a direction, not both.")
        if direction and values["tolerance"] is not None:
            reader.problem(row.number, "Tolerance", "A direction target has no tolerance.")
        if isinstance(values["tolerance"], Decimal) and values["tolerance"] < 0:
            reader.problem(row.number, "Tolerance", "The tolerance cannot be negative.")
        if units.get(key) == "percentage" and isinstance(value, Decimal) and not 0 <= value <= 100:
            reader.problem(
                row.number, "Target value", "A percentage target must be between 0 and 100."
            )
        plans.append({"key": key, **values})
    return plans


def _apply(
    organisation: Organisation,
    lookup: _Lookup,
    kpi_plans: dict[str, dict[str, Any]],
    target_plans: list[dict[str, Any]],
    result_plans: list[dict[str, Any]],
    by: Any,
    progress: Callable[[int, int], None] | None,
) -> ImportSummary:
    total = len(kpi_plans) + len(target_plans) + len(result_plans)
    done = 0
    created = 0
    kpis = dict(lookup.kpis)
    for key, plan in kpi_plans.items():
        kpi = kpis.get(key) or KPI(organisation=organisation)
        created += kpi.pk is None
        kpis[key] = kpi_save(
            kpi=kpi, fields=plan["fields"], pillars=plan["pillars"],
            priorities=plan["priorities"], key_contacts=plan["contacts"],
            comparator_groups=plan["groups"], by=by, note="Register workbook import",
        )  # fmt: skip
        done += 1
        if progress:
            progress(done, total)
    for plan in target_plans:
        target_set(
            kpi=kpis[plan["key"]], financial_year=plan["financial_year"], value=plan["value"],
            tolerance=plan["tolerance"], direction=plan["direction"] or "", by=by,
            note="Register workbook import",
        )  # fmt: skip
        done += 1
        if progress:
            progress(done, total)
    results_created, results_updated = results_save_many(
        rows=[
            (kpis[plan["key"]], plan["period"], {k: plan[k] for k in _RESULT_KEYS})
            for plan in result_plans
        ],
        by=by,
        note="Register workbook import",
    )
    if progress:
        progress(total, total)
    return ImportSummary(
        created, len(kpi_plans) - created, len(target_plans), results_created, results_updated
    )


_RESULT_KEYS = (
    "value",
    "numerator",
    "denominator",
    "lower_ci",
    "upper_ci",
    "missing_reason",
    "status",
    "commentary",
    "data_quality_note",
)
