"""Speed and memory of the generator on a large synthetic schema: `make bench`.

Builds a schema of TABLES tables (columns of every family, indexes, foreign keys in a chain
and a cycle), then measures loading + validation, rendering every dialect, and a full
`generate` into a temporary folder. Prints the numbers and compares them with the targets
below; exits 1 when a target is missed. Timings are the best of three runs, so a busy
machine gives a noisy but not a failing result more rarely than a single run would.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from collections.abc import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import dialects  # noqa: E402
from generator.generate import generate  # noqa: E402
from generator.pipeline import compile_file  # noqa: E402
from generator.render import create_all, render_all  # noqa: E402
from generator.sqlcheck import _check_cached  # noqa: E402

TABLES = 400
# Targets for a 2-core machine: seconds for each step, MiB of peak traced memory.
TARGETS = {"compile_s": 8.0, "render_s": 6.0, "generate_s": 20.0, "peak_mib": 400.0}


def synthetic_schema(tables: int) -> dict:
    specs = {}
    for i in range(tables):
        columns = {
            "id": {"type": "bigint", "unsigned": True, "auto_increment": True, "primary": True},
            "tenant_id": {"type": "bigint", "unsigned": True, "index": True},
            "name": {"type": "string(191)", "unique": True},
            "body": {"type": "text", "nullable": True, "comment": f"body of t{i}'s rows"},
            "settings": {"type": "json", "default": {"a": i, "b": [1, 2]}},
            "price": {"type": "decimal(10,2)", "default": 0.5},
            "active": {"type": "boolean", "default": True},
            "status": {"type": "enum", "values": ["a", "b", "c"], "default": "a"},
            "seen_at": {"type": "timestamp", "default_sql": "CURRENT_TIMESTAMP"},
        }
        if i:
            columns["parent_id"] = {"type": "bigint", "unsigned": True, "nullable": True,
                                    "references": f"t{(i - 1)}.id", "on_delete": "set null"}
        specs[f"t{i}"] = {"columns": columns,
                          "indexes": [{"columns": ["tenant_id", {"column": "seen_at",
                                                                 "order": "desc"}]}]}
    specs["t0"]["columns"]["last_id"] = {"type": "bigint", "unsigned": True, "nullable": True,
                                         "references": f"t{tables - 1}.id"}
    return {"format": 1, "tables": specs}


def best_of(runs: int, step: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        _check_cached.cache_clear()  # measure the sqlglot parsing every time
        start = time.perf_counter()
        result = step()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.yaml"
        path.write_text(yaml.safe_dump(synthetic_schema(TABLES)), encoding="utf-8")
        tracemalloc.start()
        compile_s, compiled = best_of(3, lambda: compile_file(path))
        render_s, _ = best_of(3, lambda: [
            render_all(create_all(compiled.schemas[name]), dialects.get(name))
            for name in compiled.targets])
        generate_s, _ = best_of(3, lambda: generate(compiled, Path(folder) / "out", "s.yaml"))
        peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
    results = {"compile_s": compile_s, "render_s": render_s, "generate_s": generate_s,
               "peak_mib": peak_mib}
    missed = [key for key, value in results.items() if value > TARGETS[key]]
    for key, value in results.items():
        mark = "MISSED" if key in missed else "ok"
        print(f"{key:<11} {value:9.2f}   target {TARGETS[key]:7.1f}   {mark}")
    print(f"{TABLES} tables, {TABLES * 10} columns, 3 dialects")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
