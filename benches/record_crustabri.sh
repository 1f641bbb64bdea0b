#!/usr/bin/env bash
# Records crustabri's answers (the ICCMA 2023 solver interface of crustabri
# 1.1.1, `cargo install crustabri`) to DC and DS questions on every framework in
# ../shared/argumentation-frameworks, as the fixture the tests compare argmap
# with (tests/data/frameworks/crustabri_answers.tsv); CI does not need crustabri.
#   benches/record_crustabri.sh [CRUSTABRI_ICCMA23_BINARY] [SECONDS_PER_QUESTION]
# Questions: arguments 1, n/4, n/2, 3n/4 and n; crustabri runs that take longer
# than the limit are left out (the file says how many).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-/work/peers/bin/crustabri_iccma23}
limit=${2:-20}
out=tests/data/frameworks/crustabri_answers.tsv
tmp=$(mktemp)
skipped=0
for f in ../shared/argumentation-frameworks/*.af; do
    n=$(grep -m1 '^p af' "$f" | awk '{print $3}')
    args=$(printf '%s\n' 1 $((n / 4)) $((n / 2)) $((3 * n / 4)) "$n" | awk '$1 >= 1' | sort -nu)
    for sem in CO PR ST SST STG ID; do
        for task in DC DS; do
            for a in $args; do
                if ans=$(timeout "$limit" "$bin" -p "$task-$sem" -f "$f" -a "$a" 2>/dev/null | head -1); then
                    printf '%s\t%s-%s\t%s\t%s\n' "$(basename "$f")" "$task" "$sem" "$a" "$ans" >> "$tmp"
                else
                    skipped=$((skipped + 1))
                fi
            done
        done
    done
done
{
    echo "# crustabri 1.1.1 (crustabri_iccma23 -p PROBLEM -f FILE -a ARG), recorded by benches/record_crustabri.sh"
    echo "# with a limit of ${limit} s per question; ${skipped} questions took longer and are left out."
    echo "# file	problem	argument	answer"
    cat "$tmp"
} > "$out"
rm -f "$tmp"
echo "$(grep -vc '^#' "$out") answers, $skipped left out: $out"
