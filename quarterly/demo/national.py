"""The demo council's national comparisons: every English upper-tier authority's published
values of its Fingertips, DfE and Oflog KPIs, so Leeds is compared with the Core Cities, its
Oflog nearest neighbours and its region.

The extracts in `data/national/` (see its PROVENANCE.md; written by
`scripts/extract_national_data.py`) are imported through the same formats as
`quarterly import-benchmarks` and the upload page, all or nothing. Then each KPI fed by a national
series names its national indicator, its comparator groups and, for a series published only by
sex (healthy life expectancy), the sex it is compared for (through the register's
`kpi_save`, so the change is in its history), and each indicator whose file states no polarity
takes its KPI's (through `national_indicator_polarity_set`).

Safe to run again: a second import finds every value unchanged, and a KPI or indicator already
set is not written.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from importlib.resources.abc import Traversable

from quarterly.benchmarking.models import NationalIndicator
from quarterly.benchmarking.services import NationalSaved, national_indicator_polarity_set
from quarterly.demo import catalogue
from quarterly.exchange.formats.national_imports import NATIONAL_IMPORTS
from quarterly.exchange.formats.national_lginform import lginform_code
from quarterly.organisation.models import Organisation
from quarterly.places.models import ComparatorGroup
from quarterly.places.selectors import area_for_organisation, groups_for_organisation
from quarterly.register.models import KPI
from quarterly.register.services import kpi_save

# (file in data/national/, import format), imported in this order.
EXTRACTS = (
    ("fingertips_93356.csv.gz", "fingertips"),
    ("oflog_asc_metrics.csv.gz", "oflog"),
    ("lginform_corporate_plan_2024.csv.gz", "lginform"),
    ("lginform_dashboard_2020.csv.gz", "lginform"),
)
SERIES_FILE = "series.csv"
# Series published only by sex (Male and Female rows, no Persons): the sex each is compared for.
SERIES_SEX = {
    "ft_hle_male": "Male", "ft_hle_female": "Female",
    "ft_sii_le_male": "Male", "ft_sii_le_female": "Female",
}  # fmt: skip
# A KPI's polarity, as a national indicator records it (a tracker states none).
POLARITIES = {"higher": "higher", "lower": "lower", "none": ""}


def _folder() -> Traversable:
    return resources.files("quarterly.demo") / "data" / "national"


def demo_national_extract(name: str) -> bytes:
    """The bytes of one shipped extract, as the import formats read them."""
    return (_folder() / name).read_bytes()


def demo_national_indicators() -> dict[str, str]:
    """Which national indicator ("source:code", as a KPI names it) feeds each demo series."""
    text = (_folder() / SERIES_FILE).read_text(encoding="utf-8")
    return {
        row["series_id"]: f"{row['format']}:"
        + (lginform_code(row["indicator"]) if row["format"] == "lginform" else row["indicator"])
        for row in csv.DictReader(io.StringIO(text, newline=""))
    }


def demo_comparator_groups(organisation: Organisation) -> list[ComparatorGroup]:
    """The Core Cities, the council's Oflog nearest neighbours and its region."""
    area = area_for_organisation(organisation)
    region = area.region_code if area else ""
    return [
        group
        for group in groups_for_organisation(organisation).order_by("kind", "name")
        if group.kind in (ComparatorGroup.Kind.CORE_CITIES, ComparatorGroup.Kind.NEAREST_NEIGHBOURS)
        or (group.kind == ComparatorGroup.Kind.REGION and group.area and group.area.code == region)
    ]


def demo_national_links() -> dict[str, str]:
    """The national indicator ("source:code") of each demo KPI fed by a national series, by the
    KPI's reference. The loader gives a new KPI its indicator and groups as it creates it."""
    national = demo_national_indicators()
    return {
        fields["reference"]: national[series_id]
        for series_id, fields in catalogue.REAL_SERIES
        if series_id in national
    }


def demo_national_sexes() -> dict[str, str]:
    """The sex each demo KPI fed by a series published only by sex is compared for, by the
    KPI's reference (`KPI.national_sex`); the others follow the rule."""
    return {
        fields["reference"]: SERIES_SEX[series_id]
        for series_id, fields in catalogue.REAL_SERIES
        if series_id in SERIES_SEX
    }


def demo_national_load(organisation: Organisation) -> list[NationalSaved]:
    """Import the extracts, then link the council's KPIs to them (those the loader did not
    link as it created them); what each import saved."""
    saved = [
        NATIONAL_IMPORTS[form](name=name, content=demo_national_extract(name), by=None)
        for name, form in EXTRACTS
    ]
    wanted, sexes = demo_national_links(), demo_national_sexes()
    indicators = {
        f"{indicator.source}:{indicator.code}": indicator
        for indicator in NationalIndicator.objects.all()
    }
    groups = demo_comparator_groups(organisation)
    kpis = KPI.objects.filter(organisation=organisation, reference__in=wanted).order_by("pk")
    for kpi in kpis.prefetch_related("comparator_groups"):
        national_indicator_polarity_set(
            indicator=indicators[wanted[kpi.reference]], polarity=POLARITIES[kpi.polarity],
            by=None,
        )  # fmt: skip
        linked = set(kpi.comparator_groups.all()) == set(groups)
        fields = {"national_indicator": wanted[kpi.reference],
                  "national_sex": sexes.get(kpi.reference, "")}  # fmt: skip
        if any(getattr(kpi, name) != value for name, value in fields.items()) or not linked:
            kpi_save(kpi=kpi, fields=fields, comparator_groups=groups, by=None, note="Demo council")
    return saved
