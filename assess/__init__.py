"""assess: SRE maturity assessment and team-topology advisor."""

__version__ = "0.1.0"
