"""Start-up caches: the shipped checklists come from a pickle cache that is equal to a fresh
parse, is keyed on the files it came from, and is never trusted when damaged or foreign."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorer.checklist import cache as checklist_cache
from scorer.checklist.load import list_profiles, load_checklist
from scorer.support import diskcache


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "scorer"


def test_a_cached_checklist_equals_a_fresh_parse(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list_profiles():
        first = checklist_cache.load(name)
        assert first.model_dump() == load_checklist(name).model_dump()
    assert len(list(cache.glob("checklist-*.pickle"))) == len(list_profiles())

    def no_parse(name: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(checklist_cache, "load_checklist", no_parse)
    for name in list_profiles():
        again = checklist_cache.load(name)
        assert again.model_dump() == load_checklist(name).model_dump()
        assert [e.params.type for e in again.elements] == [e.params.type for e in load_checklist(name).elements]


def test_a_damaged_or_foreign_cache_file_is_parsed_again(cache: Path) -> None:
    checklist_cache.load("government")
    [file] = cache.glob("checklist-*.pickle")
    file.write_bytes(b"not a pickle")
    assert checklist_cache.load("government").id == load_checklist("government").id
    assert file.read_bytes() != b"not a pickle"  # rewritten
    file.chmod(0o666)
    assert not diskcache.trusted(file) and diskcache.read(file.name) is None


def test_a_checklist_outside_the_shipped_folder_is_always_parsed(cache: Path, tmp_path: Path) -> None:
    own = tmp_path / "own.yaml"
    own.write_text((Path(checklist_cache.CHECKLIST_DIR) / "government.yaml").read_text(encoding="utf-8")
                   .replace("extends: base-2021.yaml", f"extends: {checklist_cache.CHECKLIST_DIR / 'base-2021.yaml'}"),
                   encoding="utf-8")
    cl = checklist_cache.load(str(own))
    assert cl.path == str(own) and not list(cache.glob("checklist-*.pickle"))


def test_the_key_follows_the_checklist_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    base = Path(checklist_cache.CHECKLIST_DIR)
    for p in base.glob("*.yaml"):
        (folder / p.name).write_bytes(p.read_bytes())
    monkeypatch.setattr(checklist_cache, "CHECKLIST_DIR", folder)
    checklist_cache._fingerprint.cache_clear()
    before = checklist_cache._fingerprint()
    (folder / "government.yaml").write_text((folder / "government.yaml").read_text(encoding="utf-8") + "\n# edited\n",
                                            encoding="utf-8")
    checklist_cache._fingerprint.cache_clear()
    assert checklist_cache._fingerprint() != before
    checklist_cache._fingerprint.cache_clear()


def test_the_cached_gazetteer_equals_a_fresh_build(cache: Path) -> None:
    from importlib import resources

    from scorer.document import gazetteer

    gazetteer._data.cache_clear()
    try:
        first = gazetteer._data()
        assert len(list(cache.glob("gazetteer-*.pickle"))) == 1
        gazetteer._data.cache_clear()
        again = gazetteer._data()  # from the pickle
        fresh = gazetteer._build(resources.files("scorer").joinpath("data/admin_divisions.csv").read_text("utf-8"))
        assert again.by_code == fresh.by_code == first.by_code
        assert again.names == fresh.names and again.lengths == fresh.lengths
        assert [d.name for d in again.by_code["110101"].lineage()] == [d.name for d in fresh.by_code["110101"].lineage()]
    finally:
        gazetteer._data.cache_clear()


def test_a_check_served_from_the_caches_imports_no_yaml_parser(tmp_path: Path) -> None:
    """Once the shipped checklist is cached, and with no project config, ``scorer check`` never
    parses YAML: PyYAML is not imported (nor the web stack, nor scikit-learn)."""
    import json
    import os
    import subprocess
    import sys

    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_e716fb71ef367bd8.txt"
    code = ("import runpy, sys, json\n"
            f"sys.argv = ['scorer', 'check', {str(seed)!r}]\n"
            "try:\n    runpy.run_module('scorer', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(json.dumps(sorted(m for m in ('yaml', 'fastapi', 'uvicorn', 'sklearn') if m in sys.modules)))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for _ in range(2):  # the first run fills the caches (and may parse the checklist)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                             check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
