"""Errors a user can cause. Each renders as one line: ``WHERE: WHAT - WHAT TO DO``."""

from __future__ import annotations


class KgError(Exception):
    """Base class: ``where`` locates the problem, ``hint`` says what to do about it."""

    exit_code = 1

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} - {self.hint}" if self.hint else text


class InputError(KgError):
    """A document or RDF file that cannot be read as given."""


class UsageError(KgError):
    """Options or arguments that do not fit together."""

    exit_code = 2


class QueryError(KgError):
    """A SPARQL query that is malformed or not allowed."""

    exit_code = 2


class QueryTimeout(KgError):
    """A query that ran longer than its timeout and was stopped."""


class StoreError(KgError):
    """The store is missing, locked, or cannot be written."""


class ValidationError(KgError):
    """The graph does not conform to the SHACL shapes."""


class KgWarning(UserWarning):
    """Something skipped or guessed that the user should know about; one line like an error."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    __str__ = KgError.__str__
