"""The event pattern dictionary: which verbs and nouns carry which CAMEO event, and the matcher.

The rows live in ``coding/data/patterns/*.tsv`` (one file per group of CAMEO roots), one trigger a
row::

    kind  lemma  particle  object  target  cameo  symmetric  note
    verb  impose            tariff|duty|levy  prep:on|prep:against  172

- ``kind``: ``verb`` or ``noun``; a verb row matches active and passive uses alike.
- ``lemma``: the trigger's lemma as the spaCy pipeline gives it, lowercase, one word; a hyphenated
  word spaCy splits is looked up joined too ("cease-fire" finds ``ceasefire``, "build-up" ``buildup``).
- ``particle``: a phrasal-verb particle ("cut *off*", "call *on*"); verbs only. A row without one
  does not match a verb that carries a particle: "back down" is not "back", "hit out at" not "hit".
- ``object``: lemmas one of which must fill the trigger's object. For a verb: the direct object,
  the passive subject, the object of the particle or of a complement preposition ("hit Russia *with
  sanctions*", "spoke *by phone*", "was hit *by missiles*"), a controlled verb and its object
  ("threatened *to impose tariffs*"), a noun modified by a past participle ("tariffs *imposed*");
  for verbs with force rows (roots 18–20) also the subject, since weapons strike ("missiles hit
  Kyiv", "tariffs hit farmers"); then, more weakly, words inside these ("a wave of *drone*
  attacks", "$5 billion in *aid*"). For a noun: a compound or adjective modifier ("*arms* sales",
  "*joint* drills") or the object of "of"/"for" ("the lifting *of sanctions*", "calls *for a
  ceasefire*").
- ``target``: where the role attacher looks for the target actor, in order (see ``TARGET_SLOTS``).
- ``cameo``: the most specific code the row supports; ``symmetric``: ``yes`` for joint acts.

``PatternSet.triggers`` gives at most one trigger per token (the row with most constraints met), and
one per event: a verb and the noun or verb that satisfied its ``object`` are one event, coded by the
verb unless the inner word names the same kind of act more precisely ("provided *military aid*" is
072, not the 070 of "provide"; "lifted *sanctions*" stays 085, not the 163 of "sanctions").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tripolar.coding.lemmas import known_lemma
from tripolar.coding.roles import object_predicate
from tripolar.errors import DataError
from tripolar.ontology._tables import read_table, split_list
from tripolar.ontology.cameo import cameo_codebook

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PATTERN_DIR = Path(__file__).parent / "data" / "patterns"
COLUMNS = ("kind", "lemma", "particle", "object", "target", "cameo", "symmetric", "note")
KINDS = ("verb", "noun")
TARGET_SLOTS = frozenset({"dobj", "iobj", "xcomp-subj", "none"})
# Prepositions a ``prep:`` slot may name: a closed class, so a typo ("prep:agianst") is caught on load.
TARGET_PREPOSITIONS = frozenset({
    "about", "across", "against", "along", "alongside", "among", "around", "at", "behind", "between", "by",
    "concerning", "for", "from", "in", "inside", "into", "near", "of", "off", "on", "onto", "outside", "over", "past",
    "regarding", "through", "to", "toward", "towards", "upon", "with", "within",
})
# Roots whose triggers take weapons as subjects ("drones struck Moscow"): assault, fight, mass violence.
FORCE_ROOTS = frozenset({"18", "19", "20"})
# Prepositions whose object completes a verb's meaning rather than naming a party: instrument and
# medium ("with sanctions", "by phone", "over the phone"), charge ("accused of spying"), goal
# ("agreed to a ceasefire", "asked for aid", "withdrew from the treaty", "placed on the Entity List").
OBJECT_PREPOSITIONS = frozenset({"with", "by", "via", "through", "over", "on", "of", "to", "for", "from", "as"})
NOUN_OBJECT_PREPOSITIONS = frozenset({"of", "for", "on", "in"})  # a ban on imports, talks on trade, cuts in aid
# Adverbs that act as particles when they follow the verb ("hit back", "pulled back"): a row without
# a particle must not match them.
PARTICLE_WORDS = frozenset({"up", "down", "off", "out", "back", "over", "away", "in", "on", "around", "apart"})
NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod"})
# Nouns of amount whose "in" phrase says what the amount is of: "$5 billion in aid".
QUANTITIES = frozenset({"billion", "million", "trillion", "dollar", "euro", "yuan", "worth", "$"})
MISATTACHED_INSTRUMENTS = frozenset({"with", "by", "over", "via"})


@dataclass(frozen=True, slots=True)
class Pattern:
    """One row of the pattern dictionary; ``source`` is ``file:line``."""

    kind: str
    lemma: str
    particle: str
    objects: tuple[str, ...]
    targets: tuple[str, ...]
    cameo: str
    symmetric: bool
    source: str

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def specificity(self) -> int:
        """How many constraints the row sets: a row that sets more wins when several fit."""
        return bool(self.particle) + bool(self.objects)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word in a sentence that carries an event, with the row it matched and what satisfied it."""

    token: Token
    pattern: Pattern
    object_token: Token | None
    particle_token: Token | None


@dataclass(frozen=True, slots=True)
class _ObjectCandidate:
    token: Token
    via: tuple[Token, ...] = ()  # words between the trigger and the object ("threatened [to impose] tariffs")
    theme: bool = False  # the thing acted on: direct object, passive subject
    # A modifier of the thing acted on names no weapon: "attacked a [missile] depot" is no missile
    # attack, so force rows skip these; "released the [journalist] Evan Gershkovich" may use them.
    theme_modifier: bool = False
    instrument: bool = False  # the subject of a verb of force, as in "missiles hit Kyiv"


class PatternSet:
    """The loaded rows, indexed by (kind, lemma) so that matching is one lookup per token."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.patterns: tuple[Pattern, ...] = tuple(patterns)
        index: dict[tuple[str, str], list[Pattern]] = {}
        for pattern in self.patterns:
            index.setdefault((pattern.kind, pattern.lemma), []).append(pattern)
        self._index = {key: tuple(rows) for key, rows in index.items()}
        # Verb lemmas, to repair the small model's ("hopes" → "hop"): see lemmas.py.
        self._verbs = frozenset(lemma for kind, lemma in self._index if kind == "verb")
        # Verbs of force take their instrument as subject ("missiles hit Kyiv", "tariffs hit
        # farmers"), whatever the row: for them the subject is a candidate object too.
        self._force_verbs = frozenset(
            pattern.lemma for pattern in self.patterns if pattern.kind == "verb" and pattern.root in FORCE_ROOTS
        )

    def __len__(self) -> int:
        return len(self.patterns)

    def __iter__(self) -> Iterator[Pattern]:
        return iter(self.patterns)

    def rows(self, kind: str, lemma: str) -> tuple[Pattern, ...]:
        """The rows for one trigger word, in file order."""
        return self._index.get((kind, lemma), ())

    def triggers(self, sentence: Span | Doc) -> list[Trigger]:
        """Every event trigger in the sentence, in text order, at most one per token and per event."""
        found: list[tuple[Trigger, tuple[Token, ...]]] = []
        in_names = _capitalised_in_names(sentence)
        for token in sentence:
            match = self._match(token, in_names)
            if match is not None:
                found.append(match)
        if len(found) > 1:
            found = _merge_nested(found)
        return [trigger for trigger, _ in found]

    def _match(self, token: Token, in_names: frozenset[int]) -> tuple[Trigger, tuple[Token, ...]] | None:
        kind = _trigger_kind(token, in_names)
        if kind is None:
            return None
        rows = tuple(row for lemma in _lemmas(token) for row in self._index.get((kind, lemma), ()))
        if not rows and kind == "verb":
            rows = self._index.get((kind, known_lemma(token, self._verbs)), ())
        if not rows:
            return None
        # A verb with an object predicate names or judges ("called Taiwan a partner"): only a row that
        # lists the predicate is an act ("declared China an enabler" accuses).
        predicate = object_predicate(token) if kind == "verb" else None
        particles = _particles(token) if kind == "verb" else {}
        has_particle = kind == "verb" and _has_particle(token)
        force_verb = kind == "verb" and any(lemma in self._force_verbs for lemma in _lemmas(token))
        candidates: list[_ObjectCandidate] | None = None
        best: tuple[tuple[int, int, int, int], Trigger, tuple[Token, ...]] | None = None
        for rank, pattern in enumerate(rows):
            particle_token = None
            if pattern.particle:
                particle_token = particles.get(pattern.particle)
                if particle_token is None:
                    continue
            elif has_particle:
                continue
            matched: _ObjectCandidate | None = None
            position = 0
            if predicate is not None:
                if not set(_lemmas(predicate)) & set(pattern.objects):
                    continue
                matched = _ObjectCandidate(predicate)
            elif pattern.objects:
                if candidates is None:
                    candidates = _verb_objects(token) if kind == "verb" else _noun_objects(token)
                    if force_verb:
                        candidates += [replace(candidate, instrument=True) for candidate in
                                       _expand([_ObjectCandidate(t) for t in _active_subjects(token)])]
                pool = candidates
                if particle_token is not None and particle_token.dep_ != "prt":
                    pool = [_ObjectCandidate(t) for t in _preposition_objects(particle_token)] + pool
                weapons = kind == "verb" and pattern.root in FORCE_ROOTS
                found = _first_fit(pool, pattern.objects, weapons=weapons)
                if found is None:
                    continue
                if found[1].instrument and "dobj" not in pattern.targets and _has_direct_object(token):
                    # The subject is an instrument only where the object is the one struck: in
                    # "the controls took effect" no control is taken.
                    continue
                position, matched = found
            # More constraints first; an object beats a particle (it says more about the act); an
            # object found early (the direct object) beats one found late; then file order.
            score = (pattern.specificity, bool(pattern.objects), -position, -rank)
            if best is None or score > best[0]:
                trigger = Trigger(token, pattern, matched.token if matched else None, particle_token)
                consumed = (*matched.via, matched.token) if matched else ()
                best = (score, trigger, consumed)
        if best is None:
            return None
        return best[1], best[2]


def _merge_nested(found: list[tuple[Trigger, tuple[Token, ...]]]) -> list[tuple[Trigger, tuple[Token, ...]]]:
    """One event per verb and the words that completed it.

    Outer triggers are settled first, each against every trigger among the words it consumed
    (and the words those consumed). When one of them names the same kind of act (same root) more
    precisely, the most precise one codes the event ("provided [military aid]" → 072); otherwise the
    outer trigger does ("threatened to [impose tariffs]" → 132; "lifted [sanctions]" → 085).
    """
    by_index = {trigger.token.i: (trigger, consumed) for trigger, consumed in found}
    dropped: set[int] = set()

    def inner_triggers(consumed: tuple[Token, ...], seen: set[int]) -> Iterator[Trigger]:
        for token in consumed:
            if token.i in seen or token.i not in by_index:
                continue
            seen.add(token.i)
            inner, inner_consumed = by_index[token.i]
            yield inner
            yield from inner_triggers(inner_consumed, seen)

    for trigger, consumed in sorted(found, key=lambda item: _depth(item[0].token)):
        if trigger.token.i in dropped:
            continue
        inners = [inner for inner in inner_triggers(consumed, {trigger.token.i}) if inner.token.i not in dropped]
        if not inners:
            continue
        precise = [inner for inner in inners if _names_more_precisely(inner, trigger)]
        keep = trigger
        if precise:
            keep = max(precise, key=lambda inner: (inner.pattern.specificity, len(inner.pattern.cameo)))
        dropped.update(t.token.i for t in (trigger, *inners) if t is not keep)
    return [item for item in found if item[0].token.i not in dropped]


def _first_fit(
    pool: list[_ObjectCandidate], objects: tuple[str, ...], *, weapons: bool
) -> tuple[int, _ObjectCandidate] | None:
    for position, candidate in enumerate(pool):
        if weapons and candidate.theme_modifier:
            continue
        if any(lemma in objects for lemma in _lemmas(candidate.token)):
            return position, candidate
    return None


def _names_more_precisely(inner: Trigger, outer: Trigger) -> bool:
    if inner.pattern.root != outer.pattern.root or inner.pattern.cameo == outer.pattern.cameo:
        return False
    outer_is_residual = len(outer.pattern.cameo) == 3 and outer.pattern.cameo.endswith("0")
    return bool(inner.pattern.objects) or outer_is_residual


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _trigger_kind(token: Token, in_names: frozenset[int]) -> str | None:
    """``verb``, ``noun`` or None for a word that cannot trigger (a modifier, an auxiliary, a word of a
    name: ``in_names``)."""
    pos = token.pos_
    if pos == "VERB" or (pos == "AUX" and token.dep_ not in ("aux", "auxpass")):
        # A participle that only modifies a noun names no act ("sanctioned entities", "the proposed
        # talks"); a verb with an object predicate names or judges ("called Taiwan a partner").
        if token.dep_ in ("amod", "compound"):
            return None
        return "verb"
    if pos in ("NOUN", "PROPN"):
        # A noun that modifies another noun is not the head of the event ("[sanctions] relief",
        # "[trade] war", "[ceasefire] talks"): the head noun is.
        if token.dep_ == "compound":
            return None
        if token.i in in_names:
            return None
        # "poses a threat to China", "represents a challenge": a judgement of what the subject is,
        # not an act it does.
        if token.dep_ == "dobj" and token.head.lemma_.lower() in ASSESSING_VERBS:
            return None
        if token.lemma_.lower() in STATE_NOUNS and not _occurs(token):
            return None
        return "noun"
    return None


ASSESSING_VERBS = frozenset({"pose", "represent", "constitute"})
# Nouns that name a state of affairs ("the trade war") more often than an act: an event only where a
# verb says it begins, is waged or could be ("started a trade war", "there could be a trade war"), not
# where it is the background ("amid the trade war", "prevailed in the trade war").
# "Dialogue" likewise names a standing channel ("the broader dialogue between the US and China is seen as
# important") more often than a meeting; one held, opened or resumed is an event.
# Disagreements and rifts too: "amid disagreements between Washington and Seoul" is background, "if
# disagreements arise" or "could bring disagreements" tells of them.
STATE_NOUNS = frozenset({"war", "dialogue", "disagreement", "rift", "friction", "spat", "quarrel"})
OCCURRING_VERBS = frozenset({"start", "launch", "wage", "wag", "begin", "ignite", "spark", "trigger", "unleash",
                             "escalate", "declare", "fight", "risk", "threaten", "be", "break", "erupt", "intensify",
                             "hold", "open", "resume", "conduct", "restart", "relaunch", "establish", "arise",
                             "emerge", "bring", "cause", "deepen", "develop", "provoke"})


def _occurs(noun: Token) -> bool:
    """Whether a verb makes a state noun happen: as its object, its subject ("a trade war broke out")
    or what there is ("there could be a trade war")."""
    verb = noun.head
    if verb.lemma_.lower() not in OCCURRING_VERBS:
        return False
    if verb.lemma_.lower() == "be":
        return noun.dep_ == "attr" and any(child.dep_ == "expl" for child in verb.children)
    return noun.dep_ in ("dobj", "nsubj", "nsubjpass")
TITLE_CASED = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ"})


def _capitalised_in_names(sentence: Span | Doc) -> frozenset[int]:
    """The words that are parts of proper names ("the Treaty of Friendly *Cooperation*", "Asia Pacific
    Economic *Cooperation*") rather than events: capitalised (not all capitals, not first) inside a
    sentence that is not itself written in title case, as headlines are ("Xi And Putin Hold Talks").
    Read once per sentence: the words of a sentence share its case."""
    found: set[int] = set()
    for sent in sentence.sents:
        # Verbs and function words are lower case in running text and capitalised in a title.
        words = [word for word in sent[1:] if word.is_alpha and word.pos_ in TITLE_CASED]
        if sum(1 for word in words if word.text[:1].islower()) * 2 <= len(words):
            continue
        found.update(word.i for word in sent[1:] if word.text[:1].isupper() and not word.text.isupper())
    return frozenset(found)


def _lemmas(token: Token) -> tuple[str, ...]:
    """The token's lemma and, for the head of a hyphenated compound spaCy split ("cease-fire",
    "build-up"), the joined word ("ceasefire", "buildup")."""
    lemma = token.lemma_.lower()
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].head.i == i and doc[i - 2].is_alpha:
        return (lemma, doc[i - 2].lower_ + lemma)
    return (lemma,)


def _particles(verb: Token) -> dict[str, Token]:
    """Particles by lemma: ``prt`` children anywhere, and an adverb or preposition right after the
    verb, which is how spaCy often parses "pulled out of", "hit back", "called on"."""
    found: dict[str, Token] = {}
    for child in verb.children:
        adjacent = child.i == verb.i + 1 and child.dep_ in ("prep", "advmod", "agent")
        if child.dep_ == "prt" or adjacent:
            found.setdefault(child.lemma_.lower(), child)
    return found


def _has_particle(verb: Token) -> bool:
    return any(
        child.dep_ == "prt"
        or (child.dep_ == "advmod" and child.i == verb.i + 1 and child.lower_ in PARTICLE_WORDS)
        for child in verb.children
    )


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _preposition_objects(preposition: Token) -> list[Token]:
    """Objects of a preposition, and of one nested in it ("out [of the deal]")."""
    objects: list[Token] = []
    for child in preposition.children:
        if child.dep_ in ("pobj", "pcomp") or (child.dep_ in ("amod", "acomp") and preposition.lower_ == "as"):
            # "as" may take an adjective: "framed South Korea as [responsible]".
            objects.extend(_with_conjuncts(child))
            if preposition.lower_ == "as" and child.dep_ == "pobj":
                # What one is cast as is said by its adjective as much as its noun: "as [revisionist] powers".
                objects.extend(modifier for modifier in child.children if modifier.dep_ == "amod")
        elif child.dep_ == "prep":
            objects.extend(grandchild for grandchild in child.children if grandchild.dep_ == "pobj")
    return objects


def _has_direct_object(verb: Token) -> bool:
    return any(child.dep_ in ("dobj", "obj") for child in verb.children)


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def _verb_objects(verb: Token) -> list[_ObjectCandidate]:
    """What can satisfy a verb row's ``object``, most direct first."""
    candidates: list[_ObjectCandidate] = []
    children = list(verb.children)
    for child in children:
        if child.dep_ in ("dobj", "obj"):
            candidates.extend(_ObjectCandidate(t, theme=True) for t in _with_conjuncts(child))
    if _is_passive(verb):
        for child in children:
            if child.dep_ == "nsubjpass":
                candidates.extend(_ObjectCandidate(t, theme=True) for t in _with_conjuncts(child))
            elif child.dep_ == "agent":
                candidates.extend(_ObjectCandidate(t) for t in _preposition_objects(child))
    # A participle or relative clause on a noun has that noun as its object: "tariffs imposed on
    # steel", "the talks (that) they held".
    if (verb.dep_ == "acl" and verb.tag_ == "VBN") or (verb.dep_ == "relcl" and _relative_is_object(verb)):
        candidates.append(_ObjectCandidate(verb.head, theme=True))
    for child in children:
        if child.dep_ == "prep" and child.lemma_.lower() in OBJECT_PREPOSITIONS:
            candidates.extend(_ObjectCandidate(t) for t in _preposition_objects(child))
    for child in children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            candidates.append(_ObjectCandidate(child))
            for grandchild in child.children:
                if grandchild.dep_ in ("dobj", "obj"):
                    candidates.extend(_ObjectCandidate(t, (child,), theme=True) for t in _with_conjuncts(grandchild))
    return _unique(_expand(candidates))


def _expand(candidates: list[_ObjectCandidate], depth: int = 2) -> list[_ObjectCandidate]:
    """The candidates, then (as weaker candidates) the words inside them.

    - a compound modifier: "a wave of [drone] attacks", "the [journalist] Evan Gershkovich";
    - the object of a quantity: "a wave [of] attacks", "a package [of] aid", "$5 billion [in] aid";
    - an instrument the parser hung on the object instead of the verb: "discussed trade [over the
      phone]", "struck the city [with drones]".
    """
    expanded = list(candidates)
    frontier = candidates
    for level in range(depth):
        inner: list[_ObjectCandidate] = []
        for candidate in frontier:
            if candidate.token.pos_ not in ("NOUN", "PROPN", "NUM", "SYM"):
                continue
            via = (*candidate.via, candidate.token)
            for child in candidate.token.children:
                preposition = child.lemma_.lower() if child.dep_ == "prep" else None
                if child.dep_ == "compound":
                    inner.append(_ObjectCandidate(child, via, theme_modifier=candidate.theme))
                elif preposition == "of" or (preposition == "in" and candidate.token.lemma_.lower() in QUANTITIES):
                    inner.extend(_ObjectCandidate(t, via, candidate.theme) for t in child.children if t.dep_ == "pobj")
                elif level == 0 and candidate.theme and preposition in MISATTACHED_INSTRUMENTS:
                    inner.extend(_ObjectCandidate(t, via) for t in child.children if t.dep_ == "pobj")
        expanded.extend(inner)
        frontier = inner
    return expanded


def _relative_is_object(verb: Token) -> bool:
    """In "the sanctions (that) Washington imposed" the noun is the object; in "countries that
    imposed sanctions" it is the subject."""
    if _is_passive(verb):
        return True
    has_object = any(child.dep_ in ("dobj", "obj") for child in verb.children)
    has_own_subject = any(child.dep_ == "nsubj" and child.tag_ not in ("WDT", "WP") for child in verb.children)
    return has_own_subject and not has_object


def _active_subjects(verb: Token) -> list[Token]:
    if _is_passive(verb):
        return []
    return [t for child in verb.children if child.dep_ == "nsubj" for t in _with_conjuncts(child)]


def _noun_objects(noun: Token) -> list[_ObjectCandidate]:
    candidates: list[_ObjectCandidate] = []
    for child in noun.children:
        if child.dep_ in NOUN_MODIFIERS:
            candidates.extend(_ObjectCandidate(t) for t in _with_conjuncts(child))
    for child in noun.children:
        if child.dep_ == "prep" and child.lemma_.lower() in NOUN_OBJECT_PREPOSITIONS:
            objects = _preposition_objects(child)
            candidates.extend(_ObjectCandidate(t) for t in objects)
            # Then, weaker, their compound modifiers: "the sale of [weapons] systems".
            candidates.extend(_ObjectCandidate(t, (o,)) for o in objects for t in o.children if t.dep_ == "compound")
    return _unique(candidates)


def _unique(candidates: list[_ObjectCandidate]) -> list[_ObjectCandidate]:
    seen: set[int] = set()
    unique = []
    for candidate in candidates:
        if candidate.token.i not in seen:
            seen.add(candidate.token.i)
            unique.append(candidate)
    return unique


# Loading ---------------------------------------------------------------------------------------


def default_paths() -> list[Path]:
    return sorted(PATTERN_DIR.glob("*.tsv"))


def load_patterns(paths: Sequence[Path] | None = None) -> PatternSet:
    """The pattern dictionary from ``paths`` (default: the packaged files, loaded once and cached)."""
    if paths is None:
        return _default_patterns()
    return PatternSet(_read_all([Path(path) for path in paths]))


@cache
def _default_patterns() -> PatternSet:
    paths = default_paths()
    if not paths:
        raise DataError("no pattern files (*.tsv) found", path=PATTERN_DIR)
    return PatternSet(_read_all(paths))


def _read_all(paths: Sequence[Path]) -> list[Pattern]:
    codebook = cameo_codebook()
    patterns: list[Pattern] = []
    first_seen: dict[tuple[str, str, str, frozenset[str]], str] = {}
    for path in paths:
        for line, row in _read_rows(path):
            pattern = _parse_row(row, path, line, codebook)
            key = (pattern.kind, pattern.lemma, pattern.particle, frozenset(pattern.objects))
            if key in first_seen:
                raise DataError(
                    f"duplicates the row at {first_seen[key]} (same kind, lemma, particle and object)",
                    path=path, line=line, field="lemma",
                )
            first_seen[key] = pattern.source
            patterns.append(pattern)
    return patterns


def _read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8") as handle:
            header = tuple(handle.readline().rstrip("\r\n").split("\t"))
    except OSError as error:
        raise DataError(f"cannot be read ({error.strerror})", path=path) from None
    if header != COLUMNS:
        raise DataError(f"header must be {' | '.join(COLUMNS)} (tab-separated)", path=path, line=1)
    yield from read_table(path, ())


def _is_word(text: str) -> bool:
    """A lowercase single word: spaCy splits hyphens and spaces, so nothing else can ever match."""
    return text.isalpha() and text == text.lower()


def _parse_row(row: dict[str, str], path: Path, line: int, codebook: dict) -> Pattern:  # type: ignore[type-arg]
    def fail(reason: str, field: str) -> DataError:
        return DataError(reason, path=path, line=line, field=field)

    kind = row["kind"]
    if kind not in KINDS:
        raise fail(f"kind '{kind}' is not one of {', '.join(KINDS)}", "kind")
    lemma = row["lemma"]
    if not lemma:
        raise fail("is empty", "lemma")
    if not _is_word(lemma):
        raise fail(f"'{lemma}' is not one lowercase word (spaCy splits hyphens: use the head word "
                   "and put the modifier in 'object')", "lemma")
    particle = row["particle"]
    if particle and not _is_word(particle):
        raise fail(f"'{particle}' is not one lowercase word", "particle")
    if particle and kind == "noun":
        raise fail("nouns take no particle (put a modifier in 'object')", "particle")
    objects = split_list(row["object"])
    for word in objects:
        if not _is_word(word):
            raise fail(f"'{word}' is not one lowercase word", "object")
    if len(set(objects)) != len(objects):
        raise fail("lists a lemma twice", "object")
    targets = split_list(row["target"])
    if not targets:
        raise fail("is empty (use 'none' when the code takes no target slot)", "target")
    for slot in targets:
        if slot in TARGET_SLOTS:
            continue
        preposition = slot.removeprefix("prep:")
        if slot.startswith("prep:") and preposition in TARGET_PREPOSITIONS:
            continue
        raise fail(f"'{slot}' is not a target slot (dobj, iobj, xcomp-subj, none, prep:<preposition>)", "target")
    if "none" in targets and len(targets) > 1:
        raise fail("'none' cannot be combined with other slots", "target")
    code = row["cameo"]
    if not code:
        raise fail("is empty", "cameo")
    if code not in codebook:
        raise fail(f"'{code}' is not a CAMEO code in cameo.tsv", "cameo")
    if len(code) == 2:
        raise fail(f"'{code}' is a root; use its residual code {code}0 or a more specific one", "cameo")
    symmetric = row["symmetric"]
    if symmetric not in ("", "yes"):
        raise fail(f"'{symmetric}' must be 'yes' or empty", "symmetric")
    return Pattern(
        kind=kind, lemma=lemma, particle=particle, objects=objects, targets=targets, cameo=code,
        symmetric=symmetric == "yes", source=f"{path.name}:{line}",
    )
