/**
 * A small SVG line chart writer: categories along x (evenly spaced), a linear y axis from 0,
 * one polyline with markers per series, and a legend. No chart library: the figure is text
 * that reviews and diffs can read.
 */
export interface Series {
  name: string;
  /** One value per category; NaN leaves a gap. */
  values: number[];
  dashed?: boolean;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  categories: string[];
  series: Series[];
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 170, top: 40, bottom: 56 };
const COLORS = ['#1b1b1b', '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A round axis maximum and its tick step: 1, 2 or 5 times a power of ten. */
export function niceScale(max: number, ticks = 5): { top: number; step: number } {
  const raw = (max > 0 ? max : 1) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return { top: Math.ceil(max / step) * step || step, step };
}

export function renderLineChart(chart: LineChart): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const values = chart.series.flatMap((s) => s.values).filter(Number.isFinite);
  const { top, step } = niceScale(Math.max(0, ...values));
  const n = chart.categories.length;
  const x = (i: number): number => MARGIN.left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number): number => MARGIN.top + plotH - (v / top) * plotH;
  const parts: string[] = [];

  for (let v = 0; v <= top + step / 2; v += step) {
    const label = Number(v.toPrecision(6));
    parts.push(
      `<line x1="${MARGIN.left}" y1="${y(v)}" x2="${MARGIN.left + plotW}" y2="${y(v)}" ` +
        'stroke="#ddd"/>',
      `<text x="${MARGIN.left - 8}" y="${y(v) + 4}" text-anchor="end">${label}</text>`,
    );
  }
  chart.categories.forEach((category, i) => {
    const bottom = MARGIN.top + plotH;
    parts.push(
      `<text x="${x(i)}" y="${bottom + 20}" text-anchor="middle">${escape(category)}</text>`,
    );
  });

  chart.series.forEach((series, index) => {
    const color = COLORS[index % COLORS.length];
    const points = series.values
      .map((v, i) => (Number.isFinite(v) ? `${x(i).toFixed(1)},${y(v).toFixed(1)}` : ''))
      .filter(Boolean);
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="${color}" ` +
        `stroke-width="2"${dash}/>`,
      ...points.map((p) => {
        const [cx, cy] = p.split(',');
        return `<circle cx="${cx}" cy="${cy}" r="3.5" fill="${color}"/>`;
      }),
    );
    const ly = MARGIN.top + 10 + index * 22;
    const lx = MARGIN.left + plotW + 20;
    parts.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${color}" ` +
        `stroke-width="2"${dash}/>`,
      `<text x="${lx + 36}" y="${ly + 4}">${escape(series.name)}</text>`,
    );
  });

  const midX = MARGIN.left + plotW / 2;
  const midY = MARGIN.top + plotH / 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
      `viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${midX}" y="24" text-anchor="middle" font-size="15">${escape(chart.title)}</text>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" ` +
      `y2="${MARGIN.top + plotH}" stroke="#888"/>`,
    ...parts,
    `<text x="${midX}" y="${HEIGHT - 12}" text-anchor="middle">${escape(chart.xLabel)}</text>`,
    `<text x="18" y="${midY}" text-anchor="middle" transform="rotate(-90 18 ${midY})">` +
      `${escape(chart.yLabel)}</text>`,
    '</svg>',
  ].join('\n');
}
