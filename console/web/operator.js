import { call, followStream, parsePrometheus, ApiError } from './api.js';
import { t } from './i18n.js';
import { el, clear, field } from './dom.js';
import { liveChart } from './charts.js';
import { coordinatePlot } from './plot.js';
import { outcomesView, OUTCOME_DAYS } from './outcomes.js';

// The operator console: outcomes from matching's GET /api/v1/stats and the services' Prometheus metrics, campaigns
// with their progress from postings-service, all read with the operator's token (kept for this tab only).
const TOKEN = 'doorstep.operator';
const POLL_MS = 2000;
const OUTCOMES = ['live', 'held', 'digest', 'inbox_only', 'withdrawn'];
// the latency percentiles are over the deliveries of the last 30 s (15 polls), as Prometheus' histogram_quantile of
// a 30 s rate would give them: a window of single polls would mostly be empty
const LATENCY_WINDOW = 15;
const AGE_BUCKET = 'doorstep_notifications_match_age_seconds_bucket';
const MAP_EVERY = 15; // polls: the map of postings and seekers is read every 30 s

let timer = null;
let charts = [];
let events = null;

export function stopOperator() {
  clearTimeout(timer);
  timer = null;
  events?.stop();
  events = null;
  charts.forEach((c) => c.destroy());
  charts = [];
}

export function renderOperator(root, params) {
  stopOperator();
  const token = sessionStorage.getItem(TOKEN);
  if (!token) {
    renderLogin(root, params);
    return;
  }
  renderConsole(root, token, params);
}

function renderLogin(root, params, failed) {
  const input = el('input', { type: 'password', autocomplete: 'current-password', required: true });
  const form = el('form', { class: 'card narrow', 'aria-labelledby': 'login-title' },
    el('h1', { id: 'login-title' }, t('operator.login.title')),
    field(t('operator.login.token'), input),
    failed ? el('p', { role: 'alert', class: 'error' }, t('operator.login.failed')) : null,
    el('button', { type: 'submit', class: 'primary' }, t('operator.login.submit')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await call('matching', 'GET', '/api/v1/stats', { token: input.value.trim() });
      sessionStorage.setItem(TOKEN, input.value.trim());
      renderOperator(root, params);
    } catch {
      renderLogin(root, params, true);
    }
  });
  clear(root, form);
  input.focus();
}

function renderConsole(root, token, params) {
  const counters = el('dl', { class: 'counters', id: 'counters' });
  const feed = el('ol', { class: 'feed', id: 'feed', 'aria-live': 'polite', tabindex: '0', 'aria-labelledby': 'feed-title' }, el('li', { class: 'empty' }, t('operator.feed.empty')));
  const chartBox = el('div', { class: 'charts', id: 'charts' });
  const mapBox = el('div', { class: 'plot', id: 'platform-map' }, t('common.loading'));
  const breakdown = el('div', { class: 'tables', id: 'breakdown' });
  const outcomesBox = el('div', { class: 'tables', id: 'outcomes' }, t('common.loading'));
  const campaignList = el('ul', { class: 'campaigns', id: 'campaigns' });
  const campaignView = el('div', { id: 'campaign' });
  const signOut = el('button', { type: 'button', onclick: () => {
    sessionStorage.removeItem(TOKEN);
    renderOperator(root, params);
  } }, t('operator.signout'));

  clear(root,
    el('div', { class: 'heading' }, el('h1', {}, t('nav.operator')), signOut),
    el('div', { class: 'columns' },
      el('section', { class: 'card', 'aria-labelledby': 'counters-title' }, el('h2', { id: 'counters-title' }, t('operator.counters')), counters),
      el('section', { class: 'card', 'aria-labelledby': 'feed-title' }, el('h2', { id: 'feed-title' }, t('operator.feed')), feed)),
    el('section', { class: 'card', 'aria-labelledby': 'charts-title' }, el('h2', { id: 'charts-title' }, t('operator.charts')), chartBox),
    el('section', { class: 'card', 'aria-labelledby': 'map-title' }, el('h2', { id: 'map-title' }, t('operator.map')), mapBox),
    el('section', { class: 'card', 'aria-labelledby': 'outcomes-title' }, el('h2', { id: 'outcomes-title' }, t('operator.outcomes')), outcomesBox),
    el('section', { class: 'card', 'aria-labelledby': 'campaigns-title' }, el('h2', { id: 'campaigns-title' }, t('operator.campaigns')),
      campaignList, campaignView),
    el('section', { class: 'card', 'aria-labelledby': 'breakdown-title' }, el('h2', { id: 'breakdown-title', class: 'sr-only' }, t('operator.counters')), breakdown));

  const throughput = liveChart(chartBox, t('operator.chart.throughput'), [t('operator.series.found'), t('operator.series.delivered')]);
  const lag = liveChart(chartBox, t('operator.chart.lag'), [t('operator.series.lag')]);
  const latency = liveChart(chartBox, t('operator.chart.latency'),
    ['p50', 'p95', 'p99'].map((q) => t('operator.series.percentile', q)).concat(t('operator.series.max')));
  charts = [throughput, lag, latency];

  let previous = null;
  let stats = null;
  let polls = 0;
  const recent = []; // the latency histograms of the last LATENCY_WINDOW polls, oldest first
  const openCampaign = async (code) => {
    try {
      const campaign = await call('postings', 'GET', `/api/v1/campaigns/${encodeURIComponent(code)}`, { token });
      clear(campaignView, campaignDetail(campaign, stats));
      campaignView.querySelector('h3')?.focus();
    } catch (error) {
      clear(campaignView, el('p', { role: 'alert' }, error instanceof ApiError ? error.describe() : t('common.error')));
    }
  };

  const loadCampaigns = async () => {
    try {
      const campaigns = await call('postings', 'GET', '/api/v1/campaigns', { token });
      const items = Array.isArray(campaigns) ? campaigns : campaigns.items || [];
      clear(campaignList, items.length === 0 ? el('li', { class: 'empty' }, t('operator.none'))
        : items.map((c) => el('li', {}, el('button', { type: 'button', class: 'link', 'data-campaign': c.code,
          onclick: () => openCampaign(c.code) },
        `${c.code} · ${c.name || ''}`))));
    } catch {
      clear(campaignList, el('li', {}, t('common.error')));
    }
  };

  const poll = async () => {
    try {
      const [s, matching, notification] = await Promise.all([
        call('matching', 'GET', '/api/v1/stats', { token }),
        call('matching', 'GET', '/actuator/prometheus', { token, accept: 'text/plain' }),
        call('notification', 'GET', '/actuator/prometheus', { token, accept: 'text/plain' }),
      ]);
      stats = s;
      if (polls % MAP_EVERY === 0) loadOutcomes(outcomesBox, token);
      if (polls++ % MAP_EVERY === 0) loadMap(mapBox, token);
      const now = figures(s, parsePrometheus(matching), parsePrometheus(notification));
      drawCounters(counters, now);
      drawBreakdown(breakdown, s);
      if (previous) {
        const seconds = (now.at - previous.at) / 1000;
        const delivered = OUTCOMES.filter((o) => o !== 'withdrawn').reduce((sum, o) => sum + (now[o] - previous[o]), 0);
        throughput.push([(now.found - previous.found) / seconds, delivered / seconds]);
        lag.push([now.lag]);
        const then = recent[0] || previous;
        latency.push([0.5, 0.95, 0.99].map((q) => quantile(q, now.ageBuckets, then.ageBuckets)).concat(now.ageMax));
      }
      previous = now;
      recent.push(now);
      if (recent.length > LATENCY_WINDOW) recent.shift();
    } catch (error) {
      if (error.status === 401 || error.status === 403) {
        sessionStorage.removeItem(TOKEN);
        renderLogin(root, params, true);
        return;
      }
    }
    timer = setTimeout(poll, POLL_MS);
  };

  // the live feed: every delivery decision as notification-service writes it (no seeker data in it)
  events = followStream('notification', '/api/v1/operator/events/stream', token, {
    onEvent: (event) => addFeedEvent(feed, event),
    onState: (state) => { feed.dataset.state = state; },
  });

  loadCampaigns().then(() => {
    if (params.campaign) openCampaign(params.campaign);
  });
  poll();
}

/**
 * A Prometheus histogram's cumulative buckets, summed over its series (instances): [[upper bound, count], ...] by
 * bound, +Inf last.
 */
function buckets(samples) {
  const byBound = new Map();
  for (const x of samples) {
    const le = x.labels.le === '+Inf' ? Infinity : Number(x.labels.le);
    if (Number.isNaN(le) || !Number.isFinite(x.value)) continue;
    byBound.set(le, (byBound.get(le) || 0) + x.value);
  }
  return [...byBound.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * The q-quantile of what was observed between two readings of a histogram, interpolated linearly inside its bucket
 * (as Prometheus' histogram_quantile does); NaN when nothing was observed in between.
 */
export function quantile(q, now, then) {
  const before = new Map(then || []);
  const counts = now.map(([le, count]) => [le, count - (before.get(le) || 0)]);
  const total = counts.length ? counts[counts.length - 1][1] : 0;
  if (!(total > 0)) return NaN;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, count] of counts) {
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      return lowerBound + (le - lowerBound) * ((rank - lowerCount) / Math.max(count - lowerCount, 1e-9));
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}

/** The figures of one poll: counters since each service started, lag, the delivery latency's histogram and max. */
function figures(stats, matching, notification) {
  const sum = (samples, test) => samples.filter(test).reduce((s, x) => s + x.value, 0);
  const f = {
    at: Date.now(),
    active: stats?.total?.active ?? 0,
    found: sum(matching, (x) => x.name === 'doorstep_matching_matches_found'),
    records: sum(notification, (x) => x.name === 'doorstep_notifications_records_total'),
    // the consumers' Kafka lag, and matching's postings read but not judged yet (its real backlog: it reads ahead)
    lag: Math.max(0, ...[...matching, ...notification].filter((x) => /records_lag(_max)?$|^doorstep_matching_postings_waiting$/.test(x.name) && Number.isFinite(x.value)).map((x) => x.value)),
    ageBuckets: buckets(notification.filter((x) => x.name === AGE_BUCKET)),
    ageMax: sum(notification, (x) => x.name === 'doorstep_notifications_match_age_seconds_max'),
  };
  for (const outcome of OUTCOMES) {
    f[outcome] = sum(notification, (x) => x.name === 'doorstep_notifications_matches_total' && x.labels.outcome === outcome);
  }
  return f;
}

function drawCounters(node, f) {
  const items = [['active', f.active], ['found', f.found], ...OUTCOMES.map((o) => [o, f[o]])];
  clear(node, items.map(([key, value]) => el('div', { class: 'counter', 'data-counter': key },
    el('dt', {}, t(`operator.counter.${key}`)), el('dd', {}, String(Math.round(value))))));
}

/**
 * The open postings and the seekers by coordinates, both counted in 0.1 degree cells by their services (seekers only in
 * cells of at least five, so that no point is a person's location): postings-service's GET /api/v1/postings:locations
 * and seekers-service's GET /api/v1/seekers:locations.
 */
async function loadMap(box, token) {
  try {
    const [postings, seekers] = await Promise.all([
      call('postings', 'GET', '/api/v1/postings:locations', { token }),
      call('seekers', 'GET', '/api/v1/seekers:locations', { token }),
    ]);
    const points = [
      ...postings.cells.map((c) => ({ ...c, kind: 'posting', label: t('operator.map.postings', c.postings, c.vacancies) })),
      ...seekers.cells.map((c) => ({ ...c, kind: 'seeker', label: t('operator.map.seekers', c.seekers) })),
    ];
    const sum = (cells, key) => cells.reduce((n, c) => n + c[key], 0);
    const summary = t('operator.map.summary', sum(postings.cells, 'postings'), postings.cells.length,
      sum(seekers.cells, 'seekers'), seekers.cells.length, seekers.hidden, seekers.minSeekers);
    box.dataset.postingCells = String(postings.cells.length);
    box.dataset.seekerCells = String(seekers.cells.length);
    clear(box, coordinatePlot(null, points, { label: summary, pointLabel: (p) => p.label }), el('p', {}, summary));
  } catch (error) {
    clear(box, el('p', {}, error instanceof ApiError ? error.describe() : t('common.error')));
  }
}

/** One decision on the live feed: when, what became of the match, its score, the job's region and posting. */
function addFeedEvent(feed, event) {
  let d;
  try {
    d = JSON.parse(event.data);
  } catch {
    return;
  }
  const at = Date.parse(d.at);
  const time = new Date(Number.isFinite(at) ? at : Date.now()).toLocaleTimeString();
  const line = el('li', { 'data-outcome': d.outcome, 'data-match-ref': d.matchRef, 'data-posting-id': d.postingId },
    el('time', { datetime: d.at || '' }, time), ' ',
    t('operator.feed.event', t(`operator.counter.${d.outcome}`), Math.round((d.score ?? 0) * 100) + '%',
      d.regionCode ? regionName(d.regionCode) : '—', d.postingId));
  feed.querySelector('.empty')?.remove();
  feed.prepend(line);
  while (feed.children.length > 50) feed.lastChild.remove();
}

/** The outcomes of the last days (read every 30 s, with the map). */
async function loadOutcomes(node, token) {
  try {
    const series = await call('matching', 'GET', `/api/v1/stats/outcomes?days=${OUTCOME_DAYS}`, { token });
    clear(node, ...outcomesView(series));
  } catch (error) {
    clear(node, el('p', { role: 'alert' }, error instanceof ApiError ? error.describe() : t('common.error')));
  }
}

function table(caption, rows, label) {
  return el('table', {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('operator.col.name')), el('th', { scope: 'col' }, t('operator.col.count')))),
    el('tbody', {}, rows.length === 0 ? el('tr', {}, el('td', { colspan: 2 }, t('operator.none')))
      : rows.map(([name, count]) => el('tr', {}, el('th', { scope: 'row' }, label(name)), el('td', {}, String(count))))));
}

function drawBreakdown(node, stats) {
  const rows = (map) => Object.entries(map || {}).sort((a, b) => b[1] - a[1]).slice(0, 15);
  clear(node,
    table(t('operator.by.keyGroup'), rows(stats.byKeyGroup), (g) => t(`group.${g}`)),
    table(t('operator.by.region'), rows(stats.byRegion), regionName),
    table(t('operator.by.campaign'), rows(stats.byCampaign), (c) => c),
    economyTable(stats.byEconomy || {}));
}

/** Open postings and their active matches by economy tag (matching tags postings by their skills). */
function economyTable(byEconomy) {
  return el('table', { id: 'by-economy' },
    el('caption', {}, t('operator.by.economy')),
    el('thead', {}, el('tr', {}, ['operator.col.economy', 'operator.postings', 'operator.counter.active']
      .map((k) => el('th', { scope: 'col' }, t(k))))),
    el('tbody', {}, ['DIGITAL', 'GREEN', 'SILVER'].map((tag) => el('tr', { 'data-economy': tag },
      el('th', { scope: 'row' }, t(`economy.${tag}`)),
      el('td', {}, String(byEconomy[tag]?.openPostings ?? 0)),
      el('td', {}, String(byEconomy[tag]?.activeMatches ?? 0))))));
}

/** Province > prefecture > county from the six digits of a division code (510104: 51 / 5101 / 510104). */
function regionName(code) {
  if (!/^\d{6}$/.test(code)) return code;
  return `${code.slice(0, 2)} › ${code.slice(0, 4)} › ${code}`;
}

function campaignDetail(c, stats) {
  const progress = c.progress || {};
  const target = c.targetJobs || 0;
  const vacancies = progress.vacancies || 0;
  // the text says how far past the target a campaign went; the bar stops at 100
  const reached = target > 0 ? Math.round((vacancies / target) * 100) : 0;
  const start = Date.parse(c.startsOn);
  const end = Date.parse(c.endsOn);
  const elapsed = Number.isFinite(start) && Number.isFinite(end) && end > start
    ? Math.max(0, Math.min(100, Math.round(((Date.now() - start) / (end - start)) * 100))) : 0;
  const matches = stats?.byCampaign?.[c.code] ?? 0;
  return el('article', { class: 'campaign', 'data-campaign-code': c.code },
    el('h3', { tabindex: '-1' }, `${c.code} · ${c.name || ''}`),
    el('p', {}, t('operator.campaign.period', c.startsOn, c.endsOn)),
    el('p', {}, t('operator.campaign.target', target)),
    el('p', { id: 'campaign-vacancies' }, t('operator.campaign.vacancies', vacancies, progress.openPostings || 0)),
    el('label', { for: 'campaign-progress' }, t('operator.campaign.reached', reached)),
    el('progress', { id: 'campaign-progress', max: 100, value: Math.min(100, reached) }, `${reached}%`),
    el('label', { for: 'campaign-time' }, t('operator.campaign.elapsed', elapsed)),
    el('progress', { id: 'campaign-time', max: 100, value: elapsed }, `${elapsed}%`),
    el('p', {}, t('operator.campaign.matches', matches)),
    el('p', {}, `${t('operator.campaign.groups')}: `, (c.targetGroups || []).map((g) => t(`group.${g}`)).join(', ') || '—'),
    el('table', {},
      el('caption', {}, t('operator.campaign.byRegion')),
      el('thead', {}, el('tr', {}, ['operator.region', 'operator.postings', 'operator.vacancies'].map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, (progress.byRegion || []).map((r) => el('tr', {},
        el('th', { scope: 'row' }, regionName(r.regionCode || '')), el('td', {}, String(r.openPostings)), el('td', {}, String(r.vacancies)))))));
}
