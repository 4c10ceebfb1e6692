"""``kg build --shard I/N``: a deterministic 1/N of the page files, by their content hash.

Page file ``f`` belongs to shard ``int(sha256(bytes of f), 16) % N + 1``, so N machines
each building one shard of the same files build every page exactly once, whatever order or
folder the files are found in, and a page keeps its shard until its bytes change. A file that
cannot be read is placed by the hash of its path instead, so exactly one shard reports it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

_SYNTAX = re.compile(r"(\d+)/(\d+)")


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard ``index`` (1-based) of ``count``."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if not 1 <= self.index <= self.count:
            raise InputError(
                f"shard {self.index}/{self.count}: I must be between 1 and N (e.g. 1/{max(self.count, 1)})"
            )

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, file: str | Path) -> bool:
        """True when the page file ``file`` belongs to this shard."""
        return shard_of(file, self.count) == self.index

    def select(self, files: Sequence[str]) -> list[str]:
        """The files of this shard (order kept); an :class:`InputError` when there is none."""
        mine = [f for f in files if self.holds(f)]
        if not mine:
            raise InputError(
                f"shard {self} holds none of the {len(files)} page files "
                "(fewer pages than shards, or by chance): nothing to build"
            )
        return mine


def parse_shard(text: str) -> Shard:
    """``"I/N"`` as a :class:`Shard`; an :class:`InputError` saying what is wrong otherwise."""
    m = _SYNTAX.fullmatch(text.strip())
    if m is None:
        raise InputError(f"--shard {text!r}: expected I/N, two whole numbers such as 2/3")
    index, count = int(m.group(1)), int(m.group(2))
    if count < 1:
        raise InputError(f"--shard {text!r}: N must be at least 1")
    return Shard(index, count)


def shard_of(file: str | Path, count: int) -> int:
    """The 1-based shard of ``count`` that the page file ``file`` belongs to."""
    try:
        digest = hashlib.sha256(Path(file).read_bytes()).hexdigest()
    except OSError:
        digest = hashlib.sha256(str(file).encode("utf-8")).hexdigest()
    return int(digest, 16) % count + 1
