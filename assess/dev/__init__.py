"""Tools for tests and benchmarks (generated organisations); not used by any command."""
