// The tripolar dashboard: plain browser JavaScript over the app's JSON API, drawn with the bundled Plotly.
'use strict';

const CONFIGURATION_LABELS = {
  menage_a_trois: 'ménage à trois',
  romantic_triangle: 'romantic triangle',
  stable_marriage: 'stable marriage',
  unit_veto: 'unit veto',
  undetermined: 'undetermined',
};
const CONFIGURATION_COLORS = {
  menage_a_trois: '#2e9e4f',
  romantic_triangle: '#e08a1e',
  stable_marriage: '#2a6db0',
  unit_veto: '#c8372d',
  undetermined: '#9a9a9a',
};
const SIGN_VALUES = { '+': 1, '0': 0, '-': -1 };
const SIGN_WORDS = { '+': 'amity', '0': 'neutral', '-': 'enmity' };
// Each pair keeps one hue; its two directions differ by dash, so a relation and its answer read together.
const PAIR_COLORS = ['#2a6db0', '#e08a1e', '#7b4fa8', '#1a9c9c', '#8c564b', '#d45087'];
const TRIANGLE_FIELDS = { reference: 'reference', band: 'band', min_events: 'min-events', carry: 'carry' };
const PLOT_CONFIG = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d'],
};

const byId = (id) => document.getElementById(id);

/* ---------- status: what is loading, and every error the server reported ---------- */

// One message per part of the page (series, triangle, events, scenario): a part's next answer replaces it.
const activity = { pending: 0, errors: new Map() };

function renderStatus() {
  const box = byId('status');
  const messages = [...activity.errors].map(([context, message]) => `${context}: ${message}`);
  box.replaceChildren();
  box.classList.toggle('error', messages.length > 0);
  if (messages.length === 1) {
    box.append(messages[0]);
  } else if (messages.length > 1) {
    const list = element('ul');
    for (const message of messages) list.append(element('li', message));
    box.append(list);
  }
  if (activity.pending > 0) box.append(element('div', 'loading…'));
  box.hidden = messages.length === 0 && activity.pending === 0;
}

function reportError(context, error) {
  activity.errors.set(context, error.message);
  renderStatus();
}

function clearError(context) {
  activity.errors.delete(context);
  renderStatus();
}

function clearErrors() {
  activity.errors.clear();
  renderStatus();
}

/* ---------- talking to the API ---------- */

class ApiError extends Error {}

async function getJSON(path, params) {
  const url = `${path}?${new URLSearchParams(withoutEmpty(params))}`;
  activity.pending += 1;
  renderStatus();
  try {
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' } });
    } catch (error) {
      throw new ApiError(`could not reach the server (${error.message})`);
    }
    const body = await readBody(response);
    if (!response.ok) throw new ApiError(describeFailure(response.status, body));
    return body;
  } finally {
    activity.pending -= 1;
    renderStatus();
  }
}

async function readBody(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// FastAPI answers {"detail": "message"} or {"detail": [{"loc": [..., field], "msg": ...}]}.
function describeFailure(status, body) {
  const detail = body && typeof body === 'object' ? body.detail : undefined;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) return detail.map(describeValidationItem).join('; ');
  if (detail !== undefined) return JSON.stringify(detail);
  if (typeof body === 'string' && body.trim()) return `HTTP ${status}: ${body.trim().slice(0, 300)}`;
  return `HTTP ${status}`;
}

// Locations that name no control the analyst could change are left out of the message.
const GENERIC_LOCATIONS = new Set(['request', 'query', 'body', 'settings']);

function describeValidationItem(item) {
  if (!item || typeof item !== 'object') return String(item);
  const location = Array.isArray(item.loc) ? item.loc : [];
  const field = location.length ? location[location.length - 1] : null;
  return field == null || GENERIC_LOCATIONS.has(String(field)) ? item.msg : `${field}: ${item.msg}`;
}

function withoutEmpty(params) {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== '' && value != null));
}

/* ---------- the controls ---------- */

function readQuery() {
  return {
    actors: byId('actors').value.replace(/\s+/g, '').toUpperCase(),
    period: byId('period').value,
    from: byId('from').value,
    to: byId('to').value,
    issue: byId('issue').value.trim().toLowerCase(),
    origin: byId('origin').value,
  };
}

function readTriangleSettings() {
  const settings = {};
  for (const [parameter, id] of Object.entries(TRIANGLE_FIELDS)) settings[parameter] = byId(id).value.trim();
  return settings;
}

// The address carries the controls, so that a view can be bookmarked or shared.
function rememberInAddress(query, settings) {
  const params = new URLSearchParams(withoutEmpty({ ...query, ...settings }));
  history.replaceState(null, '', `${location.pathname}?${params}`);
}

function restoreFromAddress() {
  const params = new URLSearchParams(location.search);
  const ids = { actors: 'actors', period: 'period', from: 'from', to: 'to', issue: 'issue', origin: 'origin',
    ...TRIANGLE_FIELDS };
  for (const [parameter, id] of Object.entries(ids)) {
    if (params.has(parameter)) byId(id).value = params.get(parameter);
  }
}

/* ---------- one update: the series and the triangle for the current controls ---------- */

let generation = 0; // answers to an older update are dropped
let plottedQuery = null; // the query behind the series chart, for looking up a clicked point's events

async function update() {
  const query = readQuery();
  const settings = readTriangleSettings();
  const mine = ++generation;
  rememberInAddress(query, settings);
  clearErrors();
  setBusy(true);
  await Promise.all([loadSeries(query, mine), loadTriangle(query, settings, mine)]);
  if (mine === generation) setBusy(false);
}

function setBusy(busy) {
  for (const id of ['series-section', 'triangle-section']) byId(id).setAttribute('aria-busy', String(busy));
  byId('update').disabled = busy;
}

async function loadSeries(query, mine) {
  try {
    const data = await getJSON('/api/series', query);
    if (mine !== generation) return;
    await renderSeries(data, query);
  } catch (error) {
    if (mine !== generation) return;
    reportError('Series', error);
    await clearPlot('series-plot', 'No chart: see the message above.');
    resetEvidence();
    renderNotes('series-notes', []);
  }
}

async function loadTriangle(query, settings, mine) {
  try {
    const data = await getJSON('/api/triangle', { ...query, ...settings });
    if (mine !== generation) return;
    await renderTriangle(data);
  } catch (error) {
    if (mine !== generation) return;
    reportError('Triangle', error);
    await clearPlot('triangle-plot', 'No timeline: see the message above.');
    byId('latest').replaceChildren();
    renderNotes('triangle-notes', []);
  }
}

// A chart left over from other settings would pass for the answer to these: it is wiped instead.
async function clearPlot(id, message) {
  const plot = byId(id);
  delete plot.dataset.period;
  await Plotly.react(plot, [], { annotations: [emptyAnnotation(message)], xaxis: { visible: false },
    yaxis: { visible: false } }, PLOT_CONFIG);
}

/* ---------- the directed series ---------- */

async function renderSeries(data, query) {
  const plot = byId('series-plot');
  const traces = seriesTraces(data.directed || []);
  const layout = {
    margin: { t: 30, r: 20, b: 60, l: 60 },
    legend: { orientation: 'h', y: 1.12, x: 0 },
    hovermode: 'closest',
    xaxis: { type: 'category', automargin: true, nticks: 24, title: { text: data.period } },
    yaxis: { title: { text: 'mean Goldstein' }, zeroline: true, zerolinecolor: '#999' },
    annotations: traces.length ? [] : [emptyAnnotation('No events for these settings.')],
  };
  await Plotly.react(plot, traces, layout, PLOT_CONFIG);
  bindSeriesClicks(plot);
  plottedQuery = query;
  plot.dataset.period = data.period;
  resetEvidence();
  renderNotes('series-notes', data.notes);
}

function seriesTraces(rows) {
  const byDyad = new Map();
  for (const row of rows) {
    if (!byDyad.has(row.dyad)) byDyad.set(row.dyad, { x: [], y: [], customdata: [] });
    const series = byDyad.get(row.dyad);
    series.x.push(row.period);
    // A mean over no events is no value: a gap, not a neutral zero.
    series.y.push(row.events > 0 ? row.goldstein_mean : null);
    series.customdata.push([row.events, row.reports, row.net_cooperation]);
  }
  const pairs = [...new Set([...byDyad.keys()].map(pairOf))].sort();
  // Markers stay even on long daily series: a day with events between empty days is a point without a line.
  const markerSize = Math.max(...[...byDyad.values()].map((series) => series.x.length), 0) > 150 ? 3 : 7;
  return [...byDyad.entries()].map(([dyad, series]) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: dyad,
    ...series,
    connectgaps: false,
    line: { color: PAIR_COLORS[pairs.indexOf(pairOf(dyad)) % PAIR_COLORS.length], width: 2,
      dash: isForward(dyad) ? 'solid' : 'dash' },
    marker: { size: markerSize },
    hovertemplate: '<b>%{fullData.name}</b> %{x}<br>mean Goldstein %{y:.2f}<br>'
      + '%{customdata[0]} events, %{customdata[1]} reports<br>net cooperation %{customdata[2]}'
      + '<br><i>click for the events</i><extra></extra>',
  }));
}

function pairOf(dyad) {
  return dyad.split('->').sort().join('-');
}

function isForward(dyad) {
  const [source, target] = dyad.split('->');
  return source < target;
}

function bindSeriesClicks(plot) {
  if (plot.dataset.clicksBound) return;
  plot.on('plotly_click', (event) => {
    const point = event.points && event.points[0];
    if (point) showEvidence(point.data.name, point.x);
  });
  plot.dataset.clicksBound = 'yes';
}

/* ---------- the events behind a clicked point ---------- */

let evidenceRequest = 0;

function resetEvidence() {
  evidenceRequest += 1;
  byId('evidence').replaceChildren(element('p', 'Click a point of the chart to list its events.', 'placeholder'));
}

async function showEvidence(dyad, label) {
  const query = plottedQuery;
  const mine = ++evidenceRequest;
  const box = byId('evidence');
  box.replaceChildren(element('h3', `${dyad}, ${label}`), element('p', 'loading…', 'placeholder'));
  try {
    const data = await getJSON('/api/period-events', { ...query, dyad, label });
    if (mine !== evidenceRequest) return;
    clearError('Events');
    renderEvidence(data);
  } catch (error) {
    if (mine !== evidenceRequest) return;
    box.replaceChildren(element('h3', `${dyad}, ${label}`), element('p', error.message, 'error'));
    reportError('Events', error);
  }
}

function renderEvidence(data) {
  const items = data.items || [];
  const heading = element('h3', `${data.dyad}, ${data.label}: ${items.length ? plural(items.length, 'event')
    : 'no events'}`);
  if (!items.length) {
    byId('evidence').replaceChildren(heading, element('p', 'no events', 'placeholder'));
    return;
  }
  const list = element('ol');
  for (const item of items) list.append(evidenceItem(item));
  byId('evidence').replaceChildren(heading, list);
}

function evidenceItem(item) {
  const entry = element('li');
  const goldstein = Number(item.goldstein);
  const meta = element('div', '', 'meta');
  meta.append(
    `${item.date} · ${item.source}→${item.target} · CAMEO ${item.cameo} · Goldstein `,
    element('span', formatSigned(goldstein), goldstein < 0 ? 'goldstein-negative' : 'goldstein-positive'),
    ` · ${item.modality} · ${plural(item.reports, 'report')} · ${item.origin}`,
  );
  entry.append(meta, quotedSentence(item.sentence || item.evidence || '', item.evidence || ''));
  const source = sourceLink(item);
  if (source) entry.append(source);
  return entry;
}

// The sentence in quotes, the span the coder read the event from highlighted.
function quotedSentence(sentence, span) {
  const quote = element('blockquote');
  const at = span ? sentence.indexOf(span) : -1;
  if (at < 0) {
    quote.append(`“${sentence}”`);
  } else {
    quote.append(`“${sentence.slice(0, at)}`, element('mark', span), `${sentence.slice(at + span.length)}”`);
  }
  return quote;
}

function sourceLink(item) {
  const title = item.title || item.url || '';
  if (item.url && /^https?:\/\//i.test(item.url)) {
    const link = element('a', title);
    link.href = item.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    const line = element('div', '', 'meta');
    line.append(link);
    return line;
  }
  return title ? element('div', title, 'meta') : null;
}

/* ---------- the triangle ---------- */

async function renderTriangle(data) {
  const periods = (data.periods || []).map((entry) => entry.period);
  const pairs = trianglePairs(data);
  const traces = periods.length ? [signHeatmap(data.periods, pairs), configurationTrace(data.periods)] : [];
  const layout = {
    margin: { t: 20, r: 20, b: 60, l: 130 },
    showlegend: false,
    hovermode: 'closest',
    xaxis: { type: 'category', automargin: true, nticks: 24, title: { text: data.period } },
    yaxis: { domain: [0, 0.5], type: 'category', automargin: true, fixedrange: true, autorange: 'reversed' },
    // Every configuration keeps its row, present or not, so that timelines compare across settings.
    yaxis2: { domain: [0.6, 1], type: 'category', categoryorder: 'array', automargin: true, fixedrange: true,
      categoryarray: Object.values(CONFIGURATION_LABELS).reverse(),
      range: [-0.5, Object.keys(CONFIGURATION_LABELS).length - 0.5] },
    annotations: periods.length ? [] : [emptyAnnotation('No periods for these settings.')],
  };
  await Plotly.react(byId('triangle-plot'), traces, layout, PLOT_CONFIG);
  byId('triangle-plot').dataset.period = data.period;
  renderLatest(data.latest, periods);
  renderNotes('triangle-notes', data.notes);
}

function trianglePairs(data) {
  const first = (data.periods || [])[0];
  if (first && first.dyads) return Object.keys(first.dyads).sort();
  const actors = data.actors || [];
  const pairs = [];
  for (let i = 0; i < actors.length; i += 1) {
    for (let j = i + 1; j < actors.length; j += 1) pairs.push([actors[i], actors[j]].sort().join('-'));
  }
  return pairs;
}

function signHeatmap(periods, pairs) {
  const cell = (entry, pair) => (entry.dyads || {})[pair] || {};
  return {
    type: 'heatmap',
    x: periods.map((entry) => entry.period),
    y: pairs,
    z: pairs.map((pair) => periods.map((entry) => SIGN_VALUES[cell(entry, pair).sign] ?? null)),
    text: pairs.map((pair) => periods.map((entry) => signHover(pair, entry.period, cell(entry, pair)))),
    hovertemplate: '%{text}<extra></extra>',
    zmin: -1,
    zmax: 1,
    colorscale: [[0, '#c8372d'], [1 / 3, '#c8372d'], [1 / 3, '#b5b5b5'], [2 / 3, '#b5b5b5'],
      [2 / 3, '#2e9e4f'], [1, '#2e9e4f']],
    showscale: false,
    xgap: 1,
    ygap: 2,
    yaxis: 'y',
  };
}

function signHover(pair, period, reading) {
  const sign = reading.sign == null ? 'no sign' : SIGN_WORDS[reading.sign] || reading.sign;
  const score = typeof reading.score === 'number' ? reading.score.toFixed(2) : '–';
  const z = typeof reading.z === 'number' ? reading.z.toFixed(2) : '–';
  const lines = [`<b>${escapeHtml(pair)}</b> ${escapeHtml(period)}: ${sign}`,
    `score ${score}, z ${z}, ${reading.events ?? 0} events`];
  if (reading.reason) lines.push(wrappedHtml(reading.reason));
  return lines.join('<br>');
}

function configurationTrace(periods) {
  return {
    type: 'scatter',
    mode: 'markers',
    x: periods.map((entry) => entry.period),
    y: periods.map((entry) => configurationLabel(entry.configuration)),
    text: periods.map(configurationHover),
    hovertemplate: '%{text}<extra></extra>',
    marker: { symbol: 'square', size: 10, color: periods.map((entry) => CONFIGURATION_COLORS[entry.configuration]
      || '#9a9a9a') },
    yaxis: 'y2',
  };
}

function configurationHover(entry) {
  const lines = [`<b>${escapeHtml(entry.period)}</b>: ${escapeHtml(configurationLabel(entry.configuration))}`];
  if (entry.pivot) lines.push(`pivot ${escapeHtml(entry.pivot)}`);
  const roles = describeRoles(entry.roles);
  if (roles) lines.push(escapeHtml(roles));
  if (entry.reason) lines.push(wrappedHtml(entry.reason));
  return lines.join('<br>');
}

function configurationLabel(configuration) {
  return CONFIGURATION_LABELS[configuration] || configuration || 'undetermined';
}

function describeRoles(roles) {
  return Object.entries(roles || {}).filter(([, role]) => role).map(([actor, role]) => `${actor} ${role}`)
    .join(', ');
}

// The server's latest is the last period with a readable configuration, which need not be the last period.
function renderLatest(latest, periods) {
  const box = byId('latest');
  if (!latest) {
    const span = periods.length ? `in the ${periods.length} periods shown` : 'in range';
    box.replaceChildren(`No readable configuration ${span}: every period is undetermined.`);
    return;
  }
  const pivot = latest.pivot ? `pivot ${latest.pivot}` : 'no pivot';
  const roles = describeRoles(latest.roles);
  box.replaceChildren(`Latest configuration (${latest.period}): `,
    element('strong', configurationLabel(latest.configuration)), `, ${pivot}${roles ? ` (${roles})` : ''}.`);
  const later = periods.length - 1 - periods.indexOf(latest.period);
  if (later > 0 && periods.includes(latest.period)) {
    const undetermined = later === 1 ? 'The last period is undetermined.' : `The last ${later} periods are undetermined.`;
    box.append(' ', element('span', undetermined, 'hint'));
  }
  if (latest.reason) box.append(' ', element('span', latest.reason, 'hint'));
}

/* ---------- the scenario ---------- */

async function runScenario(event) {
  event.preventDefault();
  const box = byId('scenario');
  const button = byId('run-scenario');
  const shock = byId('shock').value.trim();
  box.replaceChildren(element('p', 'loading…', 'placeholder'));
  box.dataset.state = 'loading';
  button.disabled = true;
  try {
    const data = await getJSON('/api/scenario', { ...readQuery(), shock });
    clearError('Scenario');
    await renderScenario(data);
    box.dataset.state = 'answered';
  } catch (error) {
    box.replaceChildren(element('p', `The scenario could not be run: ${error.message}`, 'error'));
    box.dataset.state = 'failed';
    reportError('Scenario', error);
  } finally {
    button.disabled = false;
  }
}

function renderScenario(data) {
  const shock = data.shock || {};
  const heading = element('p');
  heading.append(element('strong', `${shock.dyad ?? ''} held ${formatSigned(Number(shock.shift))} for `
    + `${shock.periods ?? '?'} periods`), ` — responses over ${data.horizon} periods, VAR with ${data.lags} lag(s), `
    + `${Math.round((data.level ?? 0) * 100)}% intervals.`);
  const summary = element('ul');
  for (const sentence of data.summary || []) summary.append(element('li', sentence));
  const notes = element('ul', '', 'notes');
  for (const note of data.notes || []) notes.append(element('li', note));
  const plot = element('div', '', 'plot');
  plot.id = 'scenario-plot';
  plot.setAttribute('role', 'img');
  plot.setAttribute('aria-label', 'Responses of the directed dyads to the shock, period by period');
  byId('scenario').replaceChildren(heading, summary, plot, notes);
  return Plotly.react(plot, scenarioTraces(data), {
    margin: { t: 30, r: 20, b: 50, l: 60 },
    legend: { orientation: 'h', y: 1.15, x: 0 },
    hovermode: 'closest',
    xaxis: { title: { text: 'periods after the shock begins' }, dtick: 1 },
    yaxis: { title: { text: 'deviation from baseline' }, zeroline: true, zerolinecolor: '#999' },
  }, PLOT_CONFIG);
}

function scenarioTraces(data) {
  const dyads = Object.keys(data.responses || {});
  const pairs = [...new Set(dyads.map(pairOf))].sort();
  return dyads.map((dyad) => {
    const response = data.responses[dyad];
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: dyad,
      x: response.mean.map((_, step) => step),
      y: response.mean,
      customdata: response.mean.map((_, step) => [response.lower?.[step], response.upper?.[step]]),
      line: { color: PAIR_COLORS[pairs.indexOf(pairOf(dyad)) % PAIR_COLORS.length],
        dash: isForward(dyad) ? 'solid' : 'dash', width: dyad === data.shock?.dyad ? 4 : 2 },
      marker: { size: 5 },
      hovertemplate: '<b>%{fullData.name}</b> period %{x}: %{y:+.2f}<br>'
        + `${Math.round((data.level ?? 0) * 100)}% interval %{customdata[0]:+.2f} to %{customdata[1]:+.2f}`
        + '<extra></extra>',
    };
  });
}

/* ---------- small helpers ---------- */

function element(tag, text = '', className = '') {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function renderNotes(id, notes) {
  byId(id).replaceChildren(...(notes || []).map((note) => element('li', note)));
}

function emptyAnnotation(text) {
  return { text, showarrow: false, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, font: { size: 14, color: '#666' } };
}

function plural(count, noun) {
  const number = Number(count) || 0;
  return `${number.toLocaleString('en')} ${noun}${number === 1 ? '' : 's'}`;
}

function formatSigned(value) {
  if (!Number.isFinite(value)) return '–';
  return `${value > 0 ? '+' : ''}${value.toFixed(1)}`;
}

// Plotly renders hover text as (a subset of) HTML.
function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]);
}

// Hover boxes do not wrap by themselves: long reasons are broken into lines.
function wrappedHtml(text, width = 60) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map(escapeHtml).join('<br>');
}

async function loadStats() {
  try {
    const stats = await getJSON('/api/stats', {});
    byId('stats').textContent = `${plural(stats.documents, 'document')}, ${plural(stats.events, 'event')} `
      + 'in the store.';
  } catch (error) {
    reportError('Store', error);
  }
}

/* ---------- start ---------- */

function start() {
  restoreFromAddress();
  byId('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
  byId('period').addEventListener('change', update);
  byId('scenario-form').addEventListener('submit', runScenario);
  if (typeof Plotly === 'undefined') {
    reportError('Charts', new Error('Plotly could not be loaded from /static/plotly.min.js: nothing can be drawn.'));
    return;
  }
  loadStats();
  update();
}

start();
