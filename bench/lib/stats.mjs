// Small statistics shared by the Node benchmark and the report: medians and the
// least-squares line that tells whether a stage grows linearly with pages.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Least-squares fit y = intercept + slope·x, with R², and the per-page cost at the
 * largest x against that at x = 10 (1.0 = perfectly linear; > 1 = super-linear).
 */
export function linearFit(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxx ? sxy / sxx : 0;
  const intercept = my - slope * mx;
  const r2 = sxx && syy ? (sxy * sxy) / (sxx * syy) : 1;
  const last = xs.length - 1;
  const at10 = xs.indexOf(10);
  const perPageRatio = at10 >= 0 && xs[last] > 10 && ys[at10] > 0 ? ys[last] / xs[last] / (ys[at10] / 10) : null;
  return { slope, intercept, r2, perPageRatio };
}

/** A fit as one line of text. */
export const describeFit = (f, unit) =>
  `${f.slope.toFixed(3)} ${unit}/page + ${f.intercept.toFixed(2)}, R² ${f.r2.toFixed(4)}` +
  (f.perPageRatio == null ? '' : `, per-page cost largest/10p ${f.perPageRatio.toFixed(2)}`);
