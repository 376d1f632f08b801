"""Role features: is a mention the source, the target or neither of an event in its sentence, and
which pair of mentions are its two sides.

The preposition before a mention, its side of the event word and the distance to it, what
lies between, and what the hand-written role rules (`roles.assign`) would choose: Arabic
news is verb-first ("استقبل X Y"), subject-first after "كان … قد" and in headlines, and
marks the other side with مع، ب، على، إلى، لدى.
"""

from __future__ import annotations

from marsad.extracting.candidates import DocumentUnits, Unit, stem
from marsad.extracting.features import _bucket
from marsad.extracting.mentions import Mention
from marsad.extracting.roles import PREFERRED_TARGET, assign
from marsad.model import SYMMETRIC_TYPES


def role_features(doc: DocumentUnits, unit: Unit, event_type: str, mention: Mention, carried: bool,
                  order: int) -> list[str]:
    """Is this mention the source, the target, or neither of an event of `event_type` in this sentence."""
    t = event_type
    actor = mention.actors[0] if mention.actors else None
    sector = actor.sector if actor else "none"
    named = "named" if actor and actor.name else "generic"
    base = [f"{t}|bias", f"kind={mention.kind}", f"{t}|kind={mention.kind}", f"{t}|sector={sector}",
            f"{t}|{named}", f"{t}|order={_bucket(order, (0, 1, 2, 3))}"]
    if mention.media:
        base.append("media")
    if mention.dateline:
        base.append("dateline")
    if mention.phrase.about:
        base += ["about", f"{t}|about"]
    if mention.phrase.coordinated:
        base.append(f"{t}|coordinated")
    if carried:
        where = "title" if mention.sentence == 0 else "previous"
        return [*base, f"carried={where}", f"{t}|carried={where}", f"{t}|carried|kind={mention.kind}",
                f"{t}|carried|sector={sector}", f"{t}|carried|own={_bucket(len(unit.mentions), (0, 1, 2))}"]
    text = doc.context.text
    prep = mention.preposition or "-"
    base += [f"prep={prep}", f"{t}|prep={prep}", f"{t}|prep={prep}|kind={mention.kind}"]
    word_at = unit.word_index(mention.start)
    before = stem(unit.words[word_at - 1]) if word_at > 0 else "^"
    end_index = unit.word_index(mention.end)
    after = stem(unit.words[end_index]) if end_index < len(unit.words) else "$"
    base += [f"{t}|wb={before}", f"{t}|wa={after}", f"wb={before}"]
    triggers = [m for m in unit.sentence.triggers if m.trigger.type == t] or unit.sentence.triggers
    if not triggers:
        return [*base, f"{t}|notrigger", f"{t}|notrigger|order={_bucket(order, (0, 1, 2))}"]
    nearest = min(triggers, key=lambda m: abs(m.start - mention.start))
    side = "after" if mention.start >= nearest.end else "before"
    trigger_index = unit.word_index(nearest.start)
    gap = abs(word_at - trigger_index)
    between = text[min(nearest.end, mention.end):max(nearest.start, mention.start)]
    same_type = nearest.trigger.type == t
    features = [*base, f"{t}|side={side}", f"{t}|side={side}|prep={prep}", f"{t}|side={side}|kind={mention.kind}",
                f"{t}|gap={_bucket(gap)}|side={side}", f"{t}|tw={nearest.surface}|side={side}",
                f"{t}|same_type={same_type}", f"{t}|tmode={nearest.trigger.mode}|side={side}|prep={prep}"]
    if gap <= 1:
        features.append(f"{t}|adjacent|side={side}|prep={prep}")
    if "," in between:
        features.append(f"{t}|comma_between")
    first_after = all(m.start < nearest.end or m.start >= mention.start for m in unit.mentions if m is not mention)
    if side == "after" and first_after:
        features.append(f"{t}|first_after|prep={prep}")
    first_before = all(m.start >= nearest.start or m.start < mention.start for m in unit.mentions if m is not mention)
    if side == "before" and first_before:
        features.append(f"{t}|last_before|kind={mention.kind}")
    sources, targets = rule_roles(unit, t)
    rule = "source" if id(mention.phrase) in sources else "target" if id(mention.phrase) in targets else "none"
    features += [f"rule={rule}", f"{t}|rule={rule}"]
    if not sources:
        features.append("rule_nosource")
    low, high = sorted((nearest.end, mention.start))
    between_cues = {c.kind for c in unit.sentence.cues if low <= c.start < high}
    for kind in ("subject_matter", "topic", "clause", "reporting", "presence"):
        if kind in between_cues:
            features.append(f"{t}|between_cue={kind}|side={side}")
    topic_words = doc.context.lexicon.topic_words
    if any(stem(w) in topic_words or w in topic_words for w in unit.words[max(0, word_at - 3):word_at]):
        features.append(f"{t}|topic_word_before")
    cues = {c.kind for c in unit.sentence.cues if min(c.start, mention.start) >= nearest.start - 60}
    for kind in ("received", "passive", "presence", "topic", "subject_matter", "spokesperson", "in_reply"):
        if kind in cues:
            features.append(f"{t}|cue={kind}|side={side}")
    return features


def rule_roles(unit: Unit, event_type: str) -> tuple[set[int], set[int]]:
    """The phrases the role rules would make source and target of the sentence's first event word of this type."""
    sentence = unit.sentence
    matches = [m for m in sentence.triggers if m.trigger.type == event_type] or sentence.triggers
    if not matches:
        return set(), set()
    match = matches[0]
    breaks = sorted(c.start for c in sentence.cues if c.kind == "clause")
    clause_start = max([sentence.start] + [b for b in breaks if b <= match.start])
    clause_end = min([sentence.end] + [b for b in breaks if b >= match.end])
    received = next((c.start for c in sentence.cues if c.kind == "received" and clause_start <= c.start < match.start),
                    None)
    passive = next((c.start for c in sentence.cues if c.kind == "passive" and clause_start <= c.start < match.start),
                   None)
    roles = assign(event_type, [m.phrase for m in unit.mentions], match.start, match.end, clause_start, clause_end,
                   received, passive, preferred=PREFERRED_TARGET.get(event_type, ()),
                   symmetric=event_type in SYMMETRIC_TYPES, victims_after=match.trigger.mode == "passive")
    return {id(p) for p in roles.source}, {id(p) for p in roles.target}


def pair_features(doc: DocumentUnits, unit: Unit, event_type: str, candidates: list[tuple[Mention, bool]],
                  source: int, target: int, singles: list[list[str]]) -> list[str]:
    """Are candidates[source] and candidates[target] the two sides of this sentence's event of `event_type`:
    each one's own role features, as source ("s:") and as target ("t:"), and how the two stand together."""
    return ([f"s:{f}" for f in singles[source]] + [f"t:{f}" for f in singles[target]]
            + relation_features(doc, unit, event_type, candidates, source, target))


def relation_features(doc: DocumentUnits, unit: Unit, event_type: str, candidates: list[tuple[Mention, bool]],
                      source: int, target: int) -> list[str]:
    """How two mentions stand together: their kinds and sectors, order, sides of the event word, what is between."""
    t = event_type
    first, first_carried = candidates[source]
    second, second_carried = candidates[target]
    features = [f"{t}|kinds={first.kind}_{second.kind}",
                 f"{t}|sectors={_sector(first)}_{_sector(second)}"]
    shared = {a.country for a in first.actors} & {a.country for a in second.actors}
    features.append(f"{t}|same_country={bool(shared)}")
    if first_carried or second_carried:
        return [*features, f"{t}|carried={first_carried}{second_carried}"]
    features.append(f"{t}|order={'st' if first.start < second.start else 'ts'}")
    matches = [m for m in unit.sentence.triggers if m.trigger.type == t] or unit.sentence.triggers
    if matches:
        match = matches[0]
        sides = ("b" if first.end <= match.start else "a") + ("b" if second.end <= match.start else "a")
        preps = f"{first.preposition or '-'}_{second.preposition or '-'}"
        features += [f"{t}|sides={sides}", f"{t}|sides={sides}|preps={preps}",
                     f"{t}|tw={match.surface}|sides={sides}|preps={preps}",
                     f"{t}|sides={sides}|kinds={first.kind}_{second.kind}"]
    low, high = min(first.end, second.end), max(first.start, second.start)
    if "," in doc.context.text[low:high]:
        features.append(f"{t}|comma_between")
    between = sum(1 for m in unit.mentions if low <= m.start < high)
    features.append(f"{t}|between={_bucket(between, (0, 1, 2))}")
    return features


def _sector(mention: Mention) -> str:
    return mention.actors[0].sector if mention.actors else "none"
