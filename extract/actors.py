"""Actors: who speaks and who is spoken of, canonical across documents.

Three layers make "the People's Republic of China" and "China", or "UN HRC" and
"the UN Human Rights Council", one actor:

1. a catalogue of well-known actors and their aliases (``data/actors.json``,
   every ISO 3166 country from pycountry, common demonyms);
2. a normal form of a name (case, punctuation, leading determiners and
   quantifiers, possessives removed) that is looked up in the catalogue, with
   a close-spelling fallback for typos ("Autonomous Rigion");
3. :func:`merge_actors`, run over all documents of a build, which joins
   actors the catalogue does not know when one is the acronym or a close
   spelling of another.
"""

from __future__ import annotations

import difflib
import functools
import importlib.resources
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from .records import Actor

__all__ = [
    "ActorCatalog",
    "GROUP_HEADS",
    "actor_id",
    "default_catalog",
    "merge_actors",
    "name_key",
]

#: Plural head nouns that make "<proper modifier> <head>" a group actor
#: ("Western countries", "Arab states", "European governments").
GROUP_HEADS = frozenset(
    {
        "countries",
        "states",
        "nations",
        "governments",
        "powers",
        "allies",
        "media",
        "politicians",
        "officials",
        "leaders",
        "diplomats",
        "envoys",
        "organizations",
        "organisations",
        "ngos",
        "forces",
        "democracies",
        "members",
        "partners",
        "lawmakers",
        "companies",
    }
)

# Words that do not change who is meant: "some Western countries", "a group of
# Western countries" and "Western countries" are one actor.
_LEADING = re.compile(
    r"^(?:(?:a\s+(?:small\s+)?(?:group|number|handful|couple)\s+of|groups\s+of|a\s+few|"
    r"the\s+so-called|so-called|a|an|the|some|certain|many|several|all|most|other|these|"
    r"those|such|few|various|numerous)\s+)+",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_PUNCT = re.compile(r"[^\w\s\-']")
_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """Normal form of an actor name used to look it up.

    Examples
    --------
    >>> name_key("the People’s Republic of China's")
    "people's republic of china"
    >>> name_key("U.S.")
    'us'
    >>> name_key("some Western Countries")
    'western countries'
    """
    text = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    text = _SPACE.sub(" ", text).strip()
    text = _POSSESSIVE.sub("", text)
    text = _LEADING.sub("", text)
    # "U.S." -> "US": dots inside acronyms carry no meaning
    text = re.sub(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w\.\w)\.", "", text)
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip().casefold()


def actor_id(name: str) -> str:
    """Stable, readable node id of an actor: ``actor:<slug>``.

    Examples
    --------
    >>> actor_id("UN Human Rights Council")
    'actor:un-human-rights-council'
    """
    from .load import slugify

    return "actor:" + slugify(name)


def _acronym(name: str) -> str:
    """Initials of a name, keeping words already in capitals: "UN Human Rights Council" -> "UNHRC"."""
    letters = []
    for word in re.split(r"[\s\-]+", name):
        if not word or word.casefold() in {"of", "the", "and", "for", "on", "in", "to", "&"}:
            continue
        if word.isupper() and len(word) > 1:
            letters.append(word)
        elif word[0].isalpha():
            letters.append(word[0].upper())
    return "".join(letters)


# spaCy entity labels of the catalogue's kinds
_RULER_LABELS = {
    "state": "GPE",
    "region": "GPE",
    "organisation": "ORG",
    "group": "NORP",
    "person": "PERSON",
    "people": "NORP",
}


class ActorCatalog:
    """Known actors and their aliases, looked up by :func:`name_key`.

    Parameters
    ----------
    entries : iterable of (name, kind, aliases)
    demonyms : mapping of adjective ("Chinese") to canonical state name ("China")

    Examples
    --------
    >>> catalog = default_catalog()
    >>> catalog.resolve("the People's Republic of China")
    ('China', 'state')
    >>> catalog.resolve("UN HRC")
    ('UN Human Rights Council', 'organisation')
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, str, Iterable[str]]],
        demonyms: Mapping[str, str] | None = None,
    ) -> None:
        self._by_key: dict[str, tuple[str, str]] = {}
        self._case_sensitive: dict[str, tuple[str, str]] = {}
        self.entries: list[tuple[str, str, tuple[str, ...]]] = []
        for name, kind, aliases in entries:
            aliases = tuple(aliases)
            self.entries.append((name, kind, aliases))
            for alias in (name, *aliases):
                # Short all-capital aliases ("US", "WHO") are matched by exact
                # spelling only: "us" and "who" are ordinary words.
                if alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 5:
                    self._case_sensitive.setdefault(alias.replace(".", ""), (name, kind))
                    self._case_sensitive.setdefault(alias, (name, kind))
                else:
                    self._by_key.setdefault(name_key(alias), (name, kind))
        self.demonyms = dict(demonyms or {})
        self._fuzzy_keys = sorted(k for k in self._by_key if len(k) >= 10)
        self._resolved: dict[str, tuple[str, str] | None] = {}

    def resolve(self, text: str) -> tuple[str, str] | None:
        """Canonical (name, kind) of a known actor named by ``text``, or None."""
        # names recur thousands of times in a corpus; the close-spelling search is slow
        if text in self._resolved:
            return self._resolved[text]
        found = self._resolve(text)
        if len(self._resolved) < 200_000:
            self._resolved[text] = found
        return found

    def _resolve(self, text: str) -> tuple[str, str] | None:
        stripped = _LEADING.sub("", _POSSESSIVE.sub("", text.strip().replace("’", "'"))).strip()
        for candidate in (stripped, stripped.replace(".", "")):
            if candidate in self._case_sensitive:
                return self._case_sensitive[candidate]
        key = name_key(text)
        if key in self._by_key:
            return self._by_key[key]
        # only names (capitalised words) are worth a close-spelling search
        if len(key) >= 10 and sum(w[:1].isupper() for w in text.split()) >= 2:
            close = difflib.get_close_matches(key, self._fuzzy_keys, n=1, cutoff=0.92)
            if close:
                return self._by_key[close[0]]
        return None

    def state_of_demonym(self, adjective: str) -> str | None:
        """The state an adjective refers to: "Chinese" -> "China"."""
        return self.demonyms.get(adjective.strip())

    def ruler_phrases(self) -> tuple[list[dict], list[dict]]:
        """Phrase patterns for spaCy EntityRulers: (any case, exact case).

        Names match in any case ("UN human rights council"); short
        capitalised acronyms ("UN", "U.S.") only as spelt.  Phrase patterns
        run on spaCy's PhraseMatcher, which is many times faster than token
        patterns over a catalogue of thousands of names.
        """
        labels = _RULER_LABELS
        any_case: list[dict] = []
        exact: list[dict] = []
        seen: set[tuple[str, str, bool]] = set()
        for name, kind, aliases in self.entries:
            for alias in (name, *aliases):
                alias = alias.strip()
                if not alias:
                    continue
                acronym = alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 5
                text = alias if acronym else alias.lower()
                marker = (labels[kind], text, acronym)
                if marker in seen:
                    continue
                seen.add(marker)
                (exact if acronym else any_case).append({"label": labels[kind], "pattern": text})
        return any_case, exact

    def ruler_patterns(self, tokenize: Callable[[str], list[str]] | None = None) -> list[dict]:
        """spaCy EntityRuler patterns for every catalogued name and alias.

        Multi-word names match in any case ("UN human rights council"); short
        capitalised acronyms only as spelt.  ``tokenize`` should be the
        pipeline's own tokenizer, so that "People's" is split as spaCy
        splits it ("People", "'s").
        """
        labels = _RULER_LABELS
        patterns = []
        seen = set()
        for name, kind, aliases in self.entries:
            for alias in (name, *aliases):
                words = (
                    tokenize(alias)
                    if tokenize
                    else re.findall(r"\w+(?:[.'’-]\w+)*\.?|[^\w\s]", alias)
                )
                if not words:
                    continue
                if alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 5:
                    pattern = [{"ORTH": w} for w in words]
                else:
                    pattern = [{"LOWER": w.lower()} for w in words]
                marker = (labels[kind], json.dumps(pattern))
                if marker in seen:
                    continue
                seen.add(marker)
                patterns.append({"label": labels[kind], "pattern": pattern})
        return patterns


@functools.cache
def default_catalog() -> ActorCatalog:
    """The catalogue shipped with claimgraph: data/actors.json plus ISO 3166 countries."""
    raw = json.loads(
        importlib.resources.files("extract").joinpath("data/actors.json").read_text("utf-8")
    )
    entries: list[tuple[str, str, list[str]]] = [
        (a["name"], a["kind"], list(a["aliases"])) for a in raw["actors"]
    ]
    known = {name_key(a["name"]) for a in raw["actors"]}
    for a in raw["actors"]:
        known.update(name_key(x) for x in a["aliases"])
    try:
        import pycountry
    except ImportError:  # the catalogue still works, with fewer countries
        pycountry = None
    if pycountry is not None:
        for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            names = [
                getattr(country, "common_name", None),
                country.name,
                getattr(country, "official_name", None),
            ]
            names = [n for n in names if n]
            if any(name_key(n) in known for n in names):
                continue
            canonical = names[0]
            entries.append((canonical, "state", names[1:]))
            known.update(name_key(n) for n in names)
    return ActorCatalog(entries, raw.get("demonyms", {}))


def _preferred(names: Counter[str]) -> str:
    """The name to show for an actor: the most used, then the longest, then alphabetical."""
    return sorted(names, key=lambda n: (-names[n], -len(n), n))[0]


def merge_actors(
    actors: Iterable[Actor], counts: Mapping[str, int] | None = None
) -> dict[str, str]:
    """Map each actor id to the id of the actor it is the same as.

    Actors of the same id are one.  Beyond that, an actor whose name is the
    acronym of another's ("UN HRC" / "UN Human Rights Council"), or a close
    spelling of another of the same kind (ratio >= 0.92, names of at least 10
    characters), is merged into it.  The result does not depend on the order
    of ``actors``.

    Returns
    -------
    dict
        ``{actor_id: canonical_actor_id}`` for every actor given (identity
        for those that stay).

    Examples
    --------
    >>> a = Actor("actor:human-rights-forum", "Human Rights Forum", "organisation")
    >>> b = Actor("actor:human-rights-fourm", "Human Rights Fourm", "organisation")
    >>> sorted(merge_actors([a, b]).items())  # doctest: +NORMALIZE_WHITESPACE
    [('actor:human-rights-forum', 'actor:human-rights-forum'),
     ('actor:human-rights-fourm', 'actor:human-rights-forum')]
    """
    counts = counts or {}
    by_id: dict[str, Actor] = {}
    for actor in sorted(actors, key=lambda a: a.id):
        by_id.setdefault(actor.id, actor)
    ids = sorted(by_id, key=lambda i: (-counts.get(i, 0), -len(by_id[i].name), i))
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    acronyms = {}
    for i in ids:
        acro = _acronym(by_id[i].name)
        if len(acro) >= 2:
            acronyms.setdefault(acro, i)
    for i in ids:
        squeezed = re.sub(r"[\s.]", "", by_id[i].name)
        if squeezed.isupper() and squeezed in acronyms and acronyms[squeezed] != i:
            parent[find(i)] = find(acronyms[squeezed])
    # "Trump" (a transcript's speaker label) is "Donald Trump" when exactly
    # one person of that surname is known.
    surnames: dict[str, list[str]] = {}
    for i in ids:
        words = by_id[i].name.split()
        if by_id[i].kind == "person" and len(words) >= 2:
            surnames.setdefault(words[-1].casefold(), []).append(i)
    for i in ids:
        words = by_id[i].name.split()
        if by_id[i].kind == "person" and len(words) == 1:
            full = surnames.get(words[0].casefold(), [])
            if len(full) == 1:
                parent[find(i)] = find(full[0])
    keys = {i: name_key(by_id[i].name) for i in ids}
    # Typos rarely touch the first letters: compare only names that share
    # kind and first four characters, which keeps this near-linear.
    buckets: dict[tuple[str, str], list[str]] = {}
    for i in ids:
        if len(keys[i]) >= 10:
            buckets.setdefault((by_id[i].kind, keys[i][:4]), []).append(i)
    for bucket in buckets.values():
        for n, i in enumerate(bucket):
            for j in bucket[n + 1 :]:
                if difflib.SequenceMatcher(None, keys[i], keys[j]).ratio() >= 0.92:
                    parent[find(j)] = find(i)
    return {i: find(i) for i in sorted(ids)}
