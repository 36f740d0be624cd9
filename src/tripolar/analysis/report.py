"""One self-contained HTML report: the dyad series, the triangle over time, its dynamics, breaks,
forecasts with their backtest, a scenario and the hypotheses, each figure linked to its evidence.

The page carries Plotly's script inline, so it opens offline and can be mailed as one file. Clicking
a point of the dyad series shows the events of that dyad and period with the sentences they were read
in. A section whose analysis cannot run on the data (too few periods, say) says why instead of
failing the report.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tripolar import __version__
from tripolar.analysis.inputs import SeriesRequest
from tripolar.analysis.report_figures import (
    configuration_figure,
    forecast_figure,
    irf_figure,
    scenario_figure,
    series_figure,
)
from tripolar.analysis.service import (
    analysed_series,
    run_breaks,
    run_dynamics,
    run_forecast,
    run_hypotheses,
    run_scenario,
    run_triangle,
)
from tripolar.analysis.triangle import TriangleSettings
from tripolar.errors import TripolarError

DEFAULT_SHOCK = "USA->RUS:+2:6"
EVENTS_PER_POINT = 8


@dataclass
class ReportSummary:
    """What the report holds: its path, the latest configuration, and the sections that could not run."""

    path: Path
    latest: dict[str, Any] | None
    sections: dict[str, str] = field(default_factory=dict)  # section -> "ok" or why it is missing


def write_report(out: Path | str, request: SeriesRequest | None = None, store: Any = None, *,
                 settings: TriangleSettings | None = None, shock: str = DEFAULT_SHOCK, horizon: int = 6,
                 hypotheses: Path | str | None = None) -> ReportSummary:
    """Run every analysis on ``request`` and write the report to ``out``."""
    import plotly.offline

    request = request or SeriesRequest()
    out = Path(out)
    summary = ReportSummary(out, None)
    series = analysed_series(request, store)  # loaded once, read by every section
    parts: list[str] = [_header(request, series)]

    def section(name: str, title: str, build: Callable[[], str]) -> None:
        try:
            body = build()
            summary.sections[name] = "ok"
        except TripolarError as error:
            body = f'<p class="missing">Not available: {html.escape(str(error))}</p>'
            summary.sections[name] = str(error)
        parts.append(f'<section id="{name}"><h2>{html.escape(title)}</h2>{body}</section>')

    evidence = _evidence_map(store, request) if store is not None and request.series_file is None else {}
    section("series", "Dyad series", lambda: _series_section(series, bool(evidence)))

    def triangle_section() -> str:
        reading = run_triangle(request, store, settings, series=series).to_json()
        summary.latest = reading["latest"]
        return _triangle_section(reading)

    section("triangle", "The triangle over time", triangle_section)
    section("dynamics", "Reciprocity and triangularity (VAR)",
            lambda: _dynamics_section(run_dynamics(request, store, series=series, horizon=12).to_json()))
    section("breaks", "Breaks and escalation",
            lambda: _breaks_section(run_breaks(request, store, series=series).to_json()))
    section("forecast", "Forecasts and their backtest",
            lambda: _forecast_section(series, run_forecast(request, store, series=series, horizon=horizon).to_json()))
    section("scenario", f"Scenario: {shock}",
            lambda: _scenario_section(run_scenario(request, shock, store, series=series).to_json()))
    section("hypotheses", "Hypotheses from the seeds",
            lambda: _hypotheses_section(run_hypotheses(request, store, hypotheses, series=series).to_json()))
    page = _PAGE.format(title=html.escape(_title(request, series)), plotly=plotly.offline.get_plotlyjs(),
                        style=_STYLE, body="\n".join(parts),
                        evidence=json.dumps(evidence, ensure_ascii=False).replace("</", "<\\/"), script=_SCRIPT)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return summary


def _title(request: SeriesRequest, series: Any) -> str:
    return f"tripolar: {'–'.join(series.actors[:3] if request.series_file else request.actors)}"


def _header(request: SeriesRequest, series: Any) -> str:
    span = f"{series.periods[0]} to {series.periods[-1]}" if series.periods else "no periods"
    events = int(series.counts.to_numpy().sum()) if series.counts is not None else None
    facts = [f"Series: {html.escape(series.measure)} per {html.escape(series.period or 'period')}, {span}",
             f"Source: {html.escape(str(request.series_file) if request.series_file else 'the store')}"
             + (f", {events:,} events" if events is not None else ""),
             f"Filters: {html.escape(json.dumps(request.to_json()))}",
             f"Made by tripolar {__version__} on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"]
    notes = "".join(f"<li>{html.escape(note)}</li>" for note in series.notes)
    return (f"<header><h1>{html.escape(_title(request, series))}</h1><ul>"
            + "".join(f"<li>{fact}</li>" for fact in facts) + notes + "</ul></header>")


def _figure(figure: Any, name: str) -> str:
    return figure.to_html(full_html=False, include_plotlyjs=False, div_id=name, config={"displaylogo": False})


def _series_section(series: Any, clickable: bool) -> str:
    hint = ("<p>Click a point to see the events of that dyad and period, with the sentences they were read in."
            "</p>" if clickable else "")
    return hint + _figure(series_figure(series), "series-plot") + '<div id="evidence"></div>'


def _triangle_section(reading: dict[str, Any]) -> str:
    latest = reading["latest"]
    settings = reading["settings"]
    said = (f"<p>Latest reading: <b>{latest['configuration'].replace('_', ' ')}</b> in {latest['period']}"
            + (f", pivot <b>{latest['pivot']}</b>" if latest["pivot"] else "") + ".</p>") if latest else (
        "<p>No period could be read (see the reasons per period in the JSON output).</p>")
    rows = "".join(f"<tr><td>{band}</td>" + "".join(f"<td>{share:.0%}</td>" for share in shares.values()) + "</tr>"
                   for band, shares in reading["sensitivity"].items())
    names = next(iter(reading["sensitivity"].values()), {})
    table = ("<table><caption>Share of periods in each configuration, by neutral band</caption><tr><th>band</th>"
             + "".join(f"<th>{html.escape(name.replace('_', ' '))}</th>" for name in names) + f"</tr>{rows}</table>")
    changes = "".join(f"<li>{change['period']}: {change['from'].replace('_', ' ')} → {change['to'].replace('_', ' ')}"
                      + (f" (pivot {change['pivot_to']})" if change["pivot_to"] else "") + "</li>"
                      for change in reading["transitions"][-12:])
    return (said + f"<p>Signs: {html.escape(json.dumps(settings))}.</p>"
            + _figure(configuration_figure(reading), "triangle-plot") + table
            + (f"<h3>Latest transitions</h3><ul>{changes}</ul>" if changes else ""))


def _dynamics_section(result: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td>{test['kind']}</td><td>{' + '.join(test['causing'])} → {test['caused']}</td>"
        f"<td>{_plain(test['f'])}</td><td>{test['df'][0]}, {test['df'][1]}</td><td>{_p(test['p'])}</td>"
        f"<td>{_p(test['p_adjusted'])}</td><td>{', '.join(_num(v) for v in test['cumulative_response'])}</td></tr>"
        for test in result["granger"] if test["kind"] != "inertia")
    findings = "".join(f"<li>{html.escape(text)}</li>" for text in result["findings"][:12])
    notes = "".join(f"<li>{html.escape(text)}</li>" for text in result["notes"])
    return (f"<p>VAR with {result['lags']} lags ({result['lag_selection']['chosen_by']}), {result['periods']} periods."
            f"</p><ul>{findings}</ul><table><tr><th>kind</th><th>test</th><th>F</th><th>df</th><th>p</th>"
            f"<th>Holm p</th><th>cumulative response</th></tr>{rows}</table>"
            + _figure(irf_figure(result), "irf-plot") + (f"<ul class='notes'>{notes}</ul>" if notes else ""))


def _breaks_section(result: dict[str, Any]) -> str:
    def events(record: dict[str, Any]) -> str:
        found = record.get("evidence") or []
        return "".join(f"<li>{item['date']} {item['source']}→{item['target']} {item['cameo']}: "
                       f"{html.escape(item['sentence'] or '')}</li>" for item in found)

    breaks = "".join(f"<li><b>{item['dyad']}</b> from {item['period']}: mean {_num(item['mean_before'])} → "
                     f"{_num(item['mean_after'])}<ul>{events(item)}</ul></li>" for item in result["breaks"])
    alerts = "".join(f"<li><b>{item['dyad']}</b> {item['period']}: {_num(item['value'])} against a baseline of "
                     f"{_num(item['baseline'])} (z = {_num(item['z'])})<ul>{events(item)}</ul></li>"
                     for item in result["alerts"])
    return (f"<p>Penalty: {html.escape(str(result['penalty'].get('rule', '')))}</p>"
            f"<h3>Change points</h3><ul>{breaks or '<li>none found</li>'}</ul>"
            f"<h3>Escalation alerts</h3><ul>{alerts or '<li>none</li>'}</ul>")


def _forecast_section(series: Any, result: dict[str, Any]) -> str:
    backtest = result.get("backtest")
    if backtest:
        scores = "".join(f"<tr><td>{name}</td><td>{_plain(score.get('mae'))}</td><td>{_plain(score.get('rmse'))}</td>"
                         f"<td>{_num(backtest['skill'].get(name)) if name in backtest['skill'] else ''}</td></tr>"
                         for name, score in backtest["scores"].items())
        verdicts = "".join(f"<li>{html.escape(text)}</li>" for text in backtest["verdicts"])
        tested = (f"<p>Rolling-origin backtest over {backtest['origins']} origins.</p><ul>{verdicts}</ul>"
                  f"<table><tr><th>forecast</th><th>MAE</th><th>RMSE</th><th>VAR skill against it</th></tr>"
                  f"{scores}</table>")
    else:
        tested = "<p>No backtest: too few periods.</p>"
    return _figure(forecast_figure(series, result), "forecast-plot") + tested


def _scenario_section(result: dict[str, Any]) -> str:
    summary = "".join(f"<li>{html.escape(text)}</li>" for text in result["summary"])
    return _figure(scenario_figure(result), "scenario-plot") + f"<ul>{summary}</ul>"


def _hypotheses_section(result: dict[str, Any]) -> str:
    items = []
    for hypothesis in result["hypotheses"]:
        evidence = "".join(f"<li class='for'>for: {html.escape(text)}</li>" for text in hypothesis["evidence_for"])
        evidence += "".join(f"<li class='against'>against: {html.escape(text)}</li>"
                            for text in hypothesis["evidence_against"])
        reason = hypothesis["details"].get("reason")
        if reason:
            evidence += f"<li>{html.escape(reason)}</li>"
        items.append(f"<li><b>{html.escape(hypothesis['claim'])}</b>: {html.escape(hypothesis['verdict'])}"
                     f"<ul>{evidence}</ul></li>")
    return f"<ul>{''.join(items)}</ul>"


def _evidence_map(store: Any, request: SeriesRequest) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Per dyad and period label, the most intense events and their sentences (for the click panel)."""
    from tripolar.analysis.evidence import events_by_period

    found = events_by_period(store, request.selection, request.period, EVENTS_PER_POINT)
    return {dyad: {label: [item.to_json() for item in items] for label, items in periods.items()}
            for dyad, periods in found.items()}


def _num(value: Any) -> str:
    return "" if value is None else f"{value:+.3g}" if isinstance(value, float) else str(value)


def _plain(value: float | None) -> str:
    return "" if value is None else f"{value:.3g}"


def _p(value: float | None) -> str:
    return "" if value is None else "< 0.001" if value < 0.001 else f"{value:.3f}"


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em} h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em} td,th{border:1px solid #ddd;padding:.25em .5em}
caption{text-align:left;font-style:italic} .missing{color:#a33} .notes{color:#666;font-size:.9em}
#evidence{border-left:3px solid #48c;padding-left:1em;margin:1em 0} #evidence li{margin:.4em 0}
.for{color:#063} .against{color:#822}
"""

_SCRIPT = """
const plot = document.getElementById('series-plot');
if (plot) plot.on('plotly_click', (data) => {
  const point = data.points[0];
  const dyad = point.data.name, period = point.x;
  const found = ((EVIDENCE[dyad] || {})[period]) || [];
  const box = document.getElementById('evidence');
  box.replaceChildren();
  const title = document.createElement('h3');
  title.textContent = `${dyad}, ${period}: ${found.length ? found.length + ' events' : 'no events stored'}`;
  box.appendChild(title);
  const list = document.createElement('ul');
  for (const item of found) {
    const entry = document.createElement('li');
    entry.textContent = `${item.date} ${item.cameo} (Goldstein ${item.goldstein}, ${item.reports} report(s)): ` +
      `"${item.sentence}" — ${item.title || item.url || item.origin}`;
    list.appendChild(entry);
  }
  box.appendChild(list);
});
"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>{style}</style><script>{plotly}</script></head>
<body>
{body}
<script>const EVIDENCE = {evidence};</script>
<script>{script}</script>
</body></html>
"""
