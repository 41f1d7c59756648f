"""Errors that end a run with a one-line message and exit code 2."""


class LawlintError(Exception):
    """A user-facing error: bad input, bad config, bad rule pack. Printed as one line."""


class InputError(LawlintError):
    """A file that cannot be read or decoded; the other files are still linted."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
