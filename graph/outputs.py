"""Writing a build's outputs all at once: a killed build never leaves a half-written output.

Every file of a build is written into a staging folder beside the output
folder.  When all are complete, the staging folder and the output folder are
swapped in one step (Linux ``renameat2(RENAME_EXCHANGE)``): a reader sees
either every old file or every new one.  Files and folders of the output
folder that the build does not write (a README, the cache, files of the
user's) are carried over into the new folder first.  Where the swap is not
available (another OS, another file system), each file is replaced on its
own with ``os.replace``: each file is then whole, old or new.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import pathlib
import shutil
import tempfile
from collections.abc import Callable, Iterator

__all__ = ["STAGING_PREFIX", "atomic_outputs", "exchange_folders"]

#: Staging folders are named ``.<output name>.claimgraph-<random>`` beside the output.
STAGING_PREFIX = ".claimgraph-staging-"

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange_folders(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Swap two folders atomically; False where the system cannot.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "x").mkdir(); (root / "y").mkdir()
    >>> _ = (root / "x" / "old").write_text("1")
    >>> exchange_folders(root / "x", root / "y") in (True, False)
    True
    """
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def _carry_over(old: pathlib.Path, new: pathlib.Path, written: set[str]) -> None:
    """Bring what the build does not write from the old output folder into the new one."""
    for entry in sorted(old.iterdir()):
        if entry.name in written or entry.name.startswith(STAGING_PREFIX):
            continue
        target = new / entry.name
        if entry.is_dir() and not entry.is_symlink():
            # a rename: the cache moves, it is not copied
            os.rename(entry, target)
        else:
            try:
                os.link(entry, target, follow_symlinks=False)
            except OSError:
                shutil.copy2(entry, target, follow_symlinks=False)


def _remove_stale_staging(parent: pathlib.Path, out_name: str) -> None:
    """Staging folders left by builds that were killed."""
    for stale in parent.glob(f".{out_name}{STAGING_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextlib.contextmanager
def atomic_outputs(
    out_dir: str | os.PathLike,
) -> Iterator[Callable[[str, str | bytes], pathlib.Path]]:
    """Write output files into a staging folder, then put them all in place at once.

    Yields ``write(name, content)``, which returns the path the file will
    have.  Nothing in ``out_dir`` changes until the block ends without error.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with atomic_outputs(out) as write:
    ...     _ = write("a.txt", "hello")
    >>> (out / "a.txt").read_text()
    'hello'
    """
    out = pathlib.Path(out_dir).absolute()
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(parent, out.name)
    staging = pathlib.Path(tempfile.mkdtemp(prefix=f".{out.name}{STAGING_PREFIX}", dir=parent))
    written: set[str] = set()

    def write(name: str, content: str | bytes) -> pathlib.Path:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(staging / name, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        written.add(name)
        return pathlib.Path(out_dir) / name

    try:
        yield write
        if not out.exists():
            os.rename(staging, out)
            return
        _carry_over(out, staging, written)
        if exchange_folders(staging, out):
            return  # staging now holds the previous outputs; removed below
        # no atomic swap here: move things back and replace file by file
        for entry in sorted(staging.iterdir()):
            if entry.name not in written:
                if entry.is_dir() and not entry.is_symlink() and not (out / entry.name).exists():
                    os.rename(entry, out / entry.name)
                continue
            os.replace(entry, out / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
