"""Bar charts drawn on the server (web/charts.py): their geometry, withheld figures, and the
SVG the `{% bar_chart %}` tag puts in a page."""

import itertools
import re

import pytest
from django.template import Context, Template

from answerable.web.charts import BAR_AREA, BAR_HEIGHT, LABEL_WIDTH, MAX_LABEL, ROW, TOP, bar_chart


def test_the_largest_bar_fills_the_bar_area_and_the_others_are_in_proportion():
    chart = bar_chart("Custodies", [("Govan", 76), ("Cathcart", 38), ("Wick", 19), ("Ayr", 0)])
    widths = [bar.width for bar in chart.bars]
    assert widths == [BAR_AREA, BAR_AREA // 2, BAR_AREA // 4, 0]
    assert [bar.value_text for bar in chart.bars] == ["76", "38", "19", "0"]
    # The value printed after the longest bar is still inside the chart.
    assert LABEL_WIDTH + BAR_AREA + chart.value_x_offset < chart.width


def test_bars_are_stacked_one_under_another_and_the_chart_holds_them():
    chart = bar_chart("Custodies", [(str(n), n) for n in range(1, 6)])
    ys = [bar.y for bar in chart.bars]
    assert ys[0] == TOP and all(b - a == ROW for a, b in itertools.pairwise(ys))
    assert chart.height >= ys[-1] + BAR_HEIGHT + TOP
    assert all(bar.text_y < bar.y + BAR_HEIGHT for bar in chart.bars)
    # Each label is on the line above its bar, below the bar before it.
    assert all(0 < bar.label_y < bar.y for bar in chart.bars)
    assert all(b.label_y - 16 > a.y + BAR_HEIGHT for a, b in itertools.pairwise(chart.bars))


def test_the_chart_fits_half_the_page_column_so_its_text_is_drawn_at_body_size():
    # GOV.UK's page is at most 960px wide: half a column is 450px. A chart no wider is
    # never scaled down, so its 16px labels stay 16px at normal zoom.
    chart = bar_chart("Custodies", [("Govan", 76)])
    assert chart.width <= 450


def test_a_withheld_figure_has_no_bar_and_is_labelled_c_never_0():
    chart = bar_chart("Custodies", [("Govan", 76), ("Dundee", None), ("Ayr", 0)])
    withheld = chart.bars[1]
    assert withheld.withheld and withheld.width == 0 and withheld.value_text == "[c]"
    assert chart.bars[0].width == BAR_AREA  # a withheld figure is not the largest
    assert chart.bars[2].value_text == "0" and not chart.bars[2].withheld
    assert "1 withheld ([c])" in chart.description


def test_a_figure_above_zero_always_has_a_bar():
    chart = bar_chart("Custodies", [("Govan", 100_000), ("Wick", 1)])
    assert chart.bars[0].width == BAR_AREA and chart.bars[1].width == 1
    assert chart.bars[0].value_text == "100,000"


def test_empty_rows_give_an_empty_chart_that_says_so():
    chart = bar_chart("Nothing yet", [])
    assert chart.bars == () and chart.description == "No figures."
    assert chart.height == BAR_HEIGHT + TOP * 2  # never a chart of no height


def test_only_withheld_or_zero_figures_draw_no_bars():
    chart = bar_chart("Custodies", [("Dundee", None), ("Ayr", 0)])
    assert [bar.width for bar in chart.bars] == [0, 0]
    assert chart.description.startswith("2 bars; the largest is 0.")


def test_long_labels_are_shortened_and_negative_figures_refused():
    chart = bar_chart("Custodies", [("x" * (MAX_LABEL + 16), 3)])
    assert len(chart.bars[0].label) == MAX_LABEL and chart.bars[0].label.endswith("…")
    with pytest.raises(ValueError, match="negative"):
        bar_chart("Custodies", [("Govan", -1)])


def test_the_tag_draws_an_accessible_svg_with_a_rect_per_shown_figure():
    html = Template('{% load charts %}{% bar_chart "By centre" rows "by-centre" %}').render(
        Context({"rows": [("Govan", 76), ("Dundee", None), ("Ayr <b>", 0)]})
    )
    assert 'role="img"' in html and 'aria-labelledby="by-centre-title by-centre-desc"' in html
    assert '<title id="by-centre-title">By centre</title>' in html
    assert len(re.findall(r"<rect\b", html)) == 2  # Govan and Ayr; none for the withheld
    assert f'width="{BAR_AREA}"' in html and ">[c]</text>" in html
    assert "Ayr &lt;b&gt;" in html and "<b>" not in html  # labels are escaped
    assert "style=" not in html  # the site's CSP allows no inline style
