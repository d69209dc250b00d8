"""The council's structure the performance team maintains on the administration pages: for each
kind of record, its form, its columns and the services that save and delete it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Model, QuerySet
from django.http import Http404

from quarterly.organisation.models import Committee, Directorate, Organisation, Service
from quarterly.organisation.services import (
    COMMITTEE_FIELDS,
    DIRECTORATE_FIELDS,
    SERVICE_FIELDS,
    committee_save,
    directorate_delete,
    directorate_save,
    service_delete,
    service_save,
)
from quarterly.register.models import Pillar, Priority
from quarterly.register.services import (
    PILLAR_AUDITED_FIELDS,
    PRIORITY_AUDITED_FIELDS,
    pillar_delete,
    pillar_save,
    priority_delete,
    priority_save,
)
from quarterly.web.administration import forms

Save = Callable[..., Model]


@dataclass(frozen=True)
class Kind:
    slug: str
    title: str
    singular: str
    form: type[forms.AdminForm]
    columns: tuple[tuple[str, str], ...]  # (heading, attribute or annotation)
    audited: tuple[str, ...]
    records: Callable[[Organisation], QuerySet[Any]]
    new: Callable[[Organisation], Model]
    save: Callable[[Any, dict[str, Any], Any, str | None], Model]
    delete: Callable[[Any, Any], None] | None = None
    hint: str = ""


KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        Kind(
            "pillars", "Pillars", "pillar", forms.PillarForm,
            (("Name", "name"), ("Order", "order"), ("KPIs", "kpi_count")),
            PILLAR_AUDITED_FIELDS,
            lambda o: o.pillars.annotate(kpi_count=Count("kpis", distinct=True)),
            lambda o: Pillar(organisation=o),
            lambda r, d, by, v: pillar_save(pillar=r, name=d["name"], order=d["order"], by=by, version=v),
            lambda r, by: pillar_delete(pillar=r, by=by),
            "The council's strategic pillars. Each priority comes under one.",
        ),
        Kind(
            "priorities", "Priorities", "priority", forms.PriorityForm,
            (("Name", "name"), ("Pillar", "pillar"), ("Order", "order"), ("KPIs", "kpi_count")),
            PRIORITY_AUDITED_FIELDS,
            lambda o: o.priorities.select_related("pillar").annotate(kpi_count=Count("kpis")),
            lambda o: Priority(organisation=o),
            lambda r, d, by, v: priority_save(
                priority=r, name=d["name"], pillar=d["pillar"], order=d["order"], by=by, version=v
            ),
            lambda r, by: priority_delete(priority=r, by=by),
            "The council's strategic priorities, each under a pillar.",
        ),
        Kind(
            "directorates", "Directorates", "directorate", forms.DirectorateForm,
            (("Name", "name"), ("Services", "service_count"), ("KPIs", "kpi_count")),
            DIRECTORATE_FIELDS,
            lambda o: o.directorates.annotate(
                service_count=Count("services", distinct=True),
                kpi_count=Count("kpis", distinct=True),
            ),
            lambda o: Directorate(organisation=o),
            lambda r, d, by, v: directorate_save(directorate=r, name=d["name"], by=by, version=v),
            lambda r, by: directorate_delete(directorate=r, by=by),
        ),
        Kind(
            "services", "Service areas", "service area", forms.ServiceForm,
            (("Name", "name"), ("Directorate", "directorate"), ("KPIs", "kpi_count")),
            SERVICE_FIELDS,
            lambda o: Service.objects.filter(directorate__organisation=o)
            .select_related("directorate").annotate(kpi_count=Count("kpis")),
            lambda o: Service(),
            lambda r, d, by, v: service_save(
                service=r, name=d["name"], directorate=d["directorate"], by=by, version=v
            ),
            lambda r, by: service_delete(service=r, by=by),
        ),
        Kind(
            "committees", "Committees", "committee", forms.CommitteeForm,
            (("Name", "name"), ("Kind", "get_kind_display"), ("Directorate", "directorate")),
            COMMITTEE_FIELDS,
            lambda o: o.committees.select_related("directorate"),
            lambda o: Committee(organisation=o),
            lambda r, d, by, v: committee_save(
                committee=r, by=by, version=v,
                fields={k: d[k] for k in ("name", "kind", "directorate", "remit")},
            ),
            None,
            "Committees that receive reports: CLT, DMTs, Executive Board, Scrutiny Boards.",
        ),
    )
}  # fmt: skip


def kind_get(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("No such kind of record.")
    return kind


def record_get(kind: Kind, organisation: Organisation, pk: int) -> Any:
    """One record of the council's; another council's or a missing one answers 404."""
    record = kind.records(organisation).filter(pk=pk).first()
    if record is None:
        raise Http404("No such record.")
    return record


def initial_for(kind: Kind, record: Any, version: str) -> dict[str, Any]:
    fields = kind.form.base_fields
    return {
        "version": version,
        **{name: getattr(record, name) for name in fields if name != "version"},
    }
