from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from quarterly.organisation.access import grants_for


def site(request: HttpRequest) -> dict[str, Any]:
    grants = grants_for(request.user)
    return {
        "council_name": settings.QUARTERLY_COUNCIL_NAME,
        "grants": grants,
        "can_administer_register": grants.performance,
    }
