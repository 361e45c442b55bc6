"""Which PostgreSQL type changes need `USING`, and what to write after it.

`ALTER COLUMN ... TYPE` converts existing values with the assignment cast from the old type
to the new one; where none exists PostgreSQL refuses (42804) unless `USING` gives the
conversion. The groups below follow `pg_cast` of PostgreSQL 15 (castcontext 'a' or 'i'),
plus the rule that any type converts to a string type by I/O in assignment context:
https://www.postgresql.org/docs/current/sql-createcast.html
"""

from __future__ import annotations

from .model import SqlType

_STRINGS = {"varchar", "char", "text"}
# Within each group every pair has an assignment or implicit cast.
_ASSIGNABLE = (
    {"smallint", "integer", "bigint", "numeric", "real", "double precision"},
    {"date", "timestamp", "timestamptz"},
    {"json", "jsonb"},
)
# Only integer <-> boolean casts exist (explicit); other numbers go through integer.
_VIA_INTEGER = {"smallint", "bigint", "numeric", "real", "double precision"}


def needs_using(current: SqlType, desired: SqlType) -> bool:
    """Whether no assignment cast takes `current` values to `desired`."""
    if current.name == desired.name or desired.name in _STRINGS:
        return False
    if current.name in ("timestamp", "timestamptz") and desired.name in ("date", "time"):
        return False
    return not any(current.name in group and desired.name in group for group in _ASSIGNABLE)


def using(column: str, current: SqlType, desired: SqlType) -> str:
    """The conversion after `USING`, with `column` already quoted: `"n"::bigint`."""
    target = str(desired)
    if desired.name == "boolean" and current.name in _VIA_INTEGER:
        return f"{column}::integer::boolean"
    if current.name == "boolean" and desired.name in _VIA_INTEGER:
        return f"{column}::integer::{target}"
    return f"{column}::{target}"
