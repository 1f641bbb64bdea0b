#!/usr/bin/env bash
# benches/layout_compare.sh: the embedded layered layout beside Graphviz `dot`
# on the same graphs, in one run.
#
#   benches/layout_compare.sh                   # bundled graphs + 100/500/1000 generated
#   SIZES="100 500" benches/layout_compare.sh   # other generated sizes
#   RUNS=5 benches/layout_compare.sh            # timed runs per command (default 3)
#   ARGMAP=path/to/argmap benches/layout_compare.sh   # this binary (no build)
#
# For every graph (graphs/*.ron, and `argmap gen --shape layered --seed 1` maps
# of each size) it renders the same view twice, `argmap render --engine
# embedded` and `--engine graphviz`, both to SVG, and reads both SVGs with
# benches/svg_stats.py: edge crossings (between edges with no end in common),
# drawing area (width x height of the SVG) and overlapping node boxes. Time is
# the whole `argmap render` process (the minimum over RUNS), so both include
# loading and drawing; only the layout differs. The table gives each number of
# ours, of dot's, and ours / dot's: the ratios come from the same run, so they
# hold on a loaded machine where the absolute times do not.
#
# Needs Graphviz (`dot`) and python3. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100 500 1000"}
RUNS=${RUNS:-3}
if [ -z "${ARGMAP:-}" ]; then
    cargo build --release --quiet
    ARGMAP=target/release/argmap
fi
command -v dot >/dev/null || { echo "needs Graphviz's dot on the PATH" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

files=(graphs/*.ron)
for n in $SIZES; do
    "$ARGMAP" gen --shape layered --nodes "$n" --seed 1 -o "$work/layered_$n.ron" 2>/dev/null
    files+=("$work/layered_$n.ron")
done

# Minimum wall time in seconds of RUNS runs of the command.
best_time() {
    local best="" t0 t1 dt
    for _ in $(seq "$RUNS"); do
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s.%N)
        dt=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$dt < $best" | bc -l)" = 1 ]; then best=$dt; fi
    done
    printf '%.3f' "$best"
}

ratio() { if [ "$2" = 0 ]; then echo "-"; else printf '%.2f' "$(echo "$1 / $2" | bc -l)"; fi; }

echo "| graph | nodes | time ours / dot (s) | ratio | crossings ours / dot | ratio | area ours / dot (Mpx) | ratio | overlaps ours / dot |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for f in "${files[@]}"; do
    name=$(basename "$f" .ron)
    ours="$work/$name.ours.svg"
    theirs="$work/$name.dot.svg"
    render=("$ARGMAP" render "$f" --max-nodes 100000)
    t_ours=$(best_time "${render[@]}" --engine embedded -o "$ours")
    t_dot=$(best_time "${render[@]}" --engine graphviz -o "$theirs")
    read -r c_ours a_ours o_ours _ nodes < <(python3 benches/svg_stats.py "$ours")
    read -r c_dot a_dot o_dot _ _ < <(python3 benches/svg_stats.py "$theirs")
    printf '| %s | %s | %s / %s | %s | %s / %s | %s | %.1f / %.1f | %s | %s / %s |\n' \
        "$name" "$nodes" "$t_ours" "$t_dot" "$(ratio "$t_ours" "$t_dot")" \
        "$c_ours" "$c_dot" "$(ratio "$c_ours" "$c_dot")" \
        "$(echo "$a_ours / 1000000" | bc -l)" "$(echo "$a_dot / 1000000" | bc -l)" \
        "$(ratio "$a_ours" "$a_dot")" "$o_ours" "$o_dot"
done
