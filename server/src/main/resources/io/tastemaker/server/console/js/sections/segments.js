// Batch segment jobs of the group's USER_SEGMENTATION versions (aws-item-affinity, aws-item-attribute-affinity):
// campaigns refuse those versions, so this list and form are how the console tries them.
import { h, fill } from '../dom.js';
import { control, listAll, describeEach } from '../api.js';
import { badge, table, link, reason, mono, note } from '../ui.js';
import { href, time, isBusy, arnName, accountOf } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';
import { groupVersions, versionOptions, filterOptions, bySegmentation } from '../catalog.js';

/** Segment jobs described (for progress and locations), newest first. */
export async function describeSegmentJobs(summaries) {
  const jobs = await describeEach(summaries, async (j) =>
    (await control('DescribeBatchSegmentJob', { batchSegmentJobArn: j.batchSegmentJobArn })).batchSegmentJob);
  return jobs.sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0));
}

export function segmentJobsTable(jobs) {
  return table('segment-jobs', [
    { label: 'Job', cell: (j) => link(j.jobName, href('segment-jobs', j.batchSegmentJobArn)) },
    { label: 'Status', cell: (j) => badge(j.status, j.progress) },
    { label: 'Solution version', cell: (j) => link(arnName(j.solutionVersionArn), href('versions', j.solutionVersionArn)) },
    { label: 'Users per segment', cell: (j) => String(j.numResults ?? '—'), class: 'num' },
    { label: 'Input location', cell: (j) => mono(j.jobInput?.s3DataSource?.path || '—'), class: 'wrap' },
    { label: 'Output location', cell: (j) => mono(j.jobOutput?.s3DataDestination?.path || '—'), class: 'wrap' },
    { label: 'Created', cell: (j) => time(j.creationDateTime), class: 'nowrap' },
    { label: 'Failure reason', cell: (j) => reason(j.failureReason), class: 'wrap' },
  ], jobs, { empty: 'No batch segment jobs yet.' });
}

/** The form; versions() gives the versions to offer (the USER_SEGMENTATION ones among them are). */
export function segmentForm({ signal, groupArn, versions, onCreated }) {
  return createForm({
    title: 'Create batch segment job', signal, testid: 'create-segment-job',
    fields: [
      { name: 'jobName', label: 'Job name', required: true, placeholder: 'comedy-fans' },
      { name: 'solutionVersionArn', label: 'Solution version', type: 'select', required: true, options: [] },
      { name: 'input', label: 'Input location', required: true, mono: true, wide: true, placeholder: 's3://bucket/segments/input.json or /data/segments/',
        hint: 'JSON lines, one segment a line: {"itemId": "i1"} (aws-item-affinity) or {"itemAttributes": "ITEMS.GENRES = \\"Comedy\\""} (aws-item-attribute-affinity). A file or a folder.' },
      { name: 'output', label: 'Output folder', required: true, mono: true, wide: true, placeholder: 's3://bucket/segments/output/ or /data/segments/out/',
        hint: 'Each input file gives <file name>.out here: one line per input line with output.recommendedUsers.' },
      { name: 'numResults', label: 'Users per segment', type: 'number', min: 1, max: 5000000, value: 25 },
      { name: 'filterArn', label: 'User filter', type: 'select', options: [['', 'No filter']] },
      { name: 'roleArn', label: 'Role ARN', mono: true, wide: true, required: true, value: `arn:aws:iam::${accountOf(groupArn)}:role/PersonalizeRole`,
        hint: 'Required by the API; Tastemaker records it but does not assume it.' },
    ],
    async onOpen(f) {
      const [options, filters] = await Promise.all([versions().then((all) => bySegmentation(all, true)).then(versionOptions), filterOptions(groupArn)]);
      f.setOptions('solutionVersionArn', options);
      f.setOptions('filterArn', filters);
    },
    async onSubmit(v, f) {
      const input = {
        jobName: v.jobName, solutionVersionArn: v.solutionVersionArn, roleArn: v.roleArn,
        jobInput: { s3DataSource: { path: v.input } }, jobOutput: { s3DataDestination: { path: v.output } },
      };
      if (v.numResults !== undefined) input.numResults = v.numResults;
      if (v.filterArn) input.filterArn = v.filterArn;
      const { batchSegmentJobArn } = await control('CreateBatchSegmentJob', input);
      f.clear('jobName');
      await onCreated();
      return ['Started ', link(v.jobName, href('segment-jobs', batchSegmentJobArn)), '.'];
    },
  });
}

export async function segmentsSection({ groupArn, signal }) {
  const holder = h('div');
  const versions = () => groupVersions(groupArn);
  const refresh = live(signal, async () => {
    const mine = new Set((await versions()).map((v) => v.solutionVersionArn));
    const all = await listAll('ListBatchSegmentJobs', {}, 'batchSegmentJobs');
    return describeSegmentJobs(all.filter((j) => mine.has(j.solutionVersionArn)));
  }, (jobs) => fill(holder, segmentJobsTable(jobs)), (jobs) => jobs.some((j) => isBusy(j.status)));
  const element = h('section', { class: 'card', id: 'segment-jobs' },
    h('h2', null, 'Batch segment jobs'),
    note('User segments from versions of a USER_SEGMENTATION recipe (aws-item-affinity, aws-item-attribute-affinity); campaigns do not serve those.', 'muted'),
    holder,
    h('div', { class: 'forms' }, segmentForm({ signal, groupArn, versions, onCreated: refresh }).element));
  await refresh();
  return element;
}
