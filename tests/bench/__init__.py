"""Benchmarks: speed and memory targets, run by `make bench`, never by the test suite."""
