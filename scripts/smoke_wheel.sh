#!/usr/bin/env bash
# Installs inclusiedesk as users do and runs the smoke test (scripts/smoke_installed.py):
#   1. build the sdist, and the wheel from that sdist (so the sdist must carry everything);
#   2. install the wheel, not editable, into a fresh virtual environment;
#   3. run the commands from an empty folder with an empty HOME and no overrides;
#   4. install straight from the clone (what `pipx install .` does) and check the guides.
# Needs the test environment of scripts/setup.sh (for `build`) and Chromium for `a11y demo`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/.venv/bin/python" -m build --outdir "$work/dist" "$root" > "$work/build.log" 2>&1 \
    || { cat "$work/build.log"; exit 1; }
wheel=("$work"/dist/*.whl)
echo "built ${wheel[0]##*/} and $(basename "$work"/dist/*.tar.gz)"

# IBM's engine is installed once per machine user (scripts/ibm_engine.sh, in setup.sh), in
# the cache of the real HOME; the empty HOME is pointed at that copy for `a11y demo`.
ibm_script="$("$root/.venv/bin/python" -c 'from a11y import settings; print(settings.ibm_script_path())')"

smoke() {  # smoke VENV [--quick]: run the smoke test with that venv, in an empty folder and HOME
    local venv="$1"; shift
    mkdir -p "$work/home-${venv##*/}" "$work/cwd-${venv##*/}"
    (
        cd "$work/cwd-${venv##*/}"
        env -u HELPDESK_DB -u HELPDESK_CONFIG -u A11Y_DB -u INCLUSIEDESK_DATA -u HELPDESK_GUIDES_DIR \
            -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u PYTHONPATH \
            HOME="$work/home-${venv##*/}" A11Y_IBM_SCRIPT="$ibm_script" \
            "$venv/bin/python" "$root/scripts/smoke_installed.py" "$@" "$root"
    )
}

install() {  # install VENV WHAT: a fresh venv with WHAT installed (pip's output only on failure)
    python3 -m venv "$1"
    "$1/bin/pip" install -q --disable-pip-version-check "$2" > "$work/pip.log" 2>&1 \
        || { cat "$work/pip.log"; exit 1; }
}

install "$work/wheel" "${wheel[0]}"
smoke "$work/wheel"

install "$work/clone" "$root"
smoke "$work/clone" --quick
