"""Pydantic models of every data file. ``extra="forbid"`` everywhere: a typo is an error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

# An ID is lower-case words joined by single "." or "-" (no "a..", "a-", ".."), short enough to
# be a file name and a URL segment.
_SLUG = r"[a-z0-9]+(?:[.-][a-z0-9]+)*"
Slug = Annotated[str, StringConstraints(pattern=rf"^{_SLUG}$", max_length=64)]
VersionLabel = Annotated[str, StringConstraints(pattern=r"^\d{1,3}\.\d{1,3}$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
EntityRef = Annotated[str, StringConstraints(pattern=rf"^[a-z]+:{_SLUG}$", max_length=80)]
# A web address: http(s) only, and none of the characters that end a URL in Markdown or HTML.
Url = Annotated[str, StringConstraints(pattern=r"^https://[^\s\"'<>\\^`{|}]+$", max_length=2000)]
# A page of this site: a source path under docs/, optionally with an anchor.
DocPath = Annotated[str, StringConstraints(pattern=rf"^(?:{_SLUG}/)*{_SLUG}\.md(?:#[a-z0-9-]+)?$")]
# A "see also" target: a page of this site or an https address (never javascript:, data: …).
SeeLink = Annotated[
    str, StringConstraints(pattern=DocPath.__metadata__[0].pattern + r"|" + Url.__metadata__[0].pattern)
]
# A tooltip phrase: one line, no brackets or backslash (they would end the abbreviation syntax).
Phrase = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True, pattern=r"^[^\[\]\\]+$")]
Confidence = Literal["high", "medium", "low", "unverified"]
Precision = Literal["day", "month"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cite(Strict):
    """A pointer into a source: its bibliography key and where in it (section, appendix, page)."""

    source: Slug
    locator: Text


class Position(Strict):
    """One side of a disputed reading, with whoever holds it and their sources."""

    holder: Text
    view: Text
    sources: list[Cite] = Field(min_length=1)


class Dispute(Strict):
    """A contested reading: what is in dispute and at least two sourced positions."""

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


class PrintedPages(Strict):
    """A run of PDF pages whose footers print a page number: PDF page index minus ``offset``."""

    pdf_from: int = Field(ge=1)
    pdf_to: int = Field(ge=1)
    offset: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> PrintedPages:
        if self.pdf_to < self.pdf_from or self.pdf_from - self.offset < 1:
            raise ValueError("a run needs pdf_from <= pdf_to and printed numbers from 1")
        return self


class Source(Strict):
    """A bibliography entry. Cite the publisher's URL; the archived copy is a fallback.

    ``printed_pages`` says which PDF pages print which page number (pages outside every run
    print none); None means the numbering was not checked, so locators are shown as written.
    """

    id: Slug
    title: Text
    publisher: Text
    date: dt.date
    url: Url
    archived_url: Url | None = None
    # When the text was read for this site; null for a document known only from others' accounts
    # (withdrawn, or read in a copy): ``note`` then says how it is known.
    retrieved: dt.date | None
    kind: SourceKind
    version: VersionLabel | None = None
    pages: int | None = Field(default=None, ge=1)  # a PDF's page count: "p. N" locators must fit
    printed_pages: list[PrintedPages] | None = None
    # How the document was read or why its address misleads now (dead, or serving another file).
    note: str = ""

    @field_validator("printed_pages")
    @classmethod
    def _runs_in_order(cls, runs: list[PrintedPages] | None) -> list[PrintedPages] | None:
        pairs = zip(runs or [], (runs or [])[1:], strict=False)
        if any(b.pdf_from <= a.pdf_to for a, b in pairs):
            raise ValueError("runs must be in page order and must not overlap")
        return runs


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

# Section headings of a version's recorded changes, in the order pages show them. Each label sits
# beside its Literal and a test keeps the keys equal to the Literal's values, so a new value
# without a label fails instead of vanishing from the pages that group by it.
CHANGE_CATEGORY_LABELS: dict[ChangeCategory, str] = {
    "structure": "Structure",
    "thresholds": "Capability thresholds",
    "safeguards": "Safeguards",
    "evaluation": "Evaluation",
    "governance": "Governance",
    "reporting": "Reporting",
    "transparency": "Transparency",
    "editorial": "Editorial",
}


ChangeEffect = Literal[
    "adds-obligation",
    "removes-obligation",
    "widens-scope",
    "narrows-scope",
    "raises-bar",
    "lowers-bar",
    "redefines",
    "restructures",
    "clarifies",
    "editorial",
]

# Reader-facing names and one-line meanings of each effect; a test keeps the keys equal to the
# Literal, so adding an effect without a label (or the reverse) fails.
EFFECT_LABELS: dict[ChangeEffect, tuple[str, str]] = {
    "adds-obligation": ("Adds an obligation", "Anthropic must now do something it did not have to do before."),
    "removes-obligation": ("Removes an obligation", "Something Anthropic had to do is no longer required."),
    "widens-scope": ("Widens scope", "An existing rule or watch list covers more models, risks, people or cases."),
    "narrows-scope": ("Narrows scope", "An existing rule covers fewer models, risks, attackers, people or cases."),
    "raises-bar": ("Raises a bar", "A threshold or trigger becomes harder to reach, so what it sets off comes later."),
    "lowers-bar": ("Lowers a bar", "A threshold or trigger becomes easier to reach, so what it sets off comes sooner."),
    "redefines": (
        "Redefines",
        "A threshold or scope test is reworded so it moves in more than one direction, or one the texts do not settle.",
    ),
    "restructures": ("Restructures", "The policy's machinery is reorganised; obligations move or change form."),
    "clarifies": ("Clarifies", "Wording or naming presented as leaving the substance alone."),
    "editorial": ("Editorial", "Layout, numbering, typos or dates; no change of meaning."),
}

InChangelog = Literal["yes", "partly", "no"]

IN_CHANGELOG_LABELS: dict[InChangelog, str] = {
    "yes": "Mentioned in Anthropic's changelog",
    "partly": "Partly mentioned in Anthropic's changelog",
    "no": "Not in Anthropic's changelog",
}

EFFECT_NOTE_MAX_WORDS = 30


class Change(Sourced):
    """One change a version made against its predecessor, in our words, with its category.

    ``id`` is a slug unique within the version, so a change keeps its anchor when another is
    inserted before it. ``effect`` says what the change does to Anthropic's obligations, not
    whether that is good; ``in_changelog`` says whether Anthropic's own account of the version
    (in-document changelog or RSP-page entry) mentions it.
    """

    id: Slug
    category: ChangeCategory
    effect: ChangeEffect
    effect_note: Text
    in_changelog: InChangelog
    text: Text
    entities: list[EntityRef] = []

    @field_validator("effect_note")
    @classmethod
    def _short_note(cls, note: str) -> str:
        if len(note.split()) > EFFECT_NOTE_MAX_WORDS:
            raise ValueError(f"at most {EFFECT_NOTE_MAX_WORDS} words")
        return note

    @model_validator(mode="after")
    def _unannounced_is_sourced(self) -> Change:
        # A claim that Anthropic's changelog is silent must point at that changelog.
        if self.in_changelog == "no" and not any(_is_changelog(c) for c in self.sources):
            raise ValueError("in_changelog 'no' needs a source citing the version's changelog")
        return self


def _is_changelog(cite: Cite) -> bool:
    return "Changelog" in cite.locator or (cite.source == "rsp-page" and cite.locator.startswith("Version history"))


class VersionLinks(Strict):
    """Source keys of a version's policy PDF, its redline and its announcement."""

    pdf: Slug
    redline: Slug | None = None
    announcement: Slug | None = None


class Version(Sourced):
    """One version of the RSP. Its order and status are computed from the effective dates."""

    id: VersionLabel
    title: Text
    effective: dt.date
    version_note: str = ""
    links: VersionLinks
    summary: Text
    changes: list[Change] = []

    @field_validator("changes")
    @classmethod
    def _unique_change_ids(cls, changes: list[Change]) -> list[Change]:
        seen: set[str] = set()
        for c in changes:
            if c.id in seen:
                raise ValueError(f"duplicate change id '{c.id}'")
            seen.add(c.id)
        return changes


# --- version-scoped entities ----------------------------------------------------------------


class State(Sourced):
    """What an entity says over an inclusive range of versions (``to`` omitted = open-ended)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    from_: VersionLabel = Field(alias="from")
    to: VersionLabel | None = None
    name: Text
    # The policy gives this state no name of its own, so ``name`` is our description (v1.0's
    # misuse trigger, the 1.0 sketches of ASL-4 measures): pages must not present it as the
    # policy's name. Most names are the policy's, a bracketed qualifier aside (fields.base_name).
    name_is_ours: bool = False
    note: str = ""
    # Fields whose text differs from the previous state only because our paraphrase was rewritten:
    # the policy did not change them in this state's first version, so no redline is drawn.
    reworded: list[str] = []

    @model_validator(mode="after")
    def _reworded_are_fields(self) -> State:
        unknown = [f for f in self.reworded if f not in type(self).model_fields or f in META_FIELDS]
        if unknown:
            raise ValueError(f"reworded names no field of this state: {', '.join(unknown)}")
        return self


# Fields that describe provenance or the range, or restate another field (gloss): never diffed.
META_FIELDS = frozenset(
    {"from_", "to", "sources", "confidence", "dispute", "note", "gloss", "reworded", "name_is_ours"}
)


class SummaryState(State):
    """A state whose substance opens with a one-paragraph summary (every kind but glossary terms)."""

    summary: Text


class LevelState(SummaryState):
    """What an AI Safety Level meant over a range of versions."""


class StandardState(SummaryState):
    """A deployment or security standard over a range of versions."""

    measures: list[Text] = []
    in_scope: list[Text] = []
    out_of_scope: list[Text] = []


class DomainState(SummaryState):
    """What the policy said about a risk domain over a range of versions."""


ThresholdKind = Literal["capability-threshold", "checkpoint", "capability-or-usage-threshold"]
THRESHOLD_KIND_LABELS: dict[ThresholdKind, str] = {
    "capability-threshold": "Capability threshold",
    "checkpoint": "Checkpoint (not a threshold)",
    "capability-or-usage-threshold": "Capability or usage threshold",
}


class ThresholdState(SummaryState):
    """A capability threshold over a range of versions; 3.x states carry the plan and recommendation."""

    kind: ThresholdKind = "capability-threshold"
    required_safeguards: list[Slug] = []
    # Standards the text said it expected this threshold to need, without requiring them yet
    # (2.1-2.2's CBRN-4 and the ASL-4 standards); never the same as a requirement.
    expected_safeguards: list[Slug] = []
    safeguards_note: str = ""
    anthropic_plan: str = ""
    industry_recommendation: str = ""


class ProvisionState(SummaryState):
    """A governance or process provision over a range of versions."""


# A tooltip's short meaning: with a "Since RSP 3.0: " prefix it still fits 140 characters.
GLOSS_MAX = 124


class TermState(State):
    """A glossary definition over a range of versions; ``gloss`` is its tooltip-sized summary."""

    definition: Text
    gloss: Annotated[str, StringConstraints(strip_whitespace=True, max_length=GLOSS_MAX)] = ""


def meaning(state: State) -> str:
    """What a state says in one paragraph: a term's definition, any other kind's summary."""
    if isinstance(state, TermState):
        return state.definition
    return state.summary if isinstance(state, SummaryState) else ""


class Entity(Strict):
    """What every kind shares; each kind narrows ``states`` to its own state model."""

    id: Slug
    states: Sequence[State] = Field(min_length=1)


class Level(Entity):
    """An AI Safety Level (asl-1 … asl-5)."""

    order: int
    states: list[LevelState] = Field(min_length=1)


class Standard(Entity):
    """A Deployment or Security Standard of one level."""

    level: Slug
    type: Literal["deployment", "security"]
    states: list[StandardState] = Field(min_length=1)


class Domain(Entity):
    """A risk domain: one row of the threshold explorer."""

    order: int
    states: list[DomainState] = Field(min_length=1)


LineageType = Literal["renamed", "split", "merged", "redefined", "replaced", "retired"]
# How each kind of lineage edge reads ({a}: the older entity, {b}: the newer, {kind}: their kind).
# No phrase puts a name before "was"/"is": a name may be plural ("Capability Reports and Safeguards
# Reports"), and the verb must agree whatever the data says.
LINEAGE_PHRASES: dict[LineageType, str] = {
    "renamed": "the name {a} became {b}",
    "split": "{a} split, giving rise to {b}",
    "merged": "{a} merged into {b}",
    "redefined": "the policy redefined {a} as {b}",
    "replaced": "{b} replaced {a}",
    "retired": "the policy retired {a}; the nearest related {kind} is {b}",
}


class LineageEdge(Strict):
    """How a threshold (or a provision) led to another of its kind: renamed, split, merged,
    redefined, replaced or retired."""

    to: Slug
    type: LineageType
    at: VersionLabel
    note: str = ""


class Threshold(Entity):
    """A capability threshold, with a stable ID that survives renames, and its lineage."""

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


# Section headings of the governance page, in its order (a test keeps the keys equal to the Literal).
PROVISION_CATEGORY_TITLES: dict[ProvisionCategory, str] = {
    "evaluation": "Evaluation cadence and triggers",
    "decision-makers": "Decision makers and bodies",
    "reporting": "Reports",
    "external-review": "External review",
    "internal-access": "Internal access to reports",
    "noncompliance": "Noncompliance and whistleblowing",
    "pause": "Pausing and restricting",
    "competitors": "Commitments related to competitors",
    "transparency": "Transparency",
    "government": "Government notice",
    "updates": "Updating the policy",
}


class Provision(Entity):
    """A governance or process provision."""

    title: Text  # stable topic heading; state names say what the provision was in each range
    category: ProvisionCategory
    # a provision replaced by another (Capability/Safeguards Reports → Risk Reports in 3.0)
    lineage: list[LineageEdge] = []
    states: list[ProvisionState] = Field(min_length=1)


def lineage(entity: Entity) -> list[LineageEdge]:
    """An entity's lineage edges, for the kinds that have them (thresholds, provisions)."""
    return entity.lineage if isinstance(entity, (Threshold, Provision)) else []


def title(entity: Entity) -> str | None:
    """An entity's stable topic heading, for the kinds that have one (provisions)."""
    return entity.title if isinstance(entity, Provision) else None


class Term(Entity):
    """A glossary term; ``abbr`` and ``aka`` phrases get tooltips across the site."""

    abbr: Phrase | None = None
    aka: list[Phrase] = []
    states: list[TermState] = Field(min_length=1)


# --- dated records --------------------------------------------------------------------------


class Determination(Sourced):
    """A model determination: which level a model was handled under, when, and why."""

    id: Slug
    model: Text
    date: dt.date
    date_precision: Precision = "day"
    level: Slug | None = None
    determination: Text
    reasoning: Text


EventKind = Literal["activation", "report", "roadmap", "policy", "framework", "review", "other"]


class Event(Sourced):
    """A dated event: an activation, report, roadmap update, companion policy or review."""

    id: Slug
    date: dt.date
    date_precision: Precision = "day"
    kind: EventKind
    title: Text
    summary: Text


class Edition(Strict):
    """One edition of another developer's framework."""

    label: Text
    date: dt.date
    source: Slug


class Parallel(Strict):
    """An RSP concept another framework parallels, optionally linked to an entity."""

    concept: Text
    entity: EntityRef | None = None


class Framework(Sourced):
    """Another developer's frontier safety framework."""

    id: Slug
    developer: Text
    framework: Text
    editions: list[Edition] = Field(min_length=1)
    summary: Text
    parallels: list[Parallel] = []


class Mechanism(Strict):
    """A mechanism of the theory of change and the provisions that implement it."""

    id: Slug
    name: Text
    summary: Text
    relies_on: Text
    provisions: list[EntityRef] = []
    sources: list[Cite] = Field(min_length=1)


class Framing(Strict):
    """How Anthropic framed the rationale in a given year."""

    id: Slug
    year: int
    summary: Text
    sources: list[Cite] = Field(min_length=1)


Verdict = Literal["worked", "mixed", "did-not-work"]
VERDICT_LABELS: dict[Verdict, str] = {"worked": "Worked", "mixed": "Mixed", "did-not-work": "Did not work"}


class Assessment(Strict):
    """One item of Anthropic's own 2026 assessment of what worked."""

    id: Slug
    verdict: Verdict
    summary: Text
    sources: list[Cite] = Field(min_length=1)


class Critique(Sourced):
    """An outside critique, attributed, with any reply."""

    id: Slug
    critic: Text
    summary: Text
    reply: str = ""
    reply_sources: list[Cite] = []


class Faq(Sourced):
    """A frequently asked question with a short sourced answer."""

    id: Slug
    question: Text
    answer: Text
    see: list[SeeLink] = []
    misreporting: bool = False
    # A sentence computed from the data, put before the answer: facts that change when a version
    # is added ("the newest version is …") are never typed into prose that would go stale.
    lead: Literal["current-version"] | None = None


class Question(Sourced):
    """A check-your-understanding question; ``show_on`` places it on key pages too."""

    id: Slug
    question: Text
    answer: Text
    see: list[SeeLink] = Field(min_length=1)
    show_on: list[DocPath] = []


class Redirect(Strict):
    """An old page (source path under docs/) that now lives elsewhere."""

    id: Slug
    old: DocPath
    new: DocPath
    reason: Text


class PathStep(Strict):
    """One stop on a reading path: a page (optionally one section of it) and what the reader gets."""

    page: DocPath
    label: str = ""  # link text when the step is one section of a page; default: the page title
    minutes: int = Field(ge=1, le=60)
    gives: Text


class ReadingPath(Strict):
    """A route through the site for one audience. ``guided`` paths put "step n of N" on each page."""

    id: Slug
    title: Text
    audience: Text
    guided: bool = False
    steps: list[PathStep] = Field(min_length=1)
    extras: list[PathStep] = []


# A top-level entry of any data file (theory.yml's four sections included): every one has an ``id``.
Item = (
    Source
    | Version
    | Entity
    | Determination
    | Event
    | Framework
    | Mechanism
    | Framing
    | Assessment
    | Critique
    | Faq
    | Question
    | ReadingPath
    | Redirect
)


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


class PathsFile(ListFile):
    items: list[ReadingPath]


class RedirectsFile(ListFile):
    items: list[Redirect]


class TheoryFile(ListFile):
    mechanisms: list[Mechanism]
    framings: list[Framing]
    assessment: list[Assessment]
    critiques: list[Critique]
