#!/usr/bin/env bash
# The install step's detection of missing packages (tools/install_deps.sh), run by ctest natively.
#
# Issue 10: `dpkg-query -W a b c` exits 1 when any name is unknown to dpkg, and under pipefail that
# emptied the list of missing packages exactly when packages were missing, so a new machine got
# nothing installed. Here a name that cannot exist is added to the real list; the dry run must name
# it, and name exactly the real packages that dpkg, asked one at a time, does not list as installed.
# apt-get, npm and sudo are replaced by stubs that record their calls: a dry run calls none of them.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
script=$top/tools/install_deps.sh
bogus=cnnplay-no-such-package-0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir "$tmp/bin"
for cmd in apt-get npm sudo; do
  printf '#!/bin/sh\necho "%s $*" >> "%s/calls"\n' "$cmd" "$tmp" >"$tmp/bin/$cmd"
  chmod +x "$tmp/bin/$cmd"
done
stubbed() { PATH="$tmp/bin:$PATH" "$@"; }

# The real list, read from the script itself so that a package added there is checked here too.
read -r -a real <<<"$(sed -n 's/^APT_PACKAGES=(\(.*\))$/\1/p' "$script")"
[[ ${#real[@]} -ge 5 ]] || fail "could not read APT_PACKAGES from $script (found: ${real[*]:-nothing})"

expected=()
for p in "${real[@]}" "$bogus"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ $status == installed ]] || expected+=("$p")
done

# 1. The dry run names exactly what is missing, the impossible name among them.
out=$(stubbed bash "$script" --dry-run --extra-apt "$bogus" apt) || fail "dry run exited $?: $out"
want="would apt-get install ${expected[*]}"
[[ $out == "$want" ]] || fail "dry run printed [$out], expected [$want]"
[[ ! -e $tmp/calls ]] || fail "a dry run ran: $(cat "$tmp/calls")"
echo "ok: dry run names the missing packages: ${expected[*]}"

# 2. With nothing extra, the dry run names the missing real packages only (none on a set-up machine).
out=$(stubbed bash "$script" --dry-run apt) || fail "dry run exited $?: $out"
if [[ ${#expected[@]} -gt 1 ]]; then
  want="would apt-get install ${expected[*]:0:${#expected[@]}-1}"
else
  want=""
fi
[[ $out == "$want" ]] || fail "dry run printed [$out], expected [$want]"
echo "ok: without the extra name: [${out}]"

# 3. A real run whose apt-get "succeeds" yet leaves a package uninstalled stops with a message
#    naming it, instead of letting the build fail later on "emcmake: not found".
set +e
err=$(stubbed bash "$script" --extra-apt "$bogus" apt 2>&1 >/dev/null)
code=$?
set -e
[[ $code -ne 0 ]] || fail "an install that left $bogus missing exited 0"
[[ $err == *"dpkg does not list: "*"$bogus"* ]] || fail "no message naming $bogus: [$err]"
grep -q "apt-get .* install .*$bogus" "$tmp/calls" || fail "apt-get install was not asked for $bogus: $(cat "$tmp/calls")"
echo "ok: an install that leaves a package missing fails, naming it"

# 4. Nonsense arguments are refused with the usage line.
set +e
err=$(bash "$script" --no-such-option 2>&1)
code=$?
set -e
[[ $code -eq 2 && $err == usage:* ]] || fail "a bad option gave exit $code: [$err]"
echo "ok: a bad option prints the usage"
