"""Exports: formula injection neutralised in CSV and XLSX, streamed responses."""

import csv
import io

from django.http import StreamingHttpResponse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from cohorts.exports import FORMULA_TRIGGERS, cell_neutralise, csv_lines, csv_response, xlsx_response, xlsx_write

texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
dangerous = st.builds(lambda trigger, rest: trigger + rest, st.sampled_from(FORMULA_TRIGGERS), texts)


def _csv_cells(headings, rows):
    text = "".join(csv_lines(headings=headings, rows=rows)).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


@given(st.one_of(texts, dangerous))
def test_no_csv_cell_can_start_a_formula(value):
    cells = _csv_cells(["h"], [[value]])
    exported = cells[1][0]
    assert not exported.startswith(FORMULA_TRIGGERS)
    if value.startswith(FORMULA_TRIGGERS):
        assert exported == "'" + value
    else:
        assert exported == value


@given(dangerous)
def test_dangerous_text_gets_a_leading_apostrophe(value):
    assert cell_neutralise(value) == "'" + value


def test_numbers_are_left_alone():
    assert cell_neutralise(-3) == -3
    assert cell_neutralise(2.5) == 2.5


def test_headings_are_neutralised_too():
    assert _csv_cells(["=cmd|' /C calc'!A0"], [])[0] == ["'=cmd|' /C calc'!A0"]


@given(st.lists(st.one_of(texts, dangerous), min_size=1, max_size=5))
def test_no_xlsx_cell_is_a_formula_or_starts_like_one(values):
    buffer = io.BytesIO()
    xlsx_write(file=buffer, headings=["h"] * len(values), rows=[values])
    buffer.seek(0)
    sheet = load_workbook(buffer).active
    row = list(next(sheet.iter_rows(min_row=2, max_row=2)))
    for cell in row:
        assert cell.data_type != "f"
        assert not str(cell.value or "").startswith(FORMULA_TRIGGERS)


def test_csv_response_streams_with_attachment_name():
    response = csv_response(filename="Cohorte A", headings=["a"], rows=iter([["x"], ["=1+1"]]))
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"] == 'attachment; filename="cohorte-a.csv"'
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffa\r\n")
    assert "'=1+1" in body


def test_xlsx_response_streams_a_workbook():
    response = xlsx_response(filename="rapport", headings=["a", "b"], rows=iter([["@SUM(A1)", 3]]))
    assert isinstance(response, StreamingHttpResponse)
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [cell.value for cell in sheet[2]] == ["'@SUM(A1)", 3]


def test_the_french_excel_csv_uses_semicolons_and_decimal_commas_and_still_neutralises():
    from decimal import Decimal

    text = "".join(
        csv_lines(
            headings=["Nom", "Score"], rows=[["Dupré, Camille", Decimal("52.94")], ["=1+1", 0.5]], french_excel=True
        )
    )

    assert text.startswith("\ufeffNom;Score\r\n")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert rows[1:] == [["Dupré, Camille", "52,94"], ["'=1+1", "0,5"]]


def test_xlsx_headings_are_neutralised_too_where_wagtails_mixin_would_write_a_formula():
    buffer = io.BytesIO()
    xlsx_write(file=buffer, headings=["=cmd|' /C calc'!A0", "Score"], rows=[])
    buffer.seek(0)
    sheet = load_workbook(buffer).active
    assert sheet["A1"].value == "'=cmd|' /C calc'!A0"
    assert sheet["A1"].data_type == "s"
