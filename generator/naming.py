"""Names for unnamed objects, shortened deterministically to fit every target.

A generated name follows the file's naming convention (Laravel's by default, so an
existing application's names do not churn). When it is longer than the strictest target
allows (PostgreSQL: 63 bytes), it keeps a readable prefix and ends in eight hex digits of
a hash of the full name, so the same input always gives the same name and two long names
that share a prefix still differ.
"""

from __future__ import annotations

import hashlib
import re

STRICTEST_LIMIT = 63  # bytes: PostgreSQL's NAMEDATALEN - 1; MySQL allows 64 characters

_UNSAFE = re.compile(r"[-.]")


def generated(template: str, table: str, columns: tuple[str, ...]) -> str:
    """The conventional name, lower-cased with `-` and `.` turned into `_`, as Laravel does."""
    name = template.format(table=table, columns="_".join(columns), column="_".join(columns))
    return fit(_UNSAFE.sub("_", name.lower()))


def fit(name: str, limit: int = STRICTEST_LIMIT) -> str:
    """`name` if it fits in `limit` UTF-8 bytes, else a prefix of it plus a short hash."""
    if len(name.encode("utf-8")) <= limit:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    room = limit - len(digest) - 1
    prefix = name.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip("_")
    return f"{prefix}_{digest}"
