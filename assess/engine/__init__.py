"""The pure engine: questionnaire + answers -> Assessment. No I/O, no clock."""

from assess.engine.assessment import assess

__all__ = ["assess"]
