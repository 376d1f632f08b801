"""Who holds a store: DuckDB lets one process write a file, and then no other may even read it.

`marsad serve --watch` or `--review` holds its store for as long as it runs and says so in
`<store>.serve.json` (its pid and address). A command that finds the store locked gets a
`StoreBusy` error whose one line names the holder and what to do instead; read commands use
`server_url` to ask the running server instead.
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

    def __init__(self, path: str, pid: int | None, url: str | None) -> None:
        self.path, self.pid, self.url = path, pid, url
        who = f"`marsad serve` (pid {pid}) at {url}" if url else f"another process (pid {pid or '?'})"
        advice = ("ask the server (its API is at /api, see /docs) or stop it first" if url
                  else "wait for it to finish or stop it first")
        super().__init__(f"{path} is in use by {who}: {advice}")


def owner_file(db: str | Path) -> Path:
    return Path(f"{db}.serve.json")


def claim(db: str | Path, url: str) -> None:
    """Say that this process serves the store at `db` from `url`."""
    owner_file(db).write_text(json.dumps({"pid": os.getpid(), "url": url}), encoding="utf-8")


def release(db: str | Path) -> None:
    path = owner_file(db)
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


def server_url(db: str | Path, pid: int | None = None) -> str | None:
    """The address of the `marsad serve` process holding `db` (that process, if `pid` is given), else None."""
    try:
        owner = json.loads(owner_file(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(owner, dict) or (pid is not None and owner.get("pid") != pid) or not _alive(owner.get("pid")):
        return None
    url = owner.get("url")
    return url if isinstance(url, str) else None


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
    return StoreBusy(path, pid, server_url(path, pid))
