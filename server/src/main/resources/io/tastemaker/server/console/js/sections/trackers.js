// The group page's event trackers section: trackers with their tracking ids, and the form to add one.
import { h, fill } from '../dom.js';
import { control, listAll, describeEach } from '../api.js';
import { badge, table, link, mono } from '../ui.js';
import { href, time, isBusy } from '../format.js';
import { live } from '../poll.js';
import { createForm } from '../forms.js';

export async function trackersSection({ groupArn, signal }) {
  const holder = h('div');
  const refresh = live(signal,
    async () => describeEach(await listAll('ListEventTrackers', { datasetGroupArn: groupArn }, 'eventTrackers'),
      async (t) => (await control('DescribeEventTracker', { eventTrackerArn: t.eventTrackerArn })).eventTracker),
    (trackers) => fill(holder, table('event-trackers', [
      { label: 'Name', cell: (t) => link(t.name, href('trackers', t.eventTrackerArn)) },
      { label: 'Status', cell: (t) => badge(t.status) },
      { label: 'Tracking ID', cell: (t) => mono(t.trackingId || '—') },
      { label: 'Created', cell: (t) => time(t.creationDateTime), class: 'nowrap' },
    ], trackers, { empty: 'No event tracker yet. A tracker takes live events (PutEvents) for this group; a group has at most one.' })),
    (trackers) => trackers.some((t) => isBusy(t.status)));
  const form = createForm({
    title: 'Create event tracker', signal,
    fields: [{ name: 'name', label: 'Name', required: true, placeholder: 'shop-tracker' }],
    async onSubmit(v, f) {
      const { eventTrackerArn, trackingId } = await control('CreateEventTracker', { name: v.name, datasetGroupArn: groupArn });
      f.clear('name');
      await refresh();
      return ['Created ', link(v.name, href('trackers', eventTrackerArn)), ' with tracking ID ', mono(trackingId), '.'];
    },
  });
  const element = h('section', { class: 'card', id: 'event-trackers' },
    h('h2', null, 'Event trackers'), holder, h('div', { class: 'forms' }, form.element));
  await refresh();
  return element;
}
