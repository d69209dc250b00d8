"""A caterpillar chart: every area of a comparator group, sorted by value, with its 95%
confidence interval, the council's own area marked and named, and England's value as a line.

Server-side SVG like the other charts (`charts.py`): a title and a description for screen
readers, and a data table beside it on the page with every figure, so nothing depends on the
picture. The council's own area differs by shape (a larger diamond) and by its label, never by
colour alone; England's line is dashed and labelled with its value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from quarterly.core.charts import nice_ticks

_LEFT, _RIGHT, _TOP = 64, 16, 28
_NAMED_AREAS = 16  # up to this many, each area is named under the axis


@dataclass(frozen=True)
class CaterpillarPoint:
    label: str
    value: float
    lower: float | None = None
    upper: float | None = None
    own: bool = False


def _format(value: float, decimals: int, suffix: str) -> str:
    return f"{value:,.{decimals}f}{suffix}"


def _tip(point: CaterpillarPoint, decimals: int, suffix: str) -> str:
    text = f"{point.label}: {_format(point.value, decimals, suffix)}"
    if point.lower is not None and point.upper is not None:
        low, high = _format(point.lower, decimals, suffix), _format(point.upper, decimals, suffix)
        text += f" (95% confidence interval {low} to {high})"
    return text


def _diamond(cx: float, cy: float, size: float, css: str, title: str) -> str:
    return (
        f'<path class="{css}" d="M{cx:.1f},{cy - size:.1f}L{cx + size:.1f},{cy:.1f}'
        f'L{cx:.1f},{cy + size:.1f}L{cx - size:.1f},{cy:.1f}Z"><title>{escape(title)}</title></path>'
    )


def caterpillar_svg(
    points: Sequence[CaterpillarPoint],
    *,
    title: str,
    id_prefix: str,
    england: float | None = None,
    unit_suffix: str = "",
    decimals: int = 1,
    width: int = 720,
) -> SafeString:
    """The chart of `points` (areas without a value are left out: the table lists them)."""
    if not points:
        return mark_safe("")
    ordered = sorted(points, key=lambda p: (p.value, p.label))
    named = len(ordered) <= _NAMED_AREAS
    # room for the names, written at 40° (each character about 5.5 px further down), and the
    # legend below them
    longest = max(len(p.label) for p in ordered)
    bottom = max(72, 40 + round(5.5 * longest)) if named else 72
    height = 300 + (bottom - 72)
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _TOP - bottom
    values = [p.value for p in ordered]
    values += [v for p in ordered for v in (p.lower, p.upper) if v is not None]
    if england is not None:
        values.append(england)
    ticks = nice_ticks(min(values), max(values))
    y_min, y_max = ticks[0], ticks[-1]
    step = plot_w / len(ordered)

    def x(index: int) -> float:
        return _LEFT + step * (index + 0.5)

    def y(value: float) -> float:
        return _TOP + plot_h * (1 - (value - y_min) / (y_max - y_min))

    parts = [
        f'<line class="app-chart__gridline" x1="{_LEFT}" x2="{width - _RIGHT}" y1="{y(t):.1f}" '
        f'y2="{y(t):.1f}"/><text class="app-chart__label" x="{_LEFT - 8}" y="{y(t) + 4:.1f}" '
        f'text-anchor="end">{escape(_format(t, max(0, decimals), unit_suffix))}</text>'
        for t in ticks
    ]
    axis_y = _TOP + plot_h
    parts.append(
        f'<line class="app-chart__axis" x1="{_LEFT}" x2="{width - _RIGHT}" y1="{axis_y}" '
        f'y2="{axis_y}"/>'
    )
    if england is not None:
        parts.append(
            f'<line class="app-chart__target" x1="{_LEFT}" x2="{width - _RIGHT}" '
            f'y1="{y(england):.1f}" y2="{y(england):.1f}"/><text class="app-chart__label" '
            f'x="{width - _RIGHT}" y="{y(england) - 6:.1f}" text-anchor="end">England '
            f"{escape(_format(england, decimals, unit_suffix))}</text>"
        )
    radius = max(1.5, min(3.5, step / 3))
    css = "app-chart__point" + (" app-chart__point--dense" if radius < 3 else "")
    for index, point in enumerate(ordered):
        cx, tip = x(index), _tip(point, decimals, unit_suffix)
        if point.lower is not None and point.upper is not None:
            parts.append(
                f'<line class="app-chart__interval" x1="{cx:.1f}" x2="{cx:.1f}" '
                f'y1="{y(point.lower):.1f}" y2="{y(point.upper):.1f}"/>'
            )
        if point.own:
            parts.append(
                _diamond(cx, y(point.value), 7, "app-chart__point app-chart__point--own", tip)
            )
            top = min(y(point.value), y(point.upper) if point.upper is not None else axis_y) - 12
            anchor = "start" if index < len(ordered) / 3 else "end" if index > 2 * len(ordered) / 3 else "middle"  # fmt: skip
            parts.append(
                f'<text class="app-chart__label app-chart__label--own" x="{cx:.1f}" '
                f'y="{max(top, 12):.1f}" text-anchor="{anchor}">{escape(point.label)}</text>'
            )
        else:
            parts.append(
                f'<circle class="{css}" cx="{cx:.1f}" cy="{y(point.value):.1f}" '
                f'r="{radius:.1f}"><title>{escape(tip)}</title></circle>'
            )
        if named:
            parts.append(
                f'<text class="app-chart__label" x="{cx:.1f}" y="{axis_y + 14}" '
                f'text-anchor="end" transform="rotate(-40 {cx:.1f} {axis_y + 14})">'
                f"{escape(point.label)}</text>"
            )
    if not named:
        parts.append(
            f'<text class="app-chart__label" x="{_LEFT + plot_w / 2:.1f}" y="{axis_y + 20}" '
            f'text-anchor="middle">{len(ordered)} areas, lowest value on the left</text>'
        )
    parts.append(_legend(ordered, england, height))
    svg = (
        f'<svg class="app-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{id_prefix}-title">{escape(title)}</title>'
        f'<desc id="{id_prefix}-desc">{escape(_description(ordered, england, decimals, unit_suffix))}'
        "</desc>" + "".join(parts) + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every interpolated text is escaped above


def _legend(ordered: Sequence[CaterpillarPoint], england: float | None, height: int) -> str:
    lx, ly = _LEFT, height - 12
    parts = []
    own = next((p for p in ordered if p.own), None)
    if own is not None:
        parts.append(
            _diamond(lx + 6, ly - 4, 6, "app-chart__point app-chart__point--own", own.label)
        )
        parts.append(
            f'<text class="app-chart__label" x="{lx + 18}" y="{ly}">{escape(own.label)}</text>'
        )
        lx += 40 + 8 * len(own.label)
    parts.append(
        f'<line class="app-chart__interval" x1="{lx + 6}" x2="{lx + 6}" y1="{ly - 12}" y2="{ly + 4}"/>'
        f'<circle class="app-chart__point" cx="{lx + 6}" cy="{ly - 4}" r="3.5"/>'
        f'<text class="app-chart__label" x="{lx + 18}" y="{ly}">Area, with its 95% confidence '
        "interval</text>"
    )
    lx += 320
    if england is not None:
        parts.append(
            f'<line class="app-chart__target" x1="{lx}" x2="{lx + 24}" y1="{ly - 4}" y2="{ly - 4}"/>'
            f'<text class="app-chart__label" x="{lx + 30}" y="{ly}">England</text>'
        )
    return "".join(parts)


def _description(
    ordered: Sequence[CaterpillarPoint], england: float | None, decimals: int, suffix: str
) -> str:
    first, last = ordered[0], ordered[-1]
    text = (
        f"{len(ordered)} areas sorted by value, from {first.label} "
        f"({_format(first.value, decimals, suffix)}) to {last.label} "
        f"({_format(last.value, decimals, suffix)}). "
    )
    own = next((p for p in ordered if p.own), None)
    if own is not None:
        text += f"{own.label}: {_format(own.value, decimals, suffix)}. "
    if england is not None:
        text += f"England: {_format(england, decimals, suffix)}. "
    return text + "The table below gives every figure."
