"""Bar charts drawn as SVG on the server, beside the table they show (pure functions).

Server-drawn so that they work without JavaScript and under the content security policy;
each chart is an image with a title and a text description, and its table beside it carries
the exact figures (GOV.UK Design System: "always provide the data in a table").
A withheld figure ([c], disclosure control) is drawn as no bar, labelled [c], never as 0.

Legible at normal zoom: the chart is as wide as half the page's column (where it sits, beside
its table), so it is drawn at its own size and its text is body size (16px); each label is
on its own line above its bar, so that a long label needs no narrow column of its own.
"""

from collections.abc import Sequence
from dataclasses import dataclass

LABEL_WIDTH = 0  # labels sit above their bars, not beside them
LABEL_HEIGHT = 22  # one line of 16px text
BAR_AREA = 360
VALUE_WIDTH = 80  # "100,000" in 16px text, after the longest bar
BAR_HEIGHT = 22
GAP = 10
ROW = LABEL_HEIGHT + BAR_HEIGHT + GAP
TOP = LABEL_HEIGHT + 4
MAX_LABEL = 52  # 16px Arial across the chart's width


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: int
    width: int
    withheld: bool

    @property
    def text_y(self) -> int:
        """The baseline of the figure, level with the bar."""
        return self.y + BAR_HEIGHT - 6

    @property
    def label_y(self) -> int:
        """The baseline of the label, on the line above the bar."""
        return self.y - 7


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    value_x_offset: int = 6
    label_x: int = 2


def shorten(label: str, limit: int = MAX_LABEL) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(title: str, rows: Sequence[tuple[str, int | None]]) -> Chart:
    """One horizontal bar per row; None is a withheld figure. The largest figure fills the
    bar area; a negative figure (not a count) is refused."""
    negative = [label for label, value in rows if value is not None and value < 0]
    if negative:
        raise ValueError(f"a bar chart of counts cannot show negative figures: {negative}")
    shown = [value for _, value in rows if value is not None]
    largest = max(shown, default=0)
    bars = []
    for index, (label, value) in enumerate(rows):
        y = TOP + index * ROW
        if value is None:
            bars.append(Bar(shorten(label), "[c]", y, 0, True))
            continue
        # A figure above zero is never drawn as no bar: that would read as 0 (or as [c]).
        width = max(1, round(BAR_AREA * value / largest)) if value > 0 else 0
        bars.append(Bar(shorten(label), f"{value:,}", y, width, False))
    withheld = sum(1 for bar in bars if bar.withheld)
    if not bars:
        description = "No figures."
    else:
        description = f"{len(bars)} bar{'s' if len(bars) != 1 else ''}; the largest is {largest:,}."
    if withheld:
        description += f" {withheld} withheld ([c]) under disclosure control."
    height = TOP + len(bars) * ROW
    return Chart(
        title=title,
        description=description,
        bars=tuple(bars),
        width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        height=max(height, BAR_HEIGHT + TOP * 2),
    )
