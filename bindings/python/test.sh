#!/usr/bin/env bash
# Builds the Python wheel, installs it in a throwaway virtualenv, and runs the Python tests:
# pytest (warnings are errors; collecting nothing is a failure), mypy --strict over the tests
# and the example, and stubtest over the package. Run from anywhere; needs python3 and cargo.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$SECONDS

echo "== python: virtualenv and tools"
"$python" -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install -q --disable-pip-version-check "maturin>=1.9.4,<2" "pytest>=8" "mypy>=1.10"
# Optional: the flufl.bounce comparison in tests/test_flufl.py is skipped when it cannot be had.
"$py" -m pip install -q --disable-pip-version-check "flufl.bounce>=4" ||
    echo "flufl.bounce not installable: its comparison tests will be skipped"

echo "== python: CLI for the corpus comparison"
cargo build -q --locked -p mailbounce-cli --manifest-path "$root/Cargo.toml"
export MAILBOUNCE_CLI="$root/target/debug/mailbounce"

echo "== python: wheel (cargo profile \"python\")"
(cd "$here" && "$work/venv/bin/maturin" build --quiet --out "$work/dist" --interpreter "$py")
"$py" -m pip install -q --disable-pip-version-check "$work"/dist/mailbounce-*.whl

echo "== python: pytest"
status=0
(cd "$here" && "$py" -m pytest -p no:cacheprovider tests) || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure"
    exit 1
elif [ "$status" -ne 0 ]; then
    exit "$status"
fi

echo "== python: mypy --strict"
(cd "$here" && "$py" -m mypy --strict --cache-dir "$work/mypy-cache" tests bench.py "$root/examples/python")

echo "== python: stubtest"
# From an empty directory, so only the installed package is seen.
(cd "$work" && "$py" -m mypy.stubtest mailbounce)

echo "== python: done in $((SECONDS - started)) s"
