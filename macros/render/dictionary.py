"""The data dictionary, rendered from the JSON Schema so it is never written twice."""

from __future__ import annotations

from typing import Any

from macros.model.schema import schema
from macros.render.text import Ctx, esc, table


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return str(prop["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in prop:
        return " or ".join(_type(p) for p in prop["anyOf"])
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    typ = prop.get("type", "any")
    if typ == "array":
        return f"list of {_type(prop.get('items', {}))}"
    if typ == "string" and prop.get("format"):
        return f"string ({prop['format']})"
    if typ == "string" and prop.get("pattern"):
        return "string matching `" + str(prop["pattern"]).replace("|", "\\|") + "`"
    return str(typ)


def data_dictionary(ctx: Ctx) -> str:
    sch = schema()
    out = []
    defs = sch.get("$defs", {})
    for name in sorted(defs):
        d = defs[name]
        props = d.get("properties", {})
        if not props:
            continue
        required = set(d.get("required", []))
        out.append(f"### {name} {{ #def-{name.lower()} }}\n")
        if d.get("description"):
            out.append(esc(d["description"]) + "\n")
        rows = [[f"`{field}`", _type(prop), "yes" if field in required else "no"] for field, prop in props.items()]
        out.append(table(["Field", "Type", "Required"], rows))
        out.append("")
    return "\n".join(out) + "\n" if ctx else ""


__all__ = ["data_dictionary", "esc"]
