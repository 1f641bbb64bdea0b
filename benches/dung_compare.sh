#!/usr/bin/env bash
# argmap's SAT back end against crustabri and scalop (ICCMA 2023 interface) on
# generated frameworks (benches/gen_af.py: ER, BA, WS, grid; 200 to 5000
# arguments) for DS-PR, DC-CO, SE-ST, DS-ST, SE-PR, DC-SST, DS-SST.
#   benches/dung_compare.sh [PEERS_BIN_DIR] [TIMEOUT_SECONDS]
# Wall time of one run each (process start and file reading included); a run
# that hits the timeout counts as the timeout. DC/DS ask about argument n/2.
# Prints per task the geometric mean of each solver, argmap's ratio to the
# faster peer's, and argmap's worst ratio on one instance; the rows go to
# target/dung_compare.tsv. Peers: `cargo install crustabri scalop`.
set -euo pipefail
cd "$(dirname "$0")/.."
peers=${1:-/work/peers/bin}
limit=${2:-20}
argmap=target/release/argmap
[ -x "$argmap" ] || argmap=target/x86_64-unknown-linux-gnu/release/argmap
dir=target/dung_bench
mkdir -p "$dir"
instances=()
for n in 200 1000 5000; do
    for spec in "er $n 3" "er $n 6" "ba $n 2" "ba $n 3" "ws $n 3 0.3" "grid $n"; do
        name=$(echo "$spec" | tr ' ' _)_1
        [ -s "$dir/$name.af" ] || python3 benches/gen_af.py $spec 1 > "$dir/$name.af"
        instances+=("$dir/$name.af")
    done
done
secs() { # command... -> wall seconds (the limit on timeout)
    local s e
    s=$(date +%s.%N)
    if timeout "$limit" "$@" > /dev/null 2>&1; then
        e=$(date +%s.%N)
        echo "$e - $s" | bc
    else
        echo "$limit"
    fi
}
out=target/dung_compare.tsv
echo -e "instance\ttask\targmap\tcrustabri\tscalop" > "$out"
for f in "${instances[@]}"; do
    n=$(head -1 "$f" | awk '{print $3}')
    a=$((n / 2))
    for task in DS-PR DC-CO SE-ST DS-ST SE-PR DC-SST DS-SST; do
        q=()
        case $task in DC-* | DS-*) q=(-a "$a") ;; esac
        t_a=$(secs "$argmap" iccma -p "$task" -f "$f" "${q[@]}")
        t_c=$(secs "$peers/crustabri_iccma23" -p "$task" -f "$f" "${q[@]}")
        t_s=$(secs "$peers/scalop" solve -p "$task" -f "$f" "${q[@]}" --logging-level off)
        printf '%s\t%s\t%s\t%s\t%s\n' "$(basename "$f" .af)" "$task" "$t_a" "$t_c" "$t_s" | tee -a "$out"
    done
done
echo
echo "| task | argmap | crustabri | scalop | argmap / faster peer (geo. mean) | worst instance (argmap / faster peer) |"
echo "|---|---|---|---|---|---|"
awk -F'\t' 'NR > 1 {
    t = $2; k[t]++
    la[t] += log($3 + 0.001); lc[t] += log($4 + 0.001); ls[t] += log($5 + 0.001)
    best = ($4 < $5) ? $4 : $5
    r = ($3 + 0.001) / (best + 0.001)
    if (r > worst[t]) { worst[t] = r; wi[t] = $1 }
}
END {
    for (t in k) {
        ga = exp(la[t] / k[t]); gc = exp(lc[t] / k[t]); gs = exp(ls[t] / k[t])
        gb = (gc < gs) ? gc : gs
        printf "| %s | %.3f s | %.3f s | %.3f s | %.2f | %.2f (%s) |\n", t, ga, gc, gs, ga / gb, worst[t], wi[t]
    }
}' "$out" | sort
