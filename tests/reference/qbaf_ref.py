#!/usr/bin/env python3
"""Independent reference implementation of gradual semantics for QBAFs.

Standard library only.  Written straight from the formulas in the papers
(see README.md in this directory); it shares no code with the Rust engine.

Graph JSON format::

    {"nodes": {"a": 0.5, "b": 1.0},
     "edges": [["att", "b", "a", 1.0], ["sup", "c", "a"]]}   # weight optional, default 1

A weight w on an edge multiplies the source's strength wherever the source's
strength is used by the aggregation (w*sigma(b)).

Usage::

    python3 qbaf_ref.py GRAPH.json SEMANTICS [--solver acyclic|jacobi|rk4] [--delta 0.1]
    python3 qbaf_ref.py --regen     # rewrite cases.json (spec lives in gen_cases.py)
    python3 qbaf_ref.py --check     # recompute every case of cases.json and compare
"""
import itertools
import json
import math
import sys

# --------------------------------------------------------------------------
# Aggregation and influence functions (Potyka 2019, modular semantics)
# --------------------------------------------------------------------------

def agg_sum(att, sup):
    """E = sum_sup w*s - sum_att w*s."""
    return sum(sup) - sum(att)


def agg_product(att, sup):
    """E = prod_att(1 - w*s) - prod_sup(1 - w*s)  (= v_sup - v_att of DF-QuAD)."""
    pa = 1.0
    for x in att:
        pa *= 1.0 - x
    ps = 1.0
    for x in sup:
        ps *= 1.0 - x
    return pa - ps


def agg_top(att, sup):
    """E = max(0, max_sup w*s) - max(0, max_att w*s)."""
    return max([0.0] + list(sup)) - max([0.0] + list(att))


def _h(x, p):
    """h_p(x) = max(0,x)^p / (1 + max(0,x)^p), used by p-Max(1)."""
    m = max(0.0, x) ** p
    return m / (1.0 + m)


def inf_linear(tau, e):
    """Linear(1): tau - tau*max(0,-E) + (1-tau)*max(0,E)."""
    return tau - tau * max(0.0, -e) + (1.0 - tau) * max(0.0, e)


def inf_1max(tau, e):
    """1-Max(1): tau - tau*h1(-E) + (1-tau)*h1(E)."""
    return tau - tau * _h(-e, 1) + (1.0 - tau) * _h(e, 1)


def inf_2max(tau, e):
    """2-Max(1): tau - tau*h2(-E) + (1-tau)*h2(E)."""
    return tau - tau * _h(-e, 2) + (1.0 - tau) * _h(e, 2)


def inf_euler(tau, e):
    """Euler-based: 1 - (1 - tau^2) / (1 + tau*exp(E))."""
    try:
        return 1.0 - (1.0 - tau * tau) / (1.0 + tau * math.exp(e))
    except OverflowError:          # exp(E) = inf  ->  fraction -> 0
        return 1.0


def inf_logistic(tau, e):
    """MLP-based: logistic(ln(tau/(1-tau)) + E); limits 0 at tau=0, 1 at tau=1."""
    if tau <= 0.0:
        return 0.0
    if tau >= 1.0:
        return 1.0
    x = math.log(tau / (1.0 - tau)) + e
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


MODULAR = {
    "quadratic-energy": (agg_sum, inf_2max),
    "df-quad": (agg_product, inf_linear),
    "sd-df-quad": (agg_product, inf_1max),
    "euler-based": (agg_sum, inf_euler),
    "euler-based-top": (agg_top, inf_euler),
    "mlp-based": (agg_sum, inf_logistic),
}


def hcat(tau, att, base_att):
    """Weighted h-categorizer: tau / (1 + sum_att w*s)."""
    return tau / (1.0 + sum(att))


def maxbased(tau, att, base_att):
    """Weighted max-based: tau / (1 + max_att w*s)."""
    return tau / (1.0 + max([0.0] + list(att)))


def cardbased(tau, att, base_att):
    """Weighted card-based over Att+ = attackers with base > 0:
    tau / (1 + |Att+| + sum_{Att+} w*s / |Att+|); tau if Att+ is empty."""
    pos = [x for x, b in zip(att, base_att) if b > 0.0]
    n = len(pos)
    if n == 0:
        return tau
    return tau / (1.0 + n + sum(pos) / n)


ATTACK_ONLY = {
    "weighted-h-categorizer": hcat,
    "weighted-max-based": maxbased,
    "weighted-card-based": cardbased,
}

SEMANTICS = sorted(list(MODULAR) + list(ATTACK_ONLY))


class NotConverged(Exception):
    pass


# --------------------------------------------------------------------------
# Graph
# --------------------------------------------------------------------------

class QBAF:
    def __init__(self, nodes, edges):
        self.nodes = {str(k): float(v) for k, v in nodes.items()}
        self.edges = []
        for e in edges:
            kind, src, dst = e[0], str(e[1]), str(e[2])
            w = float(e[3]) if len(e) > 3 else 1.0
            if kind not in ("att", "sup"):
                raise ValueError("edge kind must be att or sup: %r" % (e,))
            if src not in self.nodes or dst not in self.nodes:
                raise ValueError("edge with unknown endpoint: %r" % (e,))
            self.edges.append((kind, src, dst, w))
        self.parents = {n: [] for n in self.nodes}
        for kind, src, dst, w in self.edges:
            self.parents[dst].append((kind, src, w))

    @classmethod
    def from_json(cls, obj):
        return cls(obj["nodes"], obj.get("edges", []))

    def to_json(self):
        return {"nodes": dict(self.nodes),
                "edges": [[k, s, d, w] for k, s, d, w in self.edges]}

    def topo_order(self):
        """Kahn's algorithm; None if the graph has a cycle."""
        indeg = {n: len(self.parents[n]) for n in self.nodes}
        children = {n: [] for n in self.nodes}
        for _, s, d, _ in self.edges:
            children[s].append(d)
        ready = sorted(n for n in self.nodes if indeg[n] == 0)
        order = []
        while ready:
            n = ready.pop()
            order.append(n)
            for c in children[n]:
                indeg[c] -= 1
                if indeg[c] == 0:
                    ready.append(c)
        return order if len(order) == len(self.nodes) else None

    # --- derived graphs used by the contribution functions ---
    def restrict(self, keep):
        keep = set(keep)
        return QBAF({n: b for n, b in self.nodes.items() if n in keep},
                    [e for e in self.edges if e[1] in keep and e[2] in keep])

    def without(self, x):
        return self.restrict(set(self.nodes) - {x})

    def without_incoming(self, x):
        return QBAF(self.nodes, [e for e in self.edges if e[2] != x])

    def with_base(self, x, value):
        nodes = dict(self.nodes)
        nodes[x] = value
        return QBAF(nodes, self.edges)


# --------------------------------------------------------------------------
# Strength computation
# --------------------------------------------------------------------------

def update(g, semantics, node, s):
    """One application of the semantics' update function to `node`, reading
    the current strengths of its parents from `s`."""
    tau = g.nodes[node]
    att = [w * s[src] for kind, src, w in g.parents[node] if kind == "att"]
    sup = [w * s[src] for kind, src, w in g.parents[node] if kind == "sup"]
    if semantics in MODULAR:
        agg, inf = MODULAR[semantics]
        return inf(tau, agg(att, sup))
    if semantics in ATTACK_ONLY:
        if sup:
            raise ValueError("%s is attack-only but %s has supporters" % (semantics, node))
        base_att = [g.nodes[src] for kind, src, w in g.parents[node] if kind == "att"]
        return ATTACK_ONLY[semantics](tau, att, base_att)
    raise ValueError("unknown semantics %r (known: %s)" % (semantics, ", ".join(SEMANTICS)))


def step(g, semantics, s):
    """Jacobi step: all nodes updated simultaneously from the old state."""
    return {n: update(g, semantics, n, s) for n in g.nodes}


def strengths(g, semantics, solver="auto", delta=0.1, tol=1e-14, max_iter=200000):
    """Final strengths.  solver: 'acyclic' (topological order), 'jacobi'
    (discrete iteration s_{k+1} = f(s_k) from s_0 = base scores), 'rk4'
    (continuous model ds/dt = f(s) - s, classical RK4 with step delta, from
    s(0) = base scores), or 'auto' (acyclic if possible, else jacobi)."""
    if solver == "auto":
        solver = "acyclic" if g.topo_order() is not None else "jacobi"
    if solver == "acyclic":
        order = g.topo_order()
        if order is None:
            raise ValueError("graph is cyclic")
        s = {}
        for n in order:
            s[n] = update(g, semantics, n, s)
        return s
    s = dict(g.nodes)
    if solver == "jacobi":
        for _ in range(max_iter):
            new = step(g, semantics, s)
            diff = max([abs(new[n] - s[n]) for n in s] + [0.0])
            s = new
            if diff < tol:
                return s
        raise NotConverged("jacobi did not converge in %d steps" % max_iter)
    if solver == "rk4":
        def deriv(state):
            f = step(g, semantics, state)
            return {n: f[n] - state[n] for n in state}

        def shift(state, k, c):
            return {n: state[n] + c * k[n] for n in state}
        for _ in range(max_iter):
            k1 = deriv(s)
            if max([abs(v) for v in k1.values()] + [0.0]) < tol:
                return s
            k2 = deriv(shift(s, k1, delta / 2))
            k3 = deriv(shift(s, k2, delta / 2))
            k4 = deriv(shift(s, k3, delta))
            s = {n: s[n] + delta / 6 * (k1[n] + 2 * k2[n] + 2 * k3[n] + k4[n]) for n in s}
        raise NotConverged("rk4 did not converge in %d steps" % max_iter)
    raise ValueError("unknown solver %r" % solver)


def jacobi_trajectory(g, semantics, steps):
    """States s_0 .. s_steps of the discrete (Jacobi) iteration."""
    traj = [dict(g.nodes)]
    for _ in range(steps):
        traj.append(step(g, semantics, traj[-1]))
    return traj


# --------------------------------------------------------------------------
# Contribution functions (Kampik, Potyka, Yin, Cyras, Toni 2024)
# --------------------------------------------------------------------------

def _topic(g, semantics, topic, **kw):
    return strengths(g, semantics, **kw)[topic]


def ctrb_removal(g, semantics, topic, x, **kw):
    """sigma(topic) - sigma_{G without x}(topic)."""
    return _topic(g, semantics, topic, **kw) - _topic(g.without(x), semantics, topic, **kw)


def ctrb_intrinsic_removal(g, semantics, topic, x, **kw):
    """sigma_{G'}(topic) - sigma_{G without x}(topic), G' = G minus all edges into x."""
    return (_topic(g.without_incoming(x), semantics, topic, **kw)
            - _topic(g.without(x), semantics, topic, **kw))


def ctrb_shapley(g, semantics, topic, x, players=None, **kw):
    """Exact Shapley value of x in the game v(S) = sigma_{G|S+{topic}+fixed}(topic).
    players defaults to every argument except the topic (the 2024 paper's
    setting); arguments that are neither players nor the topic are kept in
    every coalition graph.  G|T keeps the arguments in T and edges inside T."""
    players = sorted(set(g.nodes) - {topic}) if players is None else sorted(players)
    if x not in players or topic in players:
        raise ValueError("x must be a player and the topic must not be one")
    fixed = set(g.nodes) - set(players) - {topic}
    n = len(players)
    others = [p for p in players if p != x]
    cache = {}

    def v(coalition):
        key = frozenset(coalition)
        if key not in cache:
            cache[key] = _topic(g.restrict(key | fixed | {topic}), semantics, topic, **kw)
        return cache[key]
    total = 0.0
    for k in range(len(others) + 1):
        weight = math.factorial(k) * math.factorial(n - k - 1) / math.factorial(n)
        for subset in itertools.combinations(others, k):
            total += weight * (v(set(subset) | {x}) - v(set(subset)))
    return total


def ctrb_gradient(g, semantics, topic, x, h=1e-5, **kw):
    """d sigma(topic) / d tau(x): central difference, second-order one-sided
    difference when tau(x) is within h of 0 or 1."""
    tau = g.nodes[x]

    def f(t):
        return _topic(g.with_base(x, t), semantics, topic, **kw)
    if tau - h >= 0.0 and tau + h <= 1.0:
        return (f(tau + h) - f(tau - h)) / (2 * h)
    if tau - h < 0.0:
        return (-3 * f(tau) + 4 * f(tau + h) - f(tau + 2 * h)) / (2 * h)
    return (3 * f(tau) - 4 * f(tau - h) + f(tau - 2 * h)) / (2 * h)


CONTRIBUTIONS = {
    "removal": ctrb_removal,
    "intrinsic-removal": ctrb_intrinsic_removal,
    "shapley": ctrb_shapley,
    "gradient": ctrb_gradient,
}


def contributions(g, semantics, topic, method, contributors=None, **kw):
    contributors = sorted(set(g.nodes) - {topic}) if contributors is None else contributors
    return {x: CONTRIBUTIONS[method](g, semantics, topic, x, **kw) for x in contributors}


# --------------------------------------------------------------------------
# Case checking / CLI
# --------------------------------------------------------------------------

def solver_kwargs(case):
    kw = {}
    if "solver" in case:
        kw["solver"] = case["solver"]
    if "delta" in case:
        kw["delta"] = case["delta"]
    return kw


def evaluate_case(case):
    g = QBAF.from_json(case["graph"])
    kw = solver_kwargs(case)
    kind = case.get("kind", "strength")
    if kind == "strength":
        return strengths(g, case["semantics"], **kw)
    if kind == "contribution":
        if case["method"] == "shapley" and "players" in case:
            kw["players"] = case["players"]
        return contributions(g, case["semantics"], case["topic"], case["method"],
                             sorted(case["expected"]), **kw)
    if kind == "oscillation":
        traj = jacobi_trajectory(g, case["semantics"], case["steps"])
        return traj[case["steps"] - len(case["expected_orbit"]) + 1:]
    raise ValueError("unknown case kind %r" % kind)


def check(path):
    with open(path) as fh:
        cases = json.load(fh)
    bad = 0
    for case in cases:
        got = evaluate_case(case)
        tol = case.get("tolerance", 1e-9)
        if case.get("kind") == "oscillation":
            pairs = [(st[n], exp[n]) for st, exp in zip(got, case["expected_orbit"]) for n in exp]
        else:
            pairs = [(got[n], case["expected"][n]) for n in case["expected"]]
        err = max(abs(a - b) for a, b in pairs)
        ok = err <= tol
        bad += not ok
        print("%-4s %-55s max|err| = %.2e (tol %.0e)" % ("ok" if ok else "FAIL", case["name"], err, tol))
    print("%d cases, %d failures" % (len(cases), bad))
    return bad == 0


def main(argv):
    if "--regen" in argv:
        import os
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import gen_cases
        gen_cases.main()
        return 0
    if "--check" in argv:
        import os
        here = os.path.dirname(os.path.abspath(__file__))
        return 0 if check(os.path.join(here, "cases.json")) else 1
    opts, args, i = {}, [], 0
    while i < len(argv):
        if argv[i] in ("--solver", "--delta") and i + 1 < len(argv):
            name, val = argv[i][2:], argv[i + 1]
            opts[name] = float(val) if name == "delta" else val
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 2:
        print(__doc__)
        return 2
    with open(args[0]) as fh:
        g = QBAF.from_json(json.load(fh))
    for n, v in sorted(strengths(g, args[1], **opts).items()):
        print("%s\t%.12g" % (n, v))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
