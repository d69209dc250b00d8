"""The form that creates and edits a KPI and all its supporting information.

It holds no rule of its own: each value is read as a workbook cell is (`core.form_fields`), names
are resolved by `register.rules.RegisterNames`, and the KPI's field rules are the model's, so a
web edit and a workbook import of the same bad value give the same message.
"""

from __future__ import annotations

from typing import Any

from django import forms

from quarterly.core.form_fields import (
    AnswerChoiceField,
    ListField,
    NameField,
    NamesField,
    NumberField,
    WholeNumberField,
)
from quarterly.register.models import (
    KPI,
    AssuranceType,
    Comparator,
    Frequency,
    Measures,
    Polarity,
    Unit,
)
from quarterly.register.rules import RegisterNames, kpi_field_errors, reference_in_use

_MODEL = {field.name: field for field in KPI._meta.get_fields() if hasattr(field, "help_text")}


def _text(name: str, label: str, *, required: bool = False, rows: int = 0, hint: str = "") -> Any:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label, required=required, widget=widget, strip=True,
        help_text=hint or str(_MODEL[name].help_text),
        error_messages={"required": f"Enter the {label[0].lower()}{label[1:]}."},
    )  # fmt: skip


def _choice(label: str, choices: Any, *, required: bool = True) -> AnswerChoiceField:
    return AnswerChoiceField(
        label=label, required=required, choices=[("", "Choose")] + list(choices),
        error_messages={"required": f"Choose the {label.lower()}."},
    )  # fmt: skip


# The form's sections, each a fieldset on the page: (legend, field names).
SECTIONS = (
    ("The KPI", ("reference", "title", "definition", "purpose")),
    ("Where it belongs", ("directorate", "service", "pillars", "priorities", "scrutiny_board",
                          "portfolio")),
    ("How it is measured", ("unit", "rate_per", "decimal_places", "counts_rounded_to",
                            "standardised_rate", "polarity", "frequency", "comparator",
                            "measures")),
    ("Its data", ("data_source", "source_url", "known_weaknesses", "availability", "baseline",
                  "baseline_period", "assurance_type", "benchmark_indicators")),
    ("How it is compared", ("comparator_groups", "national_indicator", "national_sex",
                            "national_age")),
    ("Who is responsible", ("accountable_officer", "key_contacts")),
    ("Reporting", ("in_ambition_scorecard", "illustrative")),
)  # fmt: skip
# Fields the form resolves to records, and the KPI's plain fields it passes as they are.
RELATIONS = ("directorate", "service", "scrutiny_board", "accountable_officer")
MANY = ("pillars", "priorities", "key_contacts", "comparator_groups")


class KPIForm(forms.Form):
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    reference = _text("reference", "Reference", required=True, hint="For example AH-07.")
    title = _text("title", "Title", required=True)
    definition = _text("definition", "Definition", required=True, rows=4,
                       hint="Exactly what is counted, and how. A change is shown in the next "
                            "report that contains this KPI.")  # fmt: skip
    purpose = _text("purpose", "Why it matters", rows=3)
    directorate = NameField(
        label="Directorate", error_messages={"required": "Choose the directorate."}
    )
    service = NameField(label="Service area", required=False,
                        help_text="A service of the directorate chosen above.")  # fmt: skip
    pillars = NamesField(label="Pillars", required=False)
    priorities = NamesField(label="Priorities", required=False)
    scrutiny_board = NameField(label="Scrutiny Board", required=False)
    portfolio = _text("portfolio", "Executive Member portfolio")
    unit = _choice("Unit", Unit.choices)
    rate_per = WholeNumberField(label="Rate per", required=False,
                                help_text="For a rate only: 1000 for a rate per 1,000.")  # fmt: skip
    decimal_places = WholeNumberField(
        label="Decimal places", help_text="How many decimal places results are shown with.",
        error_messages={"required": "Enter the number of decimal places."},
    )  # fmt: skip
    counts_rounded_to = WholeNumberField(
        label="Counts rounded to (optional)", required=False,
        help_text="Where the source rounds its numerators and denominators to protect "
        "confidentiality: what it rounds them to, for example 5. Leave it empty if it does not.",
    )  # fmt: skip
    standardised_rate = forms.BooleanField(
        label="Directly standardised rate", required=False,
        help_text=str(_MODEL["standardised_rate"].help_text),
    )  # fmt: skip
    polarity = _choice("Polarity", Polarity.choices)
    frequency = _choice("Frequency", Frequency.choices)
    comparator = _choice("Compared with", Comparator.choices)
    measures = _choice("Measures", Measures.choices)
    data_source = _text("data_source", "Data source", required=True)
    source_url = _text("source_url", "Source web address")
    known_weaknesses = _text("known_weaknesses", "Known weaknesses and data quality", rows=3)
    availability = _text("availability", "When results are available")
    baseline = NumberField(label="Baseline", required=False)
    baseline_period = _text("baseline_period", "Baseline period", hint="For example 2023/24.")
    assurance_type = _choice("Assurance type", AssuranceType.choices)
    benchmark_indicators = _text("benchmark_indicators", "Benchmark indicators")
    comparator_groups = NamesField(
        label="Comparator groups", required=False,
        help_text="The groups of areas its results are compared within.",
    )  # fmt: skip
    national_indicator = _text("national_indicator", "National indicator")
    national_sex = _text("national_sex", "Sex compared (optional)")
    national_age = _text("national_age", "Age band compared (optional)")
    accountable_officer = NameField(label="Accountable officer", required=False)
    key_contacts = ListField(label="Key contacts", required=False,
                             help_text="Their email addresses, one on each line.")  # fmt: skip
    in_ambition_scorecard = forms.BooleanField(label="In the Ambition Scorecard", required=False)
    illustrative = forms.BooleanField(
        label="Illustrative figures (demo data, not a published series)", required=False
    )

    def __init__(self, *args: Any, names: RegisterNames, kpi: KPI, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names, self.kpi = names, kpi
        self.records: dict[str, Any] = {}
        pick = [("", "Choose")]
        self.fields["directorate"].choices = pick + [
            (d.name, d.name) for d in _sorted(names.directorates)
        ]
        self.fields["service"].choices = [("", "None")] + [
            (s.name, f"{s.name} ({s.directorate.name})")
            for s in sorted(names.services.values(), key=lambda s: (s.directorate.name, s.name))
        ]
        self.fields["pillars"].choices = [(p.name, p.name) for p in _sorted(names.pillars)]
        self.fields["priorities"].choices = [
            (p.name, f"{p.name} ({p.pillar.name})") for p in _sorted(names.priorities)
        ]
        self.fields["scrutiny_board"].choices = [("", "None")] + [
            (b.name, b.name) for b in _sorted(names.boards)
        ]
        self.fields["comparator_groups"].choices = [
            (g.name, g.name) for g in sorted(names.groups.values(), key=_group_order)
        ]
        self.fields["accountable_officer"].choices = [("", "Not assigned")] + [
            (p.email, f"{p} ({p.email})")
            for p in sorted(names.people.values(), key=lambda p: (p.last_name, p.first_name))
            if p.is_active or p.pk == kpi.accountable_officer_id
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._resolve(data)
        if data.get("reference") and "reference" not in self.errors:
            in_use = reference_in_use(
                organisation=self.names.organisation, reference=data["reference"], kpi=self.kpi
            )
            if in_use:
                self.add_error("reference", in_use)
        candidate = KPI(pk=self.kpi.pk, organisation=self.names.organisation, **self.kpi_fields())
        skip = set(self.errors) | set(RELATIONS) - set(self.records)
        for name, messages in kpi_field_errors(candidate, skip=skip).items():
            self.add_error(name if name in self.fields else None, messages)
        return data

    def _resolve(self, data: dict[str, Any]) -> None:
        """Each name resolved by the register's rules; a name that is not there is an error on
        its field, with the same message the workbook import gives."""
        lookups = {
            "directorate": self.names.directorate,
            "scrutiny_board": self.names.board,
            "accountable_officer": self.names.person,
        }
        for name, lookup in lookups.items():
            self._one(name, data.get(name), lookup)
        directorate = self.records.get("directorate")
        if directorate is not None:
            self._one("service", data.get("service"),
                      lambda value: self.names.service(directorate, value))  # fmt: skip
        elif not data.get("service"):
            self.records["service"] = None
        for name, kind in (("pillars", "pillar"), ("priorities", "priority"),
                           ("key_contacts", "person"),
                           ("comparator_groups", "comparator_group")):  # fmt: skip
            found, messages = self.names.many(kind, data.get(name) or [])
            for message in messages:
                self.add_error(name, message)
            self.records[name] = found

    def _one(self, name: str, value: Any, lookup: Any) -> None:
        if not value:
            if name not in self.errors:
                self.records[name] = None
            return
        try:
            self.records[name] = lookup(value)
        except forms.ValidationError as error:
            self.add_error(name, error.messages)

    def kpi_fields(self) -> dict[str, Any]:
        """The KPI's fields as the form gives them (relations as records, once resolved)."""
        data = self.cleaned_data
        plain = [name for _, names in SECTIONS for name in names
                 if name not in RELATIONS and name not in MANY]  # fmt: skip
        fields = {name: data.get(name) for name in plain if name in data}
        for name in ("purpose", "portfolio", "source_url", "known_weaknesses", "availability",
                     "baseline_period", "benchmark_indicators", "national_indicator",
                     "national_sex", "national_age"):  # fmt: skip
            if name in fields and fields[name] is None:
                fields[name] = ""
        fields.update({name: self.records[name] for name in RELATIONS if name in self.records})
        return fields

    @property
    def sections(self) -> list[tuple[str, list[Any]]]:
        return [(legend, [self[name] for name in names]) for legend, names in SECTIONS]


def _group_order(group: Any) -> tuple[int, str]:
    """England first, then the regions, the Core Cities, neighbours and the council's own."""
    kinds = ["england", "region", "core_cities", "nearest_neighbours", "uploaded"]
    return kinds.index(group.kind), group.name


def _sorted(records: dict[Any, Any]) -> list[Any]:
    return sorted(records.values(), key=lambda r: (getattr(r, "order", 0), r.name))


def kpi_initial(kpi: KPI, version: str) -> dict[str, Any]:
    """The form's starting values for a stored KPI."""
    initial = {name: getattr(kpi, name) for _, names in SECTIONS for name in names
               if name not in RELATIONS and name not in MANY}  # fmt: skip
    initial.update(
        version=version,
        directorate=kpi.directorate.name,
        service=kpi.service.name if kpi.service else "",
        scrutiny_board=kpi.scrutiny_board.name if kpi.scrutiny_board else "",
        accountable_officer=kpi.accountable_officer.email if kpi.accountable_officer else "",
        pillars=[p.name for p in kpi.pillars.all()],
        priorities=[p.name for p in kpi.priorities.all()],
        key_contacts="\n".join(p.email for p in kpi.key_contacts.all()),
        comparator_groups=[g.name for g in kpi.comparator_groups.all()],
    )
    return initial
