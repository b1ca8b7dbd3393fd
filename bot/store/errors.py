"""What the store raises when the database cannot be used as it is."""


class StoreError(Exception):
    """The database cannot be used as it is; the message says why and what to do."""


class DatabaseInUse(StoreError):
    """Another bot runs on the database (`sole_bot`)."""
