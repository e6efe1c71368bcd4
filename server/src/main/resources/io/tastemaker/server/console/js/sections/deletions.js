// The group page's data deletion section: deletion jobs with the number of records removed, and the form.
import { h, fill } from '../dom.js';
import { control, listAll, describeEach } from '../api.js';
import { badge, table, reason, mono } from '../ui.js';
import { time, isBusy, accountOf } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';

/** The group's deletion jobs, described for numDeleted and the data source (the list has neither), newest first. */
async function loadDeletions(groupArn) {
  const jobs = await listAll('ListDataDeletionJobs', { datasetGroupArn: groupArn }, 'dataDeletionJobs');
  const described = await describeEach(jobs, async (j) =>
    (await control('DescribeDataDeletionJob', { dataDeletionJobArn: j.dataDeletionJobArn })).dataDeletionJob);
  return described.sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0));
}

export function deletionJobsTable(jobs) {
  return table('deletion-jobs', [
    { label: 'Job', cell: (j) => j.jobName },
    { label: 'Status', cell: (j) => badge(j.status, j.progress) },
    { label: 'Users file', cell: (j) => mono(j.dataSource?.dataLocation || '—'), class: 'wrap' },
    { label: 'Records deleted', cell: (j) => (j.numDeleted === undefined || j.numDeleted === null ? '—' : String(j.numDeleted)), class: 'num deleted' },
    { label: 'Created', cell: (j) => time(j.creationDateTime), class: 'nowrap' },
    { label: 'Failure reason', cell: (j) => reason(j.failureReason), class: 'wrap' },
  ], jobs, { empty: 'No data deletion jobs yet.' });
}

function deletionForm({ signal, groupArn, onCreated }) {
  return createForm({
    title: 'Delete users\' data', signal, testid: 'create-deletion', submitLabel: 'Create data deletion job',
    fields: [
      { name: 'jobName', label: 'Job name', required: true, placeholder: 'forget-users-1' },
      { name: 'dataLocation', label: 'Users file', required: true, mono: true, wide: true, placeholder: 's3://bucket/forget.csv or /data/forget.csv',
        hint: 'A CSV with a USER_ID column. Their interactions (imported and streamed), Users records and live state go; later answers treat them as unknown users.' },
      { name: 'roleArn', label: 'Role ARN', mono: true, wide: true, required: true, value: `arn:aws:iam::${accountOf(groupArn)}:role/PersonalizeRole`,
        hint: 'Required by the API; Tastemaker records it but does not assume it.' },
    ],
    async onSubmit(v, f) {
      await control('CreateDataDeletionJob', { jobName: v.jobName, datasetGroupArn: groupArn, dataSource: { dataLocation: v.dataLocation }, roleArn: v.roleArn });
      f.clear('jobName');
      await onCreated();
      return `Deletion job ${v.jobName} started.`;
    },
  });
}

export async function deletionsSection({ groupArn, signal }) {
  const holder = h('div');
  const refresh = live(signal, () => loadDeletions(groupArn), (jobs) => fill(holder, deletionJobsTable(jobs)),
    (jobs) => jobs.some((j) => isBusy(j.status)));
  const element = h('section', { class: 'card', id: 'deletions' },
    h('h2', null, 'Data deletion jobs'), holder,
    h('div', { class: 'forms' }, deletionForm({ signal, groupArn, onCreated: refresh }).element));
  await refresh();
  return element;
}
