"""Parse-tree helpers shared by the extract stage: subjects, objects, noun phrases, actors in them."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..models import ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Token



def _subtree_span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def _inside(start: int, end: int, span: tuple[int, int]) -> bool:
    return span[0] <= start and end <= span[1]


def _aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}


def _head_chain(tok: Token) -> Iterable[Token]:
    """Governing tokens up to the sentence root (the clause's context)."""
    cur = tok
    while cur.head.i != cur.i:  # spaCy makes a new Token per access: compare indices
        yield cur.head
        cur = cur.head

def _actor_in(span: tuple[int, int], actors: Sequence[ActorMention]) -> list[ActorMention]:
    return [a for a in actors if _inside(a.start, a.end, span)]


def _token_actor(tok: Token, actors: Sequence[ActorMention]) -> list[ActorMention]:
    """Actors mentioned in the noun phrase headed by tok (not its relative clauses)."""
    start = tok.left_edge.idx
    end = tok.idx + len(tok.text)
    for child in tok.rights:
        if child.dep_ in {"appos", "conj", "cc", "prep", "compound", "amod", "nmod", "punct"} and (
            child.dep_ != "prep" or child.lower_ in {"of", "from", "in"}
        ):
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
        else:
            break
    return [a for a in _actors_from(actors, start, end + 1) if a.end <= end]


def _by_position(items: Sequence[Any]) -> Callable[[int, int], list[Any]]:
    """``lookup(lo, hi)``: the items whose ``start`` is in ``[lo, hi)``, in their own order."""
    order = sorted(range(len(items)), key=lambda i: items[i].start)
    starts = [items[i].start for i in order]

    def lookup(lo: int, hi: int) -> list[Any]:
        a, b = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        return [items[i] for i in sorted(order[a:b])]

    return lookup


_ACTOR_INDEX: dict[int, tuple[Sequence[Any], Callable[[int, int], list[Any]]]] = {}


def _actors_from(actors: Sequence[ActorMention], lo: int, hi: int) -> list[ActorMention]:
    """Actors starting in ``[lo, hi)``, in list order; the position index is built once per
    actor list (the article's), not scanned whole for every trigger."""
    hit = _ACTOR_INDEX.get(id(actors))
    if hit is None or hit[0] is not actors:
        _ACTOR_INDEX.clear()  # one article's list at a time
        hit = _ACTOR_INDEX[id(actors)] = (actors, _by_position(actors))
    return hit[1](lo, hi)


def _head_actors(tok: Token, actors: Sequence[ActorMention]) -> list[ActorMention]:
    """Actors the noun phrase itself denotes: "supporters of the junta" is not the junta,
    but "gunmen from Ansar Dine" is Ansar Dine."""
    np = _token_actor(tok, actors)
    own = [a for a in np if a.start <= tok.idx < a.end]
    if own and own[0].generic:
        named = [a for a in np if not a.generic]
        return named or own
    return own


# the speaker's own men: "rebels said their forces had taken the town" (the rebels' forces)
_OWN_FORCES = frozenset({"fighters", "forces", "men", "militiamen", "troops", "units"})
_OWN = frozenset({"their", "its", "our"})


def _speakers_own(subj: Token, verb: Token) -> Token | None:
    """The subject of the verb of saying when ``subj`` is the speaker's own forces ("rebels
    said their fighters had seized Mocimboa da Praia"), else None."""
    if subj.lower_ not in _OWN_FORCES or not any(
            c.dep_ == "poss" and c.lower_ in _OWN for c in subj.children):
        return None
    from .lexicons import REPORTING_VERBS

    head = verb.head
    if verb.dep_ not in {"ccomp", "parataxis"} or head.lemma_.lower() not in REPORTING_VERBS:
        return None
    said_by = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return said_by if said_by is not None and said_by.pos_ in {"NOUN", "PROPN"} else None


# passives of telling whose subject is the doer of the infinitive after them
_RAISING_REPORTS = frozenset({"report", "say", "allege", "believe", "understand", "know", "think"})


def _subject(tok: Token) -> tuple[Token | None, bool]:
    """The subject token (or passive agent) and whether it is an agent (True) or patient."""
    # the subject nearest the verb: a dateline ("SEVARE, Mali – soldiers took ...") parses as a second one
    subjects = [c for c in tok.children if c.dep_ in {"nsubj", "csubj"}]
    if subjects:
        before = [c for c in subjects if c.i < tok.i]
        nearest = before[-1] if before else subjects[0]
        return _speakers_own(nearest, tok) or nearest, True
    for c in tok.children:
        if c.dep_ == "nsubjpass":
            for a in tok.children:
                if a.dep_ == "agent":
                    for p in a.children:
                        if p.dep_ == "pobj":
                            return p, True
            return c, False
    # conjoined verbs share the first verb's subject: "stormed ... and took hostages"
    if tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"}:
        return _subject(tok.head)
    # "rebels – fighting alongside ..." / participial modifiers
    if tok.dep_ in {"acl", "relcl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        return tok.head, tok.dep_ == "acl" and tok.tag_ == "VBG" or tok.dep_ == "relcl"
    if tok.dep_ in {"advcl", "xcomp"}:
        subj, agentive = _subject(tok.head)
        if any(c.dep_ == "auxpass" for c in tok.children):
            agentive = False  # "had started to be destroyed"
        elif tok.dep_ == "xcomp" and not agentive and tok.head.lemma_.lower() in _RAISING_REPORTS:
            agentive = True  # "soldiers are said to have killed two": the soldiers killed
        return subj, agentive
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "avenged ... by killing"
        return _subject(tok.head.head)
    return None, True


def _objects(tok: Token) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in {"dobj", "attr", "oprd"}:
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in {"on", "against", "at", "into", "of", "from", "over"}:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "prt":
            continue
    return out


def _np_words(tok: Token) -> set[str]:
    return {t.lower_ for t in tok.subtree}
