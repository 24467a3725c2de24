"""Bytes to text: a file read whole (up to MAX_BYTES), decoded by its byte-order mark, else the
encoding asked for, else UTF-8; binary or undecodable input is an InputError naming the file."""
from __future__ import annotations

import os
import select
import stat
from pathlib import Path

from newslint.document import positions
from newslint.errors import InputError

_NUL_PROBE = 8192


# Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
MAX_BYTES = 10 * 1024 * 1024  # an article larger than this is not linted (a clear error instead)


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Bytes to text: by byte-order mark, else `encoding`, else UTF-8.

    A binary file (NUL characters near the start) or undecodable bytes are an InputError.
    """
    return decode_marked(data, path, encoding)[0]


def decode_marked(data: bytes, path: str, encoding: str | None) -> tuple[str, str, bytes]:
    """The text, the encoding it was read in and the byte-order mark it began with."""
    chosen, mark = encoding, b""
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, chosen, mark = data[len(bom):], name, bom
            break
    if chosen is None:
        if b"\x00" in data[:_NUL_PROBE]:
            raise InputError(path, _nul_bytes(data[:_NUL_PROBE]))
        chosen = "utf-8"
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as exc:
        line = len(positions.line_starts(data[:exc.start].decode(chosen, "replace")))
        label = "UTF-8" if chosen == "utf-8" else chosen
        why = f"not valid {label} (byte 0x{data[exc.start]:02x} at line {line})"
        if encoding is None and not mark and _reads_as(data, "cp1252"):  # a Western file from an older editor
            why += "; if it was saved as Windows-1252 or Latin-1, --encoding cp1252 reads it"
        raise InputError(path, why) from None
    except LookupError:
        raise InputError(path, f"unknown encoding {chosen!r}") from None
    if "\x00" in text[:_NUL_PROBE]:
        raise InputError(path, "binary file (NUL bytes); not linted")
    if chosen != "utf-8":  # some codecs (UTF-7) decode to lone surrogates, which no output can hold
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            line = len(positions.line_starts(text[:exc.start]))
            raise InputError(path, f"not valid {chosen}: it decodes to a lone surrogate (line {line})") from None
    return text, chosen, mark


def _reads_as(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _nul_bytes(probe: bytes) -> str:
    """Why a file with NUL bytes and no byte-order mark is not linted: UTF-16 text saved without its
    mark (a NUL beside most Latin letters, always on the same side), else a binary file."""
    even, odd = probe[0::2].count(0), probe[1::2].count(0)
    pairs = len(probe) // 2
    if len(probe) % 2 or pairs < 4:  # UTF-16 comes in whole pairs of bytes; a few bytes tell nothing
        return "binary file (NUL bytes); not linted"
    for nuls, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if not other and nuls >= pairs / 2:
            return f"looks like {codec.upper()} without a byte-order mark; not linted (--encoding {codec} reads it)"
    return "binary file (NUL bytes); not linted"


def too_large(size: int) -> str:
    return f"file too large ({size / 1048576:.1f} MB; articles up to {MAX_BYTES // 1048576} MB are linted)"


PIPE_WAIT = 3.0  # seconds a named pipe may stay silent before it is reported, not waited on for ever


def _wait_for_writes(fd: int, mode: int, name: str) -> None:
    """Reads from now on wait for a pipe's writer, as usual (the open did not); a named pipe that
    nothing is written to within PIPE_WAIT is an InputError."""
    if stat.S_ISFIFO(mode) and hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        if not poller.poll(int(PIPE_WAIT * 1000)):
            raise InputError(name, "a named pipe with no one writing to it")
    try:
        import fcntl
    except ImportError:  # no such flags to clear where there is no fcntl
        return
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)


def read_bytes(path: Path, name: str) -> bytes:
    """A file's bytes, read whole; any failure (too large included) is an InputError naming the file."""
    try:
        # Opened without waiting: a named pipe that no one writes to would otherwise hang the run.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            mode = os.fstat(fd).st_mode
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
                raise InputError(name, "not a regular file (a device or a socket)")
            _wait_for_writes(fd, mode, name)
            size = os.fstat(fd).st_size
            if size > MAX_BYTES:
                raise InputError(name, too_large(size))
            # A file is read at its size (one byte more tells if it grew); a pipe's size is unknown
            # until read. Asking for MAX_BYTES at once would allocate that much for every file.
            data = handle.read(size + 1 if size else MAX_BYTES + 1)
            if size and len(data) > size:
                data += handle.read(MAX_BYTES + 1 - len(data))
            if not data and stat.S_ISFIFO(mode):
                raise InputError(name, "a named pipe with nothing written to it")
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    return data
