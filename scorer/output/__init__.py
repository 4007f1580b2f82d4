"""Output formats for check results."""

FORMATS = ("table", "markdown", "json", "sarif", "junit", "github", "docx")
"""The names ``scorer check --format`` accepts."""
