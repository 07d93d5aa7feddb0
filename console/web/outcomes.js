import { t } from './i18n.js';
import { el } from './dom.js';

// What became of matches over the last days, from matching's GET /api/v1/stats/outcomes (counters kept by day, in
// total and by key group, region and campaign): a table of days, and the period's outcomes by key group.
export const OUTCOME_KINDS = ['found', 'withdrawn', 'dismissed', 'applied', 'hired'];
export const OUTCOME_DAYS = 14;

export function outcomesView(series) {
  const days = Object.entries(series?.days || {}).sort((a, b) => b[0].localeCompare(a[0]));
  const byGroup = new Map();
  for (const [, outcomes] of days) {
    for (const kind of OUTCOME_KINDS) {
      for (const [group, count] of Object.entries(outcomes[kind]?.byKeyGroup || {})) {
        const row = byGroup.get(group) || Object.fromEntries(OUTCOME_KINDS.map((k) => [k, 0]));
        row[kind] += count;
        byGroup.set(group, row);
      }
    }
  }
  const header = (first) => el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, first),
    OUTCOME_KINDS.map((kind) => el('th', { scope: 'col' }, t(`operator.outcome.${kind}`)))));
  return [
    el('table', { id: 'outcomes-by-day' },
      el('caption', {}, t('operator.outcomes.byDay', OUTCOME_DAYS)),
      header(t('operator.col.day')),
      el('tbody', {}, days.length === 0 ? el('tr', {}, el('td', { colspan: OUTCOME_KINDS.length + 1 }, t('operator.none')))
        : days.map(([day, outcomes]) => el('tr', { 'data-day': day }, el('th', { scope: 'row' }, day),
          OUTCOME_KINDS.map((kind) => el('td', { 'data-outcome': kind }, String(outcomes[kind]?.total ?? 0))))))),
    el('table', { id: 'outcomes-by-group' },
      el('caption', {}, t('operator.outcomes.byGroup', OUTCOME_DAYS)),
      header(t('operator.col.name')),
      el('tbody', {}, byGroup.size === 0 ? el('tr', {}, el('td', { colspan: OUTCOME_KINDS.length + 1 }, t('operator.none')))
        : [...byGroup.entries()].sort().map(([group, row]) => el('tr', { 'data-group': group },
          el('th', { scope: 'row' }, t(`group.${group}`)),
          OUTCOME_KINDS.map((kind) => el('td', { 'data-outcome': kind }, String(row[kind]))))))),
  ];
}
