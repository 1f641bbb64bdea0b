#!/usr/bin/env bash
# benches/compare.sh: argmap side by side with the other argumentation tools that
# the package registries carry, on the same generated files, in the same run.
#
#   benches/compare.sh                 # 10^4, 10^5 and 10^6 nodes (about 20 min)
#   SIZES="10000 100000" benches/compare.sh
#   RUNS=5 benches/compare.sh          # timed runs per command (default 3)
#   PEER_TIMEOUT=60 benches/compare.sh # stop a peer run after this many seconds
#   ARGMAP=path/to/argmap benches/compare.sh  # time this binary (no build)
#   PEERS=/path/to/peers benches/compare.sh    # install the peers there, or reuse
#                                              # the ones there (bin/scalop, venv/...)
#
# What it does (docs/performance.md explains the choices):
#  1. Installs what it needs into a private environment under target/peers/:
#     a Python venv with the PyPI peers (formal-argumentation, pygarg with
#     python-sat, python-argumentation) and `cargo install --root` of the
#     crates.io peers (scalop, crustabri); hyperfine from Debian when run as
#     root (else a Python timing loop). Nothing is installed system-wide except
#     hyperfine.
#  2. Builds argmap (release) and generates the files with `argmap gen`.
#  3. For every task and peer, first checks that both give the same answer
#     (strengths to 1e-6, the same grounded extension); only then times both
#     whole processes (reading the file, computing, printing the answer).
#  4. Prints a table of ratios (peer time / argmap time, minimum over the runs;
#     a peer run that takes over 20 s is timed once, by the checking run).
#
# Not part of CI: it downloads the peers and takes long. Exit status 1 if any
# peer disagreed with argmap.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PEERS=${PEERS:-$ROOT/target/peers}
WORK=$ROOT/target/compare
SIZES=${SIZES:-"10000 100000 1000000"}
RUNS=${RUNS:-3}
# A peer run that takes longer is stopped, reported as "> PEER_TIMEOUT s", and that
# peer is skipped for the larger sizes of the same task.
PEER_TIMEOUT=${PEER_TIMEOUT:-300}
# argmap refuses files over 32 MiB unless told (a guard against wrong files).
export ARGMAP_MAX_FILE_MB=100000
mkdir -p "$PEERS" "$WORK"

say() { printf '\n== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- 1. peers
say "installing the peers into $PEERS"
PY=$PEERS/venv/bin/python
if [ ! -x "$PY" ]; then
    python3 -m venv "$PEERS/venv"
fi
"$PY" -m pip install -q --disable-pip-version-check \
    formal-argumentation==0.3.0 pygarg==1.0.2 python-sat python-argumentation==2.0.2 >&2
for crate in scalop@2.1.0 crustabri@1.1.1; do
    bin=${crate%@*}
    [ "$bin" = crustabri ] && bin=crustabri_iccma23
    if [ ! -x "$PEERS/bin/$bin" ]; then
        cargo install -q --locked --root "$PEERS" "$crate" >&2
    fi
done
if ! command -v hyperfine >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1; } || true
fi

if [ -z "${ARGMAP:-}" ]; then
    say "building argmap (release)"
    cargo build -q --release >&2
    ARGMAP=$ROOT/target/release/argmap
fi
DRIVERS=$ROOT/benches/peers

# ---------------------------------------------------------------- timing
# time_cmd NAME RUNS CMD...: prints the minimum wall time in seconds over at
# least RUNS runs of the whole process (output discarded).
time_cmd() {
    local name=$1 runs=$2
    shift 2
    if command -v hyperfine >/dev/null 2>&1; then
        # At least RUNS runs, and at least hyperfine's 3 s of them: a command of a
        # few milliseconds is run hundreds of times (its process start varies by
        # a few ms from run to run), one of seconds RUNS times.
        local warm=1 count=(--min-runs "$runs")
        [ "$runs" -le 1 ] && warm=0 && count=(--runs 1)
        hyperfine -N --style none --warmup "$warm" "${count[@]}" \
            --export-json "$WORK/$name.time.json" -- "$*" >/dev/null 2>&1 ||
            { echo "nan"; return; }
        "$PY" -c 'import json,sys; print(min(json.load(open(sys.argv[1]))["results"][0]["times"]))' \
            "$WORK/$name.time.json"
    else
        "$PY" - "$runs" "$@" <<'EOF'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
best = float("inf")
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    best = min(best, time.perf_counter() - t)
print(best)
EOF
    fi
}

ROWS=()
DISAGREED=0
# SKIP="pygarg python-argumentation" leaves those peers out (e.g. at sizes where
# they are known to time out).
GAVE_UP=" "
for p in ${SKIP:-}; do GAVE_UP="$GAVE_UP[grounded/$p]"; done

# compare TASK GRAPH ARGMAP_OUT ARGMAP_CMD -- PEER PEER_OUT MODE PEER_CMD...
# Runs both once (their outputs are checked to agree), then times both.
compare() {
    local task=$1 graph=$2 mine=$3 argmap_cmd=$4 peer=$5 theirs=$6 mode=$7
    shift 7
    local t0 t1 check runs=$RUNS
    local key="[$task/$peer]"
    if [[ $GAVE_UP == *"$key"* ]]; then
        ROWS+=("| $task | $graph | $peer | | skipped (timed out on a smaller graph, or SKIP) | |")
        return
    fi
    say "$task on $graph: argmap vs $peer"
    sh -c "$argmap_cmd > '$mine'"
    t0=$(date +%s.%N)
    local status=0
    timeout "$PEER_TIMEOUT" "$@" > "$theirs" 2>"$theirs.err" || status=$?
    t1=$(date +%s.%N)
    if [ "$status" = 124 ]; then
        GAVE_UP="$GAVE_UP$key"
        local ta
        ta=$(time_cmd "$(echo "$task-$graph-argmap" | tr ' /' '__')" "$RUNS" $argmap_cmd)
        ROWS+=("$("$PY" -c '
import sys
task, graph, peer, ta, limit = sys.argv[1:6]
ta = float(ta)
fmt = lambda t: f"{t * 1000:.0f} ms" if t < 10 else f"{t:.1f} s"
print(f"| {task} | {graph} | {peer} | {fmt(ta)} | > {limit} s (stopped) | > {float(limit) / ta:.0f}x |")
' "$task" "$graph" "$peer" "$ta" "$PEER_TIMEOUT")")
        return
    elif [ "$status" != 0 ]; then
        ROWS+=("| $task | $graph | $peer | | failed: $(head -c 80 "$theirs.err" | tr '\n|' '  ') | |")
        return
    fi
    if ! check=$("$PY" "$DRIVERS/agree.py" "$mode" "$mine" "$theirs"); then
        DISAGREED=1
        ROWS+=("| $task | $graph | $peer | $check | | |")
        return
    fi
    echo "$check" >&2
    local ta tp
    ta=$(time_cmd "$(echo "$task-$graph-argmap" | tr ' /' '__')" "$RUNS" $argmap_cmd)
    # A peer run that took over 20 s is not repeated: its time is that run's.
    if "$PY" -c "import sys; sys.exit(0 if $t1 - $t0 > 20 else 1)"; then
        tp=$("$PY" -c "print($t1 - $t0)")
    else
        tp=$(time_cmd "$(echo "$task-$graph-$peer" | tr ' /' '__')" "$runs" "$@")
    fi
    ROWS+=("$("$PY" -c '
import sys
task, graph, peer, ta, tp = sys.argv[1:6]
ta, tp = float(ta), float(tp)
fmt = lambda t: f"{t * 1000:.0f} ms" if t < 10 else f"{t:.1f} s"
print(f"| {task} | {graph} | {peer} | {fmt(ta)} | {fmt(tp)} | {tp / ta:.1f}x |")
' "$task" "$graph" "$peer" "$ta" "$tp")")
}

# ---------------------------------------------------------------- 2-3. runs
FA="$PY $DRIVERS/formal_argumentation_gradual.py"
for n in $SIZES; do
    m=$((4 * (n - 1)))
    L=$WORK/layered-$n.bag
    C=$WORK/cyclic-$n.bag
    A=$WORK/cyclic-$n.af
    say "generating $n nodes, $m edges"
    [ -f "$L" ] || "$ARGMAP" gen --shape layered --nodes "$n" --edges "$m" --seed 1 -o "$L"
    [ -f "$C" ] || "$ARGMAP" gen --shape cyclic --nodes "$n" --edges "$m" --seed 1 -o "$C"
    [ -f "$A" ] || "$ARGMAP" gen --shape cyclic --nodes "$n" --edges "$m" --seed 1 -o "$A"
    g="$n / $m"
    for sem in df-quad quadratic-energy; do
        compare "$sem, acyclic" "$g" "$WORK/a.json" "$ARGMAP eval $L --semantics $sem --json" \
            formal-argumentation "$WORK/p.json" gradual $FA "$sem" "$L"
        compare "$sem, cyclic" "$g" "$WORK/a.json" "$ARGMAP eval $C --semantics $sem --json" \
            formal-argumentation "$WORK/p.json" gradual $FA "$sem" "$C"
    done
    GR="$ARGMAP extensions $A --semantics grounded --json"
    compare "grounded" "$g" "$WORK/a.json" "$GR" scalop "$WORK/p.txt" extension \
        "$PEERS/bin/scalop" solve -p SE-GR -f "$A" --logging-level off
    compare "grounded" "$g" "$WORK/a.json" "$GR" crustabri "$WORK/p.txt" extension \
        "$PEERS/bin/crustabri_iccma23" -p SE-GR -f "$A"
    compare "grounded" "$g" "$WORK/a.json" "$GR" formal-argumentation "$WORK/p.txt" extension \
        "$PEERS/venv/bin/iccma-cli" -p SE-GR -f "$A"
    compare "grounded" "$g" "$WORK/a.json" "$GR" pygarg "$WORK/p.txt" extension \
        "$PY" -m pygarg -p SE-GR -fo dimacs -f "$A"
    compare "grounded" "$g" "$WORK/a.json" "$GR" python-argumentation "$WORK/p.txt" extension \
        "$PY" "$DRIVERS/py_arg_grounded.py" "$A"
done

# ---------------------------------------------------------------- 4. table
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo
echo "argmap $("$ARGMAP" --version | cut -d' ' -f2) vs peers, $(date -u +%Y-%m-%d), $CPU, $(nproc) cores;"
echo "whole processes (read, compute, print), minimum wall time of at least $RUNS runs and 3 s of runs (a peer run over 20 s: that one run)."
echo
echo "| task | nodes / edges | peer | argmap | peer | argmap faster by |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
exit "$DISAGREED"
