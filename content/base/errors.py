"""The refusal every app shows to the person who asked: one Indonesian sentence, nothing written."""


class NotAllowed(Exception):
    """A request the rules refuse. `message` is shown as it is to the person who made it, and
    whatever raised it has written nothing."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
