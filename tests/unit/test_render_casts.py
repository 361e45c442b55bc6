"""PostgreSQL type changes: USING exactly where no assignment cast exists (pg_cast, PG 15)."""

from __future__ import annotations

import pytest

from generator.casts import needs_using, using
from generator.model import SqlType

INTEGER, BIGINT, SMALLINT = SqlType("integer"), SqlType("bigint"), SqlType("smallint")
TEXT, BOOLEAN, UUID = SqlType("text"), SqlType("boolean"), SqlType("uuid")


@pytest.mark.parametrize("current, desired", [
    (SqlType("varchar", (10,)), SqlType("varchar", (20,))),
    (SqlType("varchar", (20,)), SqlType("varchar", (10,))),
    (INTEGER, BIGINT), (BIGINT, INTEGER), (SqlType("numeric", (10, 2)), INTEGER),
    (INTEGER, TEXT), (UUID, SqlType("varchar", (36,))), (BOOLEAN, TEXT),
    (SqlType("timestamp", (0,)), SqlType("timestamptz", (0,))),
    (SqlType("date"), SqlType("timestamp", (0,))), (SqlType("timestamp", (0,)), SqlType("date")),
    (SqlType("json"), SqlType("jsonb")), (SqlType("jsonb"), SqlType("json")),
])
def test_assignment_casts_need_no_using(current: SqlType, desired: SqlType) -> None:
    assert not needs_using(current, desired)


@pytest.mark.parametrize("current, desired, expression", [
    (TEXT, INTEGER, '"c"::integer'),
    (TEXT, BIGINT, '"c"::bigint'),
    (SqlType("varchar", (36,)), UUID, '"c"::uuid'),
    (TEXT, BOOLEAN, '"c"::boolean'),
    (TEXT, SqlType("json"), '"c"::json'),
    (TEXT, SqlType("numeric", (10, 2)), '"c"::numeric(10,2)'),
    (INTEGER, BOOLEAN, '"c"::boolean'),
    (BIGINT, BOOLEAN, '"c"::integer::boolean'),
    (SMALLINT, BOOLEAN, '"c"::integer::boolean'),
    (BOOLEAN, INTEGER, '"c"::integer'),
    (BOOLEAN, BIGINT, '"c"::integer::bigint'),
])
def test_no_assignment_cast_needs_using(current: SqlType, desired: SqlType,
                                        expression: str) -> None:
    assert needs_using(current, desired)
    assert using('"c"', current, desired) == expression
