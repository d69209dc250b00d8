from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from quarterly.organisation.access import can_administer_register


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "council_name": settings.QUARTERLY_COUNCIL_NAME,
        "can_administer_register": can_administer_register(request.user),
    }
