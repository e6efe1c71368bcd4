// The group page's metric attribution section: the attribution with its metrics and output, a chart
// of each metric per hour and attribution source, and the forms to create, update and delete it.
import { h, fill } from '../dom.js';
import { control, listAll, unlessGone, attributionMetrics } from '../api.js';
import { badge, details, table, mono, reason, note } from '../ui.js';
import { href, time, isBusy, accountOf } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';
import { deleteAction } from '../delete.js';
import { attributionChart } from '../attribution-chart.js';

/** Metric lines "EVENT_TYPE, METRIC_NAME, EXPRESSION" as MetricAttribute objects; empty lines are skipped. */
export function parseMetrics(text) {
  return String(text || '').split('\n').map((line) => line.trim()).filter((line) => line !== '').map((line, i) => {
    const parts = line.split(',').map((p) => p.trim());
    if (parts.length !== 3 || parts.some((p) => p === '')) {
      throw { type: 'InvalidInput', message: `Metric line ${i + 1} must be "EVENT_TYPE, METRIC_NAME, EXPRESSION", got '${line}'.` };
    }
    return { eventType: parts[0], metricName: parts[1], expression: parts[2] };
  });
}

const METRICS_HINT = 'One metric a line: EVENT_TYPE, METRIC_NAME, EXPRESSION, where EXPRESSION is SAMPLECOUNT() or SUM(Interactions.FIELD) or SUM(Items.FIELD) of a numeric field.';

function outputConfig(v) {
  return { roleArn: v.roleArn, ...(v.path ? { s3DataDestination: { path: v.path } } : {}) };
}

/** The group's attribution (at most one), its metrics and, once ACTIVE, its hourly values; null without one. */
async function load(groupArn) {
  const list = await listAll('ListMetricAttributions', { datasetGroupArn: groupArn }, 'metricAttributions');
  if (!list.length) return null;
  const arn = list[0].metricAttributionArn;
  const attribution = (await unlessGone(control('DescribeMetricAttribution', { metricAttributionArn: arn })))?.metricAttribution;
  if (!attribution) return null;
  const metrics = (await control('ListMetricAttributionMetrics', { metricAttributionArn: arn })).metrics || [];
  const series = attribution.status === 'ACTIVE' ? await attributionMetrics(arn) : null;
  return { attribution, metrics, series };
}

function metricsTable(metrics) {
  return table('attribution-metrics', [
    { label: 'Metric', cell: (m) => m.metricName },
    { label: 'Event type', cell: (m) => m.eventType },
    { label: 'Expression', cell: (m) => mono(m.expression) },
  ], metrics, { empty: 'No metrics: add some with the update form.' });
}

function charts(metrics, series) {
  if (!series) return note('The chart appears once the metric attribution is ACTIVE.', 'muted');
  const boxes = metrics.map((m) => {
    const chart = attributionChart(m.metricName, series.values.filter((v) => v.metricName === m.metricName), series.windowSeconds);
    return h('div', { class: 'chart-box' }, h('h4', null, `${m.metricName} (${m.eventType}, ${m.expression})`),
      chart || note('No events of this type since the attribution was created.', 'muted'));
  });
  return h('div', { class: 'attribution-charts' }, boxes,
    note('Per hour of event time and EVENT_ATTRIBUTION_SOURCE (NONE for events without one), from imports created and events streamed since the attribution was created.', 'small'));
}

function createAttributionForm({ signal, groupArn, onCreated }) {
  return createForm({
    title: 'Create metric attribution', signal, testid: 'create-attribution',
    fields: [
      { name: 'name', label: 'Name', required: true, placeholder: 'revenue-impact' },
      { name: 'metrics', label: 'Metrics', type: 'textarea', rows: 4, mono: true, wide: true, required: true,
        placeholder: 'purchase, REVENUE, SUM(Items.PRICE)\nclick, CLICKS, SAMPLECOUNT()', hint: METRICS_HINT },
      { name: 'path', label: 'Output folder (optional)', mono: true, wide: true, placeholder: 's3://bucket/attribution/ or /data/attribution/',
        hint: 'Imports with publishAttributionMetricsToS3 write their metrics here as CSV.' },
      { name: 'roleArn', label: 'Role ARN', mono: true, wide: true, required: true, value: `arn:aws:iam::${accountOf(groupArn)}:role/PersonalizeRole`,
        hint: 'Required by the API; Tastemaker records it but does not assume it.' },
    ],
    async onSubmit(v, f) {
      await control('CreateMetricAttribution', { name: v.name, datasetGroupArn: groupArn, metrics: parseMetrics(v.metrics), metricsOutputConfig: outputConfig(v) });
      f.clear('name', 'metrics');
      await onCreated();
      return `Metric attribution ${v.name} created.`;
    },
  });
}

function updateAttributionForm({ signal, attribution, onUpdated }) {
  const output = attribution.metricsOutputConfig || {};
  return createForm({
    title: 'Update metric attribution', signal, testid: 'update-attribution', submitLabel: 'Update',
    fields: [
      { name: 'addMetrics', label: 'Metrics to add', type: 'textarea', rows: 3, mono: true, wide: true, placeholder: 'purchase, ORDERS, SAMPLECOUNT()', hint: METRICS_HINT },
      { name: 'removeMetrics', label: 'Metrics to remove', mono: true, wide: true, placeholder: 'CLICKS, REVENUE', hint: 'Metric names, comma separated.' },
      { name: 'path', label: 'Output folder', mono: true, wide: true, value: output.s3DataDestination?.path || '' },
      { name: 'roleArn', label: 'Role ARN', mono: true, wide: true, required: true, value: output.roleArn || '' },
    ],
    async onSubmit(v, f) {
      const input = { metricAttributionArn: attribution.metricAttributionArn };
      const add = parseMetrics(v.addMetrics);
      const remove = v.removeMetrics.split(',').map((n) => n.trim()).filter((n) => n !== '');
      if (add.length) input.addMetrics = add;
      if (remove.length) input.removeMetrics = remove;
      if (v.path !== (output.s3DataDestination?.path || '') || v.roleArn !== (output.roleArn || '')) input.metricsOutputConfig = outputConfig(v);
      await control('UpdateMetricAttribution', input);
      f.clear('addMetrics', 'removeMetrics');
      await onUpdated();
      return 'Metric attribution updated.';
    },
  });
}

export async function attributionSection({ groupArn, signal }) {
  const holder = h('div');
  const formsSlot = h('div');
  let shownKey;
  let refresh = null;
  refresh = live(signal, () => load(groupArn), (loaded) => {
    if (!loaded) {
      fill(holder, note('No metric attribution yet. One per dataset group measures what recommendations earn, per event attribution source.', 'muted'));
    } else {
      const { attribution: a, metrics, series } = loaded;
      fill(holder,
        h('div', { class: 'status-row' }, badge(a.status, undefined, { 'data-testid': 'attribution-status' })),
        details([
          ['Name', a.name], ['ARN', mono(a.metricAttributionArn)],
          ['Output folder', a.metricsOutputConfig?.s3DataDestination?.path ? mono(a.metricsOutputConfig.s3DataDestination.path) : 'none'],
          ['Role ARN', a.metricsOutputConfig?.roleArn ? mono(a.metricsOutputConfig.roleArn) : null],
          ['Created', time(a.creationDateTime)], ['Updated', time(a.lastUpdatedDateTime)],
          ['Failure reason', a.failureReason ? reason(a.failureReason) : null],
        ]),
        metricsTable(metrics), charts(metrics, series));
    }
    // The forms are built again only when the attribution itself changes, so polling keeps a half-typed form.
    const key = loaded ? `${loaded.attribution.metricAttributionArn} ${loaded.attribution.status}` : 'none';
    if (key === shownKey) return;
    shownKey = key;
    if (!loaded) {
      fill(formsSlot, h('div', { class: 'forms' }, createAttributionForm({ signal, groupArn, onCreated: refresh }).element));
    } else if (loaded.attribution.status === 'ACTIVE') {
      const a = loaded.attribution;
      const del = deleteAction({
        signal, kind: 'metric attribution', name: a.name, operation: 'DeleteMetricAttribution', input: { metricAttributionArn: a.metricAttributionArn },
        parent: href('groups', groupArn), hint: 'Its metrics stop being computed and leave /metrics; files already published stay.',
      });
      fill(formsSlot, h('div', { class: 'forms' }, updateAttributionForm({ signal, attribution: a, onUpdated: refresh }).element),
        h('div', { class: 'actions' }, h('button', { type: 'button', 'data-testid': 'reload-attribution', onclick: () => refresh() }, 'Reload metrics'), del.button), del.box);
    } else {
      fill(formsSlot);
    }
  }, (loaded) => loaded !== null && isBusy(loaded.attribution.status));
  const element = h('section', { class: 'card', id: 'attribution' }, h('h2', null, 'Metric attribution'), holder, formsSlot);
  await refresh();
  return element;
}
