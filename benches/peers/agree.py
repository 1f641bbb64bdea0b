"""benches/compare.sh's correctness check: do two tools give the same answer?

  python agree.py gradual ARGMAP.json PEER.json   # strengths equal to 1e-6
  python agree.py extension ARGMAP.json PEER.txt  # the same set of arguments

ARGMAP.json is `argmap eval --json` (its "strengths" object) or
`argmap extensions --json` (its one extension); PEER.json is an {id: strength}
object; PEER.txt holds an ICCMA answer line `w a b c ...`. Prints one line,
exits 1 when they disagree.
"""

import json
import sys

TOLERANCE = 1e-6


def extension_of(path):
    text = open(path, encoding="utf-8").read()
    if text.lstrip().startswith("{"):
        exts = json.loads(text)["extensions"]
        if len(exts) != 1:
            sys.exit(f"{path}: expected one extension, got {len(exts)}")
        return set(exts[0])
    for line in text.splitlines():
        if line.startswith("w"):
            return set(line.split()[1:])
    sys.exit(f"{path}: no `w ...` answer line")


def main():
    mode, mine, theirs = sys.argv[1:4]
    if mode == "gradual":
        a = json.load(open(mine, encoding="utf-8"))["strengths"]
        b = json.load(open(theirs, encoding="utf-8"))
        if set(a) != set(b):
            print(f"DISAGREE: {len(set(a) ^ set(b))} ids differ")
            sys.exit(1)
        worst = max((abs(a[k] - b[k]) for k in a), default=0.0)
        ok = worst <= TOLERANCE
        print(f"{'agree' if ok else 'DISAGREE'}: {len(a)} strengths, largest difference {worst:.1e}")
        sys.exit(0 if ok else 1)
    a, b = extension_of(mine), extension_of(theirs)
    if a == b:
        print(f"agree: the same {len(a)} arguments")
    else:
        print(f"DISAGREE: {len(a ^ b)} arguments differ")
        sys.exit(1)


if __name__ == "__main__":
    main()
