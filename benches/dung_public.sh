#!/usr/bin/env bash
# Every task (SE, DC, DS, EE, CE) under every semantics on every framework in
# ../shared/argumentation-frameworks, through `argmap iccma`, with the wall time
# of each run; prints the slowest runs and whether any took 1 s or more.
#   [BUDGET=5] [TASKS='EE CE'] [REPEAT=3] benches/dung_public.sh [ARGMAP_BINARY] [OUT.tsv]
# (runs over BUDGET s stop, exit 3; TASKS picks tasks, default all five;
# SEMANTICS='PR ST' picks semantics, default all seven; FRAMEWORKS=REGEX picks
# frameworks by an extended regex on the file name, e.g. 'probo|pygarg_ER')
# DC and DS ask about argument 1 and the middle argument. EE output is counted.
# A run that takes 1 s or more without stopping at the budget is run again, up
# to REPEAT runs in all, and its minimum time is reported (load only adds to a
# run's wall time, so one slow run under load does not count as a slow task).
# Columns: framework, task, argument, seconds, answer, runs. The answer is the
# first line of output (EE: the number of lines; CE: the exact count, every
# digit, however long; other tasks: the first 40 bytes), TIMEOUT when the
# budget ran out, or ERROR(exit N).
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-target/release/argmap}
bin=$want
[ -x "$bin" ] || bin=target/x86_64-unknown-linux-gnu/release/argmap
[ -x "$bin" ] || { echo "no argmap binary at $want: run cargo build --release, or pass its path" >&2; exit 2; }
out=${2:-/tmp/dung_public.tsv}
dir=../shared/argumentation-frameworks
: > "$out"
err=$(mktemp)
trap 'rm -f "$err"' EXIT
for f in "$dir"/*.af; do
    if [ -n "${FRAMEWORKS:-}" ] && ! [[ $(basename "$f") =~ $FRAMEWORKS ]]; then continue; fi
    n=$(grep -m1 '^p af' "$f" | awk '{print $3}')
    mid=$(( n / 2 > 0 ? n / 2 : 1 ))
    for sem in ${SEMANTICS:-GR CO PR ST SST STG ID}; do
        for task in ${TASKS:-SE EE CE DC DS}; do
            args=()
            if [ "$task" = DC ] || [ "$task" = DS ]; then
                args_list=("1" "$mid")
            else
                args_list=("")
            fi
            for a in "${args_list[@]}"; do
                if [ -n "$a" ]; then args=(-a "$a"); else args=(); fi
                best='' runs=0
                while [ "$runs" -lt "${REPEAT:-3}" ]; do
                    start=$(date +%s.%N)
                    # Exit 3 is the budget (TIMEOUT).
                    rc=0
                    res=$(timeout 30 "$bin" iccma -p "$task-$sem" -f "$f" "${args[@]}" --time-budget "${BUDGET:-5}" 2>"$err" | { if [ "$task" = EE ]; then wc -l; elif [ "$task" = CE ]; then head -1; else head -c 40 | head -1; fi; } ) || rc=$?
                    if [ "$rc" = 3 ] || [ "$rc" = 124 ]; then
                        res=TIMEOUT
                    elif [ "$rc" = 141 ] && [ -n "$res" ]; then
                        : # SIGPIPE: `head` took the first line of a long answer and closed
                    elif [ "$rc" != 0 ]; then
                        res="ERROR(exit $rc): $(head -c 60 "$err" | head -1)"
                    fi
                    end=$(date +%s.%N)
                    t=$(echo "$end - $start" | bc)
                    runs=$((runs + 1))
                    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
                    # stop once under 1 s, or when the run stopped at the budget
                    if [ "$res" = TIMEOUT ] || [[ "$res" = ERROR* ]] || [ "$(echo "$best < 1" | bc)" = 1 ]; then break; fi
                done
                printf '%s\t%s-%s\t%s\t%.3f\t%s\t%s\n' "$(basename "$f" .af)" "$task" "$sem" "${a:--}" "$best" "$res" "$runs" >> "$out"
            done
        done
    done
done
echo "slowest runs:"
sort -t$'\t' -k4 -g -r "$out" | head -15
awk -F'\t' '$4 >= 1 { slow++ } $6 > 1 { again++ }
    END { printf "%d runs, %d took >= 1 s (%d measured again, minimum of up to %d)\n", NR, slow + 0, again + 0, '"${REPEAT:-3}"' }' "$out"
