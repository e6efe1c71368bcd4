// A resource page's Delete button: an in-page confirmation, the Delete* call, then the parent page.
import { h, fill } from './dom.js';
import { control } from './api.js';
import { go } from './router.js';
import { errorBox } from './ui.js';

/**
 * deleteAction({signal, kind: 'filter', name, operation: 'DeleteFilter', input: {filterArn}, parent: '#/groups/...', hint})
 * gives {button, box}: the button belongs in the page header, the box (the confirmation, then any
 * API error) right below it.
 */
export function deleteAction({ signal, kind, name, operation, input, parent, hint }) {
  const box = h('div', { class: 'delete-box' });
  const button = h('button', { type: 'button', class: 'danger', 'data-testid': 'delete', onclick: ask }, 'Delete');

  function close() {
    fill(box);
    button.disabled = false;
    button.focus();
  }

  function ask() {
    button.disabled = true;
    const confirmButton = h('button', { type: 'button', class: 'danger strong', 'data-testid': 'confirm-delete', onclick: () => remove([confirmButton, cancel]) }, `Delete ${kind}`);
    const cancel = h('button', { type: 'button', 'data-testid': 'cancel-delete', onclick: close }, 'Cancel');
    fill(box, h('div', {
      class: 'delete-confirm', role: 'alertdialog', 'aria-label': `Delete ${kind} ${name}`, 'data-testid': 'delete-confirmation',
      onkeydown: (e) => { if (e.key === 'Escape') close(); },
    },
    h('p', null, h('strong', null, `Delete the ${kind} ${name}?`), ` ${operation} marks it DELETE PENDING and removes it shortly; this cannot be undone.`),
    hint ? h('p', { class: 'muted' }, hint) : null,
    h('div', { class: 'actions' }, confirmButton, cancel)));
    cancel.focus();
  }

  async function remove(buttons) {
    for (const b of buttons) b.disabled = true;
    // Not busy(): on success the body must stay not-ready until the parent page has rendered.
    document.body.dataset.ready = 'false';
    try {
      await control(operation, input);
    } catch (e) {
      fill(box, errorBox(e));
      button.disabled = false;
      if (!signal.aborted) document.body.dataset.ready = 'true';
      return;
    }
    go(parent);
  }

  return { button, box };
}
