"""Names -> canonical ACLED-style actors.

Three sources of actor mentions, in order of trust:

1. the shipped dictionary (``data/actors.csv``) plus the user's own CSV: named
   groups, units and international forces, matched by alias;
2. generic noun phrases ("Malian soldiers", "demonstrators in Gao", "gunmen"),
   named by role and country ("Military Forces of Mali", "Protesters (Mali)",
   "Unidentified Armed Group (Mali)");
3. generic mentions that stand for a group the article named ("the rebels"
   after "Tuareg rebels ... under the banner of the MNLA") are resolved to
   that group by :func:`resolve_generics`.

Example::

    >>> from eventline.actors import load_actor_dictionary
    >>> d = load_actor_dictionary()
    >>> d.lookup("MOJWA").name
    'MUJAO: Movement for Unity and Jihad in West Africa'
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .folding import fold
from .models import ActorMention, Inter
from .protocols import ActorLexicon

if TYPE_CHECKING:
    import ahocorasick
    from spacy.tokens import Doc, Token

NAME = "actors.dictionary.v1"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    name: str
    inter: int
    type: str
    country: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Demonym:
    word: str
    country: str
    country_code: str


# role -> how a generic mention is named. {c} is the country name.
ROLE_NAMES: dict[str, tuple[str, int]] = {
    "military": ("Military Forces of {c}", Inter.STATE_FORCES.value),
    "police": ("Police Forces of {c}", Inter.STATE_FORCES.value),
    "rebels": ("Unidentified Armed Group ({c})", Inter.REBEL_GROUPS.value),
    "militants": ("Unidentified Armed Group ({c})", Inter.POLITICAL_MILITIAS.value),
    "militia": ("Unidentified Armed Group ({c})", Inter.POLITICAL_MILITIAS.value),
    "protesters": ("Protesters ({c})", Inter.PROTESTERS.value),
    "rioters": ("Rioters ({c})", Inter.RIOTERS.value),
    "civilians": ("Civilians ({c})", Inter.CIVILIANS.value),
}
ARMED_ROLES = {"military", "police", "rebels", "militants", "militia"}
# after a named state force: its soldiers who left it ("army defectors", "FARDC deserters")
_DEFECTORS = re.compile(r"\s+(?:defectors?|deserters?|mutineers?)\b", re.IGNORECASE)
_ARMED_GROUPS = {Inter.REBEL_GROUPS.value, Inter.POLITICAL_MILITIAS.value}  # named non-state groups


# GeoNames country names -> ACLED's spelling in actor names ("Military Forces of the
# United States", "Civilians (Democratic Republic of Congo)", "Protesters (Palestine)").
ACLED_COUNTRY_NAMES = {
    "United States": "United States", "United Kingdom": "United Kingdom",
    "Democratic Republic of the Congo": "Democratic Republic of Congo",
    "Republic of the Congo": "Republic of Congo", "Palestinian Territory": "Palestine",
    "Central African Republic": "Central African Republic", "Philippines": "Philippines",
    "Netherlands": "Netherlands", "United Arab Emirates": "United Arab Emirates",
    "Gambia": "Gambia", "Bahamas": "Bahamas", "Comoros": "Comoros", "Maldives": "Maldives",
}
# countries ACLED writes with "the" after "Forces of"
_WITH_ARTICLE = {"United States", "United Kingdom", "Democratic Republic of Congo",
                 "Republic of Congo", "Central African Republic", "Philippines", "Netherlands",
                 "United Arab Emirates", "Gambia", "Bahamas", "Comoros", "Maldives"}


def acled_country(name: str | None) -> str | None:
    """ACLED's spelling of a GeoNames country name ("Palestinian Territory" -> "Palestine")."""
    return ACLED_COUNTRY_NAMES.get(name, name) if name else name


def acled_actor_name(name: str | None) -> str | None:
    """An actor name with ACLED's country spelling.

        >>> acled_actor_name("Military Forces of United States")
        'Military Forces of the United States'
        >>> acled_actor_name("Civilians (Democratic Republic of the Congo)")
        'Civilians (Democratic Republic of Congo)'
    """
    if not name:
        return name
    for prefix in ("Military Forces of ", "Police Forces of "):
        if name.startswith(prefix):
            country = acled_country(name[len(prefix):].removeprefix("the ")) or ""
            return prefix + ("the " if country in _WITH_ARTICLE else "") + country
    m = re.fullmatch(r"(.*) \((.+)\)", name)
    if m and m.group(2) in ACLED_COUNTRY_NAMES:
        return f"{m.group(1)} ({acled_country(m.group(2))})"
    return name


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def _data_path(name: str) -> Path:
    return Path(str(resources.files("eventline") / "data" / name))


class ActorDictionary:
    """Aliases -> entries, demonyms -> countries, generic nouns -> roles."""

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        demonyms: Iterable[Demonym],
        nouns: dict[str, tuple[str, int]],
    ) -> None:
        self.entries: list[ActorEntry] = list(entries)
        self.by_name = {e.name: e for e in self.entries}
        self._exact: dict[str, ActorEntry] = {}  # acronyms, case-sensitive
        self._folded: dict[str, ActorEntry] = {}
        for e in self.entries:
            for alias in (e.name, *e.aliases):
                alias = alias.strip()
                if not alias:
                    continue
                if _is_acronym(alias):
                    self._exact.setdefault(alias, e)
                else:
                    self._folded.setdefault(fold(alias), e)
            # "ACRONYM: Full Name" answers to both halves
            if ": " in e.name:
                short, full = e.name.split(": ", 1)
                if _is_acronym(short):
                    self._exact.setdefault(short, e)
                else:
                    self._folded.setdefault(fold(short), e)
                self._folded.setdefault(fold(full), e)
        self.demonyms: dict[str, Demonym] = {}
        for d in demonyms:
            self.demonyms.setdefault(fold(d.word), d)
        self.nouns = nouns
        self.countries: dict[str, str] = {}  # folded country name -> country name
        for d in self.demonyms.values():
            self.countries.setdefault(fold(d.country), d.country)
        self._pattern = self._compile()

    def _compile(self) -> "ahocorasick.Automaton":
        """One Aho-Corasick automaton over every alias, lower-cased: linear in text length."""
        import ahocorasick

        aliases = set(self._exact) | {a for e in self.entries for a in (e.name, *e.aliases)}
        for e in self.entries:
            if ": " in e.name:
                aliases.update(e.name.split(": ", 1))
        auto = ahocorasick.Automaton()
        for alias in aliases:
            key = " ".join(alias.split()).lower()
            if key and len(key) == len(" ".join(alias.split())):
                auto.add_word(key, len(key))
        auto.make_automaton()
        return auto

    def lookup(self, text: str) -> ActorEntry | None:
        text = re.sub(r"\s+", " ", text.strip())
        return self._exact.get(text) or (
            None if _is_acronym(text) and len(text) <= 6 else self._folded.get(fold(text))
        )

    def country_of_demonym(self, word: str) -> Demonym | None:
        if word.casefold() in {"us", "uk", "uae"} and not word.isupper():
            return None  # "us" the pronoun; country acronyms are written in capitals
        key = fold(word)
        d = self.demonyms.get(key)
        if d is None and key.endswith("s"):  # "Malians"
            d = self.demonyms.get(key[:-1])
        return d

    def country_name(self, word: str) -> str | None:
        return self.countries.get(fold(word))

    def iter_named(self, text: str) -> Iterable[tuple[int, int, ActorEntry]]:
        """Named actors in text: longest match first, whole words only, acronyms in capitals."""
        # the places and actors stages each read the same article's named actors, the run's
        # first pass and its analysis too: the answers for the last texts of up to
        # _NAMED_MEMO_CHARS characters in all are remembered (keyed on the alias tables'
        # sizes, should one grow), the oldest forgotten first
        memo: dict[tuple[str, int, int], tuple[tuple[int, int, ActorEntry], ...]] = \
            self.__dict__.setdefault("_named_memo", {})
        key = (text, len(self._exact), len(self._folded))
        found = memo.get(key)
        if found is None:
            chars = self.__dict__.get("_named_chars", 0) + len(text)
            while memo and chars > _NAMED_MEMO_CHARS:
                chars -= len(next(iter(memo))[0])
                del memo[next(iter(memo))]
            self.__dict__["_named_chars"] = chars
            found = memo[key] = tuple(self._named_in(text))
        return iter(found)

    def _named_in(self, text: str) -> Iterator[tuple[int, int, ActorEntry]]:
        # Runs of whitespace count as one space, as in the aliases; lower() keeps offsets
        # for the scripts news is written in (a length change falls back to no match).
        squeezed, offsets = _squeeze(text)
        low = squeezed.lower()
        if len(low) != len(squeezed):
            return
        found: list[tuple[int, int]] = []
        for end_idx, length in self._pattern.iter(low):
            start = end_idx - length + 1
            end = end_idx + 1
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] in "-_"):
                continue
            if end < len(low) and (low[end].isalnum() or low[end] in "-_"):
                continue
            found.append((start, end))
        found.sort(key=lambda se: (se[0], -(se[1] - se[0])))
        last_end = -1
        for start, end in found:
            if start < last_end:
                continue
            entry = self.lookup(squeezed[start:end])
            if entry is None:
                continue  # e.g. "Mnla" in running text is not the acronym MNLA
            last_end = end
            yield offsets[start], offsets[end - 1] + 1, entry


_NAMED_MEMO_CHARS = 1 << 21


def _squeeze(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs collapsed to one space, and each kept char's offset."""
    # (``\s`` is ``str.isspace``: one regex pass, not a Python step per character)
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _SPACE_RUN.finditer(text):
        s = m.start()
        out += (text[pos:s], " ")
        offsets += range(pos, s + 1)
        pos = m.end()
    out.append(text[pos:])
    offsets += range(pos, len(text))
    return "".join(out), offsets


_SPACE_RUN = re.compile(r"\s+")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [row for row in csv.DictReader(fh) if any((v or "").strip() for v in row.values())]


def _entries_from(path: Path) -> list[ActorEntry]:
    out = []
    for row in _read_csv(path):
        try:
            inter = int(row.get("inter") or 0)
        except ValueError:
            inter = 0
        out.append(
            ActorEntry(
                name=row["name"].strip(),
                inter=inter,
                type=(row.get("type") or "").strip(),
                country=(row.get("country") or "").strip() or None,
                aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
            )
        )
    return out


@lru_cache(maxsize=4)
def load_actor_dictionary(user_csv: str = "") -> ActorDictionary:
    """The shipped dictionary, extended by a user CSV of the same columns (user rows win)."""
    entries = _entries_from(_data_path("actors.csv"))
    if user_csv:
        entries = _entries_from(Path(user_csv)) + entries
    demonyms = [
        Demonym(r["demonym"].strip(), r["country"].strip(), r["country_code"].strip())
        for r in _read_csv(_data_path("demonyms.csv"))
    ]
    nouns: dict[str, tuple[str, int]] = {}
    for r in _read_csv(_data_path("actor_nouns.csv")):
        role = r["role"].strip()
        try:
            inter = int(r.get("inter") or ROLE_NAMES.get(role, ("", 0))[1])
        except ValueError:
            inter = ROLE_NAMES.get(role, ("", 0))[1]
        nouns[fold(r["noun"])] = (role, inter)
    return ActorDictionary(entries, demonyms, nouns)


# --------------------------------------------------------------------------- in text


def _np_tokens(tok: "Token") -> tuple[int, int]:
    """Character span of a noun's phrase: its left modifiers and the noun."""
    left = tok
    for child in tok.lefts:
        if child.dep_ in {"amod", "compound", "nmod", "nummod", "det", "poss", "quantmod"}:
            left = child if child.i < left.i else left
    return left.idx, tok.idx + len(tok.text)


def generic_role(tok: "Token", dictionary: ActorLexicon) -> tuple[str, int] | None:
    """The actor role a noun denotes ("soldiers" -> military), or None."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    # two-word entries first: "armed men", "riot police", "rebel forces"
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and prev.dep_ in {"amod", "compound"}:
        for key in (fold(f"{prev.text} {tok.text}"), fold(f"{prev.text} {tok.lemma_}")):
            if key in dictionary.nouns:
                return dictionary.nouns[key]
    for key in (fold(tok.text), fold(tok.lemma_)):
        if key in dictionary.nouns:
            return dictionary.nouns[key]
    return None


# nouns for armed men that an ethnic or communal modifier turns into that community's
# militia ("Fulani militiamen", "Dogon hunters", "armed Bambara men"); not words for
# jihadists, bandits or kidnappers, whom no community claims, nor "fighters" ("Tuareg
# fighters" are most often a named rebel movement's)
_COMMUNAL_NOUNS = frozenset({
    "militia", "militias", "militiamen", "militiaman", "militia members", "militia fighters",
    "gunmen", "gunman", "armed men", "armed man", "assailants", "attackers", "militants",
    "hunters", "self-defence group", "self-defense group", "vigilantes", "communal militia",
    "ethnic militia",
})


@lru_cache(maxsize=1)
def communal_militias() -> dict[str, tuple[str, int]]:
    """Folded community word -> (ACLED name template with {c} for the country, inter)."""
    out: dict[str, tuple[str, int]] = {}
    for row in _read_csv(_data_path("ethnic_militias.csv")):
        try:
            inter = int(row.get("inter") or Inter.IDENTITY_MILITIAS.value)
        except ValueError:
            inter = Inter.IDENTITY_MILITIAS.value
        out.setdefault(fold(row["word"].strip()), (row["name"].strip(), inter))
    return out


def communal_militia(tok: "Token") -> tuple[str, int] | None:
    """The community militia a noun names ("Fulani militiamen" -> Fulani Ethnic Militia), or None.

    The noun must denote armed men and carry the community's name as a modifier;
    "armed Dogon" (the community word as the noun, armed) counts too. Civilians
    of a community ("Dogon villagers") stay civilians.
    """
    table = communal_militias()
    words = {fold(tok.text), fold(tok.lemma_)}
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and prev.dep_ in {"amod", "compound"}:
        words.add(fold(f"{prev.text} {tok.text}"))
    if any(c.dep_ in {"amod", "compound"} and c.lower_ == "armed" for c in tok.children):
        words.add(fold(f"armed {tok.text}"))  # "armed Fulani men"; "Fulani men" may be victims
    if words & _COMMUNAL_NOUNS:
        for child in tok.children:
            if child.dep_ in {"amod", "compound", "nmod"} and fold(child.text) in table:
                return table[fold(child.text)]
    if fold(tok.text) in table and tok.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ in {"amod", "compound"} and c.lower_ == "armed" for c in tok.children):
        return table[fold(tok.text)]
    return None


def _text_country(mentions: list[ActorMention], doc: "Doc", dictionary: ActorLexicon) -> str | None:
    """The country a text with no resolved place is about, from what its actors tell:
    national forces and missions ("FAMa", "MINUSMA") and demonyms ("Malian soldiers")."""
    votes: Counter[str] = Counter()
    for m in mentions:
        if m.country:
            votes[m.country] += 1
    for tok in doc:
        if tok.pos_ == "ADJ" or tok.dep_ in {"amod", "compound"}:
            d = dictionary.country_of_demonym(tok.text) if tok.text[:1].isupper() else None
            if d is not None:
                votes[d.country] += 1
    if not votes:
        return None
    (best, n), *rest = votes.most_common(2) + [("", 0)]
    return best if n > rest[0][1] else None


def find_actors(
    text: str,
    *,
    doc: "Doc",
    dictionary: ActorLexicon,
    focus_country: str | None = None,
) -> list[ActorMention]:
    """Named and generic actor mentions in ``doc`` (a spaCy Doc of ``text``), sorted by start.

    Generic mentions take their country from a demonym modifier ("Malian
    soldiers"), a possessive country ("Mali's army"), else ``focus_country``,
    else (a text that names no place) the country its named actors and
    demonyms point to ("FAMa", "a MINUSMA convoy").
    """
    mentions: list[ActorMention] = []
    taken: list[tuple[int, int]] = []
    for start, end, entry in dictionary.iter_named(text):
        defect = _DEFECTORS.match(text, end) if entry.inter == Inter.STATE_FORCES else None
        if defect is not None:
            # "Syrian army defectors", "FAMa deserters": soldiers who left the force fight it
            end = defect.end()
            name, inter = ROLE_NAMES["rebels"]
            mentions.append(ActorMention(text[start:end], start, end,
                                         name.format(c=entry.country) if entry.country else
                                         name.replace(" ({c})", ""), inter, entry.country,
                                         generic=True))
        else:
            mentions.append(
                ActorMention(text[start:end], start, end, entry.name, entry.inter, entry.country)
            )
        taken.append((start, end))
    if not focus_country:
        focus_country = _text_country(mentions, doc, dictionary)

    def overlaps(s: int, e: int) -> bool:
        return any(s < te and ts < e for ts, te in taken)

    for tok in doc:
        role_inter = generic_role(tok, dictionary)
        communal = communal_militia(tok) if tok.pos_ in {"NOUN", "PROPN"} else None
        if role_inter is None and communal is None:
            continue
        role, inter = role_inter or ("militia", Inter.IDENTITY_MILITIAS.value)
        start, end = _np_tokens(tok)
        if overlaps(tok.idx, tok.idx + len(tok.text)):
            continue
        # "MNLA rebels", "ISWAP fighters": the noun is the named group itself
        if any(overlaps(c.idx, c.idx + len(c.text)) for c in tok.children
               if c.dep_ in {"compound", "amod", "nmod"}):
            continue
        if communal is not None:
            # "Fulani militiamen": that community's militia, in the country of the event
            template, c_inter = communal
            c_country = focus_country
            c_name = template.format(c=c_country) if c_country else template.replace(" ({c})", "")
            mentions.append(ActorMention(text[start:end], start, end, c_name, c_inter, c_country,
                                         generic=True))
            continue
        country, modifier = _country_from_modifiers(tok, dictionary)
        # "Military Forces of France" for "French forces"; a foreign demonym on
        # "militants" (e.g. "Algerian fighters") names the origin, not the arena.
        if role not in {"military", "police"} and country and focus_country and role in ARMED_ROLES:
            country = focus_country if role in {"militants", "militia"} else country
        name_country = country or focus_country
        template, default_inter = ROLE_NAMES.get(
            role, ("Unidentified Armed Group ({c})", Inter.POLITICAL_MILITIAS.value))
        if not name_country:
            name = template.replace(" ({c})", "").replace(" of {c}", "")
        else:
            name = template.format(c=name_country)
        mentions.append(
            ActorMention(
                text[start:end],
                start,
                end,
                name,
                inter or default_inter,
                name_country,
                generic=role not in {"military", "police"} or country is None,
            )
        )
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _country_from_modifiers(tok: "Token", dictionary: ActorLexicon) -> tuple[str | None, str | None]:
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss"}:
            d = dictionary.country_of_demonym(child.text)
            if d is not None:
                return d.country, child.text
            if child.lower_ == "led":
                # "US-led forces", "French-led troops": the leading country's forces ("US-backed
                # forces" are someone else's)
                for lead in child.children:
                    d = dictionary.country_of_demonym(lead.text)
                    name = d.country if d is not None else dictionary.country_name(lead.text)
                    if name:
                        return name, lead.text
            name = dictionary.country_name(child.text)
            if name:
                return name, child.text
            # "French and Malian forces": the conjoined modifier
            for conj in child.conjuncts:
                d = dictionary.country_of_demonym(conj.text)
                if d is not None:
                    return d.country, conj.text
    # "troops of Mali", "forces from Chad"
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            for pobj in child.children:
                name = dictionary.country_name(pobj.text)
                if name:
                    return name, pobj.text
    return None, None


def conjoined_countries(tok: "Token", dictionary: ActorLexicon) -> list[str]:
    """Countries of every demonym modifier: "French and Malian forces" -> [France, Mali]."""
    out: list[str] = []
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "nmod"}:
            for t in (child, *child.conjuncts):
                d = dictionary.country_of_demonym(t.text)
                if d is not None and d.country not in out:
                    out.append(d.country)
    return out


def resolve_generics(
    mentions: list[ActorMention], doc: "Doc", dictionary: ActorLexicon
) -> list[ActorMention]:
    """Point generic rebel/militant mentions at the named group the article ties them to.

    A named group is tied to a generic noun when both stand in one sentence
    ("Tuareg fighters, uniting under the banner of the MNLA"; "the rebel group
    National Movement for ..."). A generic mention then resolves to the group
    tied through the same modifier ("Tuareg"), else through the same role, else
    stays unidentified.
    """
    named = [m for m in mentions if not m.generic and m.inter in _ARMED_GROUPS]
    if not named:
        return mentions
    by_modifier: dict[str, Counter[str]] = {}
    by_role: dict[str, Counter[str]] = {}
    inter_of = {m.name: m.inter for m in named}
    for sent in doc.sents:
        s_named = [m for m in named if sent.start_char <= m.start < sent.end_char]
        if not s_named:
            continue
        for tok in sent:
            rr = generic_role(tok, dictionary)
            if rr is None or rr[0] not in {"rebels", "militants", "militia"}:
                continue
            lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
            for m in s_named:
                # a role tie needs a syntactic link: "the rebel group MNLA", "fighters of
                # Ansar Dine", "rebels, uniting under the banner of the MNLA"; merely
                # sharing a sentence ("the attackers ..., said a CJTF leader") is not one
                linked = lo <= m.start < hi or 0 <= m.start - (tok.idx + len(tok.text)) <= 12
                if linked:
                    by_role.setdefault(rr[0], Counter())[m.name] += 1
                for mod in _modifier_words(tok):
                    by_modifier.setdefault(mod, Counter())[m.name] += 1
    out = []
    for m in mentions:
        if not m.generic or m.inter not in _ARMED_GROUPS:
            out.append(m)
            continue
        at = _token_at(doc, m.end - 1)
        choice = None
        if at is not None:
            tok = at
            for mod in _modifier_words(tok):
                if mod in by_modifier:
                    choice = by_modifier[mod].most_common(1)[0][0]
                    break
            if choice is None:
                rr = generic_role(tok, dictionary)
                if rr and rr[0] in by_role and len(by_role[rr[0]]) == 1:
                    choice = next(iter(by_role[rr[0]]))
            if choice is None and _definite_bare(tok):
                # "the attackers", "the militants" refer back to the group last named in an
                # earlier sentence ("Gunmen from Ansar Dine fought on the rebels' side": the
                # rebels are not Ansar Dine)
                sent_start = tok.sent.start_char
                # within its own sentence only an attacker word refers back ("presumed ISGS
                # militants raided a camp ..., the assailants seized ...")
                limit = m.start if tok.lower_ in _ANAPHORIC_ATTACKERS and tok.dep_ != "poss" \
                    else sent_start
                before = [n for n in named if n.end <= limit and sent_start - n.end < 1500]
                if before:
                    choice = before[-1].name
        if choice:
            out.append(
                ActorMention(m.text, m.start, m.end, choice, inter_of.get(choice, m.inter),
                             m.country, generic=False)
            )
        else:
            out.append(m)
    return out


_ANAPHORIC_ATTACKERS = frozenset({"assailants", "attackers", "gunmen", "militants", "jihadists",
                                  "assailant", "attacker"})


def _definite_bare(tok: "Token") -> bool:
    """ "the attackers" (an anaphor), not "Islamist attackers" or "some attackers"."""
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nummod", "poss"}]
    return dets == ["the"] and not mods


def _modifier_words(tok: "Token") -> list[str]:
    return [
        c.lower_
        for c in tok.children
        if c.dep_ in {"amod", "compound"} and c.pos_ in {"PROPN", "ADJ", "NOUN"} and c.text[:1].isupper()
    ]


def _token_at(doc: "Doc", char: int) -> "Token | None":
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


# --------------------------------------------------------------------------- eras


@dataclass(frozen=True, slots=True)
class _Era:
    becomes: str
    start: dt.date | None
    until: dt.date | None
    countries: frozenset[str]


@lru_cache(maxsize=1)
def _eras() -> dict[str, list[_Era]]:
    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value.strip()) if value and value.strip() else None

    out: dict[str, list[_Era]] = {}
    for row in _read_csv(_data_path("actor_eras.csv")):
        countries = frozenset(c.strip() for c in (row.get("countries") or "").split("|") if c.strip())
        out.setdefault(row["name"].strip(), []).append(
            _Era(row["becomes"].strip(), day(row.get("from")), day(row.get("until")), countries))
    return out


def actor_in_era(name: str | None, date: dt.date | str | None, country: str | None = None) -> str | None:
    """The name ACLED gives an actor on ``date`` (in ``country``): groups that merged are
    coded as the merged group from the merger on, renamed groups by their new name.

        >>> actor_in_era("Katiba Macina", "2018-05-04", "Mali")
        'JNIM: Group for Support of Islam and Muslims'
        >>> actor_in_era("Katiba Macina", "2016-05-04", "Mali")
        'Katiba Macina'
        >>> actor_in_era("AQIM: Al Qaeda in the Islamic Maghreb", "2019-01-02", "Algeria")
        'AQIM: Al Qaeda in the Islamic Maghreb'
    """
    if not name or date is None:
        return name
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date[:10])
        except ValueError:
            return name
    for era in _eras().get(name, ()):
        if era.start is not None and date < era.start:
            continue
        if era.until is not None and date > era.until:
            continue
        if era.countries and country not in era.countries:
            continue
        return era.becomes
    return name


def rebels_in_era(a: ActorMention, date: dt.date | str | None) -> ActorMention:
    """Unnamed rebels in a civil war whose armed opposition ACLED codes as one actor: "the
    rebels" of Libya in 2011 are "Rebel Forces (Libya)", not an unidentified group
    (``actor_eras.csv`` rows named "Rebels (<country>)"). Militants, gunmen and rebels
    outside such a war stay as they are.

        >>> m = ActorMention("rebels", 0, 6, "Unidentified Armed Group (Libya)", 2, "Libya", True)
        >>> rebels_in_era(m, "2011-04-20").name
        'Rebel Forces (Libya)'
        >>> rebels_in_era(m, "2014-04-20").name
        'Unidentified Armed Group (Libya)'
        >>> gunmen = ActorMention("gunmen", 0, 6, "Unidentified Armed Group (Libya)", 3, "Libya", True)
        >>> rebels_in_era(gunmen, "2011-04-20").name
        'Unidentified Armed Group (Libya)'
    """
    if not a.generic or a.inter != Inter.REBEL_GROUPS or not a.country \
            or a.name != f"Unidentified Armed Group ({a.country})":
        return a
    key = f"Rebels ({a.country})"
    name = actor_in_era(key, date, a.country)
    return a if not name or name == key else replace(a, name=name)
