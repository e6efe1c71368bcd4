// Create forms built from a field list: a collapsible panel, busy state, the API's error shown in it.
import { h, fill } from './dom.js';
import { errorBox } from './ui.js';
import { busy } from './router.js';

function fieldControl(field) {
  const common = { name: field.name, id: `f-${field.name}-${Math.random().toString(36).slice(2, 8)}`, placeholder: field.placeholder, required: field.required };
  switch (field.type) {
    case 'textarea':
      return h('textarea', { ...common, rows: field.rows || 6, class: field.mono ? 'mono' : null, spellcheck: 'false', oninput: field.onInput }, field.value || '');
    case 'select':
      return h('select', { ...common, onchange: field.onChange, value: field.value }, options(field.options || []));
    case 'number':
      return h('input', { ...common, type: 'number', min: field.min, max: field.max, step: field.step || 1, value: field.value });
    case 'checkbox':
      return h('input', { type: 'checkbox', name: field.name, id: common.id, checked: field.value });
    default:
      return h('input', { ...common, type: field.type || 'text', value: field.value, class: field.mono ? 'mono' : null, autocomplete: 'off', oninput: field.onInput });
  }
}

function options(list) {
  return list.map((o) => (Array.isArray(o) ? h('option', { value: o[0] }, o[1]) : h('option', { value: o.value }, o.label)));
}

function row(field, input) {
  if (field.type === 'checkbox') {
    return h('label', { class: 'field check', for: input.id }, input, h('span', null, field.label), field.hint ? h('small', { class: 'hint' }, field.hint) : null);
  }
  return h('div', { class: ['field', field.wide ? 'wide' : ''] },
    h('label', { for: input.id }, field.label, field.required ? h('span', { class: 'req', title: 'required' }, ' *') : null),
    input, field.after || null, field.hint ? h('small', { class: 'hint' }, field.hint) : null);
}

/**
 * createForm({title, fields, submitLabel, onSubmit(values, form), onOpen(form), signal, open}).
 * onSubmit may return a node shown as the success message; a thrown API error is shown in full.
 */
export function createForm({ title, fields, submitLabel, onSubmit, onOpen, signal, open = false, testid }) {
  const inputs = {};
  const errorSlot = h('div', { class: 'form-error' });
  const resultSlot = h('div', { class: 'form-result' });
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel || title);
  const rows = fields.map((field) => {
    inputs[field.name] = fieldControl(field);
    return row(field, inputs[field.name]);
  });
  const api = {
    input: (name) => inputs[name],
    values() {
      const out = {};
      for (const field of fields) {
        const el = inputs[field.name];
        if (field.type === 'checkbox') out[field.name] = el.checked;
        else if (field.type === 'number') out[field.name] = el.value === '' ? undefined : Number(el.value);
        else out[field.name] = el.value.trim();
      }
      return out;
    },
    setOptions(name, list) {
      const el = inputs[name];
      const keep = el.value;
      fill(el, options(list));
      if ([...el.options].some((o) => o.value === keep)) el.value = keep;
    },
    clear(...names) {
      for (const name of names) inputs[name].value = '';
    },
    showError(error) {
      fill(errorSlot, error ? errorBox(error) : null);
    },
  };
  const form = h('form', {
    class: 'form', novalidate: true, 'data-testid': testid,
    onsubmit: async (event) => {
      event.preventDefault();
      api.showError(null);
      fill(resultSlot);
      // A submit right after opening must not send the fields onOpen is still filling (a select with
      // no options yet would send an empty value).
      if (loading) await loading;
      const values = api.values();
      const missing = fields.find((f) => f.required && (values[f.name] === '' || values[f.name] === undefined));
      if (missing) {
        api.showError({ type: 'Missing value', message: `${missing.label} is required.` });
        return;
      }
      button.disabled = true;
      try {
        const message = await busy(signal, () => onSubmit(values, api));
        if (message) fill(resultSlot, h('div', { class: 'success' }, message));
      } catch (e) {
        api.showError(e);
      } finally {
        button.disabled = false;
      }
    },
  }, h('div', { class: 'fields' }, rows), h('div', { class: 'actions' }, button), errorSlot, resultSlot);
  const panel = h('details', { class: 'create' }, h('summary', null, title), form);
  let loading = null;
  // Options (schemas, versions, filters...) load on opening, so they are fresh each time.
  panel.addEventListener('toggle', () => {
    if (panel.open && onOpen && !loading) {
      loading = Promise.resolve(onOpen(api)).catch((e) => api.showError(e)).finally(() => { loading = null; });
    }
  });
  panel.open = open;
  api.element = panel;
  api.form = form;
  return api;
}
