#!/usr/bin/env bash
# argmap's SAT back end against crustabri and scalop (ICCMA 2023 interface) on
# generated frameworks (benches/gen_af.py: ER, BA, WS, grid; 200 to 5000
# arguments) for DS-PR, DC-CO, SE-ST, DS-ST, SE-PR, DC-SST, DS-SST.
#   [REPEAT=3] [RECHECK=10] [TASKS='DC-CO SE-ST'] [INSTANCES=REGEX]
#   benches/dung_compare.sh [PEERS_BIN_DIR] [TIMEOUT_SECONDS]
# Wall time of whole processes (process start and file reading included); a
# run that hits the timeout counts as the timeout. DC/DS ask about argument n/2.
# Each (instance, task) cell runs the three solvers REPEAT times in rounds,
# one run of each solver per round (the order rotating), and reports each
# solver's minimum and median; a cell where argmap's minimum is over 1.5x the
# faster peer's gets more rounds, up to RECHECK in all. A solver that hits the
# timeout in a cell is not run again in that cell. TASKS picks tasks (default
# all seven); INSTANCES is an extended regex on the instance names (e.g.
# 'ba_200|grid_1000'; default all 18).
# Prints per task the geometric mean of each solver's minima, argmap's ratio to
# the faster peer's, argmap's worst ratio on one instance and the cells over
# 2x, then lists those cells; the rows go to target/dung_compare.tsv.
# Peers: `cargo install crustabri scalop`. The argmap binary: $ARGMAP, else
# $CARGO_TARGET_DIR/release/argmap, else target/release/argmap.
set -euo pipefail
cd "$(dirname "$0")/.."
peers=${1:-/work/peers/bin}
limit=${2:-20}
repeat=${REPEAT:-3}
recheck=${RECHECK:-10}
tasks=${TASKS:-DS-PR DC-CO SE-ST DS-ST SE-PR DC-SST DS-SST}
want=${ARGMAP:-${CARGO_TARGET_DIR:-target}/release/argmap}
argmap=$want
[ -x "$argmap" ] || argmap=target/x86_64-unknown-linux-gnu/release/argmap
# a missing binary would time every cell out: say so and stop
[ -x "$argmap" ] || { echo "no argmap binary at $want: run cargo build --release, or set ARGMAP=PATH" >&2; exit 2; }
dir=target/dung_bench
mkdir -p "$dir"
instances=()
for n in 200 1000 5000; do
    for spec in "er $n 3" "er $n 6" "ba $n 2" "ba $n 3" "ws $n 3 0.3" "grid $n"; do
        name=$(echo "$spec" | tr ' ' _)_1
        if [ -n "${INSTANCES:-}" ] && ! [[ $name =~ $INSTANCES ]]; then continue; fi
        [ -s "$dir/$name.af" ] || python3 benches/gen_af.py $spec 1 > "$dir/$name.af"
        instances+=("$dir/$name.af")
    done
done
if [ ${#instances[@]} -eq 0 ]; then
    echo "dung_compare.sh: INSTANCES='$INSTANCES' matches none of the 18 instance names" \
        "(e.g. ba_200_2_1, ws_1000_3_0.3_1, grid_5000_1)" >&2
    exit 2
fi
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
stats() { # times... -> "minimum median" (the lower median for an even count)
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%s %s", v[1], v[int((NR + 1) / 2)] }'
}
out=target/dung_compare.tsv
echo -e "instance\ttask\targmap\tcrustabri\tscalop\targmap_median\tcrustabri_median\tscalop_median\trounds" > "$out"
for f in "${instances[@]}"; do
    n=$(head -1 "$f" | awk '{print $3}')
    a=$((n / 2))
    for task in $tasks; do
        q=()
        case $task in DC-* | DS-*) q=(-a "$a") ;; esac
        t_a=() t_c=() t_s=()
        out_a='' out_c='' out_s='' # set once the solver hit the timeout in this cell
        rounds=0 target=$repeat
        while [ "$rounds" -lt "$target" ]; do
            # one run of each solver per round, starting with a different one each round
            for k in 0 1 2; do
                case $(((rounds + k) % 3)) in
                    0) if [ -z "$out_a" ]; then
                        t=$(secs "$argmap" iccma -p "$task" -f "$f" "${q[@]}")
                        t_a+=("$t") && [ "$t" != "$limit" ] || out_a=1
                    fi ;;
                    1) if [ -z "$out_c" ]; then
                        t=$(secs "$peers/crustabri_iccma23" -p "$task" -f "$f" "${q[@]}")
                        t_c+=("$t") && [ "$t" != "$limit" ] || out_c=1
                    fi ;;
                    2) if [ -z "$out_s" ]; then
                        t=$(secs "$peers/scalop" solve -p "$task" -f "$f" "${q[@]}" --logging-level off)
                        t_s+=("$t") && [ "$t" != "$limit" ] || out_s=1
                    fi ;;
                esac
            done
            rounds=$((rounds + 1))
            if [ "$rounds" -eq "$repeat" ] && [ "$recheck" -gt "$repeat" ]; then
                # argmap over 1.5x the faster peer on the minima: measure more rounds
                if awk -v a="$(stats "${t_a[@]}")" -v c="$(stats "${t_c[@]}")" -v s="$(stats "${t_s[@]}")" \
                    'BEGIN { split(a, x, " "); split(c, y, " "); split(s, z, " ")
                             b = (y[1] < z[1]) ? y[1] : z[1]
                             exit !((x[1] + 0.001) / (b + 0.001) > 1.5) }'; then
                    target=$recheck
                fi
            fi
        done
        read -r min_a med_a <<< "$(stats "${t_a[@]}")"
        read -r min_c med_c <<< "$(stats "${t_c[@]}")"
        read -r min_s med_s <<< "$(stats "${t_s[@]}")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$f" .af)" "$task" \
            "$min_a" "$min_c" "$min_s" "$med_a" "$med_c" "$med_s" "$rounds" | tee -a "$out"
    done
done
echo
echo "Minimum of $repeat rounds per cell (up to $recheck where argmap was over 1.5x); timeout ${limit} s."
echo
echo "| task | argmap | crustabri | scalop | argmap / faster peer (geo. mean) | worst instance (argmap / faster peer) | cells over 2x |"
echo "|---|---|---|---|---|---|---|"
awk -F'\t' 'NR > 1 {
    t = $2; k[t]++
    la[t] += log($3 + 0.001); lc[t] += log($4 + 0.001); ls[t] += log($5 + 0.001)
    best = ($4 < $5) ? $4 : $5
    r = ($3 + 0.001) / (best + 0.001)
    if (r > worst[t]) { worst[t] = r; wi[t] = $1 }
    if (r > 2) over[t]++
}
END {
    for (t in k) {
        ga = exp(la[t] / k[t]); gc = exp(lc[t] / k[t]); gs = exp(ls[t] / k[t])
        gb = (gc < gs) ? gc : gs
        printf "| %s | %.3f s | %.3f s | %.3f s | %.2f | %.2f (%s) | %d of %d |\n", t, ga, gc, gs, ga / gb, worst[t], wi[t], over[t], k[t]
    }
}' "$out" | sort
echo
awk -F'\t' 'NR > 1 {
    best = ($4 < $5) ? $4 : $5
    r = ($3 + 0.001) / (best + 0.001)
    if (r > 2) {
        n++
        printf "over 2x: %s %s: argmap %s s (median %s) against %s s (crustabri %s, scalop %s; %s rounds)\n", $1, $2, $3, $6, best, $4, $5, $9
    }
}
END { printf "%d cells over 2x of %d\n", n, NR - 1 }' "$out"
