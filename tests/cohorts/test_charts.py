"""Server-rendered SVG charts: accessible, numbers as text, labels escaped."""

from cohorts.charts import Bar, bar_chart_svg


def test_chart_prints_every_value_as_text_and_names_itself():
    svg = bar_chart_svg(
        chart_id="facility",
        title="Indice de facilité",
        description="Une barre par question",
        bars=[Bar(label="Q1", value=0.5, text="50 %"), Bar(label="Q2", value=None, text="n.d.")],
    )
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-labelledby="facility-title facility-desc"' in svg
    assert "50 %" in svg
    assert "n.d." in svg
    assert svg.count("<rect x=") == 1  # no bar for a missing value


def test_flagged_bars_are_marked_by_text_and_pattern_not_colour_alone():
    svg = bar_chart_svg(
        chart_id="eff",
        title="t",
        description="d",
        bars=[Bar(label="Q1", value=0.1, text="10 %", flagged=True)],
        threshold=0.15,
        threshold_label="15 %",
    )
    assert "⚠ Q1" in svg
    assert 'fill="url(#eff-hatch)"' in svg
    assert "15 %" in svg


def test_labels_and_ids_are_escaped():
    svg = bar_chart_svg(
        chart_id='x"><script>',
        title="<b>t</b>",
        description="d",
        bars=[Bar(label="<script>alert(1)</script>", value=2.0, text="&")],
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert 'id="xscript-title"' in svg
    assert 'width="360.0"' in svg  # values above the axis are clipped
