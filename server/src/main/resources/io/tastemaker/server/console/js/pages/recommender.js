// A recommender: its use case, status and configuration, offline metrics, stop and start, the test panel, and the update form.
import { h, fill } from '../dom.js';
import { control } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, link, card, reason, jsonBlock, note } from '../ui.js';
import { href, time, isBusy, arnName, lastSegment } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';
import { testPanel } from '../test-panel.js';
import { deleteAction } from '../delete.js';
import { metricsView } from '../metrics.js';

function recommenderDetails(r) {
  const update = r.latestRecommenderUpdate;
  return [
    h('div', { class: 'status-row' }, badge(r.status, undefined, { 'data-testid': 'recommender-status' })),
    details([
      ['ARN', mono(r.recommenderArn)],
      ['Use case', lastSegment(r.recipeArn)],
      ['Dataset group', link(arnName(r.datasetGroupArn), href('groups', r.datasetGroupArn))],
      ['Configuration', r.recommenderConfig && Object.keys(r.recommenderConfig).length ? jsonBlock(r.recommenderConfig) : null],
      ['Latest update', update ? h('span', { class: 'stack' }, badge(update.status), `at ${time(update.lastUpdatedDateTime)}`,
        update.failureReason ? reason(update.failureReason) : null) : null],
      ['Created', time(r.creationDateTime)], ['Updated', time(r.lastUpdatedDateTime)],
      ['Failure reason', r.failureReason ? reason(r.failureReason) : null],
    ], { columns: 2 }),
  ];
}

function stopStart({ recommender, onChanged }) {
  const stop = recommender.status === 'ACTIVE';
  if (!stop && recommender.status !== 'INACTIVE') return null;
  return h('button', {
    type: 'button', class: 'secondary', 'data-testid': stop ? 'stop-recommender' : 'start-recommender',
    onclick: async () => {
      await control(stop ? 'StopRecommender' : 'StartRecommender', { recommenderArn: recommender.recommenderArn });
      await onChanged();
    },
  }, stop ? 'Stop recommender' : 'Start recommender');
}

function updateForm({ signal, recommender, onUpdated }) {
  const config = recommender.recommenderConfig || {};
  return createForm({
    title: 'Change the configuration (UpdateRecommender)', signal, submitLabel: 'Update recommender', testid: 'update-recommender',
    fields: [
      { name: 'minRecommendationRequestsPerSecond', label: 'Minimum recommendation requests per second', type: 'number', min: 1,
        value: config.minRecommendationRequestsPerSecond ?? 1 },
      { name: 'enableMetadataWithRecommendations', label: 'Return Items metadata with recommendations', type: 'checkbox',
        value: config.enableMetadataWithRecommendations === true },
    ],
    async onSubmit(v) {
      const next = { ...config, minRecommendationRequestsPerSecond: v.minRecommendationRequestsPerSecond ?? 1,
        enableMetadataWithRecommendations: Boolean(v.enableMetadataWithRecommendations) };
      await control('UpdateRecommender', { recommenderArn: recommender.recommenderArn, recommenderConfig: next });
      await onUpdated();
      return 'Update started; the recommender keeps answering as before until the update is ACTIVE.';
    },
  });
}

export async function recommenderPage({ arg, view, signal }) {
  const summary = h('div');
  const actions = h('span');
  const metrics = h('div', null, note('Metrics appear once the recommender is ACTIVE.'));
  const refresh = live(signal,
    async () => (await control('DescribeRecommender', { recommenderArn: arg })).recommender,
    (r) => {
      fill(summary, recommenderDetails(r));
      fill(actions, stopStart({ recommender: r, onChanged: refresh }));
      if (r.modelMetrics && Object.keys(r.modelMetrics).length) {
        fill(metrics, metricsView([{ id: 'model', arn: r.recommenderArn, metrics: r.modelMetrics }]));
      }
    },
    (r) => isBusy(r.status) || isBusy(r.latestRecommenderUpdate?.status));
  const recommender = await refresh();
  setCrumbs([arnName(recommender.datasetGroupArn), href('groups', recommender.datasetGroupArn)], [recommender.name, '']);
  const del = deleteAction({
    signal, kind: 'recommender', name: recommender.name, operation: 'DeleteRecommender', input: { recommenderArn: arg },
    parent: href('groups', recommender.datasetGroupArn), hint: 'It stops answering and its models are deleted.',
  });
  const panel = recommender.status === 'ACTIVE'
    ? await testPanel({ campaign: recommender, version: { datasetGroupArn: recommender.datasetGroupArn, recipeArn: recommender.recipeArn }, signal })
    : card('Test recommender', note('The test panel opens once the recommender is ACTIVE; reload the page then.', 'muted'));
  view.append(
    pageHeader('Recommender', recommender.name, actions, del.button), del.box,
    card(null, summary),
    card('Offline metrics', metrics),
    panel,
    card('Configuration', h('div', { class: 'forms' }, updateForm({ signal, recommender, onUpdated: refresh }).element)));
}
