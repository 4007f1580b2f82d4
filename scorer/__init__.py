"""scorer: checklist and scoring engine for 法治政府建设年度报告."""

__version__ = "0.1.0"
HOMEPAGE = "https://github.com/fzzf-scorer/scorer"
"""The project's home (also ``[project.urls]`` in pyproject.toml); SARIF's ``informationUri``."""
