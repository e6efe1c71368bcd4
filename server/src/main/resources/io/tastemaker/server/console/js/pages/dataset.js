// A dataset: its details, its schema's fields and JSON, its import jobs and the import form.
import { h, fill } from '../dom.js';
import { control } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, link, card, table, jsonBlock, note } from '../ui.js';
import { href, time, isBusy, arnName } from '../format.js';
import { live } from '../poll.js';
import { importJobsTable, loadImportJobs, importForm } from '../sections/datasets.js';
import { schemaFields } from '../schemas.js';
import { deleteAction } from '../delete.js';

function schemaView(schema) {
  const fields = schemaFields(schema.schema);
  return card(`Schema ${schema.name}`,
    fields ? table('schema-fields', [
      { label: 'Field', cell: (f) => mono(f.name) },
      { label: 'Type', cell: (f) => f.type },
      { label: 'Flags', cell: (f) => f.flags || '—' },
    ], fields) : note('The schema is not valid JSON.'),
    h('details', { class: 'raw-schema' }, h('summary', null, 'Schema JSON'), jsonBlock(fields ? JSON.parse(schema.schema) : schema.schema)));
}

export async function datasetPage({ arg, view, signal }) {
  const summary = h('div');
  const jobsHolder = h('div');
  const refresh = live(signal,
    async () => (await control('DescribeDataset', { datasetArn: arg })).dataset,
    (d) => fill(summary, details([
      ['Status', badge(d.status)], ['Type', d.datasetType], ['ARN', mono(d.datasetArn)],
      ['Dataset group', link(arnName(d.datasetGroupArn), href('groups', d.datasetGroupArn))],
      ['Schema', arnName(d.schemaArn)], ['Tracking ID', d.trackingId ? mono(d.trackingId) : null],
      ['Created', time(d.creationDateTime)], ['Updated', time(d.lastUpdatedDateTime)],
    ])),
    (d) => isBusy(d.status));
  const dataset = await refresh();
  setCrumbs([arnName(dataset.datasetGroupArn), href('groups', dataset.datasetGroupArn)], [dataset.name, '']);
  const refreshJobs = live(signal, () => loadImportJobs(dataset),
    (jobs) => fill(jobsHolder, importJobsTable(jobs, { withDataset: false })),
    (jobs) => jobs.some((j) => isBusy(j.status)));
  const [schema] = await Promise.all([
    control('DescribeSchema', { schemaArn: dataset.schemaArn }).then((r) => r.schema).catch(() => null),
    refreshJobs(),
  ]);
  const form = importForm({ signal, datasets: async () => [dataset], onCreated: refreshJobs });
  const del = deleteAction({
    signal, kind: 'dataset', name: dataset.name, operation: 'DeleteDataset', input: { datasetArn: arg }, parent: href('groups', dataset.datasetGroupArn),
    hint: 'Its data and import jobs go with it (for Interactions, the events recorded for the group too). Not possible while an import into it or a training in its group runs.',
  });
  view.append(
    pageHeader(`${dataset.datasetType} dataset`, dataset.name, del.button), del.box,
    h('section', { class: 'card' }, summary),
    schema ? schemaView(schema) : note('The schema could not be read.'),
    card('Import jobs', jobsHolder, h('div', { class: 'forms' }, form.element)));
}
