"""Regenerate the golden files under tests/golden/: `python tools/regen_golden.py`.

Each scenario folder holds a schema.yaml and, under expected/, what `generate` writes for
it on a first run. GOLDEN.sum records a hash of each expected file, so a hand edit of a
golden file fails the tests: change the generator or the scenario, then run this script and
read the diff before committing it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.golden import SCENARIOS, expected_files, sum_of  # noqa: E402


def main() -> None:
    for scenario in sorted(SCENARIOS.iterdir()):
        if not (scenario / "schema.yaml").exists():
            continue
        files = expected_files(scenario)
        target = scenario / "expected"
        shutil.rmtree(target, ignore_errors=True)
        for relative, data in files.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (scenario / "GOLDEN.sum").write_text(sum_of(files), encoding="utf-8")
        print(f"{scenario.relative_to(ROOT)}: {len(files)} file(s)")


if __name__ == "__main__":
    main()
