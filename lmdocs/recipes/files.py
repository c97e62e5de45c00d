"""Files a run writes: atomically (a temporary file, then ``os.replace``), readable by all, and errors in one line.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_path(folder / "notes.txt") as tmp:
...     _ = tmp.write_text("done", encoding="utf-8")
>>> (folder / "notes.txt").read_text(encoding="utf-8"), oct((folder / "notes.txt").stat().st_mode & 0o777)
('done', '0o644')
>>> writable_dir(folder / "notes.txt", "--out_dir")
Traceback (most recent call last):
...
lmdocs.recipes.config.RecipeError: --out_dir=.../notes.txt is a file, not a folder; choose another --out_dir
>>> import shutil; shutil.rmtree(folder)

``atomic_path`` hands out a temporary name in the target's folder; when the block ends without an
error the file is flushed to disk, given the usual mode (0644 under the common umask 022, like
every other file the run writes; ``mkstemp`` alone would leave 0600) and renamed over the target.
A process killed at any moment leaves the old file or the new one, never half of one; on an error
the temporary file is removed and the old file stays. ``file_error`` turns an ``OSError`` (disk
full, permission denied, a file where a folder should be) into a one-line RecipeError that says
what to do, instead of a traceback.
"""
from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lmdocs.recipes.config import RecipeError

_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space or choose a folder on another disk",
    errno.EDQUOT: "the disk quota is used up; free some space or choose a folder on another disk",
    errno.EACCES: "you may not write there; choose a folder you own",
    errno.EPERM: "you may not write there; choose a folder you own",
    errno.EROFS: "the file system is read-only; choose a writable folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder; choose another path",
    errno.EEXIST: "a file is in the way; choose another path",
}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def file_error(error: OSError, doing: str, option: str | None = None) -> RecipeError:
    """A one-line RecipeError for ``error``, raised while ``doing`` (e.g. "write the checkpoint x")."""
    reason = error.strerror or type(error).__name__
    advice = _ADVICE.get(error.errno, "check the path and the disk")
    if option:
        advice += f" (the {option} option)"
    return RecipeError(f"cannot {doing}: {reason}; {advice}")


def writable_dir(path: str | Path, option: str) -> Path:
    """Create folder ``path`` if needed and check that files can be written in it; RecipeError if not."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise RecipeError(f"{option}={path} is a file, not a folder; choose another {option}")
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=path, prefix=".write-test.", delete=True)
        probe.close()
    except OSError as error:
        raise file_error(error, f"write in {option}={path}", option) from None
    return path


@contextmanager
def atomic_path(path: str | Path, sole_writer: bool = True) -> Iterator[Path]:
    """A temporary path to write instead of ``path``; it replaces ``path`` when the block succeeds.

    ``sole_writer``: no other process writes ``path`` now, so temporary files left by a killed
    writer are removed (pass False where several processes may write the same file at once).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if sole_writer:
        for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a writer that was killed
            stale.unlink(missing_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as f:  # the bytes reach the disk before the rename makes them the file
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
