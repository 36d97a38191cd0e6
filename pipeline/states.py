"""The queue's states: a light module, so commands can check a --status without loading the queue."""

STATES = ("pending", "approved", "rejected", "skipped", "applied")
