"""Peer driver for benches/compare.sh: gradual strengths with the PyPI package
formal-argumentation (import name `argumentation`), read from a .bag file.

Usage: python formal_argumentation_gradual.py SEMANTICS FILE.bag
SEMANTICS: df-quad (dfquad_strengths: topological pass on acyclic graphs,
fixed-point iteration on cycles) or quadratic-energy
(quadratic_energy_strengths_discrete: synchronous fixed-point iteration).
Prints {"id": strength, ...} as JSON on one line, like `argmap eval --json`'s
"strengths" object. Reading the file is part of the timed run, as for argmap.
"""

import json
import re
import sys

from argumentation.gradual.dfquad import dfquad_strengths
from argumentation.gradual.gradual import (
    WeightedBipolarGraph,
    quadratic_energy_strengths_discrete,
)

STATEMENT = re.compile(r"\s*(arg|att|sup)\(\s*([^,\s]+)\s*,\s*([^,\s)]+)\s*\)\.?")


def read_bag(path):
    weights, attacks, supports = {}, [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("%", 1)[0].split("#", 1)[0]
            m = STATEMENT.match(line)
            if not m:
                continue
            kind, a, b = m.groups()
            if kind == "arg":
                weights[a] = float(b)
            elif kind == "att":
                attacks.append((a, b))
            else:
                supports.append((a, b))
    return WeightedBipolarGraph(
        arguments=frozenset(weights),
        initial_weights=weights,
        attacks=frozenset(attacks),
        supports=frozenset(supports),
    )


def main():
    semantics, path = sys.argv[1], sys.argv[2]
    graph = read_bag(path)
    if semantics == "df-quad":
        result = dfquad_strengths(graph, tolerance=1e-9, max_iterations=100_000)
    elif semantics == "quadratic-energy":
        result = quadratic_energy_strengths_discrete(
            graph, tolerance=1e-9, max_iterations=100_000
        )
    else:
        sys.exit(f"unknown semantics {semantics}")
    if not result.converged:
        sys.exit(f"did not converge after {result.iterations} iterations")
    json.dump(result.strengths, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
