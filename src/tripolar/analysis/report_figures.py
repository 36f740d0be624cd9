"""The report's Plotly figures, each made from an analysis result (its JSON form) or a series set."""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

_SIGN_COLOURS = [[0.0, "#c0392b"], [0.5, "#dddddd"], [1.0, "#27ae60"]]
_CONFIGURATIONS = ["unit_veto", "stable_marriage", "romantic_triangle", "menage_a_trois", "undetermined"]
_BAND_FILL = "rgba(72,120,200,0.18)"


def series_figure(series: Any) -> go.Figure:
    """One line per directed dyad; each trace is named by its dyad (the click panel looks events up by it)."""
    figure = go.Figure()
    # A mean over no events is a placeholder zero, not a neutral month: it is drawn as a gap.
    gaps = series.counts is not None and series.measure.endswith("_mean")
    for dyad in series.dyads:
        counts = series.counts[dyad].tolist() if series.counts is not None else None
        values = series.values[dyad].tolist()
        if gaps:
            values = [value if count else None for value, count in zip(values, counts, strict=True)]
        figure.add_trace(go.Scatter(
            x=series.periods, y=values, name=dyad, mode="lines+markers",
            customdata=counts, hovertemplate="%{x}: %{y:.2f}" + (" (%{customdata} events)" if counts else "")))
    figure.update_layout(yaxis_title=series.measure.replace("_", " ") + (" (gaps: no events)" if gaps else ""),
                         hovermode="closest", height=420, margin={"t": 30})
    return figure


def configuration_figure(reading: dict[str, Any]) -> go.Figure:
    """Top: each pair's sign per period (green amity, red enmity, grey none). Bottom: the configuration."""
    periods = [item["period"] for item in reading["periods"]]
    pairs = list(reading["periods"][0]["dyads"]) if reading["periods"] else []
    signs = [[{"+": 1, "-": -1}.get(item["dyads"][pair]["sign"], 0) for item in reading["periods"]] for pair in pairs]
    hover = [[f"{pair} {item['period']}: score {item['dyads'][pair]['score']}, {item['dyads'][pair]['events']} events"
              + (f"; {item['dyads'][pair]['reason']}" if item["dyads"][pair].get("reason") else "")
              for item in reading["periods"]] for pair in pairs]
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.55, 0.45], vertical_spacing=0.06)
    figure.add_trace(go.Heatmap(x=periods, y=pairs, z=signs, zmin=-1, zmax=1, colorscale=_SIGN_COLOURS,
                                showscale=False, text=hover, hoverinfo="text"), row=1, col=1)
    figure.add_trace(go.Scatter(
        x=periods, y=[item["configuration"] for item in reading["periods"]], mode="markers", name="configuration",
        text=[f"pivot {item['pivot']}" if item["pivot"] else "" for item in reading["periods"]],
        hovertemplate="%{x}: %{y} %{text}<extra></extra>"), row=2, col=1)
    figure.update_yaxes(categoryorder="array", categoryarray=_CONFIGURATIONS, row=2, col=1)
    figure.update_layout(height=380, showlegend=False, margin={"t": 20})
    return figure


def _grid(titles: list[str]) -> go.Figure:
    columns = min(3, max(1, len(titles)))
    rows = max(1, math.ceil(len(titles) / columns))
    return make_subplots(rows=rows, cols=columns, subplot_titles=titles, shared_xaxes=False)


def _band(figure: go.Figure, x: list[Any], band: dict[str, list[float | None]], position: tuple[int, int],
          name: str) -> None:
    row, column = position
    figure.add_trace(go.Scatter(x=x + x[::-1], y=band["upper"] + band["lower"][::-1], fill="toself",
                                fillcolor=_BAND_FILL, line={"width": 0}, hoverinfo="skip", showlegend=False),
                     row=row, col=column)
    figure.add_trace(go.Scatter(x=x, y=band["mean"], name=name, mode="lines", line={"color": "#2c5aa0"},
                                showlegend=False), row=row, col=column)


def irf_figure(result: dict[str, Any]) -> go.Figure:
    """Each series' response to a shock in the other side's behaviour (the reciprocity link), 95% bands."""
    responses = result["irf"]["responses"]
    panels = []
    for response in result["series"]:
        source, target = response.split("->")
        impulse = f"{target}->{source}"
        if impulse in responses[response]:
            panels.append((response, impulse))
    figure = _grid([f"{response} to a shock in {impulse}" for response, impulse in panels])
    steps = list(range(result["irf"]["horizon"] + 1))
    for number, (response, impulse) in enumerate(panels):
        _band(figure, steps, responses[response][impulse], (number // 3 + 1, number % 3 + 1),
              f"{response} ← {impulse}")
    figure.update_layout(height=300 * math.ceil(max(1, len(panels)) / 3), margin={"t": 40})
    return figure


def forecast_figure(series: Any, result: dict[str, Any]) -> go.Figure:
    """History (the last two years' worth of periods) and the forecast with its interval, per dyad."""
    dyads = list(result["forecasts"])[:6]
    figure = _grid(dyads)
    history = series.periods[-24:]
    for number, dyad in enumerate(dyads):
        position = (number // 3 + 1, number % 3 + 1)
        figure.add_trace(go.Scatter(x=history, y=series.values[dyad].tolist()[-24:], mode="lines",
                                    line={"color": "#555"}, showlegend=False), row=position[0], col=position[1])
        ahead = result["forecasts"][dyad]
        _band(figure, [step["period"] for step in ahead], {key: [step[key] for step in ahead]
                                                          for key in ("mean", "lower", "upper")}, position, dyad)
    figure.update_layout(height=300 * math.ceil(max(1, len(dyads)) / 3), margin={"t": 40})
    return figure


def scenario_figure(result: dict[str, Any]) -> go.Figure:
    """Every series' response to the shock, with the simulated interval."""
    dyads = list(result["responses"])
    figure = _grid(dyads)
    steps = list(range(len(next(iter(result["responses"].values()))["mean"]))) if dyads else []
    for number, dyad in enumerate(dyads):
        _band(figure, steps, result["responses"][dyad], (number // 3 + 1, number % 3 + 1), dyad)
    figure.update_layout(height=300 * math.ceil(max(1, len(dyads)) / 3), margin={"t": 40})
    return figure
