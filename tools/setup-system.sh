#!/usr/bin/env bash
# Install the Debian packages the page tests need: a headless browser and CJK fonts; arguments name
# more (`make bench` adds hey, the HTTP load tool). Idempotent: does nothing when every package is
# already installed.
set -euo pipefail

PACKAGES=(chromium fonts-noto-cjk "$@")

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-system: already installed: ${PACKAGES[*]}"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo)
else
    echo "setup-system: missing ${missing[*]}; run this script as root or with sudo:" >&2
    echo "    sudo $0" >&2
    exit 1
fi

echo "setup-system: installing ${missing[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
