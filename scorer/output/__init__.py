"""Output formats for check results."""
