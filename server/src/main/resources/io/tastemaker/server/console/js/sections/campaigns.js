// The group page's campaigns section: every campaign of the group's solutions, and the form to deploy one.
import { h, fill } from '../dom.js';
import { control, listAll, describeEach } from '../api.js';
import { badge, table, link, reason } from '../ui.js';
import { href, time, isBusy, lastSegment } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';
import { groupVersions, versionOptions, bySegmentation } from '../catalog.js';
import { campaignConfigFields, campaignConfigOf, deployedVersion } from '../campaign-config.js';

/** Campaigns of the given solutions, described for their solution version. */
export async function loadCampaigns(solutions) {
  const lists = await Promise.all(solutions.map(async (s) => {
    const campaigns = await listAll('ListCampaigns', { solutionArn: s.solutionArn }, 'campaigns');
    return describeEach(campaigns, async (c) => ({
      ...(await control('DescribeCampaign', { campaignArn: c.campaignArn })).campaign, solution: s,
    }));
  }));
  return lists.flat().sort((a, b) => a.name.localeCompare(b.name));
}

export function campaignsTable(campaigns) {
  return table('campaigns', [
    { label: 'Name', cell: (c) => link(c.name, href('campaigns', c.campaignArn)) },
    { label: 'Status', cell: (c) => badge(c.status) },
    { label: '', cell: (c) => (c.status === 'ACTIVE' ? h('a', { class: 'button-link', href: href('campaigns', c.campaignArn), 'data-testid': 'test-campaign' }, 'Test') : '') },
    { label: 'Solution', cell: (c) => link(c.solution.name, href('solutions', c.solution.solutionArn)) },
    { label: 'Version', cell: (c) => link(lastSegment(c.solutionVersionArn), href('versions', c.solutionVersionArn)) },
    { label: 'Recipe', cell: (c) => lastSegment(c.solution.recipeArn) || 'AutoML' },
    { label: 'Min TPS', cell: (c) => String(c.minProvisionedTPS ?? '—'), class: 'num' },
    { label: 'Created', cell: (c) => time(c.creationDateTime), class: 'nowrap' },
    { label: 'Failure reason', cell: (c) => reason(c.failureReason), class: 'wrap' },
  ], campaigns, { empty: 'No campaigns yet. Deploy an ACTIVE solution version to get recommendations.' });
}

function campaignForm({ signal, groupArn, onCreated }) {
  return createForm({
    title: 'Create campaign', signal,
    fields: [
      { name: 'name', label: 'Name', required: true, placeholder: 'shop-hrnn-campaign' },
      { name: 'solutionVersionArn', label: 'Solution version', type: 'select', required: true, options: [] },
      { name: 'minProvisionedTPS', label: 'Minimum provisioned TPS', type: 'number', min: 1, value: 1 },
      ...campaignConfigFields(),
    ],
    async onOpen(f) {
      // Campaigns refuse USER_SEGMENTATION versions; those get batch segment jobs instead.
      f.setOptions('solutionVersionArn', versionOptions(await bySegmentation(await groupVersions(groupArn), false)));
    },
    async onSubmit(v, f) {
      const config = campaignConfigOf(v);
      const { campaignArn } = await control('CreateCampaign', {
        name: v.name, solutionVersionArn: deployedVersion(v.solutionVersionArn, v), minProvisionedTPS: v.minProvisionedTPS ?? 1,
        ...(Object.keys(config).length ? { campaignConfig: config } : {}),
      });
      f.clear('name');
      await onCreated();
      return ['Created ', link(v.name, href('campaigns', campaignArn)), '. Open it to test recommendations once it is ACTIVE.'];
    },
  });
}

export async function campaignsSection({ groupArn, signal }) {
  const holder = h('div');
  const refresh = live(signal,
    async () => loadCampaigns(await listAll('ListSolutions', { datasetGroupArn: groupArn }, 'solutions')),
    (campaigns) => fill(holder, campaignsTable(campaigns)),
    (campaigns) => campaigns.some((c) => isBusy(c.status)));
  const element = h('section', { class: 'card', id: 'campaigns' },
    h('h2', null, 'Campaigns'), holder,
    h('div', { class: 'forms' }, campaignForm({ signal, groupArn, onCreated: refresh }).element));
  await refresh();
  return element;
}
