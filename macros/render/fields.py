"""How entity fields are labelled and how their values are shown in tables."""

from __future__ import annotations

from typing import Any

from macros.render.common import entity_name
from macros.render.text import Ctx, esc

FIELD_LABELS = {
    "name": "Name",
    "summary": "Meaning",
    "definition": "Definition",
    "kind": "Type",
    "measures": "Main measures",
    "in_scope": "Attackers in scope",
    "out_of_scope": "Attackers out of scope",
    "required_safeguards": "Required safeguards",
    "safeguards_note": "Safeguards note",
    "anthropic_plan": "Anthropic's own plan",
    "industry_recommendation": "Industry-wide recommendation",
    "(presence)": "Present",
}

KIND_VALUES = {
    "capability-threshold": "Capability threshold",
    "checkpoint": "Checkpoint (not a threshold)",
    "capability-or-usage-threshold": "Capability or usage threshold",
}


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def value(ctx: Ctx, field: str, val: Any) -> str:
    """A field value as inline Markdown safe inside a table cell."""
    if val is None or val == "" or val == []:
        return "—"
    if field == "(presence)":
        return "yes" if val else "no"
    if field == "kind":
        return esc(KIND_VALUES.get(val, val))
    if field == "required_safeguards":
        return ", ".join(_standard(ctx, sid) for sid in val)
    if isinstance(val, list):
        return "<br>".join(f"• {esc(v)}" for v in val)
    return esc(val)


def _standard(ctx: Ctx, sid: str) -> str:
    return entity_name(ctx, "standard", ctx.atlas.entity("standard", sid))
