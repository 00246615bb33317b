"""The kinds of version-scoped entity, declared once.

Everything the code needs to know about a kind (its data file, its model, what readers call it,
where it lives on the site, which pages compare it or list it as in force) is one row here;
loading, integrity checks, exports, URLs and renderers read these rows instead of keeping tables
of their own, so a kind added here reaches every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from macros.model import types as t

KindName = Literal["level", "standard", "domain", "threshold", "provision", "term"]
# Covariant: a Kind[Term, TermState] is a Kind[Entity, State].
E = TypeVar("E", bound=t.Entity, covariant=True)
S = TypeVar("S", bound=t.State, covariant=True)


@dataclass(frozen=True)
class Kind(Generic[E, S]):
    """One kind of entity. Its ``name`` is the prefix of an entity reference ("threshold:ara")."""

    name: KindName
    file: str  # data/<file>.yml
    model: type[E]
    state: type[S]  # the model of each of its states
    envelope: type[t.ListFile]
    heading: str  # a section of several: "Capability thresholds"
    singular: str  # one, in running text: "threshold"
    plural: str  # several, in running text: "thresholds"
    cite_label: str  # before a name in a citation's note: "Capability threshold"
    page: str  # the docs page an entity is on; "{id}" where each has a page of its own
    anchor: str  # its fragment on that page ("" for a page of its own)
    # Position among the sections of a pair page's full diff; None: pair pages do not compare it.
    diff_order: int | None
    # Listed on a version page under "In force", with a link to the state in that version.
    in_force: bool
    # Every version its states cover has an anchor on its page ("#v2.2", "#rso-v2.2"): states
    # rendered by entities.history(), glossary meanings by records.glossary().
    anchored: bool
    # Its entities carry lineage edges to others of the same kind (renamed, replaced, ...).
    lineage: bool = False
    # Kinds with pages of their own: the macro each generated stub calls, and the stub's
    # description ("{name}": the entity's latest name).
    page_macro: str = ""
    page_description: str = ""

    def target(self, eid: str) -> tuple[str, str]:
        """(page, anchor) of one entity."""
        return self.page.format(id=eid), self.anchor.format(id=eid)

    @property
    def own_pages(self) -> bool:
        return "{id}" in self.page


LEVEL: Kind[t.Level, t.LevelState] = Kind(
    "level",
    "levels",
    t.Level,
    t.LevelState,
    t.LevelsFile,
    heading="AI Safety Levels",
    singular="level",
    plural="levels",
    cite_label="AI Safety Level",
    page="levels/{id}.md",
    anchor="",
    diff_order=2,
    in_force=True,
    anchored=True,
    page_macro="level_page",
    page_description="{name} across every version of Anthropic's Responsible Scaling Policy.",
)
STANDARD: Kind[t.Standard, t.StandardState] = Kind(
    "standard",
    "standards",
    t.Standard,
    t.StandardState,
    t.StandardsFile,
    heading="Safeguard standards",
    singular="standard",
    plural="standards",
    cite_label="Safeguards standard",
    page="safeguards.md",
    anchor="{id}",
    diff_order=1,
    in_force=True,
    anchored=True,
)
DOMAIN: Kind[t.Domain, t.DomainState] = Kind(
    "domain",
    "domains",
    t.Domain,
    t.DomainState,
    t.DomainsFile,
    heading="Risk domains",
    singular="risk domain",
    plural="risk domains",
    cite_label="Risk domain",
    page="thresholds/index.md",
    anchor="domain-{id}",
    diff_order=4,
    in_force=False,
    anchored=False,
)
THRESHOLD: Kind[t.Threshold, t.ThresholdState] = Kind(
    "threshold",
    "thresholds",
    t.Threshold,
    t.ThresholdState,
    t.ThresholdsFile,
    heading="Capability thresholds",
    singular="threshold",
    plural="thresholds",
    cite_label="Capability threshold",
    page="thresholds/{id}.md",
    anchor="",
    diff_order=0,
    in_force=True,
    anchored=True,
    lineage=True,
    page_macro="threshold_page",
    page_description="Lineage of the RSP capability threshold “{name}” across versions.",
)
PROVISION: Kind[t.Provision, t.ProvisionState] = Kind(
    "provision",
    "provisions",
    t.Provision,
    t.ProvisionState,
    t.ProvisionsFile,
    heading="Governance and process",
    singular="provision",
    plural="provisions",
    cite_label="Provision",
    page="governance.md",
    anchor="{id}",
    diff_order=3,
    in_force=True,
    anchored=True,
    lineage=True,
)
# Glossary terms are not compared: a term's entry records its meaning, not each version's
# wording, so a diff could only repeat one definition as "unchanged" or guess.
TERM: Kind[t.Term, t.TermState] = Kind(
    "term",
    "glossary",
    t.Term,
    t.TermState,
    t.GlossaryFile,
    heading="Glossary terms",
    singular="term",
    plural="terms",
    cite_label="Glossary term",
    page="glossary.md",
    anchor="{id}",
    diff_order=None,
    in_force=False,
    anchored=True,
)

# In data-file order: the order files are loaded, checked and exported in.
KINDS: tuple[Kind[Any, Any], ...] = (LEVEL, STANDARD, DOMAIN, THRESHOLD, PROVISION, TERM)
BY_NAME: dict[str, Kind[Any, Any]] = {k.name: k for k in KINDS}
BY_FILE: dict[str, Kind[Any, Any]] = {k.file: k for k in KINDS}

# What pair pages compare, in the order they show it.
DIFF_KINDS: tuple[KindName, ...] = tuple(
    k.name for k in sorted((k for k in KINDS if k.diff_order is not None), key=lambda k: k.diff_order or 0)
)
IN_FORCE_KINDS: tuple[KindName, ...] = tuple(k.name for k in KINDS if k.in_force)
ANCHORED_KINDS: frozenset[KindName] = frozenset(k.name for k in KINDS if k.anchored)
# Kinds whose entities have lineage graphs (each graph joins entities of one kind only).
LINEAGE_KINDS: tuple[KindName, ...] = tuple(k.name for k in KINDS if k.lineage)


def kind(name: str) -> Kind[Any, Any]:
    """The kind called ``name``; KeyError names the unknown kind."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown entity kind {name!r}") from None
