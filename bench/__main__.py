"""`./dev bench [--households N] [NAME...]`: run the registered benchmarks, print a table, and write
bench/results.json."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import traceback
from pathlib import Path

from bench.harness import REGISTRY, BenchEnv, Measurement, scratch_dir

HERE = Path(__file__).resolve().parent


def discover() -> None:
    for path in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(f"bench.{path.stem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev bench")
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("names", nargs="*", help="only these benchmarks")
    args = parser.parse_args(argv)
    discover()
    unknown = [n for n in args.names if n not in REGISTRY]
    if unknown:
        print(f"未知的基准：{', '.join(unknown)}；可用：{', '.join(REGISTRY)}", file=sys.stderr)
        return 2
    selected = args.names or list(REGISTRY)
    results: list[Measurement] = []
    failed = False
    with scratch_dir() as scratch:
        env = BenchEnv(households=args.households, scratch=scratch)
        for name in selected:
            print(f"… {name}", flush=True)
            try:
                results.append(REGISTRY[name](env))
            except Exception:
                traceback.print_exc()
                failed = True
    print_table(results)
    (HERE / "results.json").write_text(
        json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"结果已写入 {HERE / 'results.json'}")
    return 1 if failed else 0


def print_table(results: list[Measurement]) -> None:
    header = (
        f"{'name':<16}{'n':>8}{'seconds':>10}{'reference_s':>13}{'ratio':>8}{'mb':>8}  budget / reference"
    )
    print(header)
    print("-" * len(header))
    for r in results:

        def fmt(value: float | None, spec: str) -> str:
            return "" if value is None else format(value, spec)

        print(
            f"{r.name:<16}{r.n:>8}{fmt(r.seconds, '.3f'):>10}{fmt(r.reference_seconds, '.3f'):>13}"
            f"{fmt(r.ratio, '.2f'):>8}{fmt(r.mb, '.0f'):>8}  {r.budget} / {r.reference or ''}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
