# Reference numbers for Ai4iReportTest, computed the way SDMetrics' QualityReport does (its documented metrics, built on
# the same scipy / numpy / pandas calls), for cross-checking the Java implementation.
# Usage: python3 sdmetrics_reference.py ../resources/ai4i2020-excerpt.csv   (rows 1-100 real, 101-200 synthetic)
# Checked with scipy 1.10.1, numpy 1.24.2, pandas 1.5.3.
import json, sys
import numpy as np, pandas as pd
from scipy.stats import ks_2samp, pearsonr

df = pd.read_csv(sys.argv[1])
real, syn = df.iloc[:100].reset_index(drop=True), df.iloc[100:200].reset_index(drop=True)
num = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
out = {"columns": {}, "pairs": {}}
for c in df.columns:
    if c in num:
        out["columns"][c] = 1 - ks_2samp(real[c].dropna(), syn[c].dropna()).statistic
    else:
        fr = real[c].value_counts(normalize=True, dropna=False); fs = syn[c].value_counts(normalize=True, dropna=False)
        idx = fr.index.union(fs.index)
        out["columns"][c] = 1 - 0.5 * (fr.reindex(idx, fill_value=0) - fs.reindex(idx, fill_value=0)).abs().sum()
cols = list(df.columns)
for i in range(len(cols)):
    for j in range(i + 1, len(cols)):
        a, b = cols[i], cols[j]
        if a in num and b in num:
            r = real[[a, b]].dropna(); s = syn[[a, b]].dropna()
            try:
                rr = pearsonr(r[a], r[b])[0]; rs = pearsonr(s[a], s[b])[0]
            except Exception:
                rr = rs = float('nan')
            score = 1 - abs(rr - rs) / 2
        else:
            pr, ps = real[[a, b]].copy(), syn[[a, b]].copy()
            for c in (a, b):
                if c in num:
                    edges = np.histogram_bin_edges(real[c].dropna())
                    pr[c] = pd.cut(pr[c], bins=edges, include_lowest=True)
                    ps[c] = pd.cut(ps[c], bins=edges, include_lowest=True)
            pr = pr.astype(str); ps = ps.astype(str)  # NaN bins as one category
            cr = pr.groupby([a, b], dropna=False).size() / len(pr)
            cs = ps.groupby([a, b], dropna=False).size() / len(ps)
            idx = cr.index.union(cs.index)
            score = 1 - 0.5 * (cr.reindex(idx, fill_value=0) - cs.reindex(idx, fill_value=0)).abs().sum()
        out["pairs"][a + "|" + b] = None if np.isnan(score) else float(score)
print(json.dumps(out, indent=0))
