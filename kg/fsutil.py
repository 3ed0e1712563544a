"""Atomic file writes: a temp file in the same folder, fsync, then rename into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import StoreError


def atomic_write(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half of one."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise StoreError(exc.strerror or str(exc), where=str(path), hint="check that the folder is writable") from exc
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the file the usual permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(exc.strerror or str(exc), where=str(path), hint="free space or fix permissions") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
