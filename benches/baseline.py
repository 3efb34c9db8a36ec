#!/usr/bin/env python3
"""The script a user would write instead of crosscheck: parse every claim file with tomllib,
group the claims by topic and compute the verdicts. Used as the yardstick in the README.
Usage: python3 benches/baseline.py DIR"""
import sys
import tomllib
from pathlib import Path


def interval(figure, tol):
    if not isinstance(figure, dict):
        return (figure, figure)
    if "about" in figure:
        v = figure["about"]
        return (v * (1 - tol), v * (1 + tol))
    if "at_least" in figure:
        return (figure["at_least"], None)
    if "at_most" in figure:
        return (None, figure["at_most"])
    return (figure["low"], figure["high"])


def main(root):
    topics, claims = {}, []
    for path in sorted(Path(root).rglob("*.claims.toml")):
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        for t in doc.get("topic", []):
            topics[t["id"]] = t
        claims.extend(doc.get("claim", []))
    by_topic = {}
    for c in claims:
        by_topic.setdefault(c["topic"], []).append(c)
    verdicts = {}
    for tid, topic in topics.items():
        cs = by_topic.get(tid, [])
        if len(cs) == 0:
            verdicts[tid] = "none"
        elif len(cs) == 1:
            verdicts[tid] = "single"
        elif "unit" in topic:
            ivs = [interval(c["figure"], topic.get("tolerance", 0.05)) for c in cs]
            lows = [lo for lo, _ in ivs if lo is not None]
            highs = [hi for _, hi in ivs if hi is not None]
            conflict = lows and highs and max(lows) > min(highs)
            verdicts[tid] = "conflict" if conflict else "consistent"
        else:
            stances = {c["stance"] for c in cs}
            if {"affirms", "denies"} <= stances:
                verdicts[tid] = "conflict"
            elif len(stances) == 1:
                verdicts[tid] = "consistent"
            else:
                verdicts[tid] = "unsettled"
    conflicts = sum(1 for v in verdicts.values() if v == "conflict")
    print(f"{len(claims)} claims, {len(topics)} topics, {conflicts} conflicts")


if __name__ == "__main__":
    main(sys.argv[1])
