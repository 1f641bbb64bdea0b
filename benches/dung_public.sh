#!/usr/bin/env bash
# Every task (SE, DC, DS, EE, CE) under every semantics on every framework in
# ../shared/argumentation-frameworks, through `argmap iccma`, with the wall time
# of each run; prints the slowest runs and whether any took 1 s or more.
#   [BUDGET=5] [TASKS='EE CE'] benches/dung_public.sh [ARGMAP_BINARY] [OUT.tsv]
# (runs over BUDGET s stop, exit 3; TASKS picks tasks, default all five)
# DC and DS ask about argument 1 and the middle argument. EE output is counted.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/argmap}
[ -x "$bin" ] || bin=target/x86_64-unknown-linux-gnu/release/argmap
out=${2:-/tmp/dung_public.tsv}
dir=../shared/argumentation-frameworks
: > "$out"
for f in "$dir"/*.af; do
    n=$(grep -m1 '^p af' "$f" | awk '{print $3}')
    mid=$(( n / 2 > 0 ? n / 2 : 1 ))
    for sem in GR CO PR ST SST STG ID; do
        for task in ${TASKS:-SE EE CE DC DS}; do
            args=()
            if [ "$task" = DC ] || [ "$task" = DS ]; then
                args_list=("1" "$mid")
            else
                args_list=("")
            fi
            for a in "${args_list[@]}"; do
                if [ -n "$a" ]; then args=(-a "$a"); else args=(); fi
                start=$(date +%s.%N)
                res=$(timeout 30 "$bin" iccma -p "$task-$sem" -f "$f" "${args[@]}" --time-budget "${BUDGET:-5}" 2>/dev/null | { if [ "$task" = EE ]; then wc -l; else head -c 40 | head -1; fi; } ) || res="TIMEOUT"
                end=$(date +%s.%N)
                printf '%s\t%s-%s\t%s\t%.3f\t%s\n' "$(basename "$f" .af)" "$task" "$sem" "${a:--}" "$(echo "$end - $start" | bc)" "$res" >> "$out"
            done
        done
    done
done
echo "slowest runs:"
sort -t$'\t' -k4 -g -r "$out" | head -15
awk -F'\t' '$4 >= 1 { slow++ } END { printf "%d runs, %d took >= 1 s\n", NR, slow + 0 }' "$out"
