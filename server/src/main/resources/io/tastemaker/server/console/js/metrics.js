// The eight offline metrics of GetSolutionMetrics: loading them per version, as a table and a chart.
import { h } from './dom.js';
import { control } from './api.js';
import { lastSegment, metric } from './format.js';
import { metricsChart } from './charts.js';
import { note } from './ui.js';

export const METRICS = [
  { key: 'coverage', short: 'coverage' },
  { key: 'mean_reciprocal_rank_at_25', short: 'MRR@25' },
  { key: 'normalized_discounted_cumulative_gain_at_5', short: 'NDCG@5' },
  { key: 'normalized_discounted_cumulative_gain_at_10', short: 'NDCG@10' },
  { key: 'normalized_discounted_cumulative_gain_at_25', short: 'NDCG@25' },
  { key: 'precision_at_5', short: 'P@5' },
  { key: 'precision_at_10', short: 'P@10' },
  { key: 'precision_at_25', short: 'P@25' },
];

/** Metrics of the ACTIVE versions, oldest first: [{id, arn, metrics}]. Others have none yet. */
export async function loadMetrics(versions) {
  const active = versions.filter((v) => v.status === 'ACTIVE')
    .sort((a, b) => (a.creationDateTime || 0) - (b.creationDateTime || 0));
  return Promise.all(active.map(async (v) => ({
    id: lastSegment(v.solutionVersionArn),
    arn: v.solutionVersionArn,
    metrics: (await control('GetSolutionMetrics', { solutionVersionArn: v.solutionVersionArn })).metrics || {},
  })));
}

/** One row per metric, one column per version; the best value of each row stands out. */
export function metricsTable(versions) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'grid metrics', 'data-testid': 'metrics' },
      h('thead', null, h('tr', null, h('th', null, 'Metric'), versions.map((v) => h('th', { class: 'num', 'data-version': v.id }, v.id)))),
      h('tbody', null, METRICS.map((m) => {
        const best = Math.max(...versions.map((v) => v.metrics[m.key] ?? -Infinity));
        return h('tr', { 'data-metric': m.key },
          h('th', { scope: 'row', class: 'metric-name' }, h('span', null, m.key), h('small', null, m.short)),
          versions.map((v) => h('td', {
            class: ['num', versions.length > 1 && v.metrics[m.key] === best ? 'best' : ''], 'data-version': v.id,
          }, metric(v.metrics[m.key]))));
      }))));
}

export function metricsView(versions) {
  if (!versions.length) return note('Metrics appear once a solution version is ACTIVE.');
  return h('div', { class: 'metrics-view' }, metricsTable(versions), metricsChart(METRICS, versions),
    note('Computed on held-out users: 10% of users, their newest 10% of interactions as the truth.', 'small'));
}
