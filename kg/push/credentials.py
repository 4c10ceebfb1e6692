"""How `kg push` authenticates: a user and password (HTTP Basic, or Digest when the server asks
for it), or a bearer token; the password given inline, from the environment, or from a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError


@dataclass(frozen=True, slots=True, kw_only=True)
class Credentials:
    """A user and password, or a token (never both)."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def __post_init__(self) -> None:
        if self.token is not None and self.user is not None:
            raise InputError("give a user and password or a token, not both")
        if self.password is not None and self.user is None:
            raise InputError("a password needs a user (--user)")

    def __repr__(self) -> str:  # never show a secret in a log or a traceback
        return f"Credentials(user={self.user!r}, password=..., token=...)"


def read_credentials(
    user: str | None,
    password: str | None = None,
    password_file: Path | None = None,
    token: str | None = None,
) -> Credentials | None:
    """The credentials the options give (None: none); the password file's first line."""
    if password is not None and password_file is not None:
        raise InputError("give --password or --password-file, not both")
    if password_file is not None:
        try:
            lines = password_file.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise InputError(
                f"cannot read the password file: {reason}", path=password_file
            ) from None
        if not lines or not lines[0]:
            raise InputError("the password file's first line is empty", path=password_file, line=1)
        password = lines[0]
    if user is None and password is None and token is None:
        return None
    return Credentials(user=user, password=password, token=token)
