"""Targets by year: the owner proposes on the KPI's page, the DMT agrees or sends back on
"Targets to agree"; and the yearly review of the KPI list with its coverage gaps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from quarterly.core import clock
from quarterly.core.periods import financial_year_label
from quarterly.organisation.access import (
    can_administer_register,
    can_agree_some_targets,
    can_propose_target,
    can_read_register,
    grants_for,
    organisation_for_request,
    require,
)
from quarterly.register.models import KPIListReview, TargetProposal
from quarterly.register.presentation import target_text
from quarterly.register.reviews import CHANGE_KINDS, coverage_gaps, kpi_list_review_record
from quarterly.register.target_agreement import (
    StaleProposal,
    current_financial_year,
    proposal_get_to_decide,
    proposal_years,
    proposals_to_agree,
    target_agree,
    target_propose,
    target_send_back,
)
from quarterly.register.target_forms import (
    KPIListReviewForm,
    TargetProposalForm,
    TargetSendBackForm,
)
from quarterly.web.kpis.selectors import kpi_get


def _add_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal onto the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def target_propose_view(request: HttpRequest, reference: str) -> HttpResponse:
    """The KPI's owner (or the performance team) proposes a year's target, or proposes it
    again after the DMT sent it back (`?year=2026` opens that year's proposal)."""
    require(can_read_register(request.user))
    organisation = organisation_for_request(request)
    kpi = kpi_get(user=request.user, organisation=organisation, reference=reference)
    require(can_propose_target(request.user, kpi) and not kpi.is_tracker)
    years = proposal_years()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and int(raw) in years else years[0]
    existing = TargetProposal.objects.filter(kpi=kpi, financial_year=year).first()
    initial: dict[str, Any] = {"financial_year": year}
    if existing:
        initial |= {
            "version": existing.version, "value": existing.value, "tolerance": existing.tolerance,
            "direction": existing.direction, "rationale": existing.rationale,
        }  # fmt: skip
    form = TargetProposalForm(request.POST or None, initial=initial, years=years)
    stale = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The version is that of the year the page opened; for another year, a proposal made
        # meanwhile is refused as changed since the page was opened.
        version = data["version"] if data["financial_year"] == year else None
        try:
            target_propose(
                kpi=kpi, financial_year=data["financial_year"], value=data["value"],
                tolerance=data["tolerance"], direction=data["direction"],
                rationale=data["rationale"], by=request.user, version=version,
            )  # fmt: skip
        except StaleProposal:
            stale = True
        except ValidationError as error:
            _add_errors(form, error)
        else:
            label = financial_year_label(data["financial_year"])
            messages.success(request, f"The {label} target has been proposed to the DMT.")
            return redirect(kpi)
    return render(
        request,
        "web/targets/propose.html",
        {"kpi": kpi, "form": form, "stale": stale, "existing": existing},
    )


def _to_agree_page(
    request: HttpRequest, *, bound: TargetSendBackForm | None = None, pk: int | None = None
) -> HttpResponse:
    organisation = organisation_for_request(request)
    proposals = list(proposals_to_agree(user=request.user, organisation=organisation))
    items = [
        {
            "proposal": p,
            "text": target_text(p.kpi, p),  # type: ignore[arg-type]
            "form": bound
            if bound is not None and p.pk == pk
            else TargetSendBackForm(prefix=f"p{p.pk}", initial={"version": p.version}),
        }
        for p in proposals
    ]
    return render(
        request,
        "web/targets/to_agree.html",
        {"items": items, "form": bound},
        status=200,
    )


@login_required
def targets_to_agree(request: HttpRequest) -> HttpResponse:
    """A DMT member's proposed targets for their directorate, with Agree and Send back."""
    require(can_agree_some_targets(request.user))
    return _to_agree_page(request)


def _version(request: HttpRequest, prefix: str) -> int | None:
    raw = request.POST.get(f"{prefix}-version", "")
    return int(raw) if raw.isdigit() else None


@login_required
@require_POST
def target_agree_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request)
    proposal = proposal_get_to_decide(user=request.user, organisation=organisation, pk=pk)
    try:
        target = target_agree(
            proposal=proposal, by=request.user, version=_version(request, f"p{pk}")
        )
    except StaleProposal as stale:
        messages.error(request, stale.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(
            request, f"The {target.year_label} target for {proposal.kpi.reference} is agreed."
        )
    return redirect("register:targets-to-agree")


@login_required
@require_POST
def target_send_back_view(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request)
    proposal = proposal_get_to_decide(user=request.user, organisation=organisation, pk=pk)
    form = TargetSendBackForm(request.POST, prefix=f"p{pk}")
    if form.is_valid():
        try:
            target_send_back(
                proposal=proposal, comment=form.cleaned_data["comment"], by=request.user,
                version=form.cleaned_data["version"],
            )  # fmt: skip
        except StaleProposal as stale:
            messages.error(request, stale.message)
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                f"The {proposal.year_label} target for {proposal.kpi.reference} has been sent "
                "back to its owner.",
            )
            return redirect("register:targets-to-agree")
    if form.errors:
        return _to_agree_page(request, bound=form, pk=pk)
    return redirect("register:targets-to-agree")


def _review_years() -> list[int]:
    this_year = current_financial_year()
    return [this_year + 1, this_year, this_year - 1]


@login_required
def reviews(request: HttpRequest) -> HttpResponse:
    """The yearly reviews of the KPI list, and this year's coverage gaps by service."""
    require(grants_for(request.user).reader)
    organisation = organisation_for_request(request)
    year = current_financial_year()
    return render(
        request,
        "web/targets/reviews.html",
        {
            "reviews": [
                {
                    "review": review,
                    "sections": [
                        (label, review.changes.get(kind, [])) for kind, label in CHANGE_KINDS
                    ],
                }
                for review in KPIListReview.objects.filter(organisation=organisation)
            ],
            "gaps": coverage_gaps(organisation=organisation, financial_year=year),
            "year_label": financial_year_label(year),
            "today": clock.today(),
            "can_record": can_administer_register(request.user),
        },
    )


@login_required
def review_record(request: HttpRequest) -> HttpResponse:
    """The performance team records the year's review of the KPI list."""
    require(can_administer_register(request.user))
    organisation = organisation_for_request(request)
    form = KPIListReviewForm(
        request.POST or None, years=_review_years(), initial={"financial_year": _review_years()[0]}
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = kpi_list_review_record(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, f"The review of the KPI list for {review.year_label} is recorded."
            )
            return redirect("register:reviews")
    return render(request, "web/targets/review_record.html", {"form": form})
