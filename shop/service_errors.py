"""What a service function refuses: a message translated for the person beside a code for the program (as Saleor's
``error_codes.py``). Views show ``message`` and branch on ``code``; tests assert the code, not the wording."""


class ServiceError(Exception):
    """A refused change: ``message`` is translated for the person, ``code`` (a StrEnum value) is for the program.

    A subclass sets ``code`` when it always means one thing; otherwise each ``raise`` gives its own.
    """

    code = None

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
