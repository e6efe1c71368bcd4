// The first page: every dataset group with what it holds, and the form to create one.
import { h, fill } from '../dom.js';
import { control, listAll } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, table, link, note, pageHeader } from '../ui.js';
import { href, time, isBusy, byDatasetType } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';

/** What one group holds: its datasets, solutions, campaigns, filters and event trackers. */
async function holdings(group) {
  const datasetGroupArn = group.datasetGroupArn;
  const [datasets, solutions, filters, trackers] = await Promise.all([
    listAll('ListDatasets', { datasetGroupArn }, 'datasets'),
    listAll('ListSolutions', { datasetGroupArn }, 'solutions'),
    listAll('ListFilters', { datasetGroupArn }, 'Filters'),
    listAll('ListEventTrackers', { datasetGroupArn }, 'eventTrackers'),
  ]);
  const campaigns = (await Promise.all(solutions.map((s) => listAll('ListCampaigns', { solutionArn: s.solutionArn }, 'campaigns')))).flat();
  return { ...group, datasets, solutions, campaigns, filters, trackers };
}

/** A count with the names beneath it. */
function names(list, label = (x) => x.name) {
  if (!list.length) return h('span', { class: 'muted' }, '0');
  const text = list.map(label).join(', ');
  return h('span', { class: 'holding' }, h('strong', null, String(list.length)), h('small', { class: 'ellipsis', title: text }, text));
}

function groupsTable(groups) {
  return table('dataset-groups', [
    { label: 'Name', cell: (g) => link(g.name, href('groups', g.datasetGroupArn)), class: 'nowrap' },
    { label: 'Status', cell: (g) => badge(g.status) },
    { label: 'Datasets', cell: (g) => names(byDatasetType(g.datasets), (d) => d.datasetType) },
    { label: 'Solutions', cell: (g) => names(g.solutions) },
    { label: 'Campaigns', cell: (g) => names(g.campaigns) },
    { label: 'Filters', cell: (g) => names(g.filters) },
    { label: 'Event trackers', cell: (g) => names(g.trackers) },
    { label: 'Created', cell: (g) => time(g.creationDateTime), class: 'nowrap' },
  ], groups, { empty: 'No dataset groups yet. Create one below, or run ./tastemaker quickstart for a trained sample shop.' });
}

export async function groupsPage({ view, signal }) {
  setCrumbs();
  const holder = h('div');
  const refresh = live(signal,
    async () => Promise.all((await listAll('ListDatasetGroups', {}, 'datasetGroups'))
      .sort((a, b) => a.name.localeCompare(b.name)).map(holdings)),
    (groups) => fill(holder, groupsTable(groups)),
    (groups) => groups.some((g) => isBusy(g.status)));

  const form = createForm({
    title: 'Create dataset group', signal,
    fields: [
      { name: 'name', label: 'Name', required: true, placeholder: 'my-shop', hint: 'Letters, digits, - and _; starts with a letter or digit.' },
      { name: 'domain', label: 'Domain', type: 'select', options: [['', 'None (custom)'], ['ECOMMERCE', 'ECOMMERCE'], ['VIDEO_ON_DEMAND', 'VIDEO_ON_DEMAND']] },
    ],
    async onSubmit(values, f) {
      const input = { name: values.name };
      if (values.domain) input.domain = values.domain;
      const { datasetGroupArn } = await control('CreateDatasetGroup', input);
      f.clear('name');
      await refresh();
      return ['Created ', link(values.name, href('groups', datasetGroupArn)), '.'];
    },
  });

  view.append(
    pageHeader(null, 'Dataset groups'),
    note('A dataset group holds the data (interactions, items, users), the solutions trained on it, the campaigns serving them, filters and the event tracker. Open one to browse it or test a campaign.', 'muted'),
    h('section', { class: 'card' }, holder, form.element));
  const groups = await refresh();
  if (!groups.length) form.element.open = true;
}
