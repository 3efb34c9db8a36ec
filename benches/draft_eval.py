#!/usr/bin/env python3
"""quantulum3 on the evaluation articles of `crosscheck draft` (tests/fixtures/draft/eval/).

Prints one JSON object: for each article file, the quantities quantulum3 finds in its text, each
with its byte offsets in the UTF-8 text and its value (both ends when quantulum3 reports an
uncertainty as a range). `benches/draft_eval.rs` scores them exactly as it scores the drafter.

Usage: python3 benches/draft_eval.py FILE.txt...   (pip install quantulum3)
"""

import json
import sys
import warnings

warnings.filterwarnings("ignore")

from quantulum3 import parser  # noqa: E402


def byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def extract(text: str):
    out = []
    for q in parser.parse(text):
        start, end = q.span
        values = [q.value]
        if getattr(q, "uncertainty", None):
            values = [q.value - q.uncertainty, q.value + q.uncertainty, q.value]
        out.append(
            {
                "start": byte_offset(text, start),
                "end": byte_offset(text, end),
                "values": values,
                "surface": q.surface,
                "unit": q.unit.name,
            }
        )
    return out


def main() -> None:
    result = {}
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        result[path] = extract(text)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
