"""Performance reports: the narrative the performance team writes, and frozen publications.

The numbers in a report are never stored while it is a draft: `reports.compiler` computes them
from the data each time. Publishing freezes exactly what the report showed (`PublishedReport`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from quarterly.core.models import TimeStampedModel
from quarterly.core.periods import Period
from quarterly.organisation.models import Committee, Directorate, Organisation


class ReportKind(models.TextChoices):
    CLT = "clt", "Quarterly performance report to the Corporate Leadership Team"
    DMT = "dmt", "Directorate Management Team performance report"
    SCRUTINY = "scrutiny", "Scrutiny Board performance report"
    ANNUAL = "annual", "Annual Performance Report to Executive Board"
    HEALTH_WELLBEING = "hwb", "Health and Wellbeing Board performance report"
    COMMUNITY = "community", "Community Committee performance report"
    FULL_COUNCIL = "council", "Performance summary to Full Council (annual or half-year)"
    EXECUTIVE_DIGEST = "digest", "Executive members' in-year digest (after each CLT)"


# The reports made for one committee, and the kind of committee each is for: each covers the KPIs
# within that committee's remit (`register.selectors.kpis_in_remit`).
COMMITTEE_OF_KIND = {
    ReportKind.SCRUTINY: Committee.Kind.SCRUTINY_BOARD,
    ReportKind.HEALTH_WELLBEING: Committee.Kind.HEALTH_WELLBEING_BOARD,
    ReportKind.COMMUNITY: Committee.Kind.COMMUNITY_COMMITTEE,
    ReportKind.FULL_COUNCIL: Committee.Kind.FULL_COUNCIL,
    ReportKind.EXECUTIVE_DIGEST: Committee.Kind.EXECUTIVE_DIGEST,
}


# --------------------------------------------------------------------------------------------
# The council's report template: its headings, and the narrative each starts with
# --------------------------------------------------------------------------------------------

SECTIONS = (
    ("summary", "Brief summary"),
    ("recommendations", "Recommendations"),
    ("about", "What is this report about?"),
    ("pillars", "How does this proposal impact the {pillars}?"),
    ("consultation", "What consultation and engagement has taken place?"),
    ("resources", "What are the resource implications?"),
    ("risks", "What are the key risks and how are they being managed?"),
    ("legal", "What are the legal implications?"),
    ("success", "How will success be measured?"),
)
NARRATIVE_KEYS = tuple(key for key, _ in SECTIONS)
_AUDIENCE = {
    ReportKind.CLT: "the Corporate Leadership Team",
    ReportKind.DMT: "the Directorate Management Team",
    ReportKind.SCRUTINY: "the Scrutiny Board",
    ReportKind.ANNUAL: "Executive Board",
    ReportKind.HEALTH_WELLBEING: "the Health and Wellbeing Board",
    ReportKind.COMMUNITY: "the Community Committee",
    ReportKind.FULL_COUNCIL: "Full Council",
    ReportKind.EXECUTIVE_DIGEST: "Executive members",
}
_DEFAULTS = {
    "summary": "This report sets out the council's performance for {period} against its key "
    "performance indicators{remit}.",
    "recommendations": "{Audience} is asked to note the performance results for {period}, the "
    "highlight items and the actions being taken to address adverse results.",
    "about": "The results below come from the KPI Register: each was submitted by the service "
    "responsible and checked before reporting. RAG ratings compare each result with its target "
    "and tolerance; the direction of travel compares it with its comparator period.",
    "pillars": "The KPIs in this report are linked to the council's pillars; the figures for "
    "each pillar are set out below.",
    "consultation": "Directorates and their key contacts provided the results and commentary "
    "in this report.",
    "resources": "There are no specific resource implications arising from this report.",
    "risks": "Many KPIs also act as key risk indicators; risks are managed through the "
    "corporate risk register.",
    "legal": "There are no specific legal implications arising from this report.",
    "success": "Success is measured by the KPIs in this report meeting their targets and "
    "improving over time.",
}


def narrative_defaults(*, kind: str, period: Period, scope_name: str = "") -> dict[str, str]:
    """The text each narrative section starts with, before the performance team edits it."""
    audience = _AUDIENCE[ReportKind(kind)]
    within = kind in COMMITTEE_OF_KIND and kind != ReportKind.FULL_COUNCIL
    remit = f" within the remit of {scope_name}" if within else ""
    if kind == ReportKind.DMT:
        remit = f" for {scope_name}"
    return {
        key: text.format(
            period=period.label, remit=remit, Audience=audience[:1].upper() + audience[1:]
        )
        for key, text in _DEFAULTS.items()
    }


class ReportNarrative(TimeStampedModel):
    """One narrative section of one report (brief summary, recommendations, ...), as edited by
    the performance team before the report is generated."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="report_narratives"
    )
    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    period_label = models.CharField(max_length=20, help_text='For example "2024/25 Q2".')
    board = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    section = models.CharField(max_length=20)
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organisation", "kind", "period_label", "section"]
        # One constraint per scope: partial unique indexes hold on SQLite and PostgreSQL alike,
        # where one constraint over the nullable columns would let duplicates through.
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "period_label", "section"],
                condition=models.Q(board__isnull=True, directorate__isnull=True),
                name="report_narrative_unique_council",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "period_label", "section", "board"],
                condition=models.Q(board__isnull=False),
                name="report_narrative_unique_board",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "period_label", "section", "directorate"],
                condition=models.Q(directorate__isnull=False),
                name="report_narrative_unique_directorate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_label}: {self.section}"


class PublishedReport(TimeStampedModel):
    """A report as published: its compiled content frozen as JSON, and the files generated
    from it. Later changes to results never change it; the next report notes restatements."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="published_reports"
    )
    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    period_label = models.CharField(max_length=20)
    period_kind = models.CharField(max_length=16)
    period_start = models.DateField()
    board = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    directorate = models.ForeignKey(
        Directorate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scope = models.CharField(
        max_length=80, help_text="\"council\", or the board's or directorate's slug."
    )
    scope_name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300)
    content = models.JSONField(help_text="The compiled report, exactly as published.")
    values = models.JSONField(
        default=dict, help_text='Every result shown, "REFERENCE|period label" to value.'
    )
    docx = models.BinaryField()
    pdf = models.BinaryField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["organisation", "kind", "scope", "period_start"],
                name="published_report_scope_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (published {self.published_at:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("public:report", args=[self.pk])

    @property
    def file_stem(self) -> str:
        period = self.period_label.lower().replace("/", "-").replace(" ", "-")
        return f"{self.kind}-{period}-{self.scope}"


# --------------------------------------------------------------------------------------------
# The compiled report as plain data: what every renderer and the frozen publication share
# --------------------------------------------------------------------------------------------


@dataclass
class Paragraph:
    text: str
    type: str = field(default="paragraph", init=False)


@dataclass
class BulletList:
    items: list[str]
    type: str = field(default="list", init=False)


@dataclass
class Subheading:
    text: str
    type: str = field(default="subheading", init=False)


@dataclass
class Table:
    """A table as printed (`rows` of display text) and as data (`raw`, for CSV and JSON)."""

    key: str
    caption: str
    columns: list[str]
    rows: list[list[str]]
    raw: list[list[Any]]
    numeric: list[bool]
    type: str = field(default="table", init=False)

    @property
    def headers(self) -> list[tuple[str, bool]]:
        return list(zip(self.columns, self.numeric, strict=True))

    @property
    def column_shares(self) -> list[float]:
        """Each column's share of the table's width, from its longest word or figure and its
        typical text (within limits): printed tables are laid out in fixed columns."""
        weights = []
        for index, column in enumerate(self.columns):
            texts = [row[index] for row in self.rows[:200]]
            longest = max([len(w) for t in [column, *texts] for w in t.split()] or [4])
            lengths = sorted(len(t) for t in texts) or [4]
            # Two characters more than the longest word: a cell's padding takes about that.
            weights.append(max(longest, min(lengths[len(lengths) * 3 // 4], 40) * 0.6, 4) + 2)
        total = sum(weights)
        return [w / total for w in weights]

    @property
    def column_percentages(self) -> list[str]:
        return [f"{share * 100:.1f}" for share in self.column_shares]

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        return [list(zip(row, self.numeric, strict=True)) for row in self.rows]


@dataclass
class Chart:
    """A server-side SVG chart, always followed by its data table."""

    key: str
    title: str
    svg: str
    table: Table
    type: str = field(default="chart", init=False)


Block = Paragraph | BulletList | Subheading | Table | Chart


@dataclass
class Section:
    key: str
    heading: str
    blocks: list[Block]
    level: int = 2
    editable: bool = False


@dataclass
class Report:
    kind: str
    title: str
    organisation: str
    period: str
    scope: str
    scope_name: str
    report_of: str
    report_to: str
    generated_at: str
    sections: list[Section]
    values: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        sections = [
            Section(**{**s, "blocks": [_block(b) for b in s["blocks"]]}) for s in data["sections"]
        ]
        return cls(**{**data, "sections": sections})

    def tables(self) -> list[Table]:
        """Every table, including each chart's data table, in reading order."""
        found = []
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Table):
                    found.append(block)
                elif isinstance(block, Chart):
                    found.append(block.table)
        return found

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]


def _block(data: Mapping[str, Any]) -> Block:
    fields = {k: v for k, v in data.items() if k != "type"}
    kind = data["type"]
    if kind == "chart":
        return Chart(**{**fields, "table": _block(fields["table"])})  # type: ignore[arg-type]
    return {"paragraph": Paragraph, "list": BulletList, "subheading": Subheading, "table": Table}[
        kind
    ](**fields)
