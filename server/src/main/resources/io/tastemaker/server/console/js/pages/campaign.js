// A campaign: its status and deployment, the test panel, and the form to deploy another version.
import { h, fill } from '../dom.js';
import { control, listAll } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, link, card, reason, jsonBlock } from '../ui.js';
import { href, time, isBusy, arnName, lastSegment } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';
import { describeVersion } from '../catalog.js';
import { testPanel } from '../test-panel.js';
import { deleteAction } from '../delete.js';
import { campaignConfigFields, campaignConfigOf, deployedVersion } from '../campaign-config.js';

function campaignDetails(c, version) {
  const update = c.latestCampaignUpdate;
  return [
    h('div', { class: 'status-row' }, badge(c.status, undefined, { 'data-testid': 'campaign-status' })),
    details([
      ['ARN', mono(c.campaignArn)],
      ['Solution version', link(arnName(c.solutionVersionArn), href('versions', c.solutionVersionArn))],
      ['Solution', version ? link(arnName(version.solutionArn), href('solutions', version.solutionArn)) : null],
      ['Recipe', version ? lastSegment(version.recipeArn) : null],
      ['Dataset group', version ? link(arnName(version.datasetGroupArn), href('groups', version.datasetGroupArn)) : null],
      ['Min provisioned TPS', String(c.minProvisionedTPS ?? '—')],
      ['Configuration', c.campaignConfig && Object.keys(c.campaignConfig).length ? jsonBlock(c.campaignConfig) : null],
      ['Latest update', update ? h('span', { class: 'stack' }, badge(update.status),
        `to ${arnName(update.solutionVersionArn)} at ${time(update.lastUpdatedDateTime)}`, update.failureReason ? reason(update.failureReason) : null) : null],
      ['Created', time(c.creationDateTime)], ['Updated', time(c.lastUpdatedDateTime)],
      ['Failure reason', c.failureReason ? reason(c.failureReason) : null],
    ], { columns: 2 }),
  ];
}

function updateForm({ signal, campaign, version, onUpdated }) {
  return createForm({
    title: 'Deploy another version or change the configuration (UpdateCampaign)', signal, submitLabel: 'Update campaign', testid: 'update-campaign',
    fields: [
      { name: 'solutionVersionArn', label: 'Solution version', type: 'select', options: [] },
      { name: 'minProvisionedTPS', label: 'Minimum provisioned TPS', type: 'number', min: 1, value: campaign.minProvisionedTPS ?? 1 },
      ...campaignConfigFields(campaign.campaignConfig || {}),
    ],
    async onOpen(f) {
      const versions = await listAll('ListSolutionVersions', { solutionArn: version.solutionArn }, 'solutionVersions');
      const active = versions.filter((v) => v.status === 'ACTIVE').sort((a, b) => (b.creationDateTime || 0) - (a.creationDateTime || 0));
      f.setOptions('solutionVersionArn', active.map((v) => [v.solutionVersionArn,
        `${lastSegment(v.solutionVersionArn)}${v.solutionVersionArn === campaign.solutionVersionArn ? ' (deployed)' : ''} · ${time(v.creationDateTime)}`]));
    },
    async onSubmit(v) {
      const input = {
        campaignArn: campaign.campaignArn, solutionVersionArn: deployedVersion(v.solutionVersionArn, v), campaignConfig: campaignConfigOf(v, campaign.campaignConfig || {}),
      };
      if (v.minProvisionedTPS !== undefined) input.minProvisionedTPS = v.minProvisionedTPS;
      await control('UpdateCampaign', input);
      await onUpdated();
      return 'Update started; the campaign keeps answering with the old version and configuration until it is ACTIVE.';
    },
  });
}

export async function campaignPage({ arg, view, signal }) {
  const summary = h('div');
  let version = null;
  const refresh = live(signal,
    async () => (await control('DescribeCampaign', { campaignArn: arg })).campaign,
    (c) => fill(summary, campaignDetails(c, version)),
    (c) => isBusy(c.status) || isBusy(c.latestCampaignUpdate?.status));
  let campaign = (await control('DescribeCampaign', { campaignArn: arg })).campaign;
  version = await describeVersion(campaign.solutionVersionArn);
  campaign = await refresh();
  setCrumbs([arnName(version.datasetGroupArn), href('groups', version.datasetGroupArn)],
    [arnName(version.solutionArn), href('solutions', version.solutionArn)], [campaign.name, '']);
  const panel = await testPanel({ campaign, version, signal });
  const del = deleteAction({
    signal, kind: 'campaign', name: campaign.name, operation: 'DeleteCampaign', input: { campaignArn: arg }, parent: href('groups', version.datasetGroupArn),
    hint: 'It stops answering; its solution version stays and can be deployed again.',
  });
  view.append(
    pageHeader('Campaign', campaign.name, del.button), del.box,
    card(null, summary),
    panel,
    card('Deployment', h('div', { class: 'forms' }, updateForm({ signal, campaign, version, onUpdated: refresh }).element)));
}
