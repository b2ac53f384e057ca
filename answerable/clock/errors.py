"""The one error of the statutory clock."""


class ClockError(ValueError):
    """A deadline that cannot be counted from what was given.

    `field` names the argument at fault (e.g. "fee_paid"), so that a caller such as the
    `deadline` command can name its own option in the message.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
