"""Benchmarks (`./dev bench`). Not run by `./dev test`: budgets are measured, never asserted in tests."""
