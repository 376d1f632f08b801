"""The document as the rules read it: the shared `DocumentContext`, with the main date the rules
were tuned on and the armed groups it names, by where it names them."""

from __future__ import annotations

from functools import cached_property

from marsad.extracting.context import DocumentContext
from marsad.knowledge.loader import ORGANISATION
from marsad.knowledge.records import Organisation
from marsad.recognising.scan import MAIN_DATE_SENTENCES


class RuleContext(DocumentContext):
    def _main_date(self) -> tuple[str | None, str | None]:
        """As `DocumentContext._main_date`, but a day after the publication date counts too: the rules were
        tuned, and their use per event type measured, with this reading."""
        top = self.scan.sentences[:MAIN_DATE_SENTENCES]
        for sentence in [s for s in top if s.triggers] + top:
            for mention in sentence.dates:
                if mention.value and mention.precision == "day":
                    return mention.value, "day"
        if self.published:
            return self.published, "day"
        return None, None

    @cached_property
    def groups_named(self) -> list[tuple[int, Organisation]]:
        """(position, group) of each armed group the article names: "الجماعة" is the last one before it.
        Read only when a sentence says "الجماعة"."""
        groups = self.kb.organisations
        return [(start, groups[key]) for start, kind, key in self.scan.readings()
                if kind == ORGANISATION and key in groups and groups[key].sector == "REB"]
