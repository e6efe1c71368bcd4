// An event tracker: its tracking id and how to send events with it.
import { h, fill } from '../dom.js';
import { control } from '../api.js';
import { setCrumbs } from '../layout.js';
import { badge, details, pageHeader, mono, link, card, note, jsonBlock } from '../ui.js';
import { href, time, isBusy, arnName } from '../format.js';
import { live } from '../poll.js';
import { deleteAction } from '../delete.js';

function example(trackingId) {
  const sentAt = Math.floor(Date.now() / 1000);
  return [
    `aws personalize-events put-events --endpoint-url ${location.origin} \\`,
    `    --tracking-id ${trackingId} --user-id USER_ID --session-id session-1 \\`,
    `    --event-list '[{"eventType": "view", "itemId": "ITEM_ID", "sentAt": ${sentAt}}]'`,
  ].join('\n');
}

export async function trackerPage({ arg, view, signal }) {
  const summary = h('div');
  const refresh = live(signal,
    async () => (await control('DescribeEventTracker', { eventTrackerArn: arg })).eventTracker,
    (t) => fill(summary, details([
      ['Status', badge(t.status)], ['Tracking ID', h('strong', { 'data-testid': 'tracking-id' }, mono(t.trackingId || '—'))],
      ['ARN', mono(t.eventTrackerArn)], ['Dataset group', link(arnName(t.datasetGroupArn), href('groups', t.datasetGroupArn))],
      ['Account', t.accountId], ['Created', time(t.creationDateTime)], ['Updated', time(t.lastUpdatedDateTime)],
    ])),
    (t) => isBusy(t.status));
  const tracker = await refresh();
  setCrumbs([arnName(tracker.datasetGroupArn), href('groups', tracker.datasetGroupArn)], [tracker.name, '']);
  const del = deleteAction({
    signal, kind: 'event tracker', name: tracker.name, operation: 'DeleteEventTracker', input: { eventTrackerArn: arg }, parent: href('groups', tracker.datasetGroupArn),
    hint: 'Its tracking ID stops taking events; the events it already recorded stay in the group\'s Interactions data.',
  });
  view.append(pageHeader('Event tracker', tracker.name, del.button), del.box, h('section', { class: 'card' }, summary),
    card('Sending events',
      note('PutEvents with this tracking ID records interactions; the next recommendation for that user already follows them.', 'muted'),
      jsonBlock(example(tracker.trackingId))));
}
