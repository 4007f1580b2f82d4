#!/usr/bin/env bash
# The test suite with the newest dependency versions a fresh install resolves, and with the
# oldest versions the bounds in pyproject.toml allow, each in a throwaway virtual environment.
#
#   tools/dependency_bounds.sh [newest|lowest|both] [pytest arguments...]
#
# "lowest" resolves with uv's --resolution lowest-direct: every direct dependency (the project's
# and the test extra's) at its lower bound, the packages they pull in at their newest. uv comes
# from the package index into a throwaway environment; each test environment also gets pip
# (--seed), which the packaging test uses. PYTHON picks the interpreter (default python3).
# Exit status: 0 when the suite passed in every mode, 1 when it failed in one, 3 when an
# environment could not be installed (no network, no wheel for this Python).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-both}
[ $# -gt 0 ] && shift
case "$mode" in
  newest) modes=(newest) ;;
  lowest) modes=(lowest) ;;
  both) modes=(newest lowest) ;;
  *) echo "usage: $0 [newest|lowest|both] [pytest arguments...]" >&2; exit 2 ;;
esac
PY=${PYTHON:-python3}
# uv ships its own root certificates; use the system's store, as pip on Debian does (a machine
# behind a TLS-inspecting proxy trusts its CA only there).
export UV_SYSTEM_CERTS=${UV_SYSTEM_CERTS:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/scorer-bounds.XXXXXX")
trap 'rm -rf "$work"' EXIT

if ! { "$PY" -m venv "$work/uv" && "$work/uv/bin/python" -m pip install -q uv; } >"$work/uv.log" 2>&1; then
  cat "$work/uv.log" >&2
  echo "dependency_bounds: could not install uv" >&2
  exit 3
fi
uv=$work/uv/bin/uv
status=0
for m in "${modes[@]}"; do
  resolution=$([ "$m" = lowest ] && echo lowest-direct || echo highest)
  env=$work/$m
  echo "== $m ($resolution)"
  if ! { "$uv" venv -q --seed --python "$PY" "$env" &&
         "$uv" pip install -q --python "$env/bin/python" --resolution "$resolution" \
           --reinstall-package setuptools --reinstall-package wheel -e '.[test]'; } \
       >"$work/$m.log" 2>&1; then
    cat "$work/$m.log" >&2
    echo "dependency_bounds: could not install the $m environment" >&2
    exit 3
  fi
  # the direct dependencies as resolved, for the record
  "$uv" pip freeze --python "$env/bin/python" --exclude-editable 2>/dev/null |
    grep -iE '^(pydantic|pyyaml|jieba|tabulate|python-docx|lxml|pdfminer[.-]six|charset-normalizer|opencc-python-reimplemented|jinja2|openpyxl|google-re2|regex|fastapi|starlette|uvicorn|python-multipart|pytest|hypothesis|reportlab|ruff|httpx|jsonschema|playwright|pre-commit|setuptools|wheel)==' |
    tr '\n' ' '
  echo
  if ! PATH="$env/bin:$PATH" "$env/bin/python" -m pytest -q -p no:cacheprovider "$@"; then
    echo "dependency_bounds: the tests failed with the $m versions" >&2
    status=1
  fi
done
exit $status
