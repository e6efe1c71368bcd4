// A batch segment job: status with progress, input and output locations, settings, failure reason.
import { h, fill } from '../dom.js';
import { control } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, link, reason, note } from '../ui.js';
import { href, time, isBusy, arnName, lastSegment } from '../format.js';
import { live } from '../poll.js';

export async function segmentJobPage({ arg, view, signal }) {
  const summary = h('div');
  const refresh = live(signal,
    async () => (await control('DescribeBatchSegmentJob', { batchSegmentJobArn: arg })).batchSegmentJob,
    (j) => fill(summary, details([
      ['Status', h('span', { 'data-testid': 'segment-status' }, badge(j.status, j.progress))],
      ['ARN', mono(j.batchSegmentJobArn)],
      ['Solution version', link(arnName(j.solutionVersionArn), href('versions', j.solutionVersionArn))],
      ['Input location', mono(j.jobInput?.s3DataSource?.path || '—')],
      ['Output location', h('span', { 'data-testid': 'segment-output' }, mono(j.jobOutput?.s3DataDestination?.path || '—'))],
      ['Users per segment', String(j.numResults ?? '—')],
      ['User filter', j.filterArn ? link(lastSegment(j.filterArn), href('filters', j.filterArn)) : 'none'],
      ['Role ARN', j.roleArn ? mono(j.roleArn) : null],
      ['Created', time(j.creationDateTime)], ['Updated', time(j.lastUpdatedDateTime)],
      ['Failure reason', j.failureReason ? reason(j.failureReason) : null],
    ])),
    (j) => isBusy(j.status));
  const job = await refresh();
  const version = await control('DescribeSolutionVersion', { solutionVersionArn: job.solutionVersionArn }).then((r) => r.solutionVersion).catch(() => null);
  setCrumbs(...(version ? [[arnName(version.datasetGroupArn), href('groups', version.datasetGroupArn)],
    [arnName(version.solutionArn), href('solutions', version.solutionArn)]] : []),
  [lastSegment(job.solutionVersionArn), href('versions', job.solutionVersionArn)], [job.jobName, '']);
  view.append(pageHeader('Batch segment job', job.jobName), h('section', { class: 'card' }, summary),
    note('Each input file gets <file name>.out in the output location: one JSON line per input line with output.recommendedUsers, or an error for that line.', 'muted'));
}
