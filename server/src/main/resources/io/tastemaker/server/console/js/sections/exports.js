// The group page's dataset export section: export jobs of every dataset with their mode and destination, and the form.
import { h, fill } from '../dom.js';
import { control, listAll, describeEach } from '../api.js';
import { badge, table, reason, mono } from '../ui.js';
import { time, isBusy, accountOf, byDatasetType } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';

export const INGESTION_MODES = [['BULK', 'BULK (imported data)'], ['PUT', 'PUT (PutEvents, PutItems, PutUsers)'], ['ALL', 'ALL (both)']];

/** Every export job of the group's datasets, described for its mode and destination, newest first. */
async function loadExports(groupArn) {
  const datasets = byDatasetType(await listAll('ListDatasets', { datasetGroupArn: groupArn }, 'datasets'));
  const lists = await Promise.all(datasets.map(async (d) => {
    const jobs = await listAll('ListDatasetExportJobs', { datasetArn: d.datasetArn }, 'datasetExportJobs');
    const described = await describeEach(jobs, async (j) =>
      (await control('DescribeDatasetExportJob', { datasetExportJobArn: j.datasetExportJobArn })).datasetExportJob);
    return described.map((j) => ({ ...j, datasetType: d.datasetType }));
  }));
  return { datasets, jobs: lists.flat().sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0)) };
}

export function exportJobsTable(jobs) {
  return table('export-jobs', [
    { label: 'Job', cell: (j) => j.jobName },
    { label: 'Dataset', cell: (j) => j.datasetType },
    { label: 'Status', cell: (j) => badge(j.status, j.progress) },
    { label: 'Ingestion mode', cell: (j) => j.ingestionMode || 'PUT' },
    { label: 'Destination', cell: (j) => mono(j.jobOutput?.s3DataDestination?.path || '—'), class: 'wrap' },
    { label: 'Created', cell: (j) => time(j.creationDateTime), class: 'nowrap' },
    { label: 'Failure reason', cell: (j) => reason(j.failureReason), class: 'wrap' },
  ], jobs, { empty: 'No dataset export jobs yet.' });
}

function exportForm({ signal, groupArn, datasets, onCreated }) {
  return createForm({
    title: 'Export a dataset', signal, testid: 'create-export', submitLabel: 'Create dataset export job',
    fields: [
      { name: 'datasetArn', label: 'Dataset', type: 'select', required: true, options: [] },
      { name: 'jobName', label: 'Job name', required: true, placeholder: 'interactions-export-1' },
      { name: 'ingestionMode', label: 'Ingestion mode', type: 'select', options: INGESTION_MODES, value: 'BULK' },
      { name: 'path', label: 'Destination folder', required: true, mono: true, wide: true, placeholder: 's3://bucket/exports/ or /data/exports/',
        hint: 'CSV files with a header are written here, each whole or not at all.' },
      { name: 'roleArn', label: 'Role ARN', mono: true, wide: true, required: true, value: `arn:aws:iam::${accountOf(groupArn)}:role/PersonalizeRole`,
        hint: 'Required by the API; Tastemaker records it but does not assume it.' },
    ],
    async onOpen(f) {
      f.setOptions('datasetArn', (await datasets()).map((d) => [d.datasetArn, `${d.name} (${d.datasetType})`]));
    },
    async onSubmit(v, f) {
      await control('CreateDatasetExportJob', {
        jobName: v.jobName, datasetArn: v.datasetArn, ingestionMode: v.ingestionMode, roleArn: v.roleArn,
        jobOutput: { s3DataDestination: { path: v.path } },
      });
      f.clear('jobName');
      await onCreated();
      return `Export job ${v.jobName} started.`;
    },
  });
}

export async function exportsSection({ groupArn, signal }) {
  const holder = h('div');
  const refresh = live(signal, () => loadExports(groupArn), ({ jobs }) => fill(holder, exportJobsTable(jobs)),
    ({ jobs }) => jobs.some((j) => isBusy(j.status)));
  const datasets = async () => byDatasetType(await listAll('ListDatasets', { datasetGroupArn: groupArn }, 'datasets'));
  const element = h('section', { class: 'card', id: 'exports' },
    h('h2', null, 'Dataset export jobs'), holder,
    h('div', { class: 'forms' }, exportForm({ signal, groupArn, datasets, onCreated: refresh }).element));
  await refresh();
  return element;
}
