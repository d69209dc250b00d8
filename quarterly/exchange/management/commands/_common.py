"""What the import commands share: the file named on the command line, read whole or opened
as a stream; a progress bar; the council the command is for; and a refused file's report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.core.management.base import CommandError, OutputWrapper
from tqdm import tqdm

from quarterly.exchange.reading import WorkbookRejected
from quarterly.organisation.models import Organisation

Progress = Callable[[int, int | None], None]  # (rows done, rows in all, if known)


def read_file(path: Path) -> bytes:
    """The file's bytes, or CommandError saying why it cannot be read."""
    with open_file(path) as file:
        return file.read()


@contextmanager
def open_file(path: Path) -> Iterator[IO[bytes]]:
    """The file opened to read as a stream, or CommandError saying why it cannot be."""
    if not path.is_file():
        raise CommandError(f"There is no file at {path}.")
    try:
        file = path.open("rb")
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from None
    with file:
        yield file


@contextmanager
def progress_bar(stderr: OutputWrapper, desc: str, *, verbosity: int = 1) -> Iterator[Progress]:
    """A tqdm bar on stderr (none at --verbosity 0), moved by the callback it yields, which is
    told the rows done and, when known, the rows in all; a new total starts the bar again (an
    import that checks every row, then writes them)."""
    bar = tqdm(desc=desc, unit=" rows", file=stderr, mininterval=0.5, disable=verbosity == 0)

    def progress(done: int, total: int | None) -> None:
        if total != bar.total:
            bar.reset(total)
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        bar.close()


def refused(stderr: OutputWrapper, rejected: WorkbookRejected, summary: str = "") -> CommandError:
    """Write every problem listed to stderr; the CommandError to raise, saying `summary` or
    how many problems were found."""
    for problem in rejected.problems:
        stderr.write(str(problem))
    return CommandError(summary or str(rejected))


def organisation_named(slug: str | None) -> Organisation:
    """The council with this slug, or the only one; CommandError if there is none or it is
    ambiguous."""
    organisations = Organisation.objects.all()
    if slug:
        organisations = organisations.filter(slug=slug)
    found = list(organisations[:2])
    if not found:
        raise CommandError(
            f"No council {'called ' + slug if slug else 'has been set up'}. Run `quarterly demo "
            "--no-serve` first or check --organisation."
        )
    if len(found) > 1:
        raise CommandError("There is more than one council; choose one with --organisation.")
    return found[0]
