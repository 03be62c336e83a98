"""The one exception that means "the user must change something", not "the code is wrong".

``python -m digidip`` prints a ``UserError`` as one readable line and exits 2; any other
exception keeps its traceback, because it is a bug to report, not an input to fix.
"""


class UserError(Exception):
    """A mistake in what the user asked for or gave: the message says what to change."""
