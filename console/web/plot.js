import { el } from './dom.js';
import { t } from './i18n.js';

const W = 320;
const H = 220;
const PAD = 18;

/**
 * Points by coordinates on plain SVG (no map tiles): an equirectangular projection around the points' centre,
 * longitudes shrunk by cos(latitude) so distances look right. {@code centre} (the seeker) is drawn as a ring.
 */
export function coordinatePlot(centre, points, { label, pointLabel = (p) => p.title }) {
  const located = points.filter((p) => Number.isFinite(p?.lat) && Number.isFinite(p?.lon));
  const all = centre && Number.isFinite(centre.lat) ? [...located, centre] : located;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'coords' },
    el('title', {}, label),
    el('rect', { x: 0, y: 0, width: W, height: H, class: 'plot-bg' }));
  if (all.length === 0) return svg;
  const lat0 = all.reduce((s, p) => s + p.lat, 0) / all.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = all.map((p) => p.lon * k);
  const ys = all.map((p) => p.lat);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 0.02);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const scale = Math.min(W, H) / 2 - PAD;
  const project = (p) => [W / 2 + ((p.lon * k - cx) / span) * 2 * scale, H / 2 - ((p.lat - cy) / span) * 2 * scale];
  for (const p of located) {
    const [x, y] = project(p);
    svg.append(el('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 5, class: p.kind === 'seeker' ? 'dot-seeker' : 'dot-posting' },
      el('title', {}, pointLabel(p))));
  }
  if (centre && Number.isFinite(centre.lat)) {
    const [x, y] = project(centre);
    svg.append(el('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 7, class: 'dot-me' }, el('title', {}, t('seeker.plot.me'))));
  }
  return svg;
}

/** The seeker's location and their matched postings. */
export function matchPlot(location, postings) {
  const points = postings.filter(Boolean).map((p) => ({ lat: p.location?.lat, lon: p.location?.lon, title: p.title }));
  return coordinatePlot(location, points, { label: t('seeker.plot.desc', points.length) });
}
