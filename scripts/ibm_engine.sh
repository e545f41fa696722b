#!/usr/bin/env bash
# Installs IBM's Equal Access engine, the scanner's second engine (a11y.browser.ibm), once:
#   scripts/ibm_engine.sh [PYTHON]   (PYTHON: the venv's python with inclusiedesk installed)
# `npm pack` downloads the tarball of the version pinned in a11y/settings.py from the npm
# registry (npm checks it against the registry's hash); its sha512 is then compared with
# the hash pinned beside the version, so a tarball replaced on the registry is refused.
# Only ace.js, its licence file and package.json are kept, in the user's cache
# (~/.cache/inclusiedesk/accessibility-checker-engine-VERSION), never in the repository.
set -euo pipefail
python="${1:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python}"
read -r name version integrity dest < <("$python" -c 'from a11y import settings as s
print(s.IBM_ENGINE_PACKAGE, s.IBM_ENGINE_VERSION, s.IBM_ENGINE_INTEGRITY, s.ibm_engine_dir())')
[ -f "$dest/ace.js" ] && exit 0
command -v npm >/dev/null || { echo "ibm_engine.sh: npm is needed (apt-get install npm)" >&2; exit 1; }
echo "Installing $name $version (IBM Equal Access engine) into $dest"
tmp="$(mktemp -d)"
(cd "$tmp" && npm pack --silent --no-audit --no-fund "$name@$version" >/dev/null)
tgz="$tmp/$name-$version.tgz"
got="sha512-$("$python" -c 'import base64, hashlib, sys
print(base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tgz")"
if [ "$got" != "$integrity" ]; then
    rm -rf "$tmp"
    echo "ibm_engine.sh: $name-$version.tgz does not match the pinned sha512; not installed" >&2
    exit 1
fi
tar -xzf "$tgz" -C "$tmp" package/ace.js package/ace.js.LICENSE.txt package/package.json
mkdir -p "$dest"
cp "$tmp/package/ace.js.LICENSE.txt" "$tmp/package/package.json" "$dest/"
# ace.js last and renamed into place: its presence means a complete installation.
cp "$tmp/package/ace.js" "$dest/ace.js.part" && mv "$dest/ace.js.part" "$dest/ace.js"
rm -rf "$tmp"
