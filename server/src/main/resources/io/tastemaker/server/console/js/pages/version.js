// A solution version: training details, tuned hyperparameters, metrics, and its batch inference jobs
// (batch segment jobs for a USER_SEGMENTATION recipe, which campaigns do not serve).
import { h, fill } from '../dom.js';
import { control, listAll } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, link, card, reason, jsonBlock, errorBox, note } from '../ui.js';
import { href, time, isBusy, arnName, lastSegment, hours } from '../format.js';
import { live } from '../poll.js';
import { loadMetrics, metricsView } from '../metrics.js';
import { stopButton } from './solution.js';
import { describeJobs, batchJobsTable, batchForm } from '../sections/batch.js';
import { describeSegmentJobs, segmentJobsTable, segmentForm } from '../sections/segments.js';
import { recipeTypeOf } from '../catalog.js';

export async function versionPage({ arg, view, signal }) {
  const summary = h('div');
  const metricsHolder = h('div', null, note('Metrics appear once the version is ACTIVE.'));
  const errorSlot = h('div');
  let metricsShown = false;
  let refresh = null;
  refresh = live(signal, async () => {
    const v = (await control('DescribeSolutionVersion', { solutionVersionArn: arg })).solutionVersion;
    const metrics = v.status === 'ACTIVE' && !metricsShown ? await loadMetrics([v]) : null;
    return { v, metrics };
  }, ({ v, metrics }) => {
    const tuned = v.tunedHPOParams?.algorithmHyperParameters;
    fill(summary, details([
      ['Status', h('span', { class: 'stack' }, badge(v.status, v.progress),
        isBusy(v.status) && !/STOPPING/.test(v.status) ? stopButton(v, signal, refresh, (e) => fill(errorSlot, errorBox(e))) : null)],
      ['ARN', mono(v.solutionVersionArn)],
      ['Solution', link(arnName(v.solutionArn), href('solutions', v.solutionArn))],
      ['Dataset group', link(arnName(v.datasetGroupArn), href('groups', v.datasetGroupArn))],
      ['Recipe', lastSegment(v.recipeArn)], ['Training mode', v.trainingMode], ['Training type', v.trainingType],
      ['Training hours', h('span', { 'data-testid': 'training-hours' }, hours(v.trainingHours))],
      ['Event type', v.eventType], ['HPO', v.performHPO ? 'yes' : 'no'], ['AutoML', v.performAutoML ? 'yes' : 'no'],
      ['Tuned hyperparameters', tuned && Object.keys(tuned).length ? jsonBlock(tuned) : null],
      ['Created', time(v.creationDateTime)], ['Updated', time(v.lastUpdatedDateTime)],
      ['Failure reason', v.failureReason ? reason(v.failureReason) : null],
    ]));
    if (metrics) {
      metricsShown = true;
      fill(metricsHolder, metricsView(metrics));
    }
  }, ({ v }) => isBusy(v.status));
  const { v: version } = await refresh();
  setCrumbs([arnName(version.datasetGroupArn), href('groups', version.datasetGroupArn)],
    [arnName(version.solutionArn), href('solutions', version.solutionArn)], [lastSegment(version.solutionVersionArn), '']);

  const jobsHolder = h('div');
  const mine = async () => [{ ...version, recipe: lastSegment(version.recipeArn) }];
  if (await recipeTypeOf(version.recipeArn) === 'USER_SEGMENTATION') {
    const refreshSegments = live(signal,
      async () => describeSegmentJobs(await listAll('ListBatchSegmentJobs', { solutionVersionArn: arg }, 'batchSegmentJobs')),
      (jobs) => fill(jobsHolder, segmentJobsTable(jobs)), (jobs) => jobs.some((j) => isBusy(j.status)));
    await refreshSegments();
    const form = segmentForm({ signal, groupArn: version.datasetGroupArn, versions: mine, onCreated: refreshSegments });
    view.append(
      pageHeader('Solution version', arnName(version.solutionVersionArn)),
      card(null, summary, errorSlot),
      card('Metrics', metricsHolder),
      card('Batch segment jobs', note(`${lastSegment(version.recipeArn)} answers user segments: try it with a batch segment job (campaigns do not serve segmentation recipes).`, 'muted'),
        jobsHolder, h('div', { class: 'forms' }, form.element)));
    return;
  }
  const refreshJobs = live(signal,
    async () => describeJobs(await listAll('ListBatchInferenceJobs', { solutionVersionArn: arg }, 'batchInferenceJobs')),
    (jobs) => fill(jobsHolder, batchJobsTable(jobs)), (jobs) => jobs.some((j) => isBusy(j.status)));
  await refreshJobs();
  const form = batchForm({ signal, groupArn: version.datasetGroupArn, versions: mine, onCreated: refreshJobs });
  view.append(
    pageHeader('Solution version', arnName(version.solutionVersionArn)),
    card(null, summary, errorSlot),
    card('Metrics', metricsHolder),
    card('Batch inference jobs', jobsHolder, h('div', { class: 'forms' }, form.element)));
}
