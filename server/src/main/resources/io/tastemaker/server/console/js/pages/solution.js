// A solution: its versions with training time and status, their metrics side by side, its campaigns.
import { h, fill } from '../dom.js';
import { control, listAll } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, link, card, table, reason, jsonBlock, errorBox } from '../ui.js';
import { href, time, isBusy, arnName, lastSegment, hours } from '../format.js';
import { live } from '../poll.js';
import { busy } from '../router.js';
import { createForm } from '../forms.js';
import { loadMetrics, metricsView } from '../metrics.js';
import { loadCampaigns, campaignsTable } from '../sections/campaigns.js';
import { deleteAction } from '../delete.js';

/** Stops a training version (StopSolutionVersionCreation). */
export function stopButton(version, signal, after, showError) {
  return h('button', {
    type: 'button', class: 'small danger', 'data-testid': 'stop-training',
    onclick: async (e) => {
      e.target.disabled = true;
      try {
        await busy(signal, async () => {
          await control('StopSolutionVersionCreation', { solutionVersionArn: version.solutionVersionArn });
          await after();
        });
      } catch (err) {
        showError(err);
      }
    },
  }, 'Stop');
}

function solutionDetails(s) {
  const params = s.solutionConfig?.algorithmHyperParameters;
  return details([
    ['Status', badge(s.status)], ['Recipe', s.recipeArn ? lastSegment(s.recipeArn) : 'chosen by AutoML'],
    ['AutoML best recipe', s.autoMLResult?.bestRecipeArn ? lastSegment(s.autoMLResult.bestRecipeArn) : null],
    ['ARN', mono(s.solutionArn)], ['Dataset group', link(arnName(s.datasetGroupArn), href('groups', s.datasetGroupArn))],
    ['Event type', s.eventType], ['HPO', s.performHPO ? 'yes' : 'no'], ['AutoML', s.performAutoML ? 'yes' : 'no'],
    ['Hyperparameters', params && Object.keys(params).length ? jsonBlock(params) : null],
    ['Created', time(s.creationDateTime)],
  ]);
}

export async function solutionPage({ arg, view, signal }) {
  const solution = (await control('DescribeSolution', { solutionArn: arg })).solution;
  setCrumbs([arnName(solution.datasetGroupArn), href('groups', solution.datasetGroupArn)], [solution.name, '']);
  const versionsHolder = h('div');
  const metricsHolder = h('div');
  const errorSlot = h('div');
  const showError = (e) => fill(errorSlot, errorBox(e));
  const metricsCache = new Map();
  let refresh = null;
  refresh = live(signal, async () => {
    const list = await listAll('ListSolutionVersions', { solutionArn: arg }, 'solutionVersions');
    const versions = (await Promise.all(list.map(async (v) =>
      (await control('DescribeSolutionVersion', { solutionVersionArn: v.solutionVersionArn })).solutionVersion)))
      .sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0));
    // Metrics of a finished version never change: fetch each once.
    const missing = versions.filter((v) => v.status === 'ACTIVE' && !metricsCache.has(v.solutionVersionArn));
    for (const m of await loadMetrics(missing)) metricsCache.set(m.arn, m);
    const metrics = versions.filter((v) => metricsCache.has(v.solutionVersionArn)).reverse().map((v) => metricsCache.get(v.solutionVersionArn));
    return { versions, metrics };
  }, ({ versions, metrics }) => {
    fill(versionsHolder, table('solution-versions', [
      { label: 'Version', cell: (v) => link(lastSegment(v.solutionVersionArn), href('versions', v.solutionVersionArn)) },
      { label: 'Status', cell: (v) => badge(v.status, v.progress) },
      { label: 'Training mode', cell: (v) => `${v.trainingMode || 'FULL'}${v.trainingType ? ` · ${v.trainingType}` : ''}` },
      { label: 'Training hours', cell: (v) => hours(v.trainingHours), class: 'nowrap training-hours' },
      { label: 'Created', cell: (v) => time(v.creationDateTime), class: 'nowrap' },
      { label: 'Failure reason', cell: (v) => reason(v.failureReason), class: 'wrap' },
      { label: '', cell: (v) => (isBusy(v.status) && !/STOPPING/.test(v.status) ? stopButton(v, signal, refresh, showError) : '') },
    ], versions, { rowAttrs: (v) => ({ 'data-arn': v.solutionVersionArn }), empty: 'No versions yet: train one below.' }));
    fill(metricsHolder, metricsView(metrics));
  }, ({ versions }) => versions.some((v) => isBusy(v.status)));

  const form = createForm({
    title: 'Train a new version', signal, submitLabel: 'Create solution version',
    fields: [{ name: 'trainingMode', label: 'Training mode', type: 'select', options: [['FULL', 'FULL (train from scratch)'], ['UPDATE', 'UPDATE (add new items; aws-hrnn-coldstart)']] }],
    async onSubmit(v) {
      const { solutionVersionArn } = await control('CreateSolutionVersion', { solutionArn: arg, trainingMode: v.trainingMode });
      await refresh();
      return ['Training ', link(lastSegment(solutionVersionArn), href('versions', solutionVersionArn)), ' started.'];
    },
  });
  const campaignsHolder = h('div');
  const [, campaigns] = await Promise.all([refresh(), loadCampaigns([solution])]);
  fill(campaignsHolder, campaignsTable(campaigns));
  const del = deleteAction({
    signal, kind: 'solution', name: solution.name, operation: 'DeleteSolution', input: { solutionArn: arg }, parent: href('groups', solution.datasetGroupArn),
    hint: 'Its versions and their batch inference jobs go with it. Delete its campaigns first; a version still training must finish or be stopped.',
  });
  view.append(
    pageHeader('Solution', solution.name, del.button), del.box,
    card(null, solutionDetails(solution)),
    card('Solution versions', versionsHolder, errorSlot, h('div', { class: 'forms' }, form.element)),
    card('Metrics', metricsHolder),
    card('Campaigns', campaignsHolder));
}
