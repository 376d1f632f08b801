"""pyspark stays out of the core CLI: imported only by spark-extract, with a clear message when missing."""

from __future__ import annotations

import subprocess
import sys

from marsad.engines.commands import SPARK_MISSING


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_help_does_not_import_pyspark():
    done = run(
        "import sys\n"
        "from marsad.cli import build_parser\n"
        "build_parser().format_help()\n"
        "assert not [m for m in sys.modules if m.startswith(('pyspark', 'py4j'))], 'pyspark imported'\n"
    )
    assert done.returncode == 0, done.stderr


def test_spark_extract_without_pyspark_says_how_to_install(tmp_path):
    done = run(
        "import sys\n"
        "sys.modules['pyspark'] = None  # as if not installed\n"
        "from marsad.cli import main\n"
        f"sys.exit(main(['spark-extract', 'x.jsonl', '--output', {str(tmp_path / 'out')!r}]))\n"
    )
    assert done.returncode == 2
    assert SPARK_MISSING in done.stderr
    assert "pip install 'marsad[spark]'" in done.stderr
