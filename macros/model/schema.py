"""The JSON Schema of the whole dataset, from the data files' models: the export (docs/data/schema.json)
and the data dictionary page both read it, so neither writes the schema twice."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, create_model

from macros.model.atlas import FILES


def _dataset_model() -> type[BaseModel]:
    fields: dict[str, Any] = {stem: (model, ...) for stem, model in FILES.items()}
    return create_model("RspAtlasDataset", **fields)


def schema() -> dict[str, Any]:
    out = _dataset_model().model_json_schema(by_alias=True, mode="serialization")
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = "RSP Atlas dataset"
    out["description"] = (
        "Every fact on RSP Atlas, keyed by data file. Version-scoped entities hold states over "
        "inclusive version ranges ('from'/'to'; 'to' absent = still in force)."
    )
    return out
