"""CSV and XLSX exports of report tables, through Wagtail's ``SpreadsheetExportMixin``, safe to open in a spreadsheet.

Wagtail's mixin turns items into cells (``to_row_dict``, the per-type ``custom_value_preprocess`` chain,
``generate_xlsx_row`` with its date format, ``write_csv_row``); ``TableSpreadsheet`` feeds it the rows of a
``cohorts.tables.Table`` instead of a queryset, and adds what the mixin lacks:

- **Formula injection** (OWASP « CSV injection »): the mixin only stops openpyxl from storing text as an XLSX
  formula; in CSV, and in the XLSX heading row, ``=1+1`` would still reach the spreadsheet as typed. A text cell
  beginning with ``= + - @``, a tab or a carriage return gets a leading apostrophe, headings included, in both
  formats. Numbers, dates and booleans are written as they are.
- A byte-order mark (spreadsheets then read UTF-8), and a « CSV for French Excel » variant: ``;`` between fields
  and decimal commas (Excel set to French opens a comma-separated file in a single column).
- Flat memory: the XLSX is written in write-only mode to a temporary file, never a ``BytesIO``.

Views stream these responses; the background export task (``cohorts.export_files``) writes the same bytes to a
file with ``TableSpreadsheet.write_file``: one writer for both.
"""

from __future__ import annotations

import csv
import datetime
import re
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.text import slugify
from wagtail.admin.views.mixins import Echo, ExcelDateFormatter, SpreadsheetExportMixin

if TYPE_CHECKING:
    from .tables import Table

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_CSV, FORMAT_CSV_EXCEL, FORMAT_XLSX = "csv", "csv-excel", "xlsx"
EXPORT_FORMATS = (FORMAT_CSV, FORMAT_CSV_EXCEL, FORMAT_XLSX)
EXTENSIONS = {FORMAT_CSV: "csv", FORMAT_CSV_EXCEL: "csv", FORMAT_XLSX: "xlsx"}
CONTENT_TYPES = {FORMAT_CSV: CSV_CONTENT_TYPE, FORMAT_CSV_EXCEL: CSV_CONTENT_TYPE, FORMAT_XLSX: XLSX_CONTENT_TYPE}
ILLEGAL_SHEET_CHARS = re.compile(r"[\\/*?:\[\]]")
BOM = "\ufeff".encode()


def cell_neutralise(value: Any) -> Any:
    """Text that a spreadsheet could read as a formula gets a leading apostrophe; other values pass."""
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date | datetime.time):
        return value
    text = force_str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv_datetime(value: datetime.datetime) -> Any:
    return timezone.localtime(value).isoformat(sep=" ", timespec="minutes") if timezone.is_aware(value) else value


def _decimal_comma(value: float | Decimal) -> str:
    return str(value).replace(".", ",")


def _xlsx_datetime(value: datetime.datetime) -> datetime.datetime:
    # Local time, as the trainer reads it on the report page (Wagtail's mixin would write UTC).
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def _xlsx_text(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Remove the characters XLSX cannot hold first, so that what is left is what gets neutralised.
    return cell_neutralise(ILLEGAL_CHARACTERS_RE.sub("", force_str(value)))


def export_filename(name: str, export_format: str) -> str:
    """The download's file name: the slug of ``name`` and the format's extension."""
    return f"{slugify(name) or 'export'}.{EXTENSIONS[export_format]}"


class TableSpreadsheet(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export of one ``Table`` in one of EXPORT_FORMATS (the rows stand for the queryset)."""

    FORMATS = EXPORT_FORMATS

    def __init__(self, table: Table, *, export_format: str) -> None:
        if export_format not in EXPORT_FORMATS:
            raise ValueError(f"Unknown export format {export_format!r}")
        self.table = table
        self.export_format = export_format
        self.list_export = [str(index) for index in range(len(table.headings))]
        number_to_text: dict[str, Callable[[Any], Any]] = (
            {FORMAT_CSV: _decimal_comma} if export_format == FORMAT_CSV_EXCEL else {}
        )
        # Looked up in order by isinstance (datetime before date); Promise is a lazy translation.
        self.custom_value_preprocess = {
            datetime.datetime: {FORMAT_CSV: _csv_datetime, FORMAT_XLSX: _xlsx_datetime},
            (datetime.date, datetime.time): {FORMAT_XLSX: None},
            (float, Decimal): {**number_to_text, FORMAT_XLSX: float},
            (str, Promise): {FORMAT_CSV: cell_neutralise, FORMAT_XLSX: _xlsx_text},
        }

    # The mixin's protocol ---------------------------------------------------------------------------

    def get_filename(self) -> str:
        return export_filename(self.table.filename, self.export_format).rsplit(".", 1)[0]

    def to_row_dict(self, item: Sequence[Any]) -> OrderedDict[str, Any]:
        return OrderedDict(zip(self.list_export, item, strict=True))

    def get_heading(self, queryset: Any, field: str) -> str:
        return cell_neutralise(force_str(self.table.headings[int(field)]))

    def stream_csv(self, queryset: Iterable[Sequence[Any]]) -> Iterator[bytes]:
        """The mixin's CSV stream, with a byte-order mark and the French Excel delimiter."""
        delimiter = ";" if self.export_format == FORMAT_CSV_EXCEL else ","
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=delimiter)
        yield BOM + writer.writerow({field: self.get_heading(queryset, field) for field in self.list_export})
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_xlsx(self, queryset: Iterable[Sequence[Any]], output: IO[bytes]) -> None:
        """The mixin's write-only workbook, with the table's sheet title and headings that are never formulas."""
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        title = (ILLEGAL_SHEET_CHARS.sub(" ", force_str(self.table.sheet_title)) or "Export")[:31]
        worksheet = workbook.create_sheet(title=title)
        worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(self.table.headings)))
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format))
        workbook.save(output)

    # Files and responses ------------------------------------------------------------------------------

    def write_file(self, output: IO[bytes]) -> None:
        """Write the whole export to a binary file (what the background task stores)."""
        if self.export_format == FORMAT_XLSX:
            self.write_xlsx(self.table.rows, output)
        else:
            for chunk in self.stream_csv(self.table.rows):
                output.write(chunk)

    def response(self) -> StreamingHttpResponse:
        """Stream the export: CSV line by line; XLSX built in a temporary file, then sent in chunks."""
        filename = export_filename(self.table.filename, self.export_format)
        if self.export_format == FORMAT_XLSX:
            file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
            self.write_xlsx(self.table.rows, file)
            file.seek(0)
            return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
        response = StreamingHttpResponse(self.stream_csv(self.table.rows), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def as_spreadsheet(self, queryset: Any, spreadsheet_format: str) -> StreamingHttpResponse:
        return self.response()


def _table(
    headings: Sequence[Any], rows: Iterable[Sequence[Any]], *, filename: str = "export", sheet_title: str = "Export"
) -> Table:
    from .tables import Table

    return Table(filename=filename, sheet_title=sheet_title, headings=list(headings), rows=rows)


def csv_lines(*, headings: Sequence[Any], rows: Iterable[Sequence[Any]], french_excel: bool = False) -> Iterator[str]:
    """The CSV text, one line at a time, starting with a byte-order mark so spreadsheets read UTF-8."""
    spreadsheet = TableSpreadsheet(
        _table(headings, rows), export_format=FORMAT_CSV_EXCEL if french_excel else FORMAT_CSV
    )
    return (chunk.decode("utf-8") for chunk in spreadsheet.stream_csv(rows))


def csv_response(
    *, filename: str, headings: Sequence[Any], rows: Iterable[Sequence[Any]], french_excel: bool = False
) -> StreamingHttpResponse:
    """Stream the rows as CSV: memory stays flat whatever the number of rows."""
    table = _table(headings, rows, filename=filename)
    return TableSpreadsheet(table, export_format=FORMAT_CSV_EXCEL if french_excel else FORMAT_CSV).response()


def xlsx_write(
    *, file: IO[bytes], headings: Sequence[Any], rows: Iterable[Sequence[Any]], sheet_title: str = "Export"
) -> None:
    """Write an XLSX workbook with openpyxl's write-only mode, which keeps rows on disk, not in memory."""
    TableSpreadsheet(_table(headings, rows, sheet_title=sheet_title), export_format=FORMAT_XLSX).write_file(file)


def xlsx_response(
    *, filename: str, headings: Sequence[Any], rows: Iterable[Sequence[Any]], sheet_title: str = "Export"
) -> StreamingHttpResponse:
    """Build the workbook in a temporary file, then stream that file in chunks."""
    table = _table(headings, rows, filename=filename, sheet_title=sheet_title)
    return TableSpreadsheet(table, export_format=FORMAT_XLSX).response()
