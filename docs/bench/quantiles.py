"""Quantiles of a Prometheus histogram between two scrapes (soak.sh): python3 quantiles.py BEFORE AFTER NAME.

Sums the NAME_bucket series over their other labels, takes the difference of the two scrapes, and
interpolates p50, p90, p99 and p99.9 linearly inside the bucket each falls in (as histogram_quantile does).
"""
import re
import sys


def buckets(path, name):
    sums = {}
    pattern = re.compile(r'^' + re.escape(name) + r'_bucket\{(.*)\} (\S+)$')
    for line in open(path):
        match = pattern.match(line.strip())
        if match:
            le = re.search(r'le="([^"]+)"', match.group(1)).group(1)
            bound = float('inf') if le == '+Inf' else float(le)
            sums[bound] = sums.get(bound, 0.0) + float(match.group(2))
    return sums


before, after, name = sys.argv[1], sys.argv[2], sys.argv[3]
b, a = buckets(before, name), buckets(after, name)
cumulative = sorted((bound, a[bound] - b.get(bound, 0.0)) for bound in a)
total = cumulative[-1][1] if cumulative else 0
out = ['count=%d' % total]
for q in (0.5, 0.9, 0.99, 0.999):
    rank, lower, below = q * total, 0.0, 0.0
    for bound, count in cumulative:
        if count >= rank:
            if bound == float('inf'):
                value = 'over %gms' % (lower * 1000)
            else:
                share = (rank - below) / (count - below) if count > below else 1
                value = '%.3fms' % ((lower + (bound - lower) * share) * 1000)
            out.append('p%g=%s' % (q * 100, value))
            break
        lower, below = bound, count
print(' '.join(out))
