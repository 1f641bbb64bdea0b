#!/usr/bin/env python3
"""Specification of the reference cases; writes cases.json.

Run via ``python3 tests/reference/qbaf_ref.py --regen`` (or directly).
Every expected value is computed by qbaf_ref.py and rounded to 12
significant digits.  Where a published or hand-computed value exists it is
stored in the case under "published" and the script asserts that the
reference agrees with it within the stated precision, so a regeneration can
never silently drift away from the literature.
"""
import json
import math
import os

import qbaf_ref as R

HERE = os.path.dirname(os.path.abspath(__file__))


def g(nodes, edges):
    return {"nodes": nodes, "edges": edges}


def r12(v):
    v = float("%.12g" % v)
    return 0.0 if abs(v) < 1e-13 else v


# ---------------------------------------------------------------- graphs
RAGO_EDEMOCRACY = g(
    {"A1": 0.5, "A2": 0.5, "P1": 0.7, "P2": 0.5, "P3": 0.9,
     "C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5},
    [["att", "C1", "A2", 1.0], ["att", "C2", "P2", 1.0], ["att", "C3", "P2", 1.0],
     ["att", "C4", "P2", 1.0], ["sup", "P1", "A1", 1.0], ["sup", "P2", "A1", 1.0],
     ["sup", "P3", "A2", 1.0]])

QDT_41 = g(  # a..f graph; also the first example of QBAF-Py's ctrb_functions.ipynb
    {"a": 0.5, "b": 0.2, "c": 0.85, "d": 0.65, "e": 0.4, "f": 1.0},
    [["sup", "b", "a", 1.0], ["att", "c", "a", 1.0], ["sup", "d", "a", 1.0],
     ["att", "e", "b", 1.0], ["sup", "e", "c", 1.0], ["att", "f", "c", 1.0]])

QDT_02 = g(
    {"a": 0.5, "b": 0.5, "c": 0.5, "d": 0.5, "e": 1.0},
    [["sup", "b", "a", 1.0], ["att", "c", "a", 1.0], ["sup", "d", "a", 1.0],
     ["att", "e", "b", 1.0], ["sup", "e", "c", 1.0]])

TWO_STRONG_ATTACKERS = g({"a": 0.5, "b": 1.0, "c": 1.0},
                         [["att", "b", "a", 1.0], ["att", "c", "a", 1.0]])

CYCLE3 = g({"A": 1.0, "B": 0.0, "C": 0.0},   # Potyka KR 2018 divergence example, N = 1
           [["sup", "A", "B", 1.0], ["sup", "B", "C", 1.0], ["att", "C", "A", 1.0]])


def cycle_k(n):
    """A (1) supports B_i (0); every B_i supports every C_j (0); every C_j attacks A."""
    nodes = {"A": 1.0}
    edges = []
    for i in range(n):
        nodes["B%d" % i] = 0.0
        nodes["C%d" % i] = 0.0
    for i in range(n):
        edges.append(["sup", "A", "B%d" % i, 1.0])
        edges.append(["att", "C%d" % i, "A", 1.0])
        for j in range(n):
            edges.append(["sup", "B%d" % i, "C%d" % j, 1.0])
    return g(nodes, edges)


NB = "Uncertainpy (github nicopotyka/Uncertainpy)"
KAMPIK_NB = ("Kampik, Potyka, Yin, Cyras, Toni 2024 (IJAR), companion notebook "
             "TimKam/Quantitative-Bipolar-Argumentation analysis/contribution_functions_analysis.ipynb")
QDT = ("kcyras/QDT exampleQDT.ipynb 'Example 4.1' (sympy, QE semantics; Cyras et al. "
       "dispute-tree work, same graph as QBAF-Py ctrb_functions.ipynb)")

STRENGTH = [
    dict(name="df-quad/rago2016-edemocracy", semantics="df-quad", graph=RAGO_EDEMOCRACY,
         source="Rago, Toni, Aurisicchio, Baroni KR 2016 e-democracy example as encoded in "
                + NB + " examples/gradual/BAG/RagoEtAlEDemocracy.bag; DF-QuAD outputs printed in "
                "examples/gradual/gradual_argumentation_examples.ipynb (A1 0.862, A2 0.85, P2 0.08). "
                "Base scores not re-checked against the paper's figure.",
         published={"A1": 0.862, "A2": 0.85, "P2": 0.08}, pub_tol=1e-12),
    dict(name="quadratic-energy/qdt-example-4.1", semantics="quadratic-energy", graph=QDT_41,
         source=QDT, published={"a": 0.51875517241626, "b": 0.172413793103448, "c": 0.625},
         pub_tol=1e-13),
    dict(name="quadratic-energy/qdt-example-02", semantics="quadratic-energy", graph=QDT_02,
         source="kcyras/QDT example02 notebook (printed final strengths)",
         published={"a": 0.5, "b": 0.25, "c": 0.75, "d": 0.5, "e": 1.0}, pub_tol=1e-12),
    dict(name="quadratic-energy/two-strong-attackers", semantics="quadratic-energy",
         graph=TWO_STRONG_ATTACKERS, source=KAMPIK_NB + " (QE counterexample: sigma(a)-0.5 = -0.4)",
         published={"a": 0.1}, pub_tol=1e-12),
    dict(name="euler-based/two-strong-attackers", semantics="euler-based",
         graph=TWO_STRONG_ATTACKERS,
         source=KAMPIK_NB + " (Euler-based counterexample: sigma(a)-0.5 = -0.20246579625022176)",
         published={"a": 0.5 - 0.20246579625022176}, pub_tol=1e-12),
    dict(name="euler-based/one-supporter", semantics="euler-based",
         graph=g({"a": 0.5, "b": 0.5}, [["sup", "b", "a", 1.0]]),
         source="hand calculation: 1-(1-0.25)/(1+0.5*e^0.5)",
         published={"a": 1 - 0.75 / (1 + 0.5 * math.exp(0.5)), "b": 0.5}, pub_tol=1e-13),
    dict(name="euler-based-top/max-not-sum", semantics="euler-based-top",
         graph=g({"a": 0.5, "b": 0.6, "c": 0.3, "d": 0.4},
                 [["sup", "b", "a", 1.0], ["sup", "c", "a", 1.0], ["att", "d", "a", 0.5]]),
         source="hand calculation: E = max(0.6,0.3) - 0.5*0.4 = 0.4; 1-(1-0.25)/(1+0.5*e^0.4)",
         published={"a": 1 - 0.75 / (1 + 0.5 * math.exp(0.4))}, pub_tol=1e-13),
    dict(name="sd-df-quad/attack-dominates", semantics="sd-df-quad",
         graph=g({"a": 0.5, "b": 0.6, "c": 0.3}, [["att", "b", "a", 1.0], ["sup", "c", "a", 1.0]]),
         source="hand calculation: E = (1-0.6)-(1-0.3) = -0.3; 0.5 - 0.5*0.3/1.3 = 5/13",
         published={"a": 5 / 13}, pub_tol=1e-13),
    dict(name="sd-df-quad/support-dominates", semantics="sd-df-quad",
         graph=g({"a": 0.4, "b": 0.8, "c": 0.5}, [["sup", "b", "a", 1.0], ["sup", "c", "a", 1.0]]),
         source="hand calculation: E = 1 - 0.2*0.5 = 0.9; 0.4 + 0.6*0.9/1.9 = 13/19",
         published={"a": 13 / 19}, pub_tol=1e-13),
    dict(name="df-quad/weights-and-extreme-bases", semantics="df-quad",
         graph=g({"a": 0.0, "b": 0.6, "c": 1.0, "d": 0.2},
                 [["sup", "b", "a", 0.5], ["att", "b", "c", 1.0], ["sup", "d", "c", 1.0]]),
         source="hand calculation: a: tau=0, v_sup=0.5*0.6 -> 0.3; c: tau=1, v_att=0.6, "
                "v_sup=0.2 -> 1 - 1*(0.6-0.2) = 0.6",
         published={"a": 0.3, "c": 0.6}, pub_tol=1e-13),
    dict(name="quadratic-energy/weighted-edges", semantics="quadratic-energy",
         graph=g({"a": 0.3, "b": 0.8, "c": 0.6}, [["sup", "b", "a", 0.5], ["att", "c", "a", 2.0]]),
         source="hand calculation: E = 0.5*0.8 - 2*0.6 = -0.8; 0.3 - 0.3*0.64/1.64 = 0.3/1.64",
         published={"a": 0.3 / 1.64}, pub_tol=1e-13),
    dict(name="mlp-based/weights-and-extreme-bases", semantics="mlp-based",
         graph=g({"a": 0.5, "b": 1.0, "z": 0.0, "o": 1.0, "c": 0.25},
                 [["sup", "b", "a", 2.0], ["sup", "b", "z", 3.0], ["att", "b", "o", 3.0],
                  ["att", "a", "c", 0.5]]),
         source="hand calculation: a = logistic(0 + 2*1) ; z (tau=0) = 0 and o (tau=1) = 1 "
                "whatever E; c = logistic(ln(1/3) - 0.5*sigma(a))",
         published={"a": 1 / (1 + math.exp(-2)), "z": 0.0, "o": 1.0,
                    "c": 1 / (1 + 3 * math.exp(0.5 / (1 + math.exp(-2))))}, pub_tol=1e-13),
    dict(name="weighted-h-categorizer/chain", semantics="weighted-h-categorizer",
         graph=g({"a": 0.6, "b": 0.8, "c": 1.0, "d": 0.5},
                 [["att", "b", "a", 1.0], ["att", "c", "b", 1.0], ["att", "d", "a", 0.5]]),
         source="hand calculation: c = 1, b = 0.8/2 = 0.4, a = 0.6/(1+0.4+0.5*0.5) = 0.6/1.65",
         published={"a": 0.6 / 1.65, "b": 0.4}, pub_tol=1e-13),
    dict(name="weighted-max-based/strongest-attacker", semantics="weighted-max-based",
         graph=g({"a": 1.0, "b": 0.6, "c": 0.9}, [["att", "b", "a", 1.0], ["att", "c", "a", 0.5]]),
         source="hand calculation: max(0.6, 0.5*0.9) = 0.6; 1/1.6",
         published={"a": 0.625}, pub_tol=1e-13),
    dict(name="weighted-card-based/zero-base-attacker-ignored", semantics="weighted-card-based",
         graph=g({"a": 1.0, "b": 0.6, "c": 0.0, "d": 0.5, "e": 0.7},
                 [["att", "b", "a", 1.0], ["att", "c", "a", 1.0], ["att", "d", "a", 0.5],
                  ["att", "c", "e", 1.0]]),
         source="hand calculation: Att+(a) = {b,d}: 1/(1 + 2 + (0.6 + 0.25)/2) = 1/3.425; "
                "Att+(e) empty -> 0.7",
         published={"a": 1 / 3.425, "e": 0.7}, pub_tol=1e-13),
    # ----- cyclic graphs
    dict(name="df-quad/cycle3-continuous", semantics="df-quad", graph=CYCLE3, solver="rk4", delta=0.1,
         source="Potyka KR 2018 divergence example (A supports B, B supports C, C attacks A; "
                "bases 1,0,0). Discrete DF-QuAD oscillates (see oscillation case); the continuous "
                "model converges. hand calculation: fixed point A=1-C, B=A, C=B => 1/2",
         published={"A": 0.5, "B": 0.5, "C": 0.5}, pub_tol=1e-10),
    dict(name="quadratic-energy/cycle3-jacobi", semantics="quadratic-energy", graph=CYCLE3,
         solver="jacobi", source="qbaf_ref.py (jacobi; equals the rk4 result)"),
    dict(name="quadratic-energy/cycle3-continuous", semantics="quadratic-energy", graph=CYCLE3,
         solver="rk4", delta=0.1, source="qbaf_ref.py (rk4, delta 0.1)"),
    dict(name="sd-df-quad/cycle3-jacobi", semantics="sd-df-quad", graph=CYCLE3, solver="jacobi",
         source="qbaf_ref.py (jacobi; equals the rk4 result)"),
    dict(name="quadratic-energy/cyclek2-continuous", semantics="quadratic-energy", graph=cycle_k(2),
         solver="rk4", delta=0.1,
         source="Potyka KR 2018 cycle family (Uncertainpy examples/CycleK.py) with N=2; discrete QE "
                "oscillates here (see oscillation case), the continuous model converges; qbaf_ref.py"),
    dict(name="weighted-h-categorizer/two-cycle", semantics="weighted-h-categorizer",
         graph=g({"a": 0.8, "b": 0.5}, [["att", "a", "b", 1.0], ["att", "b", "a", 1.0]]),
         solver="jacobi",
         source="hand calculation: a(1+b)=0.8, b(1+a)=0.5 => a-b=0.3, a^2+0.7a-0.8=0",
         published={"a": (-0.7 + math.sqrt(0.49 + 3.2)) / 2,
                    "b": (-0.7 + math.sqrt(0.49 + 3.2)) / 2 - 0.3}, pub_tol=1e-12),
    dict(name="weighted-max-based/three-cycle", semantics="weighted-max-based",
         graph=g({"a": 1.0, "b": 0.5, "c": 0.8},
                 [["att", "a", "b", 1.0], ["att", "b", "c", 1.0], ["att", "c", "a", 1.0]]),
         solver="jacobi", source="qbaf_ref.py (jacobi)"),
    dict(name="euler-based/mixed-cycle", semantics="euler-based",
         graph=g({"a": 0.6, "b": 0.4, "c": 0.5},
                 [["att", "a", "b", 1.0], ["sup", "b", "a", 1.0], ["att", "c", "a", 0.5],
                  ["sup", "a", "c", 1.0]]),
         solver="rk4", delta=0.1, source="qbaf_ref.py (rk4; jacobi gives the same fixed point)"),
    dict(name="mlp-based/weighted-two-cycle", semantics="mlp-based",
         graph=g({"a": 0.7, "b": 0.4}, [["att", "a", "b", 2.0], ["sup", "b", "a", 0.5]]),
         solver="jacobi", source="qbaf_ref.py (jacobi; rk4 gives the same fixed point)"),
]

CONTRIB = [
    dict(name="removal/qe-two-strong-attackers", semantics="quadratic-energy",
         graph=TWO_STRONG_ATTACKERS, topic="a", method="removal",
         source=KAMPIK_NB + " (printed: -0.15000000000000002 each)",
         published={"b": -0.15, "c": -0.15}, pub_tol=1e-12),
    dict(name="removal/euler-two-strong-attackers", semantics="euler-based",
         graph=TWO_STRONG_ATTACKERS, topic="a", method="removal",
         source=KAMPIK_NB + " (printed: -0.06898759887294448 each)",
         published={"b": -0.06898759887294448, "c": -0.06898759887294448}, pub_tol=1e-13),
    dict(name="shapley/qe-two-strong-attackers", semantics="quadratic-energy",
         graph=TWO_STRONG_ATTACKERS, topic="a", method="shapley",
         source="hand calculation: v({})=0.5, v({b})=0.25, v({b,c})=0.1; "
                "phi_b = ((0.25-0.5)+(0.1-0.25))/2 = -0.2",
         published={"b": -0.2, "c": -0.2}, pub_tol=1e-12),
    dict(name="shapley/dfquad-saturated-supporters", semantics="df-quad",
         graph=g({"a": 0.5, "b": 1.0, "c": 1.0}, [["sup", "b", "a", 1.0], ["sup", "c", "a", 1.0]]),
         topic="a", method="shapley",
         source="hand calculation: v({})=0.5, v({b})=v({b,c})=1 => 0.25 each "
                "(removal gives 0 each)", published={"b": 0.25, "c": 0.25}, pub_tol=1e-12),
    dict(name="removal/dfquad-saturated-supporters", semantics="df-quad",
         graph=g({"a": 0.5, "b": 1.0, "c": 1.0}, [["sup", "b", "a", 1.0], ["sup", "c", "a", 1.0]]),
         topic="a", method="removal", source="hand calculation: removing one saturated supporter "
         "leaves sigma(a) = 1", published={"b": 0.0, "c": 0.0}, pub_tol=1e-12),
    dict(name="gradient/qe-qdt-example-4.1", semantics="quadratic-energy", graph=QDT_41,
         topic="a", method="gradient", tolerance=1e-7,
         source=QDT + " (exact symbolic partial derivatives; f has base 1 -> one-sided)",
         published={"b": 0.157656414249191, "c": -0.134471647447839, "d": 0.182881440529061,
                    "e": -0.122599447896113, "f": 0.100853735585879}, pub_tol=1e-9),
    dict(name="removal/qe-qdt-example-4.1", semantics="quadratic-energy", graph=QDT_41,
         topic="a", method="removal", source="qbaf_ref.py"),
    dict(name="intrinsic-removal/qe-qdt-example-4.1", semantics="quadratic-energy", graph=QDT_41,
         topic="a", method="intrinsic-removal", source="qbaf_ref.py"),
    dict(name="shapley/qe-qdt-example-4.1", semantics="quadratic-energy", graph=QDT_41,
         topic="a", method="shapley", source="qbaf_ref.py (players = all arguments but the topic)"),
    dict(name="removal/dfquad-edemocracy-A1", semantics="df-quad", graph=RAGO_EDEMOCRACY,
         topic="A1", method="removal", source="qbaf_ref.py on the Rago et al. 2016 graph"),
    dict(name="intrinsic-removal/dfquad-edemocracy-A1", semantics="df-quad", graph=RAGO_EDEMOCRACY,
         topic="A1", method="intrinsic-removal", source="qbaf_ref.py on the Rago et al. 2016 graph"),
    dict(name="shapley/dfquad-edemocracy-A1", semantics="df-quad", graph=RAGO_EDEMOCRACY,
         topic="A1", method="shapley", source="qbaf_ref.py on the Rago et al. 2016 graph"),
    dict(name="gradient/dfquad-edemocracy-A1", semantics="df-quad", graph=RAGO_EDEMOCRACY,
         topic="A1", method="gradient", tolerance=1e-7,
         source="qbaf_ref.py; hand check: dA1/dP1 = 0.5*(1-0.08) = 0.46, "
                "dA1/dC2 = 0.5*(1-0.7)*(-(1-0.6)*(1-0.5)*0.5) = -0.015",
         published={"P1": 0.46, "C2": -0.015}, pub_tol=1e-8),
    dict(name="gradient/sddfquad-cycle3-continuous", semantics="sd-df-quad", graph=CYCLE3,
         topic="A", method="gradient", solver="rk4", delta=0.1, tolerance=1e-6,
         source="qbaf_ref.py (cyclic graph, rk4; B and C have base 0 -> one-sided)"),
]


def oscillations():
    out = []
    for name, sem, graph, steps, src in [
        ("oscillation/dfquad-cycle3-jacobi", "df-quad", CYCLE3, 600,
         "Potyka KR 2018 / Mossakowski & Neuhaus 2018 style divergence; hand calculation: "
         "(1,0,0)->(1,1,0)->(1,1,1)->(0,1,1)->(0,0,1)->(0,0,0)->(1,0,0), period 6"),
        ("oscillation/qe-cyclek2-jacobi", "quadratic-energy", cycle_k(2), 3000,
         "Potyka KR 2018 cycle family with N=2 (Uncertainpy examples/CycleK.py); qbaf_ref.py "
         "(the iteration approaches this period-6 orbit slowly: ~5e-8 away after 600 steps)"),
    ]:
        qb = R.QBAF.from_json(graph)
        traj = R.jacobi_trajectory(qb, sem, steps)
        last = traj[-1]
        period = next(p for p in range(1, 50)
                      if max(abs(traj[-1 - p][n] - last[n]) for n in last) < 1e-12)
        assert period > 1, name
        orbit = [{n: r12(s[n]) for n in sorted(s)} for s in traj[-period:]]
        out.append(dict(kind="oscillation", name=name, source=src, semantics=sem, graph=graph,
                        solver="jacobi", steps=steps, period=period, tolerance=1e-9,
                        expected_orbit=orbit))
    return out


def build():
    cases = []
    for spec in STRENGTH + CONTRIB:
        spec = dict(spec)
        kind = "contribution" if "method" in spec else "strength"
        published = spec.pop("published", None)
        pub_tol = spec.pop("pub_tol", None)
        case = {"kind": kind, "name": spec.pop("name"), "source": spec.pop("source")}
        case.update(spec)
        qb = R.QBAF.from_json(case["graph"])
        kw = R.solver_kwargs(case)
        if kind == "strength":
            got = R.strengths(qb, case["semantics"], **kw)
            if kw.get("solver") in ("jacobi", "rk4"):   # both dynamics must agree
                other = "rk4" if kw["solver"] == "jacobi" else "jacobi"
                try:
                    alt = R.strengths(qb, case["semantics"], solver=other)
                    assert max(abs(alt[n] - got[n]) for n in got) < 1e-10, case["name"]
                except R.NotConverged:      # discrete iteration oscillates
                    assert other == "jacobi", case["name"]
                    case["jacobi_converges"] = False
        else:
            got = R.contributions(qb, case["semantics"], case["topic"], case["method"], **kw)
        if published:
            for n, v in published.items():
                assert abs(got[n] - v) <= pub_tol, (case["name"], n, got[n], v)
            case["published"] = published
        case["expected"] = {n: r12(got[n]) for n in sorted(got)}
        case.setdefault("tolerance", 1e-9)
        cases.append(case)
    cases.extend(oscillations())
    return cases


def main():
    cases = build()
    path = os.path.join(HERE, "cases.json")
    with open(path, "w") as fh:
        json.dump(cases, fh, indent=1)
        fh.write("\n")
    print("wrote %d cases to %s" % (len(cases), path))


if __name__ == "__main__":
    main()
