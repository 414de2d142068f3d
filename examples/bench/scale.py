#!/usr/bin/env python3
"""Scales the demo county N times (ids prefixed) into OUT_DIR, for timing `guize eval`.

Usage: python3 examples/bench/scale.py N OUT_DIR
Then:  time target/release/guize eval rulesets/安徽省措施 OUT_DIR --as-of 2024-12-31 --format json > /dev/null
"""
import csv, os, sys

n, out = int(sys.argv[1]), sys.argv[2]
src = os.path.join(os.path.dirname(__file__), "..", "demo")
os.makedirs(out, exist_ok=True)
id_cols = {"单位.csv": ["编号", "上级", "同级"], "人员.csv": ["编号"], "任职.csv": ["人员", "单位"],
           "事件.csv": ["编号", "单位", "主体", "对象"]}
for name, cols in id_cols.items():
    with open(os.path.join(src, name), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        for k in range(n):
            for r in rows:
                r2 = dict(r)
                for c in cols:
                    if r2[c]:
                        r2[c] = "、".join(f"X{k}_{v}" for v in r2[c].split("、"))
                w.writerow(r2)
