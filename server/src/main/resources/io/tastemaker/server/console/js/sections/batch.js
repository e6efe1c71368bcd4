// The group page's batch inference section: jobs with progress and output location, and the form.
import { h, fill } from '../dom.js';
import { control, listAll, describeEach } from '../api.js';
import { badge, table, link, reason, mono } from '../ui.js';
import { href, time, isBusy, arnName, accountOf } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';
import { groupVersions, versionOptions, filterOptions, bySegmentation } from '../catalog.js';

/** Batch jobs described (for progress and locations), newest first. */
export async function describeJobs(summaries) {
  const jobs = await describeEach(summaries, async (j) =>
    (await control('DescribeBatchInferenceJob', { batchInferenceJobArn: j.batchInferenceJobArn })).batchInferenceJob);
  return jobs.sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0));
}

export function batchJobsTable(jobs) {
  return table('batch-jobs', [
    { label: 'Job', cell: (j) => link(j.jobName, href('batch-jobs', j.batchInferenceJobArn)) },
    { label: 'Status', cell: (j) => badge(j.status, j.progress) },
    { label: 'Solution version', cell: (j) => link(arnName(j.solutionVersionArn), href('versions', j.solutionVersionArn)) },
    { label: 'Output location', cell: (j) => mono(j.jobOutput?.s3DataDestination?.path || '—'), class: 'wrap' },
    { label: 'Created', cell: (j) => time(j.creationDateTime), class: 'nowrap' },
    { label: 'Failure reason', cell: (j) => reason(j.failureReason), class: 'wrap' },
  ], jobs, { empty: 'No batch inference jobs yet.' });
}

export function batchForm({ signal, groupArn, versions, onCreated }) {
  return createForm({
    title: 'Create batch inference job', signal,
    fields: [
      { name: 'jobName', label: 'Job name', required: true, placeholder: 'nightly-recommendations' },
      { name: 'solutionVersionArn', label: 'Solution version', type: 'select', required: true, options: [] },
      { name: 'input', label: 'Input location', required: true, mono: true, wide: true, placeholder: 's3://bucket/batch/input.json or /data/batch/',
        hint: 'JSON lines, one request per line: {"userId": "u1"}, {"itemId": "i1"} or {"userId": "u1", "itemList": [...]}. A file or a folder.' },
      { name: 'output', label: 'Output folder', required: true, mono: true, wide: true, placeholder: 's3://bucket/batch/output/ or /data/batch/out/',
        hint: 'Each input file gives <file name>.out here.' },
      { name: 'numResults', label: 'Results per line', type: 'number', min: 1, max: 500, value: 25 },
      { name: 'filterArn', label: 'Filter', type: 'select', options: [['', 'No filter']] },
      { name: 'roleArn', label: 'Role ARN', mono: true, wide: true, required: true, value: `arn:aws:iam::${accountOf(groupArn)}:role/PersonalizeRole`,
        hint: 'Required by the API; Tastemaker records it but does not assume it.' },
    ],
    async onOpen(f) {
      const [options, filters] = await Promise.all([versions().then((all) => bySegmentation(all, false)).then(versionOptions), filterOptions(groupArn)]);
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
      const { batchInferenceJobArn } = await control('CreateBatchInferenceJob', input);
      f.clear('jobName');
      await onCreated();
      return ['Started ', link(v.jobName, href('batch-jobs', batchInferenceJobArn)), '.'];
    },
  });
}

export async function batchSection({ groupArn, signal }) {
  const holder = h('div');
  const versions = () => groupVersions(groupArn);
  const refresh = live(signal, async () => {
    const mine = new Set((await versions()).map((v) => v.solutionVersionArn));
    const all = await listAll('ListBatchInferenceJobs', {}, 'batchInferenceJobs');
    return describeJobs(all.filter((j) => mine.has(j.solutionVersionArn)));
  }, (jobs) => fill(holder, batchJobsTable(jobs)), (jobs) => jobs.some((j) => isBusy(j.status)));
  const element = h('section', { class: 'card', id: 'batch-jobs' },
    h('h2', null, 'Batch inference jobs'), holder,
    h('div', { class: 'forms' }, batchForm({ signal, groupArn, versions, onCreated: refresh }).element));
  await refresh();
  return element;
}
