"""The JSON Schema of `schema.yaml`, generated from the pydantic models, for editors."""

from __future__ import annotations

import json

from .format import SchemaSpec

SCHEMA_ID = "https://schemagen.invalid/schema.json"  # an identifier only; nothing is fetched


def json_schema_text() -> str:
    schema = SchemaSpec.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "schemagen schema file"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
