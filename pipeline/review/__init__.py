"""The local web review queue."""
