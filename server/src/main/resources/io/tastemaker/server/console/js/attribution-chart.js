// Hand-drawn SVG line chart of one attribution metric over time: a line per event attribution source.
import { s } from './dom.js';
import { time } from './format.js';

const PALETTE = ['#2f6fde', '#e07b39', '#2a9d8f', '#8e6bd6', '#d64f73', '#7a8a99', '#c9a227', '#3f8f4f'];

/** The smallest of 1, 2, 2.5, 5 (times powers of ten) at or above value. */
function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** At most this many windows are drawn as a line through zeros; longer spans join the points directly. */
const MAX_FILLED_WINDOWS = 5000;

/**
 * One metric's values: values are [{source, windowStart (epoch s), value}], one per source and
 * window that has events; each is a point, and each source a line that is 0 in the windows between
 * (no events there). Null when there are none.
 */
export function attributionChart(metricName, values, windowSeconds) {
  if (!values.length) return null;
  const width = 1000;
  const height = 300;
  const margin = { top: 34, right: 16, bottom: 44, left: 64 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const starts = values.map((v) => v.windowStart);
  const first = Math.min(...starts);
  const last = Math.max(...starts);
  // A single window gets a window of room on either side, so its point sits in the middle.
  const t0 = first === last ? first - windowSeconds : first;
  const t1 = first === last ? last + windowSeconds : last;
  const inset = 8;
  const yMax = niceCeiling(Math.max(0, ...values.map((v) => v.value)));
  const x = (t) => margin.left + inset + ((t - t0) / (t1 - t0)) * (plotWidth - 2 * inset);
  const y = (value) => margin.top + plotHeight - (value / yMax) * plotHeight;
  const svg = s('svg', {
    'data-testid': 'attribution-chart', 'data-metric': metricName, class: 'chart attribution-chart', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'img', 'aria-label': `${metricName} per hour and attribution source`,
  });
  for (let i = 0; i <= 4; i++) {
    const value = (yMax * i) / 4;
    svg.append(
      s('line', { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), class: i === 0 ? 'axis' : 'grid' }),
      s('text', { x: margin.left - 6, y: y(value), class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, String(Number(value.toPrecision(3)))));
  }
  for (const [t, anchor] of (first === last ? [[first, 'middle']] : [[first, 'start'], [last, 'end']])) {
    svg.append(s('text', { x: x(t), y: height - margin.bottom + 18, class: 'tick', 'text-anchor': anchor }, time(t).slice(0, 16)));
  }
  svg.append(s('text', { x: margin.left + plotWidth / 2, y: height - 8, class: 'label', 'text-anchor': 'middle' }, `hour of event time (${windowSeconds / 3600} h per point)`));
  const sources = [...new Set(values.map((v) => v.source))].sort();
  let lx = margin.left;
  sources.forEach((source, i) => {
    const color = PALETTE[i % PALETTE.length];
    const points = values.filter((v) => v.source === source).sort((a, b) => a.windowStart - b.windowStart);
    if (points.length > 1) {
      const line = [];
      const filled = (points[points.length - 1].windowStart - points[0].windowStart) / windowSeconds < MAX_FILLED_WINDOWS;
      points.forEach((p, k) => {
        const previous = points[k - 1];
        if (filled && previous && p.windowStart - previous.windowStart > windowSeconds) {
          line.push([previous.windowStart + windowSeconds, 0]);
          if (p.windowStart - previous.windowStart > 2 * windowSeconds) line.push([p.windowStart - windowSeconds, 0]);
        }
        line.push([p.windowStart, p.value]);
      });
      svg.append(s('polyline', {
        class: 'series', 'data-source': source, fill: 'none', stroke: color, 'stroke-width': 2,
        points: line.map(([t, value]) => `${x(t).toFixed(2)},${y(value).toFixed(2)}`).join(' '),
      }));
    }
    for (const p of points) {
      svg.append(s('circle', {
        class: 'point', 'data-source': source, 'data-time': p.windowStart, 'data-value': p.value, fill: color,
        cx: x(p.windowStart).toFixed(2), cy: y(p.value).toFixed(2), r: 4,
      }, s('title', null, `${source} · ${time(p.windowStart)}: ${p.value}`)));
    }
    svg.append(s('rect', { x: lx, y: 8, width: 12, height: 12, rx: 2, fill: color }),
      s('text', { x: lx + 16, y: 14, class: 'legend', 'dominant-baseline': 'middle' }, source));
    lx += 28 + source.length * 7.2;
  });
  return svg;
}
