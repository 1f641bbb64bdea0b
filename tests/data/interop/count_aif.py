# Usage: python3 count_aif.py ../shared/interop-samples/aif
# Independent reading of the AIF samples with python3's json module: the counts
# argmap's documented mapping gives (docs/formats.md).
import json, sys, glob, os
for f in sorted(glob.glob(os.path.join(sys.argv[1], '*.json'))):
    try:
        d = json.load(open(f))
    except Exception as e:
        print(os.path.basename(f), 'not JSON'); continue
    a = d.get('AIF', d)
    ty = {}
    dup = 0
    for n in a['nodes']:
        k = str(n['nodeID'])
        if k in ty: dup += 1
        ty[k] = n['type']
    ins, outs = {}, {}
    dangling = 0
    for e in a['edges']:
        x, y = str(e['fromID']), str(e['toID'])
        if x not in ty or y not in ty: dangling += 1; continue
        arg = ('I', 'RA', 'CA')
        if ty[x] in arg and ty[y] in arg:
            ins.setdefault(y, []).append(x); outs.setdefault(x, []).append(y)
    if dup or dangling:
        print(os.path.basename(f), 'bad', 'dup', dup, 'dangling', dangling); continue
    s = [k for k in ty if ty[k] in ('RA', 'CA')]
    prem = {k: [p for p in ins.get(k, []) if ty[p] == 'I'] for k in s}
    kept = {k for k in s if prem[k] and outs.get(k)}
    c = {'Support': 0, 'Attack': 0, 'Undercut': 0, 'linked': 0}
    rel = []
    for k in s:
        if k not in kept: continue
        for t in outs[k]:
            if ty[k] == 'RA' and ty[t] == 'I': rel.append(('Support', k, t))
            elif ty[k] == 'CA' and ty[t] == 'I': rel.append(('Attack', k, t))
            elif ty[k] == 'CA' and t in kept: rel.append(('Undercut', k, t))
    # A relation repeated (same kind, premises, target) counts once.
    alias, seen = {}, {}
    for und in (False, True):
        for kind, k, t in rel:
            if (kind == 'Undercut') != und: continue
            key = (kind, tuple(sorted(prem[k])), alias.get(t, t))
            if key in seen:
                alias.setdefault(k, seen[key]); continue
            seen[key] = k
            c[kind] += 1
            if len(prem[k]) > 1: c['linked'] += 1
    ni = sum(1 for k in ty if ty[k] == 'I')
    print(f'("{os.path.basename(f)}", {ni}, {c["Support"]}, {c["Attack"]}, {c["Undercut"]}, {c["linked"]}),')
