"""Project configuration: ``.scorer.yaml`` or ``[tool.scorer]`` in ``pyproject.toml``.

Found from a start folder (the current directory) upward; the search stops at the filesystem
root or at a folder that holds ``.git``. Keys: checklist, profile, fail_under, fail_on,
waivers, format (``fail-under`` spellings are accepted too). Unknown keys are errors with
``file:line``. Paths in the file are relative to the file's folder. Command-line flags win.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scorer.checklist.load import validation_message
from scorer.gate.decide import FAIL_ON
from scorer.gate.waivers import WAIVERS_FILE
from scorer.output import FORMATS
from scorer.support.errors import ScorerError
from scorer.support.yaml_source import YamlRules, read_text, read_yaml

CONFIG_FILE = ".scorer.yaml"
PYPROJECT = "pyproject.toml"


class ConfigError(ScorerError):
    """The project configuration is invalid (exit status 2)."""


class _ConfigModel(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    checklist: str | None = None
    profile: str | None = None
    fail_under: float | None = Field(default=None, ge=0, le=100)
    fail_on: Literal[FAIL_ON] | None = None  # type: ignore[valid-type]
    waivers: str | None = None
    format: Literal[FORMATS] | None = None  # type: ignore[valid-type]


@dataclass(frozen=True)
class Config:
    path: str  # the file it was read from
    checklist: str | None = None  # a profile name or a path (made absolute when it is a file)
    profile: str | None = None
    fail_under: float | None = None
    fail_on: str | None = None
    waivers: str | None = None  # path of the waivers file, absolute
    format: str | None = None

    @property
    def root(self) -> Path:
        return Path(self.path).resolve().parent


def shown_path(path: str | Path) -> str:
    """How a file the tool found is named in messages: relative to the current directory when it
    lies inside it (``.scorer-waivers.yaml``, ``docs/.scorer.yaml``), else as it is."""
    p = Path(path)
    if p.is_absolute():
        for cwd in {Path.cwd(), Path.cwd().resolve()}:
            try:
                return str(p.relative_to(cwd))
            except ValueError:
                continue
    return str(p)


def find_upward(start: Path, found: Callable[[Path], Path | None]) -> Path | None:
    """The first hit of ``found(folder)`` from ``start`` upward, stopping after a ``.git`` folder."""
    folder = start.resolve()
    for d in (folder, *folder.parents):
        hit = found(d)
        if hit is not None:
            return hit
        if (d / ".git").exists():
            return None
    return None


def _config_in(folder: Path) -> Path | None:
    own = folder / CONFIG_FILE
    if own.is_file():
        return own
    py = folder / PYPROJECT
    if py.is_file():
        try:
            text = py.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
        if re.search(r"^\s*\[\s*tool\s*\.\s*scorer\s*\]", text, re.M):
            return py
    return None


def discover(start: Path | None = None) -> Config | None:
    """The project configuration that applies in ``start`` (default: the current directory)."""
    path = find_upward(start or Path.cwd(), _config_in)
    return load_config(shown_path(path)) if path else None


def default_waivers(config: Config | None, start: Path | None = None) -> Path | None:
    """The waivers file that applies when none is named: next to the config, else found upward."""
    if config is not None:
        candidate = config.root / WAIVERS_FILE
        return candidate if candidate.is_file() else None

    def here(d: Path) -> Path | None:
        return d / WAIVERS_FILE if (d / WAIVERS_FILE).is_file() else None

    return find_upward(start or Path.cwd(), here)


def _yaml_table(path: Path) -> tuple[dict[str, Any], Callable[[str], tuple[int, int]]]:
    src = read_yaml(path, ConfigError, YamlRules(what="配置文件"))
    data = {} if src.data is None else src.data
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1 配置必须是一个映射（key: value）")
    return data, lambda key: src.find((key,))


def _toml_table(path: Path) -> tuple[dict[str, Any], Callable[[str], tuple[int, int]]]:
    text = read_text(path, ConfigError, "配置文件")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        raise ConfigError(f"{path}:{line}:{col} TOML 语法错误：{exc}") from None
    table = data.get("tool", {}).get("scorer", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}:1:1 [tool.scorer] 必须是一个表")
    lines = text.splitlines()
    start = next((i for i, ln in enumerate(lines) if re.match(r"\s*\[\s*tool\s*\.\s*scorer\s*\]", ln)), 0)

    def where(key: str) -> tuple[int, int]:
        for i in range(start, len(lines)):
            m = re.match(rf"(\s*)[\"']?{re.escape(key)}[\"']?\s*=", lines[i])
            if m:
                return i + 1, len(m.group(1)) + 1
        return start + 1, 1

    return table, where


def load_config(path: str | Path) -> Config:
    """Read and validate one configuration file (``.yaml``/``.yml`` or ``pyproject.toml``)."""
    path = Path(path)
    table, where = (_toml_table if path.suffix == ".toml" else _yaml_table)(path)
    spelled = {str(k).replace("-", "_"): str(k) for k in table}
    data = {str(k).replace("-", "_"): v for k, v in table.items()}
    try:
        m = _ConfigModel.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else ""
        line, col = where(spelled.get(key, key))
        msg = validation_message(dict(err))
        if err["type"] == "extra_forbidden":
            msg += "（可用：checklist、profile、fail_under、fail_on、waivers、format）"
        raise ConfigError(f"{path}:{line}:{col} {spelled.get(key, key)}: {msg}") from None
    root = path.resolve().parent
    checklist = m.checklist
    if checklist and (root / checklist).is_file():
        checklist = str(root / checklist)
    return Config(path=str(path), checklist=checklist, profile=m.profile, fail_under=m.fail_under,
                  fail_on=m.fail_on, waivers=str(root / m.waivers) if m.waivers else None,
                  format=m.format)
