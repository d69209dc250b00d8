"""Each financial year's target on a KPI's page: the agreed target and who agreed it, and any
proposal still awaiting its DMT or sent back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from quarterly.core.periods import financial_year_label
from quarterly.register.models import KPI, Target, TargetProposal
from quarterly.register.presentation import target_text


def _day(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%-d %B %Y") if moment else ""


def agreement_text(target: Target) -> str:
    """Who agreed the target and when, as its page says it."""
    name = str(target.agreed_by) if target.agreed_by else ""
    if target.basis == Target.Basis.DMT:
        return f"Agreed by {name or 'the DMT'} on {_day(target.agreed_at)}"
    if target.basis == Target.Basis.RECORDED:
        by = f" by {name}" if name else ""
        return f"Recorded{by} from the register workbook on {_day(target.agreed_at)}"
    return "Agreed before records began"


def proposal_text(kpi: KPI, proposal: TargetProposal) -> str:
    """The proposal's state in a sentence: who proposed or sent it back, when, and why."""
    if proposal.status == TargetProposal.Status.SENT_BACK:
        return (
            f"Sent back by {proposal.decided_by or 'the DMT'} on {_day(proposal.decided_at)}: "
            f"{proposal.comment}"
        )
    return (
        f"Proposed by {proposal.proposed_by or 'the owner'} on {_day(proposal.proposed_at)}: "
        f"{target_text(kpi, proposal)}, awaiting DMT agreement"  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class TargetRow:
    financial_year: int
    target: Target | None
    target_text: str
    agreement: str
    proposal: TargetProposal | None  # proposed or sent back: not yet the year's target
    proposal_text: str

    @property
    def year_label(self) -> str:
        return financial_year_label(self.financial_year)

    @property
    def state(self) -> str:
        if self.proposal is not None and self.proposal.status == TargetProposal.Status.SENT_BACK:
            return "Sent back"
        if self.proposal is not None:
            return "Proposed, awaiting DMT agreement"
        return "Agreed"


def target_rows(kpi: KPI) -> list[TargetRow]:
    """Every year with an agreed target or an open proposal, latest first (two queries)."""
    targets = {
        t.financial_year: t for t in Target.objects.filter(kpi=kpi).select_related("agreed_by")
    }
    proposals = {
        p.financial_year: p
        for p in TargetProposal.objects.filter(kpi=kpi)
        .exclude(status=TargetProposal.Status.AGREED)
        .select_related("proposed_by", "decided_by")
    }
    rows = []
    for year in sorted(set(targets) | set(proposals), reverse=True):
        target, proposal = targets.get(year), proposals.get(year)
        rows.append(
            TargetRow(
                financial_year=year,
                target=target,
                target_text=target_text(kpi, target) if target else "",
                agreement=agreement_text(target) if target else "",
                proposal=proposal,
                proposal_text=proposal_text(kpi, proposal) if proposal else "",
            )
        )
    return rows
