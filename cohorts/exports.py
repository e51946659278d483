"""CSV and XLSX exports of report rows, streamed and safe to open in a spreadsheet.

A cell whose text begins with ``= + - @``, a tab or a carriage return could be run as a formula by
the spreadsheet that opens it (CSV/formula injection, OWASP); such cells get a leading apostrophe.
Numbers, dates and booleans are written as they are.
"""

from __future__ import annotations

import csv
import datetime
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import slugify

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_FORMATS = ("csv", "csv-excel", "xlsx")
ILLEGAL_SHEET_CHARS = re.compile(r"[\\/*?:\[\]]")


def cell_neutralise(value: Any) -> Any:
    """Text that a spreadsheet could read as a formula gets a leading apostrophe; other values pass."""
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date | datetime.time):
        return value
    text = force_str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv_value(value: Any, *, decimal_comma: bool = False) -> Any:
    if decimal_comma and isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(sep=" ", timespec="minutes") if timezone.is_aware(value) else value
    if value is None:
        return ""
    return cell_neutralise(value)


class _Echo:
    """A file-like object whose write() returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(*, headings: Sequence[Any], rows: Iterable[Sequence[Any]], french_excel: bool = False) -> Iterator[str]:
    """The CSV text, one line at a time, starting with a byte-order mark so spreadsheets read UTF-8.

    ``french_excel`` writes what Excel set to French opens in columns: ``;`` between fields and a decimal
    comma (Excel reads a comma-separated file in one column when the list separator is ``;``).
    """
    writer = csv.writer(_Echo(), delimiter=";" if french_excel else ",")
    yield "\ufeff" + writer.writerow([cell_neutralise(heading) for heading in headings])
    for row in rows:
        yield writer.writerow([_csv_value(value, decimal_comma=french_excel) for value in row])


def _filename(name: str, extension: str) -> str:
    return f"{slugify(name) or 'export'}.{extension}"


def csv_response(
    *, filename: str, headings: Sequence[Any], rows: Iterable[Sequence[Any]], french_excel: bool = False
) -> StreamingHttpResponse:
    """Stream the rows as CSV: memory stays flat whatever the number of rows."""
    lines = csv_lines(headings=headings, rows=rows, french_excel=french_excel)
    response = StreamingHttpResponse((line.encode("utf-8") for line in lines), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(filename, "csv")}"'
    return response


def _xlsx_value(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        # Remove the characters XLSX cannot hold first, so that what is left is what gets neutralised.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return cell_neutralise(value)


def xlsx_write(*, file, headings: Sequence[Any], rows: Iterable[Sequence[Any]], sheet_title: str = "Export") -> None:
    """Write an XLSX workbook with openpyxl's write-only mode, which keeps rows on disk, not in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(ILLEGAL_SHEET_CHARS.sub(" ", force_str(sheet_title)) or "Export")[:31])

    def cells(values):
        for value in values:
            cell = WriteOnlyCell(sheet, _xlsx_value(value))
            if cell.data_type == "f":  # text is never a formula, whatever it looks like
                cell.data_type = "s"
            if isinstance(value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            yield cell

    sheet.append(list(cells(headings)))
    for row in rows:
        sheet.append(list(cells(row)))
    workbook.save(file)


def xlsx_response(
    *, filename: str, headings: Sequence[Any], rows: Iterable[Sequence[Any]], sheet_title: str = "Export"
) -> FileResponse:
    """Build the workbook in a temporary file, then stream that file in chunks."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    xlsx_write(file=file, headings=headings, rows=rows, sheet_title=sheet_title)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=_filename(filename, "xlsx"), content_type=XLSX_CONTENT_TYPE)


def export_response(*, export_format: str, filename: str, headings, rows, sheet_title: str = "Export"):
    """CSV or XLSX response for ``export_format`` (one of EXPORT_FORMATS)."""
    if export_format == "xlsx":
        return xlsx_response(filename=filename, headings=headings, rows=rows, sheet_title=sheet_title)
    return csv_response(filename=filename, headings=headings, rows=rows, french_excel=export_format == "csv-excel")
