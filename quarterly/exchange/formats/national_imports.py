"""Every national dataset format, by the name the command's `--format` and the upload page's
choice give it."""

from __future__ import annotations

from collections.abc import Callable

from quarterly.benchmarking.services import NationalSaved
from quarterly.exchange.formats.national_fingertips import national_fingertips_import
from quarterly.exchange.formats.national_lginform import national_lginform_import
from quarterly.exchange.formats.national_long import national_long_import
from quarterly.exchange.formats.national_oflog import national_oflog_import

NATIONAL_IMPORTS: dict[str, Callable[..., NationalSaved]] = {
    "fingertips": national_fingertips_import,
    "long": national_long_import,
    "oflog": national_oflog_import,
    "lginform": national_lginform_import,
}
