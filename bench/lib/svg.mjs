// Inline SVG charts for the report: no scripts, no fonts, no external requests, so
// the HTML opens anywhere (and offline) exactly as written.

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#a16207', '#db2777', '#4b5563', '#65a30d', '#7c3aed'];

export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2));

/** Round ticks from 0 (or min) to max. */
function ticks(max, count = 5) {
  if (!(max > 0)) return [0, 1];
  const step0 = max / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0);
  const out = [];
  for (let v = 0; v <= max + step * 0.001; v += step) out.push(v);
  if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
  return out;
}

/** Log-scale decades covering [min, max]. */
function decades(min, max) {
  const out = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
  return out;
}

/**
 * Horizontal grouped bars: `labels` down the side, one bar per series per label.
 * `log`: logarithmic value axis (for values spanning decades).
 */
export function barChart({ labels, series, unit, log = false, width = 760 }) {
  const rowH = 14 * series.length + 10;
  const left = 190;
  const right = 70;
  const top = 10 + (series.length > 1 ? 18 : 0);
  const height = top + labels.length * rowH + 30;
  const values = series.flatMap((s) => s.values).filter((v) => v > 0);
  const max = Math.max(...values, 1e-9);
  const min = Math.min(...values, max);
  const grid = log ? decades(min, max) : ticks(max);
  const lo = log ? grid[0] : 0;
  const hi = grid[grid.length - 1];
  const x = (v) => left + (width - left - right) * (log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : v / hi);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`];
  for (const g of grid) {
    parts.push(`<line x1="${x(g)}" x2="${x(g)}" y1="${top}" y2="${height - 22}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${x(g)}" y="${height - 8}" text-anchor="middle" fill="#6b7280">${fmt(g)}</text>`);
  }
  parts.push(`<text x="${width - right + 4}" y="${height - 8}" fill="#6b7280">${escapeHtml(unit)}</text>`);
  series.forEach((s, si) => {
    if (series.length > 1) {
      parts.push(`<rect x="${left + si * 150}" y="2" width="10" height="10" fill="${s.color ?? PALETTE[si % PALETTE.length]}"/>`);
      parts.push(`<text x="${left + si * 150 + 14}" y="11">${escapeHtml(s.name)}</text>`);
    }
  });
  labels.forEach((label, li) => {
    const y0 = top + li * rowH + 5;
    parts.push(`<text x="${left - 6}" y="${y0 + (rowH - 10) / 2 + 4}" text-anchor="end">${escapeHtml(label)}</text>`);
    series.forEach((s, si) => {
      const v = s.values[li];
      if (v == null || !(v > 0)) return;
      const y = y0 + si * 14;
      parts.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(v) - left)}" height="12" fill="${s.color ?? PALETTE[si % PALETTE.length]}"><title>${escapeHtml(`${s.name} ${label}: ${fmt(v)} ${unit}`)}</title></rect>`);
      parts.push(`<text x="${x(v) + 3}" y="${y + 10}" fill="#374151">${fmt(v)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Lines of y against x (pages), one per series, with points; linear axes unless `logY`. */
export function lineChart({ xs, series, xUnit, unit, logY = false, width = 760, height = 300 }) {
  const left = 60;
  const right = 170;
  const top = 12;
  const bottom = 34;
  const ys = series.flatMap((s) => s.values).filter((v) => v > 0);
  const maxY = Math.max(...ys, 1e-9);
  const gridY = logY ? decades(Math.min(...ys, maxY), maxY) : ticks(maxY);
  const gridX = ticks(Math.max(...xs));
  const hiX = gridX[gridX.length - 1];
  const loY = logY ? gridY[0] : 0;
  const hiY = gridY[gridY.length - 1];
  const px = (v) => left + ((width - left - right) * v) / hiX;
  const py = (v) => height - bottom - (height - top - bottom) * (logY ? (Math.log10(Math.max(v, loY)) - Math.log10(loY)) / (Math.log10(hiY) - Math.log10(loY)) : v / hiY);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`];
  for (const g of gridY) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${py(g)}" y2="${py(g)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${left - 4}" y="${py(g) + 4}" text-anchor="end" fill="#6b7280">${fmt(g)}</text>`);
  }
  for (const g of gridX) {
    parts.push(`<line x1="${px(g)}" x2="${px(g)}" y1="${top}" y2="${height - bottom}" stroke="#f3f4f6"/>`);
    parts.push(`<text x="${px(g)}" y="${height - bottom + 14}" text-anchor="middle" fill="#6b7280">${fmt(g)}</text>`);
  }
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - 4}" text-anchor="middle" fill="#6b7280">${escapeHtml(xUnit)}</text>`);
  parts.push(`<text x="4" y="${top + 8}" fill="#6b7280">${escapeHtml(unit)}</text>`);
  series.forEach((s, si) => {
    const color = s.color ?? PALETTE[si % PALETTE.length];
    const pts = xs.map((xv, i) => [xv, s.values[i]]).filter(([, v]) => v != null && v > 0);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts.map(([a, b]) => `${px(a).toFixed(1)},${py(b).toFixed(1)}`).join(' ')}"/>`);
    for (const [a, b] of pts) parts.push(`<circle cx="${px(a).toFixed(1)}" cy="${py(b).toFixed(1)}" r="2.5" fill="${color}"><title>${escapeHtml(`${s.name}: ${a} → ${fmt(b)} ${unit}`)}</title></circle>`);
    parts.push(`<rect x="${width - right + 10}" y="${top + si * 16}" width="10" height="10" fill="${color}"/>`);
    parts.push(`<text x="${width - right + 24}" y="${top + si * 16 + 9}">${escapeHtml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
