"""Where the benchmarks find the real bills and papers: ``../shared/data`` beside the
repository (as tests/conftest.py says for the tests). Imported by the benchmark scripts,
which run with this folder on ``sys.path``."""

from pathlib import Path

DATA = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data").resolve()
BILLS = DATA / "bills"
RENTERS = BILLS / "renters-rights-bill-hc127.xml"
