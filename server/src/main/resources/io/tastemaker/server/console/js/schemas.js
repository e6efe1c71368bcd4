// Starting points for the schema form, one per dataset type, in Personalize's Avro format.
const field = (name, type, extra = {}) => ({ name, type, ...extra });

const TEMPLATES = {
  Interactions: [field('USER_ID', 'string'), field('ITEM_ID', 'string'), field('EVENT_TYPE', 'string'), field('TIMESTAMP', 'long')],
  Items: [field('ITEM_ID', 'string'), field('TITLE', ['null', 'string']), field('GENRES', ['null', 'string'], { categorical: true }), field('CREATION_TIMESTAMP', 'long')],
  Users: [field('USER_ID', 'string'), field('MEMBERSHIP', ['null', 'string'], { categorical: true })],
};

export const DATASET_TYPES = Object.keys(TEMPLATES);

export function schemaTemplate(type) {
  return JSON.stringify({
    type: 'record', name: type, namespace: 'com.amazonaws.personalize.schema', fields: TEMPLATES[type] || TEMPLATES.Interactions, version: '1.0',
  }, null, 2);
}

/** The fields of an Avro schema text as [{name, type, flags}], or null when it does not parse. */
export function schemaFields(text) {
  try {
    const schema = JSON.parse(text);
    return (schema.fields || []).map((f) => ({
      name: f.name,
      type: Array.isArray(f.type) ? f.type.join(' | ') : String(f.type),
      flags: ['categorical', 'textual'].filter((k) => f[k]).join(', '),
    }));
  } catch {
    return null;
  }
}
