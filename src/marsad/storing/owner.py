"""Who holds a store: DuckDB lets one process write a file, and then no other may even read it.

`marsad serve --watch` or `--review`, and `marsad watch`, hold their store for as long as they
run and say so in `<store>.serve.json` (pid, command, the server's address). A command that
finds the store locked gets a `StoreBusy` error whose one line names the holder and what to
do instead; read commands ask the running server (`StoreBusy.url`) instead.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

_PID = re.compile(r"\(PID (\d+)\)")


class StoreUnavailable(Exception):
    """A store that cannot be opened or asked right now; the message is one line for the user."""


class StoreBusy(StoreUnavailable):
    """The store is locked by another process; the message says by whom and what to do."""

    def __init__(self, path: str, pid: int | None, url: str | None, command: str | None = None) -> None:
        self.path, self.pid, self.url = path, pid, url
        if url:
            message = (f"is in use by `marsad serve` (pid {pid}) at {url}: read it through the server's API "
                       "(/docs), add files through a folder source of its --watch file, or stop the server first")
        elif command == "marsad watch":
            message = (f"is in use by `marsad watch` (pid {pid}): stop it first, or run `marsad serve --watch` "
                       "to serve and watch in one process")
        else:
            message = f"is in use by another process (pid {pid or '?'}): wait for it to finish or stop it first"
        super().__init__(f"{path} {message}")


def owner_file(db: str | Path) -> Path:
    return Path(f"{db}.serve.json")


def claim(db: str | Path, url: str | None, command: str = "marsad serve") -> None:
    """Say that this process holds the store at `db` (and serves it from `url`)."""
    owner_file(db).write_text(json.dumps({"pid": os.getpid(), "url": url, "command": command}), encoding="utf-8")


def release(db: str | Path) -> None:
    path = owner_file(db)
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def holder(db: str | Path, pid: int | None = None) -> dict:
    """What the process holding `db` (that process, if `pid` is given) said of itself, or {}."""
    try:
        owner = json.loads(owner_file(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(owner, dict) or (pid is not None and owner.get("pid") != pid) or not _alive(owner.get("pid")):
        return {}
    return owner


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def busy_error(path: str, message: str) -> StoreBusy | None:
    """A StoreBusy for DuckDB's lock error `message`, or None when the error is something else."""
    if "Could not set lock" not in message and "Conflicting lock" not in message:
        return None
    found = _PID.search(message)
    pid = int(found.group(1)) if found else None
    owner = holder(path, pid)
    url = owner.get("url")
    return StoreBusy(path, pid, url if isinstance(url, str) else None, owner.get("command"))
