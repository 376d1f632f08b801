"""Who did it to whom: pick the source and target phrases of a trigger in its sentence.

Arabic news sentences are verb-first ("استقبل الرئيس X الوزير Y") or, after "كان … قد" and
in headlines, subject-first ("وكانت الرياض قد أعلنت قطع علاقاتها مع طهران"). The subject is
the nearest bare phrase before the trigger in its clause, else the first bare phrase after
it; the target is the next phrase after the trigger, preferring the prepositions that
mark a counterpart for that event type (مع، ب، على، عن، لدى، إلى …).
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.recognising.phrases import Phrase

# Prepositions that can introduce a target, by event type (an empty string is a bare object).
_TARGET_PREPOSITIONS = {
    "CONSULT": ("مع", "ب", "", "الي"),
    "AGREE": ("مع", "ب", "", "ل"),
    "COOPERATE": ("مع", "", "بين"),
    "SUPPORT": ("ب", "ل", "", "مع", "الي"),
    "AID": ("الي", "ل", "", "علي"),
    "CONCEDE": ("", "ل", "مع"),
    "RETREAT": ("عن", "", "بين", "مع", "ل"),
    "ACCUSE": ("", "الي", "ل", "ب", "علي", "ضد", "مع"),
    "REQUEST": ("", "من", "ل", "الي"),
    "REJECT": ("", "ل", "ب"),
    "THREATEN": ("", "ب", "ل", "ضد", "علي"),
    "PROTEST": ("ضد", "علي", "", "ل", "امام"),
    "MOBILIZE": ("ضد", "علي", "الي"),
    "SANCTION": ("مع", "لدي", "", "علي", "ل", "من", "بين"),
    "COERCE": ("علي", "", "ضد", "امام", "ل", "بين"),
    "ASSAULT": ("علي", "", "ضد", "ل", "ب"),
}
# Prepositions that mark the other side when they follow the trigger closely ("قطع X علاقاتها مع Y").
PREFERRED_TARGET = {
    "SANCTION": ("مع", "لدي"), "CONSULT": ("مع", "ب"), "AGREE": ("مع",), "COERCE": ("علي", "ضد", "امام"),
    "ASSAULT": ("علي", "ضد"), "RETREAT": ("عن",), "SUPPORT": ("ب", "ل"), "AID": ("الي", "ل"),
}  # a state that strikes or mobilises does so with its forces
_SUBJECT_PREPOSITIONS = ("",)
NOT_PARTICIPANTS = ("في", "ل", "علي", "عن", "ضد", "من")


@dataclass(slots=True)
class Roles:
    source: list[Phrase]
    target: list[Phrase]
    received: bool = False


def _actorish(phrases: list[Phrase]) -> list[Phrase]:
    return [p for p in phrases if not p.is_location_only and not p.about]


def _with_coordinated(phrases: list[Phrase], first: Phrase) -> list[Phrase]:
    """`first` and the phrases joined to it by و right after it."""
    chosen = [first]
    index = phrases.index(first)
    for following in phrases[index + 1:]:
        joined = following.coordinated and following.preposition in ("", first.preposition)
        adjacent = following.start - chosen[-1].end <= 12  # "غوتيريش، وبحث معه … ليبيا والسودان" is no list
        if joined and adjacent and not following.is_location_only:
            chosen.append(following)
        else:
            break
    return chosen


def _coordinated_back(phrases: list[Phrase], last: Phrase) -> list[Phrase]:
    """`last` and the phrases before it that it is coordinated with ("الرياض وطهران")."""
    chosen = [last]
    index = phrases.index(last)
    while index > 0 and phrases[index].coordinated and not phrases[index - 1].preposition:
        index -= 1
        if phrases[index].is_location_only:
            break
        chosen.insert(0, phrases[index])
    return chosen


def allowed_or_bare(event_type: str) -> tuple[str, ...]:
    return _TARGET_PREPOSITIONS.get(event_type, ("",))


def can_be_subject(phrase: Phrase, trigger_start: int) -> bool:
    """Not a counterpart, not a bare nisba (an adjective of some noun), and a capital only right before its verb."""
    if phrase.counterpart:
        return False
    bare = not (phrase.person or phrase.titles or phrase.organisation or phrase.sector or phrase.pair
                or phrase.group or phrase.kingdom or phrase.own_country or phrase.spokesperson)
    if bare and phrase.nisba_only:
        return False
    if bare and phrase.capital_of and not phrase.countries and trigger_start >= 0:
        return trigger_start - phrase.end <= 20
    return True


def assign(event_type: str, phrases: list[Phrase], trigger_start: int, trigger_end: int,
           clause_start: int, clause_end: int, received_at: int | None, passive_at: int | None,
           preferred: tuple[str, ...] = (), symmetric: bool = False, carried_subject: bool = False,
           victims_after: bool = False, gather_all: bool = False, diplomats_are_targets: bool = False,
           masdar: bool = False, subject_elsewhere: bool = False) -> Roles:
    """Source and target phrases for one trigger; either may be empty when the text does not say."""
    in_clause = [p for p in _actorish(phrases) if clause_start <= p.start and p.end <= clause_end]
    before = [p for p in in_clause if p.end <= trigger_start]
    after = [p for p in in_clause if p.start >= trigger_end]
    allowed = _TARGET_PREPOSITIONS.get(event_type, ("",))

    if received_at is not None:
        source = next((p for p in after if p.preposition == "من"), None)
        receivers = [p for p in before if p.start >= received_at and not p.preposition] or [
            p for p in before if not p.preposition][-1:]
        if source is not None:
            return Roles(_with_coordinated(after, source), receivers[:1] and _with_coordinated(before, receivers[0]),
                         received=True)

    if victims_after:
        victims = [p for p in after if not p.preposition][:1]
        doers = [p for p in after if victims and p.start > victims[0].end and p.preposition not in ("في", "الي")]
        return Roles(doers[:1], victims)

    if passive_at is not None:
        undergoers = [p for p in before if not p.preposition] or [p for p in after if not p.preposition][:1]
        doers = [p for p in after if p.preposition in ("من", "ب") and p not in undergoers]
        return Roles(doers[:1], undergoers[-1:])

    subject_before = [p for p in before if p.preposition in _SUBJECT_PREPOSITIONS and can_be_subject(p, trigger_start)
                      and not (diplomats_are_targets and p.diplomat)]
    if subject_elsewhere and not subject_before:
        # "…، حيث يلتقي وزراء خارجية السعودية والإمارات": the subject stood in the clause before
        objects = [p for p in after if p.preposition in allowed_or_bare(event_type)]
        return Roles([], _with_coordinated(after, objects[0]) if objects else [])
    attached = [p for p in after if p.start - trigger_end <= 4 and p.nisba_only and not p.preposition]
    genitive = [p for p in after if masdar and p.start - trigger_end <= 4 and not p.preposition
                and not p.nisba_only and can_be_subject(p, -1) and not (diplomats_are_targets and p.diplomat)]
    source: list[Phrase] = []
    if genitive:
        source = genitive[:1]  # "أعلنت … رفض مصر القاطع": the noun's genitive is its agent
    elif attached and not symmetric:
        source = attached[:1]  # "طائرة مساعدات إماراتية", "الغارة الإسرائيلية"
    elif event_type == "AID" and not subject_before and any(p.nisba_only for p in before):
        source = [p for p in before if p.nisba_only][-1:]  # "طائرة إماراتية … محملة بالمواد الغذائية"
    elif subject_before:
        source = _coordinated_back(before, subject_before[-1])
    else:
        bare_after = [p for p in after if not p.preposition and can_be_subject(p, -1)
                      and not (diplomats_are_targets and p.diplomat)]
        objects_only = symmetric and len([p for p in after if p.preposition in ("", "مع", "ب")]) == 1 and not (
            bare_after and (bare_after[0].pair or bare_after[0].group))
        if bare_after and not (carried_subject and objects_only):
            source = _with_coordinated(after, bare_after[0])
    target_pool = [p for p in after if p not in source]
    if source and source[0].start > trigger_end:
        # verb, subject, object: the object comes after the subject ("انتقدت المندوبة الأمريكية … الفيتو الروسي")
        target_pool = [p for p in target_pool if p.start > source[-1].start] or target_pool
    target: list[Phrase] = []
    if gather_all:
        # participants: not "المقاطعة لقطر", "ضد", "عن": the object of some other word
        everyone = [p for p in target_pool if p.preposition not in NOT_PARTICIPANTS]
        everyone += [p for p in before if p not in source and p.preposition not in NOT_PARTICIPANTS]
        if everyone:
            return Roles(source, everyone)
    if diplomats_are_targets:
        envoys = [p for p in before + target_pool if p.diplomat and p not in source]
        if envoys:
            return Roles(source, envoys[:1])
    first = next((p for p in target_pool[:3] if p.preposition in preferred), None) or next(
        (p for p in target_pool if p.preposition in allowed), None)
    if first is not None:
        target = _with_coordinated(target_pool, first)
    else:
        others = [p for p in before if p not in source and p.preposition in allowed]
        if others:
            target = [others[-1]]
    return Roles(source, target)
