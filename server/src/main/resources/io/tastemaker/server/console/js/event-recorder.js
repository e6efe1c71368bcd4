// The test panel's events: each result row can record an event (PutEvents), then the panel asks again.
import { h, fill } from './dom.js';
import { control, listAll, runtime, unlessGone } from './api.js';
import { busy } from './router.js';
import { errorBox } from './ui.js';

function randomHex(bytes) {
  // getRandomValues, unlike randomUUID, also works on a plain-http (non-secure) origin.
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One session per page load, as a shopper's browser tab would have. */
export const SESSION_ID = `console-${randomHex(8)}`;

/** The group's ACTIVE event tracker, described for its trackingId, or null when there is none. */
export async function activeTracker(datasetGroupArn) {
  const trackers = await listAll('ListEventTrackers', { datasetGroupArn }, 'eventTrackers');
  const active = trackers.find((t) => t.status === 'ACTIVE');
  if (!active) return null;
  const answer = await unlessGone(control('DescribeEventTracker', { eventTrackerArn: active.eventTrackerArn }));
  return answer?.eventTracker?.trackingId ? answer.eventTracker : null;
}

/** PutEvents with one event: this user did eventType on this item, now. */
export function putEvent(trackingId, userId, eventType, itemId) {
  return runtime('/events', {
    trackingId, userId, sessionId: SESSION_ID,
    eventList: [{ eventType, itemId, sentAt: Math.floor(Date.now() / 1000) }],
  });
}

/**
 * For a panel whose group has a tracker: the event type input, the slot for the note, and the
 * button for each result row. userId() reads the panel's user; ask() runs the panel's request
 * again and resolves true when an answer came back.
 */
export function eventRecorder({ tracker, userId, ask, signal }) {
  const eventType = h('input', { id: 't-event-type', name: 'eventType', type: 'text', autocomplete: 'off', value: 'click', placeholder: 'click' });
  const slot = h('div', { class: 'event-slot', 'aria-live': 'polite' });

  async function record(itemId, table) {
    const user = userId();
    const type = eventType.value.trim();
    if (!user) {
      fill(slot, errorBox({ type: 'User ID needed', message: 'Type a user ID above: an event is recorded for a user, and the answer that follows it is that user\'s.' }));
      return;
    }
    if (!type) {
      fill(slot, errorBox({ type: 'Event type needed', message: 'Type an event type above, e.g. click.' }));
      return;
    }
    const buttons = [...table.querySelectorAll('button[data-testid=send-event]')];
    for (const b of buttons) b.disabled = true;
    fill(slot);
    await busy(signal, async () => {
      try {
        await putEvent(tracker.trackingId, user, type, itemId);
      } catch (e) {
        fill(slot, errorBox(e));
        for (const b of buttons) b.disabled = false;
        return;
      }
      const answered = await ask();
      if (signal.aborted) return;
      fill(slot, h('p', { class: 'note info event-note', 'data-testid': 'event-note' }, answered
        ? `Recorded ${type} on ${itemId} for ${user}; the answer below already reflects it.`
        : `Recorded ${type} on ${itemId} for ${user}, but asking again failed (below).`));
    });
  }

  return {
    eventType,
    slot,
    clear: () => fill(slot),
    button: (item) => h('button', {
      type: 'button', class: 'small', 'data-testid': 'send-event',
      title: `PutEvents: the user above did the event type above on ${item.itemId}; then ask again`,
      onclick: (e) => record(item.itemId, e.currentTarget.closest('table')),
    }, 'Record event'),
  };
}
