"""Pydantic models of every data file. ``extra="forbid"`` everywhere: a typo is an error."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*$")]
VersionLabel = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
EntityRef = Annotated[str, StringConstraints(pattern=r"^[a-z]+:[a-z0-9][a-z0-9.-]*$")]
Confidence = Literal["high", "medium", "low", "unverified"]
Precision = Literal["day", "month"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cite(Strict):
    source: Slug
    locator: Text


class Position(Strict):
    holder: Text
    view: Text
    sources: list[Cite] = Field(min_length=1)


class Dispute(Strict):
    summary: Text
    positions: list[Position] = Field(min_length=2)


class Sourced(Strict):
    sources: list[Cite] = Field(min_length=1)
    confidence: Confidence = "high"
    dispute: Dispute | None = None


# --- bibliography ---------------------------------------------------------------------------

SourceKind = Literal[
    "policy",
    "redline",
    "announcement",
    "hub",
    "report",
    "roadmap",
    "companion-policy",
    "system-card",
    "third-party",
    "news",
]


class Source(Strict):
    id: Slug
    title: Text
    publisher: Text
    date: dt.date
    url: Annotated[str, StringConstraints(pattern=r"^https://")]
    archived_url: Annotated[str, StringConstraints(pattern=r"^https://")] | None = None
    retrieved: dt.date
    kind: SourceKind
    version: VersionLabel | None = None


# --- versions -------------------------------------------------------------------------------

ChangeCategory = Literal[
    "structure",
    "thresholds",
    "safeguards",
    "evaluation",
    "governance",
    "reporting",
    "transparency",
    "editorial",
]


class Change(Sourced):
    category: ChangeCategory
    text: Text
    entities: list[EntityRef] = []


class VersionLinks(Strict):
    pdf: Slug
    redline: Slug | None = None
    announcement: Slug | None = None


class Version(Sourced):
    id: VersionLabel
    title: Text
    effective: dt.date
    version_note: str = ""
    links: VersionLinks
    summary: Text
    changes: list[Change] = []


# --- version-scoped entities ----------------------------------------------------------------


class State(Sourced):
    """What an entity says over an inclusive range of versions (``to`` omitted = open-ended)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    from_: VersionLabel = Field(alias="from")
    to: VersionLabel | None = None
    name: Text
    note: str = ""


# Fields that describe provenance or the range, not the substance: never diffed.
META_FIELDS = frozenset({"from_", "to", "sources", "confidence", "dispute", "note"})


class LevelState(State):
    summary: Text


class StandardState(State):
    summary: Text
    measures: list[Text] = []
    in_scope: list[Text] = []
    out_of_scope: list[Text] = []


class DomainState(State):
    summary: Text


class ThresholdState(State):
    summary: Text
    kind: Literal["capability-threshold", "checkpoint", "capability-or-usage-threshold"] = "capability-threshold"
    required_safeguards: list[Slug] = []
    safeguards_note: str = ""
    anthropic_plan: str = ""
    industry_recommendation: str = ""


class ProvisionState(State):
    summary: Text


class TermState(State):
    definition: Text


class Entity(Strict):
    id: Slug
    states: list[State] = Field(min_length=1)


class Level(Entity):
    order: int
    states: list[LevelState] = Field(min_length=1)


class Standard(Entity):
    level: Slug
    type: Literal["deployment", "security"]
    states: list[StandardState] = Field(min_length=1)


class Domain(Entity):
    order: int
    states: list[DomainState] = Field(min_length=1)


class LineageEdge(Strict):
    to: Slug
    type: Literal["renamed", "split", "merged", "redefined", "replaced", "retired"]
    at: VersionLabel
    note: str = ""


class Threshold(Entity):
    domain: Slug
    lineage: list[LineageEdge] = []
    states: list[ThresholdState] = Field(min_length=1)


ProvisionCategory = Literal[
    "evaluation",
    "decision-makers",
    "reporting",
    "external-review",
    "internal-access",
    "noncompliance",
    "pause",
    "competitors",
    "transparency",
    "government",
    "updates",
]


class Provision(Entity):
    title: Text  # stable topic heading; state names say what the provision was in each range
    category: ProvisionCategory
    states: list[ProvisionState] = Field(min_length=1)


class Term(Entity):
    abbr: str | None = None
    aka: list[Text] = []
    states: list[TermState] = Field(min_length=1)


# --- dated records --------------------------------------------------------------------------


class Determination(Sourced):
    id: Slug
    model: Text
    date: dt.date
    date_precision: Precision = "day"
    level: Slug | None = None
    determination: Text
    reasoning: Text


EventKind = Literal["activation", "report", "roadmap", "policy", "framework", "review", "other"]


class Event(Sourced):
    id: Slug
    date: dt.date
    date_precision: Precision = "day"
    kind: EventKind
    title: Text
    summary: Text


class Edition(Strict):
    label: Text
    date: dt.date
    source: Slug


class Parallel(Strict):
    concept: Text
    entity: EntityRef | None = None


class Framework(Sourced):
    id: Slug
    developer: Text
    framework: Text
    editions: list[Edition] = Field(min_length=1)
    summary: Text
    parallels: list[Parallel] = []


class Mechanism(Strict):
    id: Slug
    name: Text
    summary: Text
    relies_on: Text
    provisions: list[EntityRef] = []
    sources: list[Cite] = Field(min_length=1)


class Framing(Strict):
    id: Slug
    year: int
    summary: Text
    sources: list[Cite] = Field(min_length=1)


class Assessment(Strict):
    id: Slug
    verdict: Literal["worked", "mixed", "did-not-work"]
    summary: Text
    sources: list[Cite] = Field(min_length=1)


class Critique(Sourced):
    id: Slug
    critic: Text
    summary: Text
    reply: str = ""
    reply_sources: list[Cite] = []


class Faq(Sourced):
    id: Slug
    question: Text
    answer: Text
    see: list[Text] = []
    misreporting: bool = False


class Question(Sourced):
    """A check-your-understanding question; ``show_on`` places it on key pages too."""

    id: Slug
    question: Text
    answer: Text
    see: list[Text] = Field(min_length=1)
    show_on: list[Text] = []


DocPath = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9./-]*\.md(#[a-z0-9-]+)?$")]


class Redirect(Strict):
    """An old page (source path under docs/) that now lives elsewhere."""

    id: Slug
    old: DocPath
    new: DocPath
    reason: Text


# --- file envelopes -------------------------------------------------------------------------


class ListFile(Strict):
    verified: dt.date


class SourcesFile(ListFile):
    items: list[Source]


class VersionsFile(ListFile):
    items: list[Version] = Field(min_length=1)


class LevelsFile(ListFile):
    items: list[Level]


class StandardsFile(ListFile):
    items: list[Standard]


class DomainsFile(ListFile):
    items: list[Domain]


class ThresholdsFile(ListFile):
    items: list[Threshold]


class ProvisionsFile(ListFile):
    items: list[Provision]


class GlossaryFile(ListFile):
    items: list[Term]


class ModelsFile(ListFile):
    items: list[Determination]


class EventsFile(ListFile):
    items: list[Event]


class RelatedFile(ListFile):
    items: list[Framework]


class FaqFile(ListFile):
    items: list[Faq]


class QuizFile(ListFile):
    items: list[Question]


class RedirectsFile(ListFile):
    items: list[Redirect]


class TheoryFile(ListFile):
    mechanisms: list[Mechanism]
    framings: list[Framing]
    assessment: list[Assessment]
    critiques: list[Critique]
