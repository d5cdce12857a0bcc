"""One family of errors, each with a message fit for the user.

They are caught as ``ScheduleExportError`` only in the CLI and the server,
which turn them into an ``error:`` line and an exit status.
"""


class ScheduleExportError(ValueError):
    """Base of every error this project raises on purpose."""


class InputError(ScheduleExportError):
    """The input cannot be read: missing, empty, binary or badly encoded."""


class ParseError(ScheduleExportError):
    """The input was read but holds no meeting we can schedule."""


class RenderError(ScheduleExportError):
    """A renderer could not produce its output."""


class UsageError(ScheduleExportError):
    """The command was called with options that do not fit together."""


class AddressError(ScheduleExportError):
    """An email address given by the user is not one a mail server would accept."""


class DeliveryError(ScheduleExportError):
    """The mail server could not be reached, refused the login or refused recipients."""
