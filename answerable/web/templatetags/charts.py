"""`{% bar_chart title rows %}`: an SVG bar chart (web/charts.py) in a page."""

from collections.abc import Sequence
from typing import Any

from django import template

from answerable.web.charts import bar_chart as make_chart

register = template.Library()


@register.inclusion_tag("web/chart.html")
def bar_chart(
    title: str, rows: Sequence[tuple[str, int | None]], chart_id: str = "chart"
) -> dict[str, Any]:
    return {"chart": make_chart(title, list(rows)), "chart_id": chart_id}
