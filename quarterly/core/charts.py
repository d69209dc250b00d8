"""Server-side SVG charts. The same markup goes on web pages and (as PNG) into reports.

Each chart carries a title and a description for screen readers; the page shows the same
figures in a table beside it, so nothing is conveyed by the picture alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class ChartPoint:
    label: str
    value: float | None  # None: the period has no value (suppressed, say), drawn as a gap
    target: float | None = None


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (Heckbert's "nice numbers" for graph labels)."""
    if high - low <= 1e-9 * max(1.0, abs(low), abs(high)):
        # A flat series: give it a band around its value rather than a zero-height axis.
        pad = max(1.0, abs(high) * 0.1)
        low, high = low - pad, high + pad
    span = high - low
    step = 10 ** math.floor(math.log10(span / count))
    for multiple in (1, 2, 2.5, 5, 10):
        if span / (step * multiple) <= count:
            step *= multiple
            break
    first, last = math.floor(low / step), math.ceil(high / step)
    digits = max(0, 2 - math.floor(math.log10(step)))
    ticks = [round(index * step, digits) for index in range(first, last + 1)]
    # Division can underflow for values next to zero; make sure both ends are still covered.
    if ticks[0] > low:
        ticks.insert(0, round(ticks[0] - step, digits))
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, digits))
    return ticks


def _format(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


_LEFT, _RIGHT, _TOP = 64, 16, 16


def _frame(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    width: int,
    height: int,
    bottom: int,
    unit_suffix: str,
    decimals: int,
) -> tuple[Callable[[int], float], Callable[[float], float], list[str], float]:
    """The plot area shared by the time-series charts: its scales, the gridlines with their
    values, the x axis and as many period labels as fit. Returns x(index), y(value), the SVG
    parts drawn so far and the plot width."""
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _TOP - bottom
    ticks = nice_ticks(min(values), max(values))
    y_min, y_max = ticks[0], ticks[-1]

    def x(index: int) -> float:
        return _LEFT + (plot_w / 2 if len(labels) == 1 else plot_w * index / (len(labels) - 1))

    def y(value: float) -> float:
        return _TOP + plot_h * (1 - (value - y_min) / (y_max - y_min))

    parts = [
        f'<line class="app-chart__gridline" x1="{_LEFT}" x2="{width - _RIGHT}" y1="{y(tick):.1f}" '
        f'y2="{y(tick):.1f}"/><text class="app-chart__label" x="{_LEFT - 8}" y="{y(tick) + 4:.1f}" '
        f'text-anchor="end">{escape(_format(tick, max(0, decimals)))}{escape(unit_suffix)}</text>'
        for tick in ticks
    ]
    # Leave room for the longest label (about 7.5 px a character at the chart's font size).
    label_width = 7.5 * max(len(label) for label in labels) + 12
    every = max(1, math.ceil(len(labels) / max(1, plot_w // label_width)))
    parts += [
        f'<text class="app-chart__label" x="{x(index):.1f}" y="{height - bottom + 20}" '
        f'text-anchor="middle">{escape(label)}</text>'
        for index, label in enumerate(labels)
        if index % every == 0
    ]
    parts.append(
        f'<line class="app-chart__axis" x1="{_LEFT}" x2="{width - _RIGHT}" y1="{_TOP + plot_h}" '
        f'y2="{_TOP + plot_h}"/>'
    )
    return x, y, parts, plot_w


def trend_chart_svg(
    points: Sequence[ChartPoint],
    *,
    title: str,
    unit_suffix: str = "",
    decimals: int = 1,
    width: int = 720,
    height: int = 300,
) -> SafeString:
    """A line chart of results over time, with the target as a dashed step line. A period with
    no value is a gap: the line breaks there and no point is drawn."""
    valued = [(i, p.value) for i, p in enumerate(points) if p.value is not None]
    if not valued:
        return mark_safe("")
    left, right, bottom = _LEFT, _RIGHT, 56
    values = [v for _, v in valued] + [p.target for p in points if p.target is not None]
    x, y, parts, plot_w = _frame(
        [p.label for p in points], values, width=width, height=height, bottom=bottom,
        unit_suffix=unit_suffix, decimals=decimals,
    )  # fmt: skip
    target_path = []
    for index, point in enumerate(points):
        if point.target is None:
            continue
        half = (plot_w / (2 * max(1, len(points) - 1))) if len(points) > 1 else plot_w / 2
        x0, x1 = max(left, x(index) - half), min(width - right, x(index) + half)
        target_path.append(f"M{x0:.1f},{y(point.target):.1f}H{x1:.1f}")
    if target_path:
        parts.append(f'<path class="app-chart__target" d="{" ".join(target_path)}"/>')
    line = " ".join(
        f"{'L' if n and valued[n - 1][0] == i - 1 else 'M'}{x(i):.1f},{y(v):.1f}"
        for n, (i, v) in enumerate(valued)
    )
    parts.append(f'<path class="app-chart__line" d="{line}"/>')
    for index, value in valued:
        parts.append(
            f'<circle class="app-chart__point" cx="{x(index):.1f}" cy="{y(value):.1f}" r="3.5">'
            f"<title>{escape(points[index].label)}: {escape(_format(value, decimals))}"
            f"{escape(unit_suffix)}</title></circle>"
        )
    legend_y = height - 12
    parts.append(
        f'<line class="app-chart__line" x1="{left}" x2="{left + 24}" y1="{legend_y - 4}" '
        f'y2="{legend_y - 4}"/><text class="app-chart__label" x="{left + 30}" y="{legend_y}">Result</text>'
    )
    if target_path:
        parts.append(
            f'<line class="app-chart__target" x1="{left + 100}" x2="{left + 124}" y1="{legend_y - 4}" '
            f'y2="{legend_y - 4}"/><text class="app-chart__label" x="{left + 130}" y="{legend_y}">'
            "Target</text>"
        )
    (first, first_value), (last, last_value) = (
        (points[valued[0][0]].label, valued[0][1]),
        (points[valued[-1][0]].label, valued[-1][1]),
    )
    gaps = len(points) - len(valued)
    description = (
        f"{len(valued)} results from {first} ({_format(first_value, decimals)}{unit_suffix}) "
        f"to {last} ({_format(last_value, decimals)}{unit_suffix})"
        + (
            f", with {gaps} period{'s' if gaps != 1 else ''} with no value shown as a gap"
            if gaps
            else ""
        )
        + ". The table below gives every figure."
    )
    svg = (
        f'<svg class="app-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every interpolated text is escaped above


@dataclass(frozen=True)
class SpcPoint:
    label: str
    value: float | None  # None or NaN: a gap (no value for the period)
    centre: float | None
    lower: float | None
    upper: float | None
    kind: str  # "common", "improvement", "concern" or "neutral" ("gap" for no value)
    signal: str  # the signal in words, for the tooltip
    recalculated: str = ""  # why limits start again at this point (an accepted recalculation)
    lower_bound: float | None = None  # where the lower limit was bounded (e.g. 0%), if it was
    upper_bound: float | None = None  # where the upper limit was bounded (e.g. 100%), if it was


def _known(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


_SPC_KINDS = {
    "common": "Common cause",
    "improvement": "Special cause improvement",
    "concern": "Special cause concern",
    "neutral": "Special cause (neither better nor worse)",
}


def _marker(kind: str, cx: float, cy: float, title: str) -> str:
    """Each kind of point has its own shape, so colour is never the only signal."""
    css = f"app-chart__point app-chart__point--{kind}"
    inner = f"<title>{escape(title)}</title>"
    if kind == "improvement":  # triangle
        return f'<path class="{css}" d="M{cx:.1f},{cy - 6:.1f}L{cx + 6:.1f},{cy + 5:.1f}L{cx - 6:.1f},{cy + 5:.1f}Z">{inner}</path>'
    if kind == "concern":  # square
        return f'<rect class="{css}" x="{cx - 5:.1f}" y="{cy - 5:.1f}" width="10" height="10">{inner}</rect>'
    if kind == "neutral":  # diamond
        return f'<path class="{css}" d="M{cx:.1f},{cy - 6:.1f}L{cx + 6:.1f},{cy:.1f}L{cx:.1f},{cy + 6:.1f}L{cx - 6:.1f},{cy:.1f}Z">{inner}</path>'
    return f'<circle class="{css}" cx="{cx:.1f}" cy="{cy:.1f}" r="3.5">{inner}</circle>'


def spc_chart_svg(
    points: Sequence[SpcPoint],
    *,
    title: str,
    target: float | None = None,
    unit_suffix: str = "",
    decimals: int = 1,
    width: int = 720,
    height: int = 320,
) -> SafeString:
    """An XmR chart (Making Data Count): values, mean, process limits, target, special causes.

    Where limits start again (a point with `recalculated`), the mean and limits break into
    separate segments and a vertical line marks the break; its reason is in the line's tooltip
    and in the chart's description. A period without a value (None or NaN) is a gap: the line
    of values breaks there and it has no marker (never a zero). A limit bounded to the possible
    range (`upper_bound` / `lower_bound`) is labelled on the chart ("Upper limit bounded at
    100%") and in its description.
    """
    values = [
        v
        for p in points
        for v in (p.value, p.lower, p.upper)
        if v is not None and not math.isnan(v)
    ] + ([target] if target is not None else [])
    if not points or not any(_known(p.value) for p in points):
        return mark_safe("")
    left, right, bottom = _LEFT, _RIGHT, 76
    x, y, parts, _ = _frame(
        [p.label for p in points], values, width=width, height=height, bottom=bottom,
        unit_suffix=unit_suffix, decimals=decimals,
    )  # fmt: skip

    def step(attr: str, *, breaks: bool = True) -> str:
        # Limits are steps: they change only where the chart is rebased, and start afresh there.
        # A missing figure breaks the line: the next one starts a new piece.
        path, moved = [], True
        for i, p in enumerate(points):
            value = getattr(p, attr)
            if not _known(value):
                moved = True
                continue
            command = "M" if moved or (breaks and p.recalculated) else "L"
            path.append(f"{command}{x(i):.1f},{y(value):.1f}")
            moved = False
        return " ".join(path)

    recalculated = [(i, p) for i, p in enumerate(points) if i > 0 and p.recalculated]
    for index, point in recalculated:
        mid = (x(index - 1) + x(index)) / 2
        tip = f"Limits recalculated from {point.label}: {point.recalculated}"
        parts.append(
            f'<line class="app-chart__axis app-chart__break" '
            f'x1="{mid:.1f}" x2="{mid:.1f}" y1="{_TOP}" y2="{height - bottom}"><title>{escape(tip)}</title></line>'
            f'<text class="app-chart__label" x="{mid + 4:.1f}" y="{_TOP + 12}">Recalculated</text>'
        )

    parts.append(
        f'<path class="app-chart__limit" d="{step("lower")}"/><path class="app-chart__limit" d="{step("upper")}"/>'
    )
    parts.append(f'<path class="app-chart__centre" d="{step("centre")}"/>')
    if target is not None:
        parts.append(
            f'<line class="app-chart__target" x1="{left}" x2="{width - right}" y1="{y(target):.1f}" y2="{y(target):.1f}"/>'
        )
    bounded = []
    for attr, word in (("upper_bound", "Upper"), ("lower_bound", "Lower")):
        index = max((i for i, p in enumerate(points) if getattr(p, attr) is not None), default=-1)
        if index >= 0:
            at = getattr(points[index], attr)
            text = f"{word} limit bounded at {_format(at, decimals)}{unit_suffix}"
            bounded.append(text)
            below = 14 if word == "Upper" else -6
            parts.append(
                f'<text class="app-chart__label" x="{x(index):.1f}" y="{y(at) + below:.1f}" '
                f'text-anchor="end">{escape(text)}</text>'
            )
    parts.append(f'<path class="app-chart__line" d="{step("value", breaks=False)}"/>')
    for index, point in enumerate(points):
        value = point.value
        if value is None or math.isnan(value):
            continue
        tip = f"{point.label}: {_format(value, decimals)}{unit_suffix}, {point.signal}"
        parts.append(_marker(point.kind, x(index), y(value), tip))
    legend = [("centre", "Mean"), ("limit", "Process limits")] + (
        [("target", "Target")] if target is not None else []
    )
    if recalculated:
        legend.append(("axis app-chart__break", "Limits recalculated"))
    lx, ly = left, height - 36
    for css, text in legend:
        parts.append(
            f'<line class="app-chart__{css}" x1="{lx}" x2="{lx + 24}" y1="{ly - 4}" y2="{ly - 4}"/>'
            f'<text class="app-chart__label" x="{lx + 30}" y="{ly}">{text}</text>'
        )
        lx += 40 + 8 * len(text)
    lx, ly = left, height - 12
    shown = {p.kind for p in points if _known(p.value)}
    for kind in sorted(shown, key=list(_SPC_KINDS).index):
        parts.append(_marker(kind, lx + 6, ly - 4, _SPC_KINDS[kind]))
        parts.append(
            f'<text class="app-chart__label" x="{lx + 18}" y="{ly}">{_SPC_KINDS[kind]}</text>'
        )
        lx += 30 + 7.5 * len(_SPC_KINDS[kind])
    known = [p for p in points if _known(p.value)]
    gaps = [p.label for p in points if not _known(p.value)]
    special = sum(1 for p in known if p.kind != "common")
    last = known[-1]

    def figure(value: float | None) -> str:
        if value is None or math.isnan(value):
            return "none"
        return f"{_format(value, decimals)}{unit_suffix}"

    description = (
        f"{len(known)} points; mean {figure(last.centre)}, process limits "
        f"{figure(last.lower)} to {figure(last.upper)}"
        + "".join(f", {text[0].lower()}{text[1:]}" for text in bounded)
        + f"; {special} point{'s' if special != 1 else ''} showing special cause. "
        + (f"No value for {', '.join(gaps)}: the line breaks there. " if gaps else "")
        + "".join(
            f"Limits recalculated from {p.label}: {p.recalculated.rstrip('.')}. "
            for _, p in recalculated
        )
        + "The table below gives every figure."
    )
    svg = (
        f'<svg class="app-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="spc-title spc-desc" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="spc-title">{escape(title)}</title>'
        f'<desc id="spc-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every interpolated text is escaped above


def sparkline_svg(
    points: Sequence[ChartPoint],
    *,
    title: str,
    unit_prefix: str = "",
    unit_suffix: str = "",
    decimals: int = 1,
    width: int = 120,
    height: int = 32,
) -> SafeString:
    """A small line of recent results for a table cell, the latest marked with a dot.

    It has no axes: its aria-label names the first and last results, and the table row beside
    it gives the figures that matter. It draws in the text colour, so it stays visible in
    forced-colours (high contrast) modes.
    """
    if not points:
        return mark_safe("")
    pad = 4
    values = [p.value for p in points]
    low, high = min(values), max(values)

    def x(index: int) -> float:
        share = index / (len(points) - 1) if len(points) > 1 else 0.5
        return pad + (width - 2 * pad) * share

    def y(value: float) -> float:
        if high - low <= 1e-12 * max(1.0, abs(high)):
            return height / 2  # a flat series: a level line across the middle
        return pad + (height - 2 * pad) * (1 - (value - low) / (high - low))

    def shown(value: float) -> str:
        sign = "-" if value < 0 and round(value, decimals) != 0 else ""
        return f"{sign}{unit_prefix}{_format(abs(value), decimals)}{unit_suffix}"

    line = " ".join(f"{'M' if i == 0 else 'L'}{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    first, last = points[0], points[-1]
    label = (
        f"{title}: {len(points)} results from {first.label} ({shown(first.value)}) "
        f"to {last.label} ({shown(last.value)})"
    )
    svg = (
        f'<svg class="app-sparkline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">'
        f'<path d="{line}" fill="none" stroke="currentColor" stroke-width="2" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
        f'<circle cx="{x(len(points) - 1):.1f}" cy="{y(last.value):.1f}" r="3" '
        'fill="currentColor"/></svg>'
    )
    return mark_safe(svg)  # noqa: S308 - the only interpolated text is escaped above
