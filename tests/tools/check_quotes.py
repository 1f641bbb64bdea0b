#!/usr/bin/env python3
"""Self-check for graphs/sino_russian_distrust.ron against the paper text.

Checks that every `quote` appears verbatim in the paper and that every `ref` names an entry
of the paper's reference list (first author's surname and year). Usage:

    python3 tests/tools/check_quotes.py [graph.ron] [paper.txt]

Defaults: graphs/sino_russian_distrust.ron and ../shared/paper/*.txt. Exit status 1 on failure.
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
STRING = r'"((?:[^"\\]|\\.)*)"'


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)


def reference_list(paper):
    start = paper.rfind('\nReferences')
    return [l[2:] for l in paper[start:].splitlines() if l.startswith('- ')]


def ref_ok(ref, entries):
    m = re.match(r'^(.+?)\s+(\d{4}[a-z]?)$', ref)
    if not m:
        return False
    first = re.split(r',| and | et al\.', m.group(1))[0].strip()
    year = m.group(2)
    return any((e.startswith(first + ',') or e.startswith(first + ' (')) and '(' + year + ')' in e
               for e in entries)


def main():
    graph = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'graphs', 'sino_russian_distrust.ron')
    if len(sys.argv) > 2:
        paper_path = sys.argv[2]
    else:
        paper_path = sorted(glob.glob(os.path.join(ROOT, '..', 'shared', 'paper', '*.txt')))[0]
    text = open(graph, encoding='utf-8').read()
    paper = open(paper_path, encoding='utf-8').read()
    entries = reference_list(paper)
    failures = 0
    quotes = [unescape(q) for q in re.findall(r'\bquote:\s*' + STRING, text)]
    refs = [unescape(r) for r in re.findall(r'\bref:\s*' + STRING, text)]
    for q in quotes:
        if q not in paper:
            print('quote not verbatim in paper:', repr(q))
            failures += 1
    for r in sorted(set(refs)):
        if not ref_ok(r, entries):
            print('ref not in reference list:', repr(r))
            failures += 1
    print(f'{len(quotes)} quotes, {len(refs)} cites, {len(set(refs))} distinct refs '
          f'(of {len(entries)} in the reference list), {failures} failure(s)')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
