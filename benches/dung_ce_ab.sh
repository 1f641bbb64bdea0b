#!/usr/bin/env bash
# Two argmap binaries side by side on CE-{CO,PR,ST,SST,STG} of every public
# framework in ../shared/argumentation-frameworks: CPU seconds (user + sys)
# of 3 alternating runs each (old, new, old, new, ...), so that load hits
# both alike; a row where the old binary gave no answer in the budget is run
# once. Columns: framework, task, old CPU s (per run), new CPU s, old answer,
# new answer (the first 60 bytes of the count).
#   [BUDGET=10] benches/dung_ce_ab.sh OLD_BINARY NEW_BINARY [OUT.tsv]
set -uo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2 out=${3:-/tmp/dung_ce_ab.tsv}
dir=../shared/argumentation-frameworks
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$out"
for f in "$dir"/*.af; do
  b=$(basename "$f" .af)
  for sem in CO PR ST SST STG; do
    o=() n=() ores='' nres=''
    for _ in 1 2 3; do
      for which in old new; do
        bin=$old; [ "$which" = new ] && bin=$new
        /usr/bin/time -o "$tmp/time" -f '%U %S' timeout 60 "$bin" iccma -p "CE-$sem" -f "$f" \
          --time-budget "${BUDGET:-10}" > "$tmp/res" 2>/dev/null
        t=$(tail -1 "$tmp/time" | awk '{print $1 + $2}')
        res=$(head -c 60 "$tmp/res" | head -1); [ -z "$res" ] && res=NONE
        if [ "$which" = old ]; then o+=("$t"); ores=$res; else n+=("$t"); nres=$res; fi
      done
      [ "$ores" = NONE ] && break
    done
    printf '%s\tCE-%s\t%s\t%s\t%s\t%s\n' "$b" "$sem" "${o[*]}" "${n[*]}" "$ores" "$nres" >> "$out"
  done
done
awk -F'\t' '$5 != "NONE" && $6 != "NONE" { split($3, a, " "); split($4, b, " ");
    for (i in a) so += a[i]; for (i in b) sn += b[i]; rows++; if ($5 != $6) diff++ }
    END { printf "%d rows answered by both: CPU old %.2f s, new %.2f s (new/old %.3f); %d answers differ\n",
          rows, so, sn, sn / so, diff + 0 }' "$out"
