// Hand-written SVG charts: the score bar chart of the test panel and the metrics chart of versions.
import { s } from './dom.js';

const BAR_FILL = '#2f6fde';
const PALETTE = ['#2f6fde', '#e07b39', '#2a9d8f', '#8e6bd6', '#d64f73', '#7a8a99', '#c9a227', '#3f8f4f'];

function shorten(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Horizontal bars, one per scored item in rank order; the top score spans the whole plotting
 * area. rows: [{itemId, score, label?}]. Returns null when nothing is scored.
 */
export function scoreChart(rows) {
  const scored = rows.filter((r) => typeof r.score === 'number');
  if (!scored.length) return null;
  const width = 1000;
  const labelWidth = 240;
  const valueWidth = 90;
  const plot = width - labelWidth - valueWidth;
  const rowHeight = 22;
  const top = 6;
  const height = top * 2 + scored.length * rowHeight;
  const max = Math.max(...scored.map((r) => r.score));
  const svg = s('svg', {
    'data-testid': 'score-chart', class: 'chart score-chart', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'img', 'aria-label': `Scores of ${scored.length} items`,
  });
  svg.append(s('line', { x1: labelWidth, x2: labelWidth, y1: 0, y2: height, class: 'axis' }));
  scored.forEach((row, i) => {
    const y = top + i * rowHeight;
    // A tiny positive score still gets a visible sliver rather than vanishing.
    const barWidth = max > 0 && row.score > 0 ? Math.max(3, (row.score / max) * plot) : 0;
    const caption = row.label ? `${row.itemId} · ${row.label}` : row.itemId;
    svg.append(
      s('text', { x: labelWidth - 8, y: y + rowHeight / 2, class: 'label', 'text-anchor': 'end', 'dominant-baseline': 'middle' },
        s('title', null, caption), shorten(caption, 36)),
      s('rect', { class: 'bar', 'data-item-id': row.itemId, x: labelWidth, y: y + 4, width: barWidth.toFixed(2), height: rowHeight - 8, fill: BAR_FILL, rx: 2 },
        s('title', null, `${row.itemId}: ${row.score}`)),
      s('text', { x: labelWidth + barWidth + 6, y: y + rowHeight / 2, class: 'value', 'dominant-baseline': 'middle' },
        Number(row.score).toPrecision(4)));
  });
  return svg;
}

/** The smallest of 0.05, 0.1, 0.2, 0.25, 0.5, 1 (times powers of ten) at or above value. */
function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Grouped vertical bars: one group per metric, one bar per version. metrics: [{key, short}];
 * versions: [{id, metrics: {key: value}}].
 */
export function metricsChart(metrics, versions) {
  const width = 1000;
  const height = 320;
  const margin = { top: 34, right: 12, bottom: 40, left: 48 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const values = versions.flatMap((v) => metrics.map((m) => v.metrics[m.key])).filter((x) => typeof x === 'number');
  const yMax = niceCeiling(Math.max(0, ...values));
  const y = (value) => margin.top + plotHeight - (value / yMax) * plotHeight;
  const svg = s('svg', {
    'data-testid': 'metrics-chart', class: 'chart metrics-chart', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'img', 'aria-label': 'Offline metrics of the solution versions',
  });
  for (let i = 0; i <= 4; i++) {
    const value = (yMax * i) / 4;
    svg.append(
      s('line', { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), class: i === 0 ? 'axis' : 'grid' }),
      s('text', { x: margin.left - 6, y: y(value), class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, String(Number(value.toPrecision(3)))));
  }
  const groupWidth = plotWidth / metrics.length;
  const barWidth = (groupWidth * 0.8) / Math.max(1, versions.length);
  metrics.forEach((m, mi) => {
    const x0 = margin.left + mi * groupWidth + groupWidth * 0.1;
    versions.forEach((v, vi) => {
      const value = v.metrics[m.key];
      if (typeof value !== 'number') return;
      svg.append(s('rect', {
        class: 'metric-bar', 'data-metric': m.key, 'data-version': v.id, fill: PALETTE[vi % PALETTE.length],
        x: (x0 + vi * barWidth).toFixed(2), y: y(value).toFixed(2), width: Math.max(1, barWidth - 2).toFixed(2), height: (margin.top + plotHeight - y(value)).toFixed(2),
      }, s('title', null, `${v.id} · ${m.key}: ${value}`)));
    });
    svg.append(s('text', { x: x0 + groupWidth * 0.4, y: height - margin.bottom + 18, class: 'label', 'text-anchor': 'middle' },
      s('title', null, m.key), m.short));
  });
  let lx = margin.left;
  versions.forEach((v, vi) => {
    svg.append(s('rect', { x: lx, y: 8, width: 12, height: 12, rx: 2, fill: PALETTE[vi % PALETTE.length] }),
      s('text', { x: lx + 16, y: 14, class: 'legend', 'dominant-baseline': 'middle' }, v.id));
    lx += 28 + v.id.length * 7.2;
  });
  return svg;
}
