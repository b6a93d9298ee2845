"""The claim graph: building, recurring-claim linking, exports and the HTML view."""

__version__ = "0.1.0"
