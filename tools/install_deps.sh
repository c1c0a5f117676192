#!/usr/bin/env bash
# Installs what the build and the tests need on Debian bookworm, and nothing that is already there.
#
#   tools/install_deps.sh            apt packages, npm packages and the Dear ImGui sources
#   tools/install_deps.sh apt npm    only the steps named (apt, npm, imgui)
#
# Idempotent and silent when everything is present (one dpkg-query and a few stat calls).
# Runs unattended as root (CI: no stdin); as another user it goes through sudo.
# python3-torch is deliberately not here: only tests/fixtures/make_fixtures.py needs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The build (cmake, g++, make), unit tests (googletest), the WASM toolchain (emscripten; wabt for
# wasm-objdump), the native UI (libglfw3-dev, xvfb to run it headless) and the browser tests.
APT_PACKAGES=(cmake g++ make googletest libgtest-dev emscripten libglfw3-dev xvfb chromium wabt)
IMGUI_DIR=build/cache/imgui-1.86+ds
DEB_SRC_FILE=/etc/apt/sources.list.d/debian-src.sources

export DEBIAN_FRONTEND=noninteractive
SUDO=()
if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo -n); fi
APT_GET=("${SUDO[@]}" apt-get -y -qq -o DPkg::Lock::Timeout=600)
apt_updated=0

log() { echo "install_deps: $*" >&2; }

apt_update_once() {
  if [[ $apt_updated -eq 0 ]]; then
    log "apt-get update"
    "${APT_GET[@]}" update >/dev/null
    apt_updated=1
  fi
}

# Prints the packages among "$@" that dpkg does not list as installed.
missing_packages() {
  local installed
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null \
              | awk '$2 == "installed" { print $1 }')
  local p
  for p in "$@"; do
    grep -qxF "$p" <<<"$installed" || echo "$p"
  done
}

apt_install_missing() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  [[ ${#missing[@]} -eq 0 ]] && return 0
  apt_update_once
  log "apt-get install ${missing[*]}"
  "${APT_GET[@]}" install "${missing[@]}" >/dev/null
}

step_apt() {
  local packages=("${APT_PACKAGES[@]}")
  # The machine image ships Node 20 + npm 11 outside dpkg's view of "npm": check the commands.
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
  apt_install_missing "${packages[@]}"
}

step_npm() {
  # npm ci rewrites node_modules/.package-lock.json; touch it so an unchanged lock is not re-run.
  local stamp=node_modules/.package-lock.json
  if [[ -f $stamp && ! package-lock.json -nt $stamp && ! package.json -nt $stamp ]]; then
    return 0
  fi
  if [[ -f package-lock.json ]]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  else
    log "npm install"
    npm install --no-audit --no-fund --loglevel=error >/dev/null
  fi
  touch "$stamp"
}

# Writes a deb-src twin of the first deb entry, so that `apt-get source` finds Debian's sources.
add_deb_src() {
  [[ -f $DEB_SRC_FILE ]] && return 0
  local twin
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    # First stanza (up to the first blank line), comments dropped, Types: deb -> deb-src.
    twin=$(awk 'BEGIN { RS = ""; FS = "\n" } NR == 1 {
                  for (i = 1; i <= NF; i++) {
                    if ($i ~ /^#/) continue
                    if ($i ~ /^Types:/) $i = "Types: deb-src"
                    print $i
                  }
                }' /etc/apt/sources.list.d/debian.sources)
  elif [[ -f /etc/apt/sources.list ]]; then
    # One-line style: the first "deb" line becomes "deb-src"; written as a .list file.
    DEB_SRC_FILE=${DEB_SRC_FILE%.sources}.list
    [[ -f $DEB_SRC_FILE ]] && return 0
    twin=$(awk '$1 == "deb" { $1 = "deb-src"; print; exit }' /etc/apt/sources.list)
  fi
  if [[ -z ${twin:-} ]]; then
    log "no Debian apt source found to make a deb-src twin of"
    return 1
  fi
  log "adding $DEB_SRC_FILE"
  printf '%s\n' "$twin" | "${SUDO[@]}" tee "$DEB_SRC_FILE" >/dev/null
  apt_updated=0  # a new source needs a fresh index
}

has_imgui_source() { apt-cache showsrc imgui 2>/dev/null | grep -q '^Package: imgui'; }

step_imgui() {
  [[ -f $IMGUI_DIR/imgui.h ]] && return 0
  apt_install_missing dpkg-dev  # apt-get source unpacks with dpkg-source
  if ! has_imgui_source; then
    add_deb_src
    apt_updated=0
    apt_update_once
  fi
  log "apt-get source imgui -> $IMGUI_DIR"
  mkdir -p build/cache
  # Downloading as root into a folder _apt cannot read only warns; keep the output quiet.
  (cd build/cache && apt-get -qq source imgui >/dev/null 2>&1) || {
    (cd build/cache && apt-get source imgui) >&2
    return 1
  }
  [[ -f $IMGUI_DIR/imgui.h ]] || { log "apt-get source imgui did not unpack to $IMGUI_DIR"; return 1; }
}

steps=("$@")
[[ ${#steps[@]} -eq 0 ]] && steps=(apt npm imgui)
# On a fresh machine, add the deb-src entry first so that one apt-get update serves both steps.
if [[ " ${steps[*]} " == *" imgui "* && ! -f $IMGUI_DIR/imgui.h ]]; then add_deb_src; fi
for s in "${steps[@]}"; do
  case $s in
    apt | npm | imgui) "step_$s" ;;
    *) echo "usage: $0 [apt] [npm] [imgui]   (no argument: all three)" >&2; exit 2 ;;
  esac
done
