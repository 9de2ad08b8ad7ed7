"""Save files atomically: a crash or an error never leaves a half-written file behind.

Writers write to a temporary file in the target's directory, flush it to disk and then
:func:`os.replace` it over the target, which is atomic on POSIX and Windows. On any
exception the temporary file is removed and an existing target is left untouched.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "org.yaml"
>>> with atomic_write(target) as f:
...     _ = f.write("orgmodel: 1\\n")
>>> target.read_text()
'orgmodel: 1\\n'
>>> try:
...     with atomic_write(target) as f:
...         _ = f.write("half a fi")
...         raise RuntimeError("disk on fire")
... except RuntimeError:
...     pass
>>> target.read_text()            # the old content is still there
'orgmodel: 1\\n'
>>> sorted(p.name for p in target.parent.iterdir())   # and no temporary file is left
['org.yaml']
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_path", "atomic_write"]


def _temp_in_dir(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX only; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_mode(temp: Path, target: Path) -> None:
    """Give the new file the permissions of the file it replaces (mkstemp makes it 0600)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces ``path`` when the block succeeds.

    For writers that want a file name rather than an open file (openpyxl's ``save``).

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "org.bin"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_bytes(b"ok")
    >>> target.read_bytes()
    b'ok'
    """
    target = Path(path)
    temp = _temp_in_dir(target)
    try:
        yield temp
        with open(temp, "rb+") as f:
            os.fsync(f.fileno())
        _keep_mode(temp, target)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    _fsync_dir(target.parent)


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8"
) -> Iterator[IO[Any]]:
    """Open a temporary file for writing that replaces ``path`` when the block succeeds.

    Parameters
    ----------
    path
        The file to (re)write.
    mode
        ``"w"`` (text, the default) or ``"wb"`` (bytes).
    encoding
        Text encoding (ignored in binary mode).
    """
    if mode not in ("w", "wb", "wt"):
        raise ValueError(f"atomic_write mode must be 'w', 'wt' or 'wb', not {mode!r}")
    binary = "b" in mode
    with atomic_path(path) as temp:
        kwargs: dict[str, Any] = {} if binary else {"encoding": encoding, "newline": ""}
        with open(temp, mode, **kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
