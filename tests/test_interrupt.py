"""Ctrl-C ends any command with one line and status 130, even when it lands inside a DuckDB query."""

from __future__ import annotations

import subprocess
import sys

# A command whose handler runs a long query and is sent SIGINT while the query runs. DuckDB turns
# that SIGINT into a RuntimeError of its own instead of a KeyboardInterrupt.
INTERRUPTED_QUERY = """
import argparse, os, signal, sys, threading
import duckdb
from marsad import cli

def long_query(args):
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
    duckdb.connect().execute("select count(*) from range(10000000000) t(a) where a * a % 7 = 3").fetchall()

built = cli.build_parser
def build():
    parser = built()
    parser.parse_args = lambda argv=None: argparse.Namespace(handler=long_query, verbose=False, model=None)
    return parser
cli.build_parser = build
sys.exit(cli.main([]))
"""


def test_ctrl_c_inside_a_query_says_interrupted_without_a_traceback():
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_QUERY], capture_output=True, text=True, timeout=120)
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip() == "interrupted"
