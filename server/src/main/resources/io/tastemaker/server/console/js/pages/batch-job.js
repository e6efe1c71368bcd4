// A batch inference job: status with progress, input and output locations, settings, failure reason.
import { h, fill } from '../dom.js';
import { control } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, link, reason, jsonBlock, note } from '../ui.js';
import { href, time, isBusy, arnName, lastSegment } from '../format.js';
import { live } from '../poll.js';

export async function batchJobPage({ arg, view, signal }) {
  const summary = h('div');
  const refresh = live(signal,
    async () => (await control('DescribeBatchInferenceJob', { batchInferenceJobArn: arg })).batchInferenceJob,
    (j) => fill(summary, details([
      ['Status', h('span', { 'data-testid': 'batch-status' }, badge(j.status, j.progress))],
      ['ARN', mono(j.batchInferenceJobArn)],
      ['Solution version', link(arnName(j.solutionVersionArn), href('versions', j.solutionVersionArn))],
      ['Input location', mono(j.jobInput?.s3DataSource?.path || '—')],
      ['Output location', h('span', { 'data-testid': 'batch-output' }, mono(j.jobOutput?.s3DataDestination?.path || '—'))],
      ['Results per line', String(j.numResults ?? '—')],
      ['Filter', j.filterArn ? link(lastSegment(j.filterArn), href('filters', j.filterArn)) : 'none'],
      ['Mode', j.batchInferenceJobMode], ['Role ARN', j.roleArn ? mono(j.roleArn) : null],
      ['Configuration', j.batchInferenceJobConfig && Object.keys(j.batchInferenceJobConfig).length ? jsonBlock(j.batchInferenceJobConfig) : null],
      ['Created', time(j.creationDateTime)], ['Updated', time(j.lastUpdatedDateTime)],
      ['Failure reason', j.failureReason ? reason(j.failureReason) : null],
    ])),
    (j) => isBusy(j.status));
  const job = await refresh();
  const version = await control('DescribeSolutionVersion', { solutionVersionArn: job.solutionVersionArn }).then((r) => r.solutionVersion).catch(() => null);
  setCrumbs(...(version ? [[arnName(version.datasetGroupArn), href('groups', version.datasetGroupArn)],
    [arnName(version.solutionArn), href('solutions', version.solutionArn)]] : []),
  [lastSegment(job.solutionVersionArn), href('versions', job.solutionVersionArn)], [job.jobName, '']);
  view.append(pageHeader('Batch inference job', job.jobName), h('section', { class: 'card' }, summary),
    note('Each input file gets <file name>.out in the output location: one JSON line per input line with recommendedItems (and scores when the recipe scores).', 'muted'));
}
