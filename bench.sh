#!/usr/bin/env bash
# Runs every LocalityLab benchmark on this machine and rewrites BENCHMARKS.md at the repository root.
#
#   ./bench.sh              every benchmark; rewrites BENCHMARKS.md
#   ./bench.sh estimates    only the admission estimates against whole runs (a few minutes); rewrites that section
#
# Compute: the engine's benchmark suite (bench/Engine, `LocalityLab.Bench bench`, Release) and the PyTorch peer (bench/peer_pytorch.py) time the same work,
# suite by suite, one right after the other, on the same number of threads. SignalR: the web app (Release, a
# temporary SQLite file, a free loopback port) under 50 MessagePack subscribers (bench/SignalRLoad).
# Needs the .NET 10 SDK; the peer's Debian packages are installed here when missing (root or sudo).
#
#   ./bench.sh scaleout     only the remote workers: two with one thread vs one with two, and the hand-over (about 15 minutes)
#
# Environment: BENCH_KEEP=1 keeps the raw results (JSON) in the printed folder; BENCH_THREADS (the peer's threads, default: all cores),
# BENCH_OURS_THREADS (unset: ours as shipped, half the cores per stream), BENCH_REPEATS (5), BENCH_IMP_REPEATS (3),
# BENCH_STUDY_REPEATS (1: the study suite's studies take minutes), BENCH_CONNECTIONS (50),
# BENCH_SCALEOUT_REPEATS (3 queues of 8 runs per layout), BENCH_HANDOVERS (3),
# BENCH_NICE (unset: normal priority; e.g. -10 makes the benchmarks outrank other work on a shared machine).
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD

threads=${BENCH_THREADS:-$(nproc)}
repeats=${BENCH_REPEATS:-5}
imp_repeats=${BENCH_IMP_REPEATS:-3}
study_repeats=${BENCH_STUDY_REPEATS:-1}
connections=${BENCH_CONNECTIONS:-50}
priority=()
if [ -n "${BENCH_NICE:-}" ]; then priority=(nice -n "$BENCH_NICE"); fi

work=$(mktemp -d /tmp/localitylab-bench.XXXXXX)
server_pid=""
postgres_stop=()
started=$(date +%s)
finish() {
  local code=$?
  if [ ${#postgres_stop[@]} -gt 0 ]; then "${postgres_stop[@]}" >/dev/null 2>&1 || true; fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$code" -ne 0 ]; then
    echo "bench.sh failed (exit $code); logs and results kept in $work" >&2
  elif [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "raw results kept in $work"
  else
    rm -rf "$work"
  fi
}
trap finish EXIT

command -v dotnet >/dev/null || { echo "bench.sh needs the .NET 10 SDK (dotnet) on PATH." >&2; exit 1; }

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The lab with remote workers on this machine (docs/DEPLOY.md on loopback): a private PostgreSQL (Debian's, installed
# when missing), the published web app with Compute:Workers = Remote, and bench/ScaleOut, which starts and kills the
# worker processes. Writes $work/scaleout.json.
scaleout() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "== installing PostgreSQL (the scale-out benchmark's store and job store)"
    as_root=(); if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  local bin pg as_postgres=() pg_port web_port key
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg="$work/pg"; mkdir -p "$pg"; chmod o+x "$work"   # the postgres user reaches its folder through ours
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg"; as_postgres=(runuser -u postgres --); fi
  pg_port=$(free_port)
  "${as_postgres[@]}" "$bin/initdb" -D "$pg/data" -A trust -U postgres --no-sync >/dev/null
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1" start >/dev/null
  postgres_stop=("${as_postgres[@]}" "$bin/pg_ctl" -D "$pg/data" -m fast stop)
  local connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=localitylab_bench"
  key=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)
  web_port=$(free_port)
  (
    cd "$work/web"
    exec env -u OMP_WAIT_POLICY ASPNETCORE_URLS="http://127.0.0.1:$web_port" Storage__ConnectionString="$connection" \
      Compute__Workers=Remote Compute__WorkerKey="$key" Compute__WorkerLeaseSeconds=10 Compute__Device=cpu \
      Security__SubmissionsPerMinute=1000 Security__MaxQueuedRunsPerUser=1000 dotnet LocalityLab.Web.dll >"$work/scaleout-web.log" 2>&1
  ) &
  server_pid=$!
  "${priority[@]}" dotnet bench/ScaleOut/bin/Release/net10.0/LocalityLab.ScaleOut.dll --url "http://127.0.0.1:$web_port" \
    --server-log "$work/scaleout-web.log" --compute "$work/worker/LocalityLab.Compute.dll" --postgres "$connection" --worker-key "$key" \
    --runs 8 --repeats "${BENCH_SCALEOUT_REPEATS:-3}" --hand-overs "${BENCH_HANDOVERS:-3}" --lease 10 --out "$work/scaleout.json"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  "${postgres_stop[@]}" >/dev/null || true
  postgres_stop=()
}

if [ "${1:-}" = scaleout ]; then
  echo "== build and publish (Release)"
  dotnet build bench/ScaleOut -c Release -nologo -clp:ErrorsOnly
  dotnet publish Web -c Release -nologo -clp:ErrorsOnly -o "$work/web" >/dev/null
  dotnet publish Compute -c Release -nologo -clp:ErrorsOnly -o "$work/worker" >/dev/null
  echo "== scale-out: two workers with one thread each vs one with two, and the hand-over after a kill"
  scaleout
  /usr/bin/python3 bench/report.py --work "$work" --out "$root/BENCHMARKS.md" --threads "$threads" --only scaleout \
    --seconds "$(($(date +%s) - started))"
  echo "bench.sh scaleout: done in $(($(date +%s) - started)) s; rewrote the scale-out section of BENCHMARKS.md"
  exit 0
fi

if [ "${1:-}" = estimates ]; then
  echo "== build (Release)"
  dotnet build bench/Engine -c Release -nologo -clp:ErrorsOnly
  echo "== compute: the admission's estimates against whole runs"
  env -u OMP_WAIT_POLICY Compute__Threads="${BENCH_OURS_THREADS:-0}" Compute__Device=cpu "${priority[@]}" \
    dotnet bench/Engine/bin/Release/net10.0/LocalityLab.Bench.dll bench --suite estimates --imp-repeats "$imp_repeats" --out "$work/ours-estimates.json"
  /usr/bin/python3 bench/report.py --work "$work" --out "$root/BENCHMARKS.md" --threads "$threads" --only estimates \
    --seconds "$(($(date +%s) - started))"
  echo "bench.sh estimates: done in $(($(date +%s) - started)) s; rewrote the estimates section of BENCHMARKS.md"
  exit 0
fi

# The peer: Debian's PyTorch 1.13 with OpenBLAS (see shared PLATFORM.md, "Peers for benchmarks on this machine").
peer_ready() {
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch, numpy, scipy' 2>/dev/null \
    && dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'install ok installed'
}
if ! peer_ready; then
  echo "== installing the PyTorch peer: python3-torch python3-numpy python3-scipy libopenblas0-pthread"
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends \
    python3-torch python3-numpy python3-scipy libopenblas0-pthread
fi

echo "== build (Release)"
dotnet build bench/Engine -c Release -nologo -clp:ErrorsOnly
dotnet build bench/SignalRLoad -c Release -nologo -clp:ErrorsOnly
dotnet build bench/ScaleOut -c Release -nologo -clp:ErrorsOnly
# Published, so the app serves its static assets as in production; the worker as DEPLOY.md publishes it.
dotnet publish Web -c Release -nologo -clp:ErrorsOnly -o "$work/web" >/dev/null
dotnet publish Compute -c Release -nologo -clp:ErrorsOnly -o "$work/worker" >/dev/null

contention="$work/contention.jsonl"
measured() { # LABEL COMMAND...: runs the command and logs how busy the rest of the machine was meanwhile
  local label=$1; shift
  "${priority[@]}" /usr/bin/python3 bench/measure_contention.py --label "$label" --log "$contention" -- "$@"
}
# Same threads on both sides; each side with the OpenMP wait policy that is faster for it here. Ours runs as shipped
# (OMP_WAIT_POLICY unset: libtorch's idle threads spin a while, which hands tiny kernels over fastest). The peer runs
# with PASSIVE (idle threads sleep): spinning, torch's OpenMP threads take the cores OpenBLAS's own threads need.
# The training steps are also timed with the other policy on each side, so both settings can be compared.
ours() { # SUITE OUTPUT-NAME WAIT-POLICY [CASE-SUFFIX]
  # Ours as shipped: Compute:Threads unset gives each of a run's two streams half the cores (BENCH_OURS_THREADS overrides).
  measured "ours $1${4:-}" env -u OMP_WAIT_POLICY ${3:+OMP_WAIT_POLICY=$3} Compute__Threads="${BENCH_OURS_THREADS:-0}" Compute__Device=cpu \
    dotnet bench/Engine/bin/Release/net10.0/LocalityLab.Bench.dll bench --suite "$1" --repeats "$repeats" \
    --imp-repeats "$imp_repeats" --study-repeats "$study_repeats" --case-suffix "${4:-}" --out "$work/$2.json"
}
peer() { # SUITE OUTPUT-NAME WAIT-POLICY [CASE-SUFFIX]
  # OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset for this command only, so OpenBLAS picks its kernel for this CPU.
  measured "peer $1${4:-}" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE -u OMP_WAIT_POLICY ${3:+OMP_WAIT_POLICY=$3} \
    /usr/bin/python3 bench/peer_pytorch.py --suite "$1" --threads "$threads" --repeats "$repeats" \
    --imp-repeats "$imp_repeats" --case-suffix "${4:-}" --out "$work/$2.json"
}

echo "== compute: ours and the PyTorch peer, suite by suite, $threads threads each"
for suite in matmul train-step nlgp-sampling cavity-map imp-run; do
  echo "-- $suite"
  ours "$suite" "ours-$suite" ""
  peer "$suite" "peer-$suite" PASSIVE
  if [ "$suite" = train-step ]; then
    echo "-- train-step, each side with the other OpenMP wait policy"
    ours train-step ours-train-step-passive PASSIVE " [PASSIVE]"
    peer train-step peer-train-step-spin "" " [default wait policy]"
  fi
done

echo "== compute: studies, ours only (replicates together vs alone, the default study, the same work as single runs)"
ours study ours-study ""

echo "== compute: where a Quick-demo round spends its time, ours only"
ours round-profile ours-round-profile ""

echo "== compute: the admission's estimates against whole runs of a grid of sizes"
ours estimates ours-estimates ""

echo "== SignalR: $connections subscribers on one run"
port=$(free_port)
(
  cd "$work/web"
  exec "${priority[@]}" env -u OMP_WAIT_POLICY ASPNETCORE_URLS="http://127.0.0.1:$port" Storage__ConnectionString="Data Source=$work/signalr.db" \
    Compute__Threads="${BENCH_OURS_THREADS:-0}" Compute__Device=cpu dotnet LocalityLab.Web.dll >"$work/web.log" 2>&1
) &
server_pid=$!
"${priority[@]}" dotnet bench/SignalRLoad/bin/Release/net10.0/LocalityLab.SignalRLoad.dll --url "http://127.0.0.1:$port" \
  --server-pid "$server_pid" --server-log "$work/web.log" --connections "$connections" --out "$work/signalr.json"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""

echo "== scale-out: two workers with one thread each vs one with two, and the hand-over after a kill"
scaleout

echo "== BENCHMARKS.md"
/usr/bin/python3 bench/report.py --work "$work" --out "$root/BENCHMARKS.md" --threads "$threads" \
  --profile-before bench/baselines/round-profile-before.json --dotnet "$(dotnet --version)" --nice "${BENCH_NICE:-0}" --seconds "$(($(date +%s) - started))"
echo "bench.sh: done in $(($(date +%s) - started)) s; wrote BENCHMARKS.md"
