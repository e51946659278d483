"""Reading a list of learners' e-mail addresses from an uploaded CSV file: pure, no database access.

One learner per line: an e-mail address, optionally followed by a full name (comma, semicolon or tab
separated, as spreadsheets export them). A header line whose first cell is not an address is skipped.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_FILE_BYTES = 1024 * 1024
MAX_LINES = 5000
# The longest address SMTP allows (RFC 5321), and the length of every e-mail column in the database.
MAX_EMAIL_LENGTH = 254
HEADER_WORDS = {"email", "e-mail", "courriel", "mail", "adresse", "adresse e-mail", "adresse électronique"}


@dataclass
class ImportLine:
    """One line of the file: what was read and, when it cannot be imported, why."""

    number: int
    email: str
    full_name: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportParse:
    """The lines read from a file, and the file-level error that stopped the reading (if any)."""

    lines: list[ImportLine]
    error: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.error and bool(self.lines) and all(line.is_valid for line in self.lines)

    @property
    def error_count(self) -> int:
        return sum(1 for line in self.lines if not line.is_valid)


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(text: str) -> str:
    """The separator used by the first lines: semicolon (French spreadsheets), tab or comma."""
    sample = [line for line in text.splitlines()[:20] if line.strip()]
    counts = {delimiter: sum(line.count(delimiter) for line in sample) for delimiter in (";", "\t", ",")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def learner_lines_parse(data: bytes) -> ImportParse:
    """Read an uploaded file into numbered lines, each with its errors (bad address, duplicate, extra cells)."""
    if len(data) > MAX_FILE_BYTES:
        return ImportParse(lines=[], error=_("The file is larger than 1 MB."))
    text = _decode(data)
    if text is None or "\x00" in text:
        return ImportParse(lines=[], error=_("The file is not a text (CSV) file."))
    lines: list[ImportLine] = []
    seen: dict[str, int] = {}
    rows: Iterable[list[str]] = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        for number, row in enumerate(rows, start=1):
            cells = [cell.strip() for cell in row]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            if number == 1 and cells[0].casefold() in HEADER_WORDS:
                continue
            if len(lines) >= MAX_LINES:
                return ImportParse(lines=[], error=_("The file has more than %(max)s lines.") % {"max": MAX_LINES})
            line = ImportLine(number=number, email=cells[0].lower(), full_name=cells[1] if len(cells) > 1 else "")
            if len(cells) > 2:
                line.errors.append(_("Too many cells: expected an e-mail address and an optional name."))
            if len(line.email) > MAX_EMAIL_LENGTH:
                line.errors.append(_("This address is longer than %(max)s characters.") % {"max": MAX_EMAIL_LENGTH})
            else:
                try:
                    validate_email(line.email)
                except ValidationError:
                    line.errors.append(_("This is not a valid e-mail address."))
            if len(line.full_name) > 150:
                line.errors.append(_("The name is longer than 150 characters."))
            if line.is_valid:
                if line.email in seen:
                    line.errors.append(_("This address already appears on line %(line)s.") % {"line": seen[line.email]})
                else:
                    seen[line.email] = number
            lines.append(line)
    except csv.Error as error:
        return ImportParse(lines=[], error=_("The file could not be read as CSV: %(error)s") % {"error": error})
    if not lines:
        return ImportParse(lines=[], error=_("The file contains no e-mail address."))
    return ImportParse(lines=lines)
