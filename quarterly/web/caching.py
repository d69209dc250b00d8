"""Keep signed-in pages out of shared caches."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    """Mark every response to a signed-in person `Cache-Control: private, no-store`.

    A page for a signed-in person shows what that person may see (unpublished results, names),
    so no proxy or browser cache may keep it. A response that already carries Cache-Control said
    so deliberately and is left alone; anonymous responses (the public pages) stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
