#!/usr/bin/env bash
# Runs every LocalityLab check and test, then prints one line: "N passed, N failed, N skipped".
# Needs only the .NET 10 SDK; anything else a test needs is set up here when it is missing.
set -uo pipefail
cd "$(dirname "$0")"

# The PostgreSQL storage tests start a private server from the system's PostgreSQL binaries.
if [ -z "${LOCALITYLAB_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing PostgreSQL (needed by the PostgreSQL storage tests)"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
    || echo "could not install PostgreSQL; set LOCALITYLAB_TEST_POSTGRES to a server's connection string"
fi

# The scale-out tests start a private Redis server (the SignalR backplane between web instances).
if [ -z "${LOCALITYLAB_TEST_REDIS:-}" ] && [ ! -x /usr/bin/redis-server ]; then
  echo "== installing Redis (needed by the scale-out tests)"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null \
    || echo "could not install Redis; set LOCALITYLAB_TEST_REDIS to a server's host:port"
fi

# The browser tests drive Debian's Chromium through Playwright (Playwright's own download is not served).
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Chromium (needed by the browser tests)"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null \
    || echo "could not install Chromium; the browser tests will fail"
fi

results="$PWD/TestResults"
rm -rf "$results"
failed_steps=()

echo "== build (warnings are errors)"
dotnet build Web.sln -c Debug -nologo -clp:ErrorsOnly || failed_steps+=("build")

echo "== format"
dotnet format Web.sln --verify-no-changes --no-restore || failed_steps+=("dotnet format (run: dotnet format Web.sln)")

echo "== tests"
for project in Compute.Tests Web.Tests; do
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$project.trx" --results-directory "$results" \
    || failed_steps+=("$project")
done

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done

for step in "${failed_steps[@]}"; do echo "FAILED: $step"; done
# A failed build or format check counts as a failure even when no test ran.
if [ ${#failed_steps[@]} -gt 0 ] && [ "$failed" -eq 0 ]; then failed=${#failed_steps[@]}; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ ${#failed_steps[@]} -eq 0 ] && [ "$failed" -eq 0 ]
