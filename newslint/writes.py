"""The one writer: every file newslint writes (reports, fixed articles, baselines, caches) goes through here.

One policy for all of them:

- only a regular file is replaced, or a new one created: a device, FIFO, socket or folder is refused,
  except the null device, which takes the data and keeps none (`--output /dev/null`: the exit code only);
- every component of the path is checked: a symlink lying inside the working folder (`root`) must
  lead to a place inside it, so a linked folder cannot send a write elsewhere;
- never a file this run read as input (a report or baseline over an article is refused), nor the
  name given to standard input, nor a file open as this process's standard input, output or error
  (`2>> log` then `--output /dev/stderr`: a replacement would lose what the log held);
- a rewrite (`--fix`) replaces the file only if it is unchanged since it was read (size,
  modification time and a hash of its bytes, compared just before the replace);
- the file keeps its mode, owner and group; a read-only file (no write permission) is refused, and
  so is a file with several hard links (replacing it would break the links; it is left as it was);
- a rewrite neither adds nor drops a byte-order mark;
- the data goes to a temporary file in the same folder, synced, then renamed over the target: an
  error at any point leaves the old file as it was.

Any refusal is an `InputError` naming the file ("not written: ...").
"""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator, NamedTuple

from newslint.errors import InputError

_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

_inputs: set[tuple[int, int]] = set()  # (device, inode) of every file read as input in this process
_input_names: set[str] = set()  # absolute paths of the same, and the name given to standard input


def _bom(head: bytes) -> bytes:
    return next((b for b in _BOMS if head.startswith(b)), b"")


class Snapshot(NamedTuple):
    """A file as it was read: what a rewrite compares just before it replaces the file."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: bytes
    bom: bytes

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        return cls.read(path)[0]

    @classmethod
    def read(cls, path: Path) -> tuple[Snapshot, bytes]:
        """The file's snapshot and the bytes it was taken of, from one read."""
        try:
            with open(path, "rb") as handle:
                info = os.fstat(handle.fileno())
                data = handle.read()
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, _digest(data), _bom(data[:4])), data

    def holds(self, data: bytes) -> bool:
        """Are `data` the contents the file had when it was read?"""
        return _digest(data) == self.digest


def _digest(data: bytes) -> bytes:
    import hashlib  # only a run that rewrites or annotates files pays for it

    return hashlib.sha256(data).digest()


def protect(path: Path | str, *, name_only: bool = False) -> None:
    """Never write `path` in this run: an input file, or (`name_only`) the name standard input goes by."""
    _input_names.add(os.path.abspath(path))
    if name_only:
        return
    try:
        info = os.stat(path)
    except OSError:
        return
    _inputs.add((info.st_dev, info.st_ino))


def forget_inputs() -> None:
    """Clear the protected files (a new run in the same process)."""
    _inputs.clear()
    _input_names.clear()


_STREAMS = ((0, "standard input"), (1, "standard output"), (2, "standard error"))


def standard_stream(info: os.stat_result) -> str | None:
    """The standard stream (input, output, error) that is open on the file `info` describes, if any."""
    for fd, name in _STREAMS:
        try:
            if os.path.samestat(info, os.fstat(fd)):
                return name
        except OSError:  # the stream is closed
            continue
    return None


def _refuse(path: Path, why: str) -> InputError:
    return InputError(str(path), f"not written: {why}")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _real(path: Path, root: Path) -> Path:
    """The file a write to `path` reaches, every component checked: a symlink that sits inside
    `root` must lead inside it."""
    base = os.path.realpath(root)
    current = Path(os.getcwd()) if not path.is_absolute() else Path(path.anchor)  # as the system reads it
    for part in path.parts[1:] if path.is_absolute() else path.parts:
        current = current / part
        if part in (".", ".."):
            continue
        if os.path.islink(current) and _inside(os.path.realpath(current.parent), base):
            target = os.path.realpath(current)
            if not _inside(target, base):
                raise _refuse(path, f"symlink points outside {root}: {current} -> {target}")
    real = Path(os.path.realpath(path))
    if os.path.islink(path) and not real.exists():
        raise _refuse(path, f"a symlink to a missing file ({real})")
    return real


def _null(real: Path) -> bool:
    """Is `real` the null device (/dev/null, or another name for it)?"""
    try:
        info, null = os.stat(real), os.stat(os.devnull)
    except OSError:
        return False
    return stat.S_ISCHR(info.st_mode) and info.st_rdev == null.st_rdev


def _existing(path: Path, real: Path, rewrite: Snapshot | None) -> os.stat_result | None:
    """Check the target against the policy; its status, or None for a new file."""
    try:
        info = os.stat(real)
    except FileNotFoundError:
        if rewrite is not None:
            raise _refuse(path, "the file was removed after it was read") from None
        if not real.parent.is_dir():
            raise _refuse(path, f"no such folder {real.parent}") from None
        if os.path.abspath(real) in _input_names or os.path.abspath(path) in _input_names:
            raise _refuse(path, "it is the name given to standard input")
        return None
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(path, "not a regular file")
    stream = standard_stream(info)
    if stream is not None:
        raise _refuse(path, f"it is this run's {stream}, which a replacement would lose; "
                            "redirect the stream instead")
    is_input = (info.st_dev, info.st_ino) in _inputs or os.path.abspath(real) in _input_names \
        or os.path.abspath(path) in _input_names
    if rewrite is None and is_input:
        raise _refuse(path, "it is one of the files being linted (or standard input's name); "
                             "write it outside the folders being linted")
    if rewrite is not None and (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns) != rewrite[:4]:
        raise _refuse(path, "the file changed after it was read; run again")
    if not info.st_mode & 0o222:
        raise _refuse(path, "the file is read-only")
    if info.st_nlink > 1:
        raise _refuse(path, f"the file has {info.st_nlink} hard links, which a replacement would break")
    return info


def write(path: Path, data: bytes, root: Path | None = None, *, rewrite: Snapshot | None = None,
          private: bool = False) -> None:
    """Write `data` to `path` under the policy above (see `atomic`)."""
    with atomic(path, root, rewrite=rewrite, private=private) as handle:
        handle.write(data)


@contextmanager
def atomic(path: Path, root: Path | None = None, *, rewrite: Snapshot | None = None,
           private: bool = False) -> Iterator[BinaryIO]:
    """A file that replaces `path` when the block ends (the policy checked at the start and again
    just before the replace); an exception leaves `path` as it was.

    `root` is the folder whose symlinks are checked (default: the current one); `rewrite` the
    snapshot of a file being rewritten; `private` makes a new file readable by its owner only.
    """
    root = Path.cwd() if root is None else root
    real = _real(path, root)
    if rewrite is None and _null(real):
        with open(os.devnull, "wb") as sink:
            yield sink
        return
    info = _existing(path, real, rewrite)
    import tempfile  # only a run that writes pays for it

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _finish(path, real, Path(tmp), root, rewrite, info, private)
    except BaseException as exc:  # an error while writing, or one that ends the run: `path` is left as it was
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _refuse(path, exc.strerror or str(exc)) from None
        raise


def _finish(path: Path, real: Path, tmp: Path, root: Path, rewrite: Snapshot | None,
            info: os.stat_result | None, private: bool) -> None:
    """Check the policy again (the file, or a folder on the way, may have changed while the
    data was written), copy the mode and owner, and rename the temporary file over the target."""
    if _real(path, root) != real:
        raise _refuse(path, "a folder on its path changed while it was written")
    now = _existing(path, real, rewrite)
    if (now is None) != (info is None):
        raise _refuse(path, "the file appeared or went while it was written")
    if rewrite is not None:
        current = Snapshot.of(real)
        if current != rewrite:
            raise _refuse(path, "the file changed after it was read; run again")
        with open(tmp, "rb") as handle:
            if _bom(handle.read(4)) != rewrite.bom:
                raise _refuse(path, "the new text would add or drop a byte-order mark")
    if private:  # a cache: the owner's alone, whatever the file it replaces allowed
        mode = 0o600
    elif now is None:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    else:
        mode = stat.S_IMODE(now.st_mode)
        if (now.st_uid, now.st_gid) != (os.geteuid(), os.getegid()):
            try:
                os.chown(tmp, now.st_uid, now.st_gid)
            except PermissionError:
                raise _refuse(path, "the file belongs to another user or group, which a replacement "
                                    "would change") from None
    os.chmod(tmp, mode)
    os.replace(tmp, real)


def append(path: Path, data: bytes) -> None:
    """Add `data` at the end of an existing regular file that other steps also write (a CI job
    summary): never through a symlink, never anything but a regular file, never an input of this
    run; a failure is an InputError."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, "not a regular file")
        if (info.st_dev, info.st_ino) in _inputs:
            raise _refuse(path, "it is one of the files being linted")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
