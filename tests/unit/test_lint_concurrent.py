"""The safer alternative to pg-index-not-concurrent: indexes on live tables built apart."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from generator import dialects
from generator.checks.changes import concurrent_plans
from generator.generate import migration
from generator.pipeline import compile_file
from generator.render import create_all, render_all

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def versions():
    v1 = compile_file(ROOT / "examples" / "chatbot-v1.yaml")
    v2 = compile_file(ROOT / "schema.yaml")
    return v1, v2


def test_indexes_on_live_tables_get_migrations_of_their_own(versions) -> None:
    v1, v2 = versions
    plans = concurrent_plans(v1.schemas["postgres"], v2.schemas["postgres"])
    assert len(plans) == 12  # the change, then the eleven indexes v2 adds to v1's tables
    assert (plans[1].up, plans[1].down) == (
        ['CREATE INDEX CONCURRENTLY "cache_expiration_index" ON "cache" ("expiration")'],
        ['DROP INDEX CONCURRENTLY IF EXISTS "cache_expiration_index"'])
    assert plans[3].up == [
        'CREATE INDEX CONCURRENTLY "cache_locks_owner_index" ON "cache_locks" ("owner")']
    built_apart = {op.index.name for plan in plans[1:] for op in plan.operations}
    assert not any(name in statement for statement in plans[0].up for name in built_apart)
    # indexes of the seven new tables stay in the change: those tables are empty
    assert 'CREATE INDEX "query_cache_expires_index" ON "chatbot_query_cache" ("expires_at")' \
        in plans[0].up


def test_mysql_keeps_one_migration(versions) -> None:
    v1, v2 = versions
    plans = concurrent_plans(v1.schemas["mysql"], v2.schemas["mysql"])
    whole = migration(v1.schemas["mysql"], v2.schemas["mysql"])
    assert [(plan.up, plan.down) for plan in plans] == [(whole.up, whole.down)]


def _connect(dbname: str = "postgres"):
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(host="127.0.0.1", port=5432, user="postgres", dbname=dbname,
                               autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("REQUIRE_LIVE_DB"):
            raise
        pytest.skip(f"PostgreSQL is not reachable: {error}")


@pytest.fixture
def database():
    name = f"sg_lint_{uuid.uuid4().hex[:10]}"
    admin = _connect()
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with _connect(name) as connection:
            yield connection
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.live
def test_concurrent_migrations_apply_outside_a_transaction_and_reverse(versions, database
                                                                       ) -> None:
    import psycopg

    v1, v2 = versions
    postgres = dialects.get("postgres")
    plans = concurrent_plans(v1.schemas["postgres"], v2.schemas["postgres"])
    with database.transaction():
        for statement in render_all(create_all(v1.schemas["postgres"]), postgres):
            database.execute(statement)
        for statement in plans[0].up:
            database.execute(statement)

    with pytest.raises(psycopg.errors.ActiveSqlTransaction), database.transaction():
        database.execute(plans[1].up[0])
    for plan in plans[1:]:
        for statement in plan.up:
            database.execute(statement)  # autocommit: what a runner does with such a file

    valid = database.execute(
        "SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE c.relname = ANY(%s) ORDER BY c.relname",
        ([op.index.name for plan in plans[1:] for op in plan.operations],)).fetchall()
    assert len(valid) == 11 and all(flag for _, flag in valid)

    for plan in reversed(plans[1:]):
        for statement in plan.down:
            database.execute(statement)
    left = database.execute("SELECT count(*) FROM pg_class WHERE relname = ANY(%s)",
                            ([name for name, _ in valid],)).fetchone()
    assert left == (0,)
