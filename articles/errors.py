"""InputError: bad input named by file, line and what was expected."""
from __future__ import annotations


class InputError(ValueError):
    """Raised for input the pipeline cannot use; the message is one line for an editor."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        where = path + (f":{line}" if line else "") + (f":{column}" if line and column else "")
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.column = path, line, column
