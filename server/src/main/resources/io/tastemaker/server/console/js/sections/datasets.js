// The group page's datasets section: datasets with their schemas, import jobs, and the forms to add them.
import { h, fill } from '../dom.js';
import { control, listAll, describeEach } from '../api.js';
import { badge, table, link, reason, mono } from '../ui.js';
import { href, time, isBusy, arnName, byDatasetType } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';
import { DATASET_TYPES, schemaTemplate } from '../schemas.js';

/** Import jobs with their data location and failure reason in full. */
export function importJobsTable(jobs, { withDataset = true } = {}) {
  return table('import-jobs', [
    { label: 'Job', cell: (j) => j.jobName },
    withDataset ? { label: 'Dataset', cell: (j) => link(j.datasetType || arnName(j.datasetArn), href('datasets', j.datasetArn)) } : null,
    { label: 'Status', cell: (j) => badge(j.status, j.progress) },
    { label: 'Mode', cell: (j) => j.importMode || 'FULL' },
    { label: 'Data location', cell: (j) => (j.dataSource ? mono(j.dataSource.dataLocation) : '—'), class: 'wrap' },
    { label: 'Created', cell: (j) => time(j.creationDateTime), class: 'nowrap' },
    { label: 'Data left out', cell: (j) => importNotes(j.importReport), class: 'wrap' },
    { label: 'Failure reason', cell: (j) => reason(j.failureReason), class: 'wrap' },
  ].filter(Boolean), jobs, { empty: 'No import jobs yet.' });
}

/** What an import could not take as written (its importReport member): counts, then each reason with its first lines. */
export function importNotes(report) {
  if (!report) return '—';
  const counts = [];
  if (report.rowsDropped) counts.push(`${report.rowsDropped} row${report.rowsDropped === 1 ? '' : 's'} dropped`);
  if (report.valuesNulled) counts.push(`${report.valuesNulled} value${report.valuesNulled === 1 ? '' : 's'} read as null`);
  if (report.valuesConverted) counts.push(`${report.valuesConverted} value${report.valuesConverted === 1 ? '' : 's'} converted`);
  if (report.ignoredColumns && report.ignoredColumns.length) counts.push(`columns ignored: ${report.ignoredColumns.join(', ')}`);
  if (!counts.length) return 'nothing';
  return h('span', { class: 'import-notes', 'data-testid': 'import-notes' },
    h('span', {}, counts.join('; ')),
    h('ul', {}, ...(report.issues || []).map((i) =>
      h('li', {}, `${i.action} ${i.count}×: ${i.reason} (${i.firstLines.join(', ')}${i.count > i.firstLines.length ? ', …' : ''})`))));
}

/** A dataset's import jobs, described for their data location, newest first. */
export async function loadImportJobs(dataset) {
  const jobs = await listAll('ListDatasetImportJobs', { datasetArn: dataset.datasetArn }, 'datasetImportJobs');
  const described = await describeEach(jobs, async (j) =>
    (await control('DescribeDatasetImportJob', { datasetImportJobArn: j.datasetImportJobArn })).datasetImportJob);
  return described.map((j) => ({ ...j, datasetType: dataset.datasetType }))
    .sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0));
}

/** The "Import data" form; datasets() gives the datasets to offer. */
export function importForm({ signal, datasets, onCreated }) {
  return createForm({
    title: 'Import data', signal,
    fields: [
      { name: 'jobName', label: 'Job name', required: true, placeholder: 'interactions-import-1' },
      { name: 'datasetArn', label: 'Dataset', type: 'select', required: true, options: [] },
      { name: 'dataLocation', label: 'Data location', required: true, mono: true, wide: true, placeholder: 's3://bucket/interactions.csv or /data/interactions.csv',
        hint: 'A CSV file or a folder ending in /: s3://..., file:///... or an absolute path on the server. The header row names the schema fields.' },
      { name: 'importMode', label: 'Import mode', type: 'select', options: [['FULL', 'FULL (replace)'], ['INCREMENTAL', 'INCREMENTAL (add or update)']] },
    ],
    async onOpen(f) {
      f.setOptions('datasetArn', (await datasets()).map((d) => [d.datasetArn, `${d.name} (${d.datasetType})`]));
    },
    async onSubmit(v, f) {
      await control('CreateDatasetImportJob', { jobName: v.jobName, datasetArn: v.datasetArn, dataSource: { dataLocation: v.dataLocation }, importMode: v.importMode });
      f.clear('jobName');
      await onCreated();
      return `Import job ${v.jobName} started.`;
    },
  });
}

function schemaForm({ signal }) {
  const form = createForm({
    title: 'Create schema', signal,
    fields: [
      { name: 'name', label: 'Schema name', required: true, placeholder: 'shop-interactions' },
      { name: 'template', label: 'Start from', type: 'select', options: DATASET_TYPES.map((t) => [t, `${t} template`]),
        onChange: (e) => { form.input('schema').value = schemaTemplate(e.target.value); } },
      { name: 'schema', label: 'Avro schema (JSON)', type: 'textarea', rows: 12, mono: true, wide: true, required: true, value: schemaTemplate('Interactions') },
    ],
    async onSubmit(v, f) {
      await control('CreateSchema', { name: v.name, schema: v.schema });
      f.clear('name');
      return `Schema ${v.name} created; pick it when creating a dataset.`;
    },
  });
  return form;
}

function datasetForm({ signal, groupArn, onCreated }) {
  return createForm({
    title: 'Create dataset', signal,
    fields: [
      { name: 'name', label: 'Name', required: true, placeholder: 'shop-interactions' },
      { name: 'datasetType', label: 'Type', type: 'select', options: DATASET_TYPES.map((t) => [t, t]) },
      { name: 'schemaArn', label: 'Schema', type: 'select', required: true, options: [], hint: 'Schemas are shared by all groups; create one above if none fits.' },
    ],
    async onOpen(f) {
      const schemas = await listAll('ListSchemas', {}, 'schemas');
      f.setOptions('schemaArn', schemas.sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0)).map((s) => [s.schemaArn, s.name]));
    },
    async onSubmit(v, f) {
      await control('CreateDataset', { name: v.name, datasetType: v.datasetType, schemaArn: v.schemaArn, datasetGroupArn: groupArn });
      f.clear('name');
      await onCreated();
      return `Dataset ${v.name} created. Import data into it next.`;
    },
  });
}

export async function datasetsSection({ groupArn, signal }) {
  const datasetsHolder = h('div');
  const jobsHolder = h('div');
  const load = async () => {
    const list = await listAll('ListDatasets', { datasetGroupArn: groupArn }, 'datasets');
    const datasets = byDatasetType(await describeEach(list, async (d) => (await control('DescribeDataset', { datasetArn: d.datasetArn })).dataset));
    const jobs = (await Promise.all(datasets.map(loadImportJobs))).flat();
    return { datasets, jobs };
  };
  const refresh = live(signal, load, ({ datasets, jobs }) => {
    fill(datasetsHolder, table('datasets', [
      { label: 'Name', cell: (d) => link(d.name, href('datasets', d.datasetArn)) },
      { label: 'Type', cell: (d) => d.datasetType },
      { label: 'Schema', cell: (d) => arnName(d.schemaArn) },
      { label: 'Status', cell: (d) => badge(d.status) },
      { label: 'Created', cell: (d) => time(d.creationDateTime), class: 'nowrap' },
    ], datasets, { empty: 'No datasets yet: create a schema, then a dataset, then import data.' }));
    fill(jobsHolder, importJobsTable(jobs));
  }, ({ datasets, jobs }) => datasets.some((d) => isBusy(d.status)) || jobs.some((j) => isBusy(j.status)));

  const datasets = async () => listAll('ListDatasets', { datasetGroupArn: groupArn }, 'datasets');
  const element = h('section', { class: 'card', id: 'datasets' },
    h('h2', null, 'Datasets'), datasetsHolder,
    h('div', { class: 'forms' }, schemaForm({ signal }).element, datasetForm({ signal, groupArn, onCreated: refresh }).element),
    h('h3', null, 'Import jobs'), jobsHolder,
    h('div', { class: 'forms' }, importForm({ signal, datasets, onCreated: refresh }).element));
  await refresh();
  return element;
}
