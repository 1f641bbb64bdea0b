#!/usr/bin/env python3
"""Edge crossings, drawing area and node overlaps of an argmap SVG.

Usage: svg_stats.py FILE.svg  ->  prints `crossings area overlaps edges nodes`.

Reads both writers' SVGs: Graphviz's (`<g class="edge">` titled `a->b`,
`<g class="node">`) and the embedded one (`<g class="edge" data-from data-to>`,
or an edge group titled `a supports b ...`; nodes are the other titled groups
whose first shape is their box). Coordinates are taken as written, with the
`transform="... translate(x y)"` of Graphviz's top group applied.

A crossing is a point where two edges with no end in common meet (each path
flattened into 16 segments per cubic); edges sharing a node may touch near it
without that being a crossing, as in the usual count of layered drawings.
The area is the SVG's width times its height (title and legend included, the
same for both writers). Two node boxes overlap when their bounding boxes
intersect by more than 1 unit both ways.
"""

import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def num(s):
    return float(re.sub(r"[a-z]+$", "", s))


def path_points(d):
    """Flattens an SVG path made of M, L, C, S, H, V commands (absolute)."""
    toks = re.findall(r"[MLCSHVZmlcshvz]|-?\d*\.?\d+(?:e-?\d+)?", d)
    pts, i, cmd = [], 0, None
    cur, last_c2 = (0.0, 0.0), None
    while i < len(toks):
        t = toks[i]
        if t.isalpha():
            cmd = t
            i += 1
            if cmd in "Zz":
                continue
            continue
        if cmd == "M" or cmd == "L":
            cur = (float(toks[i]), float(toks[i + 1]))
            i += 2
            pts.append(cur)
            last_c2 = None
            if cmd == "M":
                cmd = "L"
        elif cmd == "H":
            cur = (float(toks[i]), cur[1])
            i += 1
            pts.append(cur)
        elif cmd == "V":
            cur = (cur[0], float(toks[i]))
            i += 1
            pts.append(cur)
        elif cmd in "CS":
            if cmd == "C":
                c1 = (float(toks[i]), float(toks[i + 1]))
                i += 2
            else:
                c1 = cur if last_c2 is None else (2 * cur[0] - last_c2[0], 2 * cur[1] - last_c2[1])
            c2 = (float(toks[i]), float(toks[i + 1]))
            end = (float(toks[i + 2]), float(toks[i + 3]))
            i += 4
            p0 = cur
            for k in range(1, 17):
                u = k / 16
                a, b, c, e = (1 - u) ** 3, 3 * u * (1 - u) ** 2, 3 * u * u * (1 - u), u ** 3
                pts.append((a * p0[0] + b * c1[0] + c * c2[0] + e * end[0],
                            a * p0[1] + b * c1[1] + c * c2[1] + e * end[1]))
            cur, last_c2 = end, c2
        else:
            i += 1
    return pts


def seg_cross(p, q, r, s):
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    d1, d2 = orient(r, s, p), orient(r, s, q)
    d3, d4 = orient(p, q, r), orient(p, q, s)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and d1 != 0 and d2 != 0 and d3 != 0 and d4 != 0:
        t = d1 / (d1 - d2)
        return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
    return None


def title_of(g):
    t = g.find(SVG + "title")
    return (t.text or "") if t is not None else ""


def ends(g):
    if g.get("data-from") is not None:
        return g.get("data-from"), g.get("data-to")
    t = title_of(g)
    m = re.match(r"^(.*)->(.*)$", t)
    if m:
        return m.group(1).strip('"'), m.group(2).strip('"')
    m = re.match(r"^(\S+) (?:supports|attacks|undercuts) (\S+)", t)
    if m:
        return m.group(1), m.group(2)
    return None


def main(path):
    root = ET.parse(path).getroot()
    width, height = num(root.get("width")), num(root.get("height"))
    dx = dy = 0.0
    for g in root.iter(SVG + "g"):
        m = re.search(r"translate\(([-\d.]+)[ ,]([-\d.]+)\)", g.get("transform", ""))
        if m:
            dx, dy = float(m.group(1)), float(m.group(2))
            break
    edges, boxes = [], []
    for g in root.iter(SVG + "g"):
        cls = g.get("class", "")
        e = ends(g) if cls in ("edge", "") else None
        p = next(g.iter(SVG + "path"), None)
        if cls == "edge" or (cls == "" and e is not None and p is not None and p.get("marker-end")):
            if p is None or e is None:
                continue
            pts = [(x + dx, y + dy) for x, y in path_points(p.get("d"))]
            edges.append((e, pts))
        elif cls == "node" or (cls == "" and title_of(g) and e is None):
            shape = next((c for c in g.iter() if c.tag in (SVG + "rect", SVG + "path", SVG + "polygon")), None)
            if shape is None:
                continue
            if shape.tag == SVG + "rect":
                x, y = num(shape.get("x")), num(shape.get("y"))
                bb = (x, y, x + num(shape.get("width")), y + num(shape.get("height")))
            else:
                d = shape.get("d") or shape.get("points")
                pts = path_points(d) if shape.tag == SVG + "path" else [
                    tuple(map(float, p.split(","))) for p in d.split()]
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                bb = (min(xs), min(ys), max(xs), max(ys))
            boxes.append((bb[0] + dx, bb[1] + dy, bb[2] + dx, bb[3] + dy))
    # Grid buckets of segments.
    cell = 40.0
    grid = {}
    for k, (_, pts) in enumerate(edges):
        for j in range(len(pts) - 1):
            (x0, y0), (x1, y1) = pts[j], pts[j + 1]
            for gx in range(int(min(x0, x1) // cell), int(max(x0, x1) // cell) + 1):
                for gy in range(int(min(y0, y1) // cell), int(max(y0, y1) // cell) + 1):
                    grid.setdefault((gx, gy), []).append((k, j))
    found = set()
    for bucket in grid.values():
        for a in range(len(bucket)):
            ka, ja = bucket[a]
            for b in range(a + 1, len(bucket)):
                kb, jb = bucket[b]
                if ka == kb:
                    continue
                ea, eb = edges[ka][0], edges[kb][0]
                if set(ea) & set(eb):
                    continue
                pa, pb = edges[ka][1], edges[kb][1]
                x = seg_cross(pa[ja], pa[ja + 1], pb[jb], pb[jb + 1])
                if x is not None:
                    key = (min(ka, kb), max(ka, kb), round(x[0] / 2), round(x[1] / 2))
                    found.add(key)
    overlaps = 0
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    for ii, i in enumerate(order):
        for j in order[ii + 1:]:
            if boxes[j][0] >= boxes[i][2] - 1:
                break
            if min(boxes[i][3], boxes[j][3]) - max(boxes[i][1], boxes[j][1]) > 1 and \
                    min(boxes[i][2], boxes[j][2]) - max(boxes[i][0], boxes[j][0]) > 1:
                overlaps += 1
    print(len(found), round(width * height), overlaps, len(edges), len(boxes))


if __name__ == "__main__":
    main(sys.argv[1])
