#!/usr/bin/env python3
"""Seeded random argumentation frameworks in ICCMA 2023 `.af`, for benches/dung_compare.sh.

    gen_af.py er N DEGREE SEED      Erdos-Renyi: each ordered pair attacks with p = DEGREE / N
    gen_af.py ba N M SEED           Barabasi-Albert: each new argument attaches to M earlier ones
                                    (by degree), each edge in a random direction, 1/3 both ways
    gen_af.py ws N K BETA SEED      Watts-Strogatz: ring of N, K neighbours each side, each edge
                                    rewired with probability BETA, random direction, 1/3 both ways
    gen_af.py grid N SEED           a sqrt(N) x sqrt(N) grid (4 neighbours), random direction,
                                    1/3 both ways (as the ICCMA grid instances)
The shapes of pygarg and of the ICCMA 2019-2023 generators; the output goes to standard output.
"""
import math
import random
import sys


def orient(rng, a, b, out):
    r = rng.random()
    if r < 1 / 3:
        out.add((a, b))
        out.add((b, a))
    elif r < 2 / 3:
        out.add((a, b))
    else:
        out.add((b, a))


def er(n, degree, rng):
    p = degree / n
    out = set()
    for a in range(n):
        for b in range(n):
            if a != b and rng.random() < p:
                out.add((a, b))
    return n, out


def ba(n, m, rng):
    out = set()
    targets = list(range(m))
    repeated = []
    for v in range(m, n):
        for t in set(targets):
            orient(rng, v, t, out)
        repeated.extend(targets)
        repeated.extend([v] * m)
        targets = [rng.choice(repeated) for _ in range(m)]
    return n, out


def ws(n, k, beta, rng):
    out = set()
    for a in range(n):
        for j in range(1, k + 1):
            b = (a + j) % n
            if rng.random() < beta:
                b = rng.randrange(n)
                if b == a:
                    continue
            orient(rng, a, b, out)
    return n, out


def grid(n, rng):
    side = int(math.isqrt(n))
    out = set()
    for r in range(side):
        for c in range(side):
            a = r * side + c
            if c + 1 < side:
                orient(rng, a, a + 1, out)
            if r + 1 < side:
                orient(rng, a, a + side, out)
    return side * side, out


def main():
    kind, args = sys.argv[1], sys.argv[2:]
    rng = random.Random(int(args[-1]))
    if kind == "er":
        n, att = er(int(args[0]), float(args[1]), rng)
    elif kind == "ba":
        n, att = ba(int(args[0]), int(args[1]), rng)
    elif kind == "ws":
        n, att = ws(int(args[0]), int(args[1]), float(args[2]), rng)
    elif kind == "grid":
        n, att = grid(int(args[0]), rng)
    else:
        sys.exit(__doc__)
    lines = [f"p af {n}"] + [f"{a + 1} {b + 1}" for a, b in sorted(att)]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
