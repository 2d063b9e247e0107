"""The typing rule table: ordered, first-match rules over named trigger features.

Rules live in ``rules/*.toml`` (read in file-name order, rules in file order).
Each rule has::

    [[rule]]
    id = "takeover.crowd-occupies"          # unique, stable: tests and traces name it
    class = ["takeover", "retake"]          # trigger classes it applies to
    when = "crowd and obj_words & OCCUPIED" # a condition (optional: always)
    gives = "Peaceful protest"              # a sub-event type, or "NONE": not an event
    veto = true                             # (with NONE) known to be no event: the learned
                                            # typer may not overrule it (default false)
    defer = "any"                           # a lexical rule: the learned typer may retype
                                            # the event where it is confident; or a list of
                                            # the sub-event (or event) types it may give
                                            # instead; none: the rule's type stands
                                            # (see :mod:`.arbitration`)
    examples = ["..."]                      # sentences it must fire on
    counter = ["..."]                       # sentences it must not fire on

A trigger takes the first rule of its class whose condition holds; no rule
means no event. A ``NONE`` rule without ``veto`` says only that the rules cannot
type the trigger, so the learned typer (:mod:`.learned`) may; with ``veto`` the
rules know it is no event ("prices hit", "detained in hospital"). Conditions are a small expression language (Python syntax,
parsed and checked when the table loads, never ``eval``-ed):

- ``and``, ``or``, ``not``, parentheses;
- ``==``, ``!=``, ``in``, ``not in``, ``is None``, ``<=`` (subset);
- ``&`` (intersection), ``|`` (union), ``-`` (difference) on word sets;
- lower-case names are trigger features (:class:`~.features.Features`),
  upper-case names are word lists (``[words]`` of a rule file, or the
  lexicons of :mod:`.lexicons`), quoted strings, numbers and ``{...}`` sets
  are literals;
- calls of registered predicates: ``armed(victims)``, ``any_person(objects)``,
  ``matches(sent_text, "regex")``.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..taxonomy import EventType, SubEventType
from . import lexicons
from .features import FEATURE_NAMES, PREDICATES, Features, predicate

RULES_DIR = Path(__file__).with_name("rules")
NONE = "NONE"  # a rule that says the trigger is not an event

Expr = Callable[[Features], Any]


class RuleError(ValueError):
    """A rule file that cannot be read: the message names the file and the rule."""


@predicate
def matches(f: Features, text: str, pattern: str) -> bool:
    """The text matches the regular expression (searched, case-sensitive)."""
    return _regex(pattern).search(text) is not None


_REGEXES: dict[str, re.Pattern[str]] = {}

# Dependencies that join a verb to another of the same incident: "abducted and killed",
# "detained them before executing them", "were ambushed, leaving three dead"
_JOINING_DEPS = frozenset({"conj", "advcl", "xcomp"})
_JOINING_PREPS = frozenset({"before", "after", "then"})


@predicate
def joined_lemmas(f: Features) -> frozenset[str]:
    """Lemmas of the verbs joined to the trigger in one incident: coordinated with it, in an
    adverbial clause of it ("before killing them"), or the verb it is coordinated with.

    Not a relative clause or a noun's complement: "men suspected of killing a chief were
    arrested" joins nothing to the arrest.
    """
    trig = f.trigger
    seen = {trig.i}
    todo = [trig]
    out: set[str] = set()
    while todo:
        tok = todo.pop()
        near = [c for c in tok.children if c.dep_ in _JOINING_DEPS]
        near += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in _JOINING_PREPS
                 for p in c.children if p.dep_ == "pcomp"]
        if tok.dep_ in _JOINING_DEPS and tok.head.i != tok.i:
            near.append(tok.head)
        for t in near:
            if t.i not in seen:
                seen.add(t.i)
                todo.append(t)
                out.add(t.lemma_.lower())
                out |= {c.lower_ for c in t.children if c.dep_ in {"acomp", "oprd"}}  # "left three dead"
    return frozenset(out)


_EMBEDDING_DEPS = frozenset({"relcl", "acl"})


@predicate
def clause_lemmas(f: Features) -> frozenset[str]:
    """Lemmas of the sentence's words outside relative clauses and noun modifiers: what the
    sentence tells as happening ("abducted two men and killed a third"), not what it says
    about someone ("men who had killed a trader", "suspected of killing")."""
    out = set()
    for tok in f.trigger.sent:
        if not any(t.dep_ in _EMBEDDING_DEPS for t in (tok, *tok.ancestors)):
            out.add(tok.lemma_.lower())
    return frozenset(out)


def _regex(pattern: str) -> re.Pattern[str]:
    rx = _REGEXES.get(pattern)
    if rx is None:
        rx = _REGEXES[pattern] = re.compile(pattern)
    return rx


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    classes: tuple[str, ...]
    when: str
    gives: SubEventType | None  # None: not an event
    veto: bool  # with gives None: the rules know it is no event (the typer may not overrule)
    defer: frozenset[SubEventType]  # the types the learned typer may give instead (arbitration)
    examples: tuple[str, ...]
    counter: tuple[str, ...]
    test: Expr = field(repr=False, compare=False)
    source: str = ""  # the file it came from


@dataclass(frozen=True, slots=True)
class RuleTable:
    rules: tuple[Rule, ...]
    by_class: dict[str, tuple[Rule, ...]]
    by_id: dict[str, Rule] = field(default_factory=dict)
    # the word lists the conditions name ([words] of the rule files), for stages that need
    # to know what a rule can match without running it (engines/selective.py)
    words: dict[str, frozenset[str]] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id (KeyError: no such rule)."""
        return self.by_id[rule_id]

    def first_match(self, features: Features) -> Rule | None:
        """The first rule of the trigger's class whose condition holds."""
        for rule in self.by_class.get(features.cls, ()):
            if rule.test(features):
                return rule
        return None


# --------------------------------------------------------------------------- compiler

_CMP: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Is: lambda a, b: a is b,
    ast.IsNot: lambda a, b: a is not b,
    ast.LtE: lambda a, b: a <= b,
    ast.GtE: lambda a, b: a >= b,
}
_BIN: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.BitAnd: lambda a, b: a & b,
    ast.BitOr: lambda a, b: a | b,
    ast.Sub: lambda a, b: a - b,
}


def _compile(node: ast.expr, words: dict[str, frozenset[str]], where: str) -> Expr:
    """An AST node of a condition -> a function of the trigger's features."""
    if isinstance(node, ast.BoolOp):
        parts = [_compile(v, words, where) for v in node.values]
        if isinstance(node.op, ast.And):
            return lambda f: all(p(f) for p in parts)
        return lambda f: any(p(f) for p in parts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _compile(node.operand, words, where)
        return lambda f: not inner(f)
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _CMP:
        op = _CMP[type(node.ops[0])]
        left = _compile(node.left, words, where)
        right = _compile(node.comparators[0], words, where)
        return lambda f: op(left(f), right(f))
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        bop = _BIN[type(node.op)]
        a, b = _compile(node.left, words, where), _compile(node.right, words, where)
        return lambda f: bop(a(f), b(f))
    if isinstance(node, ast.Name):
        name = node.id
        if name in FEATURE_NAMES:
            return lambda f: getattr(f, name)
        if name.isupper():
            value = words.get(name)
            if value is None:
                value = getattr(lexicons, name, None)
            if isinstance(value, frozenset):
                return lambda f: value
        raise RuleError(f"[E402] {where}: unknown name {name!r}. Use a feature "
                        f"({', '.join(sorted(FEATURE_NAMES))}) or a word list.")
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, str | int)):
        const = node.value
        return lambda f: const
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        if not all(isinstance(e, ast.Constant) for e in node.elts):
            raise RuleError(f"[E402] {where}: a set may hold only quoted words or numbers.")
        values = frozenset(e.value for e in node.elts if isinstance(e, ast.Constant))
        return lambda f: values
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        fn = PREDICATES.get(node.func.id)
        if fn is None:
            raise RuleError(f"[E402] {where}: unknown predicate {node.func.id!r} "
                            f"(one of: {', '.join(sorted(PREDICATES))}).")
        args = [_compile(a, words, where) for a in node.args]
        key = ast.unparse(node)

        def call(f: Features) -> Any:
            memo = f.memo
            if key not in memo:
                memo[key] = fn(f, *(a(f) for a in args))
            return memo[key]

        return call
    raise RuleError(f"[E402] {where}: {ast.unparse(node)!r} is not allowed in a rule condition.")


def compile_condition(text: str, words: dict[str, frozenset[str]] | None = None,
                      where: str = "rule") -> Expr:
    """A condition string -> a function of :class:`Features` (checked now, not when run)."""
    if not text.strip():
        return lambda f: True
    try:
        tree = ast.parse(f"({text.strip()})", mode="eval")  # a condition may span lines
    except SyntaxError as exc:
        raise RuleError(f"[E402] {where}: the condition {text!r} does not parse ({exc.msg}).") \
            from None
    return _compile(tree.body, words or {}, where)


# --------------------------------------------------------------------------- loading


def _veto(raw: dict[str, Any], where: str) -> bool:
    veto = raw.get("veto", False)
    if not isinstance(veto, bool) or veto and raw.get("gives") != NONE:
        raise RuleError(f"[E402] {where}: veto = true belongs to a rule that gives {NONE!r}.")
    return veto


def _defer(raw: dict[str, Any], where: str) -> frozenset[SubEventType]:
    """The ``defer`` key: "any", or a list of sub-event or event types."""
    defer = raw.get("defer")
    if defer is None:
        return frozenset()
    if raw.get("gives") == NONE:
        raise RuleError(f"[E402] {where}: defer belongs to a rule that gives an event type; "
                        f"a {NONE!r} rule leaves the sentence to the typer already.")
    if defer == "any":
        return frozenset(SubEventType)
    if not isinstance(defer, list) or not defer:
        raise RuleError(f'[E402] {where}: defer is "any" or a list of sub-event or event types.')
    out: set[SubEventType] = set()
    for name in defer:
        if name in SubEventType._value2member_map_:
            out.add(SubEventType(name))
        elif name in EventType._value2member_map_:
            out |= {s for s in SubEventType if s.event_type == EventType(name)}
        else:
            raise RuleError(f"[E402] {where}: defer names {name!r}, neither an ACLED sub-event "
                            "type nor an event type.")
    return frozenset(out)


def rule_files(directory: Path = RULES_DIR) -> list[Path]:
    return sorted(directory.glob("*.toml"))


def load_rules(directory: Path = RULES_DIR) -> RuleTable:
    """Read, check and index every rule file of ``directory``."""
    rules: list[Rule] = []
    seen: set[str] = set()
    all_words: dict[str, frozenset[str]] = {}
    for path in rule_files(directory):
        with path.open("rb") as fh:
            try:
                data = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise RuleError(f"[E402] {path.name} is not valid TOML ({exc}). Fix the file.") \
                    from None
        words = {k: frozenset(v) for k, v in (data.get("words") or {}).items()}
        all_words.update(words)
        for raw in data.get("rule") or ():
            rid = raw.get("id")
            where = f"{path.name}, rule {rid!r}"
            if not rid or rid in seen:
                raise RuleError(f"[E402] {where}: every rule needs an id of its own.")
            seen.add(rid)
            gives = raw.get("gives")
            if gives != NONE and gives not in SubEventType._value2member_map_:
                raise RuleError(f"[E402] {where}: gives {gives!r} is not an ACLED sub-event "
                                f"type nor {NONE!r}.")
            classes = raw.get("class")
            if isinstance(classes, str):
                classes = [classes]
            if not classes:
                raise RuleError(f"[E402] {where}: name the trigger classes it applies to.")
            unknown = set(raw) - {"id", "class", "when", "gives", "veto", "defer", "examples",
                                  "counter"}
            if unknown:
                raise RuleError(f"[E402] {where}: unknown keys {sorted(unknown)}.")
            when = raw.get("when", "")
            rules.append(Rule(
                id=rid, classes=tuple(classes), when=when,
                gives=None if gives == NONE else SubEventType(gives),
                veto=_veto(raw, where), defer=_defer(raw, where),
                examples=tuple(raw.get("examples") or ()), counter=tuple(raw.get("counter") or ()),
                test=compile_condition(when, words, where), source=path.name,
            ))
    by_class: dict[str, list[Rule]] = {}
    for rule in rules:
        for c in rule.classes:
            by_class.setdefault(c, []).append(rule)
    return RuleTable(tuple(rules), {c: tuple(rs) for c, rs in by_class.items()},
                     {r.id: r for r in rules}, all_words)


TABLE = load_rules()
