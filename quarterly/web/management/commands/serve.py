from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

# The headers a TLS-terminating proxy sets: the scheme the browser used (so SECURE_SSL_REDIRECT
# does not redirect forever), the browser's address (for per-address sign-in limits) and the host
# name it asked for. "Forwarded" cannot be trusted together with these, so it is not.
PROXY_HEADERS = {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"}


def proxy_options() -> dict[str, Any]:
    """Waitress's proxy settings, from the same settings Django uses (BEHIND_HTTPS_PROXY)."""
    if not settings.BEHIND_HTTPS_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_headers": PROXY_HEADERS,
        "clear_untrusted_proxy_headers": True,
    }


class Command(BaseCommand):
    help = "Serve Quarterly over HTTP with the waitress WSGI server (static files included)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1)."
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to listen on (default 8000)."
        )
        parser.add_argument("--threads", type=int, default=8, help="Worker threads (default 8).")

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from config.wsgi import application

        self.stdout.write(
            f"Quarterly is running on http://{options['host']}:{options['port']}/ (Ctrl+C stops it)"
        )
        serve(
            application,
            host=options["host"],
            port=options["port"],
            threads=options["threads"],
            # An empty identity sends no Server header: naming the software helps only attackers.
            ident="",
            **proxy_options(),
        )
