// Filter placeholders: finding $NAMES in an expression and turning typed values into filterValues.

/** Placeholder names in order of first appearance, without the $. */
export function placeholders(expression) {
  const names = [];
  for (const match of String(expression || '').matchAll(/\$([A-Za-z0-9_]+)/g)) {
    if (!names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

/** Splits on commas outside double quotes: 'a, "b, c"' -> ['a', '"b, c"']. */
function split(text) {
  const parts = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * What Personalize wants for one placeholder: text values double-quoted, comma separated; numbers
 * and values the user already quoted as they are. "garden, kitchen" -> '"garden","kitchen"'.
 */
export function formatValue(text) {
  return split(String(text)).map((part) => {
    if (NUMBER.test(part)) return part;
    if (part.length >= 2 && part.startsWith('"') && part.endsWith('"')) return part;
    return `"${part}"`;
  }).join(',');
}

/** {NAME: typed text} -> filterValues; empty inputs are left out. */
export function filterValues(typed) {
  const out = {};
  for (const [name, text] of Object.entries(typed)) {
    const value = formatValue(text);
    if (value !== '') out[name] = value;
  }
  return out;
}
