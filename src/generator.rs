//! Seeded generators of test graphs: realistic shapes at any size, for tests,
//! benchmarks and comparisons with other tools (`argmap gen`).
//!
//! [`generate`] turns [`GenOptions`] into a [`Generated`] graph: a compact edge
//! list (12 bytes an edge, 9 bytes a node), so a graph of 10⁶ nodes and 4·10⁶
//! edges takes about 60 MB. [`Generated::write`] streams it as RON, `.bag` or
//! ICCMA `.af` text to any writer without building the text in memory, and
//! [`Generated::to_model`] turns a small one into an [`ArgumentGraph`].
//!
//! The output depends only on the options: the same options give the same bytes
//! on every machine (argmap's own PRNG, [`Rng`], no floating point in the
//! structure). The streams are versioned with argmap: a later version may
//! generate different graphs for the same seed (the docs say when).
//!
//! ```
//! use argmap::generator::{GenOptions, Shape, Format, generate};
//! let mut opts = GenOptions::new(Shape::Layered, 50);
//! opts.edges = 120;
//! opts.seed = 7;
//! let g = generate(&opts)?;
//! assert_eq!((g.len(), g.edges().len()), (50, 120));
//! let mut ron = Vec::new();
//! g.write(Format::Ron, &mut ron)?;
//! let text = String::from_utf8(ron)?;
//! let checked = argmap::check(&argmap::Source::new("gen.ron", text))?; // valid
//! assert!(checked.warnings.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::io::{self, Write};

use crate::model::{ArgumentGraph, Cite, Edge, EdgeData, EdgeKind, Node, NodeKind};

/// The shape of a generated graph. Every shape has one conclusion (node 0,
/// id `h`) that every other node reaches by some path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Layers of claims growing geometrically (1, 4, 16, ... up to the width of
    /// the evidence layer) above one layer of evidence; edges go up, mostly to
    /// the next layer and to nearby positions in it (topical locality), some skip
    /// layers. Acyclic. Every claim has at least one child.
    #[default]
    Layered,
    /// A random recursive tree: node `i` answers a uniformly chosen earlier node.
    /// Leaves are evidence, inner nodes claims; `n - 1` edges.
    Tree,
    /// A random DAG: every edge goes from a node to a uniformly chosen earlier
    /// claim. Evidence nodes are the last ones and are never targets.
    Random,
    /// Preferential attachment (Barabási–Albert, directed): targets are earlier
    /// claims chosen with probability proportional to 1 + their in-degree, so a
    /// few hub claims collect most edges. Acyclic.
    ScaleFree,
    /// [`Shape::Random`] plus back edges: a share ([`GenOptions::back_ratio`]) of
    /// the edges out of claims go to a later claim, which closes cycles.
    Cyclic,
}

impl Shape {
    /// Every shape, in documentation order.
    pub const ALL: [Shape; 5] = [
        Shape::Layered,
        Shape::Tree,
        Shape::Random,
        Shape::ScaleFree,
        Shape::Cyclic,
    ];

    /// The name used on the command line, e.g. `scale-free`.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Layered => "layered",
            Shape::Tree => "tree",
            Shape::Random => "random",
            Shape::ScaleFree => "scale-free",
            Shape::Cyclic => "cyclic",
        }
    }

    /// The shape with this name.
    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether graphs of this shape can have cycles.
    pub fn is_cyclic(self) -> bool {
        self == Shape::Cyclic
    }
}

/// The text format a generated graph is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// argmap's RON argument file (everything: kinds, bases, weights).
    #[default]
    Ron,
    /// The `.bag` text of QBAF tools: `arg(id, base).`, `att(a, b).`, `sup(a, b).`
    /// (no weights, no node kinds).
    Bag,
    /// ICCMA 2023 `.af`: `p af N` and one `a b` line per attack, arguments
    /// numbered from 1 in node order (attacks only: no supports, bases or weights).
    Af,
}

impl Format {
    /// The name used on the command line and as the file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::Bag => "bag",
            Format::Af => "af",
        }
    }

    /// The format with this name (or file extension).
    pub fn from_name(name: &str) -> Option<Format> {
        [Format::Ron, Format::Bag, Format::Af]
            .into_iter()
            .find(|f| f.name() == name)
    }
}

/// What to generate. Build with [`GenOptions::new`] and change the fields.
#[derive(Clone, Debug, PartialEq)]
pub struct GenOptions {
    /// The shape.
    pub shape: Shape,
    /// Number of nodes (at least 1).
    pub nodes: usize,
    /// Number of edges. Every non-conclusion node has at least one outgoing edge,
    /// so at least `nodes - 1`; a tree has exactly `nodes - 1`.
    pub edges: usize,
    /// Share of supports among the edges, in `[0, 1]` (the rest are attacks).
    pub support_ratio: f64,
    /// Share of evidence among the nodes, in `[0, 1]` (ignored by [`Shape::Tree`],
    /// whose evidence are its leaves). Evidence nodes are never edge targets.
    pub evidence_ratio: f64,
    /// For [`Shape::Cyclic`]: share of the edges out of claims that go back to a
    /// later claim, in `[0, 1]`.
    pub back_ratio: f64,
    /// Random weights in `{0.1, 0.11, ..., 1}` instead of the standard weight 1.
    pub weighted: bool,
    /// The seed: the same options give the same graph.
    pub seed: u64,
}

impl GenOptions {
    /// Defaults for a shape and size: [`GenOptions::default_edges`], half
    /// supports, half evidence, back ratio 0.1, weight 1, seed 0.
    pub fn new(shape: Shape, nodes: usize) -> GenOptions {
        let mut o = GenOptions {
            shape,
            nodes,
            edges: 0,
            support_ratio: 0.5,
            evidence_ratio: 0.5,
            back_ratio: 0.1,
            weighted: false,
            seed: 0,
        };
        o.edges = o.default_edges();
        o
    }

    /// The default edge count for the other options: `nodes - 1` for a tree, else
    /// 4 per non-conclusion node, or as many as fit in a small graph.
    pub fn default_edges(&self) -> usize {
        let links = self.nodes.saturating_sub(1);
        if self.shape == Shape::Tree || self.nodes == 0 {
            links
        } else {
            let max = self.max_edges().min(usize::MAX as u128) as usize;
            links.saturating_mul(4).min(max).max(links)
        }
    }

    /// The number of evidence nodes of a non-tree shape.
    fn evidence_count(&self) -> usize {
        let n = self.nodes;
        ((self.evidence_ratio * n as f64).round() as usize).min(n.saturating_sub(1))
    }

    /// Checks the options: [`generate`] fails exactly when this does.
    pub fn check(&self) -> Result<(), GenError> {
        let ratio = |name: &'static str, v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(GenError::Ratio { name, value: v })
            }
        };
        ratio("support ratio", self.support_ratio)?;
        ratio("evidence ratio", self.evidence_ratio)?;
        ratio("back ratio", self.back_ratio)?;
        if self.nodes == 0 {
            return Err(GenError::NoNodes);
        }
        if self.nodes > u32::MAX as usize - 1 || self.edges > u32::MAX as usize - 1 {
            return Err(GenError::TooLarge);
        }
        let min = self.nodes - 1;
        if self.shape == Shape::Tree && self.edges != min {
            return Err(GenError::TreeEdges {
                nodes: self.nodes,
                edges: self.edges,
            });
        }
        if self.edges < min {
            return Err(GenError::TooFewEdges {
                nodes: self.nodes,
                edges: self.edges,
            });
        }
        let max = self.max_edges();
        if self.edges as u128 > max {
            return Err(GenError::TooManyEdges {
                shape: self.shape,
                nodes: self.nodes,
                edges: self.edges,
                max,
            });
        }
        Ok(())
    }

    /// Checks that `format` can carry what these options generate.
    pub fn check_format(&self, format: Format) -> Result<(), GenError> {
        let refuse = |what: &'static str| {
            Err(GenError::Unrepresentable {
                format: format.name(),
                what,
            })
        };
        match format {
            Format::Ron => Ok(()),
            Format::Bag if self.weighted => refuse("weights (drop --weighted)"),
            Format::Bag => Ok(()),
            Format::Af if self.weighted => refuse("weights (drop --weighted)"),
            Format::Af if self.support_ratio > 0.0 => refuse("supports (use --support-ratio 0)"),
            Format::Af => Ok(()),
        }
    }

    /// The most edges the shape can hold without duplicates or self-loops.
    fn max_edges(&self) -> u128 {
        let n = self.nodes as u128;
        let ne = self.evidence_count() as u128;
        let nc = n - ne;
        match self.shape {
            Shape::Tree => n - 1,
            // Each node reaches every earlier claim: sum_{i=1}^{n-1} min(i, nc).
            Shape::Random | Shape::ScaleFree => nc * (nc - 1) / 2 + ne * nc,
            // Claims may also reach every later claim.
            Shape::Cyclic => (nc - 1) * (nc - 1) + ne * nc,
            Shape::Layered => {
                let layers = layer_starts(self.nodes, self.evidence_count());
                let mut total = 0u128;
                for w in layers.windows(2).skip(1) {
                    total += (w[1] - w[0]) as u128 * w[0] as u128;
                }
                total
            }
        }
    }
}

/// Why a graph cannot be generated.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GenError {
    /// `nodes` is 0.
    #[error("a graph needs at least one node (the conclusion)")]
    NoNodes,
    /// More than 2³² - 2 nodes or edges.
    #[error("at most 4294967294 nodes and edges")]
    TooLarge,
    /// A ratio outside `[0, 1]`.
    #[error("the {name} must be in [0, 1], not {value}")]
    Ratio {
        /// Which ratio.
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// Fewer edges than `nodes - 1`.
    #[error(
        "{edges} edges cannot connect {nodes} nodes to the conclusion: give at least {}",
        nodes - 1
    )]
    TooFewEdges {
        /// Nodes asked for.
        nodes: usize,
        /// Edges asked for.
        edges: usize,
    },
    /// A tree with other than `nodes - 1` edges.
    #[error("a tree of {nodes} nodes has exactly {} edges, not {edges}", nodes - 1)]
    TreeEdges {
        /// Nodes asked for.
        nodes: usize,
        /// Edges asked for.
        edges: usize,
    },
    /// More edges than the shape can hold.
    #[error(
        "a {} graph of {nodes} nodes holds at most {max} edges without duplicates, not {edges}",
        shape.name()
    )]
    TooManyEdges {
        /// The shape.
        shape: Shape,
        /// Nodes asked for.
        nodes: usize,
        /// Edges asked for.
        edges: usize,
        /// The most that fit.
        max: u128,
    },
    /// The format cannot carry part of the graph.
    #[error("the .{format} format cannot carry {what}")]
    Unrepresentable {
        /// The format.
        format: &'static str,
        /// What it cannot carry, and the fix.
        what: &'static str,
    },
}

/// A generated edge: endpoints as node indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GenEdge {
    /// Source node.
    pub from: u32,
    /// Target node.
    pub to: u32,
    /// Support or attack.
    pub kind: EdgeKind,
    /// Weight in hundredths (100 = weight 1).
    pub weight_pct: u8,
}

impl GenEdge {
    /// The weight.
    pub fn weight(self) -> f64 {
        f64::from(self.weight_pct) / 100.0
    }
}

/// A generated graph in compact form. Node 0 is the conclusion.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    options: GenOptions,
    evidence: Vec<bool>,
    /// Bases in hundredths.
    base_pct: Vec<u8>,
    edges: Vec<GenEdge>,
}

impl Generated {
    /// The options it was generated with.
    pub fn options(&self) -> &GenOptions {
        &self.options
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.base_pct.len()
    }

    /// Whether there are no nodes (never: a graph has its conclusion).
    pub fn is_empty(&self) -> bool {
        self.base_pct.is_empty()
    }

    /// Node `i`'s kind.
    pub fn kind(&self, i: usize) -> NodeKind {
        if self.evidence[i] {
            NodeKind::Evidence
        } else {
            NodeKind::Claim
        }
    }

    /// Node `i`'s base score (two decimals, so every format writes it exactly).
    pub fn base(&self, i: usize) -> f64 {
        f64::from(self.base_pct[i]) / 100.0
    }

    /// The edges, grouped by source in node order.
    pub fn edges(&self) -> &[GenEdge] {
        &self.edges
    }

    /// Node `i`'s id: `h` for the conclusion, `c<i>` for a claim, `e<i>` for evidence.
    pub fn id(&self, i: usize) -> String {
        let mut s = Vec::new();
        self.write_id(&mut s, i).unwrap_or(());
        String::from_utf8(s).unwrap_or_default()
    }

    fn write_id(&self, w: &mut impl Write, i: usize) -> io::Result<()> {
        if i == 0 {
            w.write_all(b"h")
        } else {
            w.write_all(if self.evidence[i] { b"e" } else { b"c" })?;
            write_uint(w, i as u64)
        }
    }

    /// The graph as an argmap model (for small graphs: it holds every string).
    pub fn to_model(&self) -> ArgumentGraph {
        let nodes = (0..self.len())
            .map(|i| Node {
                id: self.id(i),
                kind: self.kind(i),
                text: self.text(i),
                base: self.base(i),
                cite: self.evidence[i].then(|| Cite {
                    reference: "argmap gen".into(),
                    ..Cite::default()
                }),
                ..Node::default()
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .map(|e| {
                Edge::new(
                    e.kind,
                    EdgeData {
                        weight: e.weight(),
                        ..EdgeData::new(self.id(e.from as usize), self.id(e.to as usize))
                    },
                )
            })
            .collect();
        ArgumentGraph {
            title: self.title(),
            description: Some(self.description()),
            conclusion: "h".into(),
            nodes,
            edges,
            ..ArgumentGraph::default()
        }
    }

    fn text(&self, i: usize) -> String {
        match (i, self.evidence[i]) {
            (0, _) => "The conclusion.".into(),
            (_, true) => format!("Evidence {i}."),
            (_, false) => format!("Claim {i}."),
        }
    }

    fn title(&self) -> String {
        let o = &self.options;
        format!(
            "Generated {} graph: {} nodes, {} edges",
            o.shape.name(),
            o.nodes,
            o.edges
        )
    }

    /// The command that regenerates this graph.
    fn description(&self) -> String {
        let o = &self.options;
        let mut s = format!(
            "argmap gen --shape {} --nodes {} --edges {} --support-ratio {} --seed {}",
            o.shape.name(),
            o.nodes,
            o.edges,
            o.support_ratio,
            o.seed
        );
        if o.shape != Shape::Tree {
            s += &format!(" --evidence-ratio {}", o.evidence_ratio);
        }
        if o.shape == Shape::Cyclic {
            s += &format!(" --back-ratio {}", o.back_ratio);
        }
        if o.weighted {
            s += " --weighted";
        }
        s
    }

    /// Writes the graph in `format`, streaming (wrap `w` in a `BufWriter`).
    /// Fails with [`io::ErrorKind::InvalidInput`] if the format cannot carry the
    /// graph (see [`GenOptions::check_format`]).
    pub fn write(&self, format: Format, w: &mut impl Write) -> io::Result<()> {
        if let Err(e) = self.options.check_format(format) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, e.to_string()));
        }
        match format {
            Format::Ron => self.write_ron(w),
            Format::Bag => self.write_bag(w),
            Format::Af => self.write_af(w),
        }
    }

    fn write_ron(&self, w: &mut impl Write) -> io::Result<()> {
        writeln!(w, "// Generated by argmap gen; regenerate with:")?;
        writeln!(w, "// {}", self.description())?;
        writeln!(w, "ArgumentGraph(")?;
        writeln!(w, "    title: \"{}\",", self.title())?;
        writeln!(w, "    description: \"{}\",", self.description())?;
        writeln!(w, "    conclusion: \"h\",")?;
        writeln!(w, "    nodes: [")?;
        for i in 0..self.len() {
            w.write_all(b"        Node(id: \"")?;
            self.write_id(w, i)?;
            let pct = self.base_pct[i];
            if i == 0 {
                w.write_all(b"\", kind: Claim, text: \"The conclusion.\", base: ")?;
                write_pct(w, pct)?;
            } else if self.evidence[i] {
                w.write_all(b"\", kind: Evidence, text: \"Evidence ")?;
                write_uint(w, i as u64)?;
                w.write_all(b".\", base: ")?;
                write_pct(w, pct)?;
                w.write_all(b", cite: (ref: \"argmap gen\")")?;
            } else {
                w.write_all(b"\", kind: Claim, text: \"Claim ")?;
                write_uint(w, i as u64)?;
                w.write_all(b".\", base: ")?;
                write_pct(w, pct)?;
            }
            w.write_all(b"),\n")?;
        }
        writeln!(w, "    ],")?;
        writeln!(w, "    edges: [")?;
        for e in &self.edges {
            w.write_all(b"        ")?;
            w.write_all(e.kind.name().as_bytes())?;
            w.write_all(b"(from: \"")?;
            self.write_id(w, e.from as usize)?;
            w.write_all(b"\", to: \"")?;
            self.write_id(w, e.to as usize)?;
            if e.weight_pct == 100 {
                w.write_all(b"\"),\n")?;
            } else {
                w.write_all(b"\", weight: ")?;
                write_pct(w, e.weight_pct)?;
                w.write_all(b"),\n")?;
            }
        }
        writeln!(w, "    ],")?;
        writeln!(w, ")")
    }

    fn write_bag(&self, w: &mut impl Write) -> io::Result<()> {
        writeln!(w, "% {}", self.title())?;
        writeln!(w, "% {}", self.description())?;
        for i in 0..self.len() {
            w.write_all(b"arg(")?;
            self.write_id(w, i)?;
            w.write_all(b", ")?;
            write_pct(w, self.base_pct[i])?;
            w.write_all(b").\n")?;
        }
        for e in &self.edges {
            w.write_all(match e.kind {
                EdgeKind::Support => b"sup(",
                // (generated edges are never undercuts)
                EdgeKind::Attack | EdgeKind::Undercut => b"att(",
            })?;
            self.write_id(w, e.from as usize)?;
            w.write_all(b", ")?;
            self.write_id(w, e.to as usize)?;
            w.write_all(b").\n")?;
        }
        Ok(())
    }

    fn write_af(&self, w: &mut impl Write) -> io::Result<()> {
        writeln!(w, "p af {}", self.len())?;
        writeln!(w, "# {}", self.description())?;
        for e in &self.edges {
            write_uint(w, u64::from(e.from) + 1)?;
            w.write_all(b" ")?;
            write_uint(w, u64::from(e.to) + 1)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Writes a number in decimal (the formatting machinery is the bottleneck of
/// writing a million-node file).
fn write_uint(w: &mut impl Write, mut x: u64) -> io::Result<()> {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (x % 10) as u8;
        x /= 10;
        if x == 0 {
            break;
        }
    }
    w.write_all(&buf[at..])
}

/// Writes hundredths as the shortest decimal: 100 -> `1.0`, 50 -> `0.5`, 7 -> `0.07`.
fn write_pct(w: &mut impl Write, pct: u8) -> io::Result<()> {
    match pct {
        100 => w.write_all(b"1.0"),
        p if p % 10 == 0 => w.write_all(&[b'0', b'.', b'0' + p / 10]),
        p => w.write_all(&[b'0', b'.', b'0' + p / 10, b'0' + p % 10]),
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A small, fast, seeded pseudo-random generator: xoshiro256** (Blackman and
/// Vigna, 2018) seeded through splitmix64. Not for cryptography. Its streams are
/// fixed: the same seed gives the same numbers on every platform.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
}

/// One step of splitmix64 (Steele, Lea and Flood 2014; Vigna's `splitmix64.c`).
fn splitmix64(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator seeded with `seed` (any value, 0 included).
    pub fn new(seed: u64) -> Rng {
        let mut x = seed;
        Rng {
            s: [
                splitmix64(&mut x),
                splitmix64(&mut x),
                splitmix64(&mut x),
                splitmix64(&mut x),
            ],
        }
    }

    /// An independent stream `k` of the same seed.
    pub fn stream(seed: u64, k: u64) -> Rng {
        let mut x = seed ^ k.wrapping_mul(0xd1b5_4a32_d192_ed03);
        Rng::new(splitmix64(&mut x))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let out = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        out
    }

    /// A uniform integer in `0..n` (`n > 0`), without bias (Lemire 2019).
    pub fn below(&mut self, n: u64) -> u64 {
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }

    /// A uniform integer in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// `true` with probability `p` (exactly: compares 53 random bits with `p`).
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) < p * (1u64 << 53) as f64
    }
}

/// Branching factor of the layered shape's claim layers.
const GROWTH: usize = 4;
/// Half-width of the window of nearby positions a layered edge goes to.
const WINDOW: u64 = 8;
/// Share of layered edges that go to the next layer up (the rest skip layers).
const ADJACENT: f64 = 0.75;

/// Start index of each layer (conclusion layer first, evidence layer last) and
/// the node count at the end: claim layers grow by [`GROWTH`] up to the width of
/// the evidence layer, in non-decreasing size order; then the evidence layer.
fn layer_starts(n: usize, ne: usize) -> Vec<usize> {
    let nc = n - ne;
    let cap = if ne == 0 { usize::MAX } else { ne };
    let mut sizes = vec![1];
    let (mut left, mut s) = (nc - 1, GROWTH);
    while left > 0 {
        let take = s.min(cap).min(left);
        sizes.push(take);
        left -= take;
        s = s.saturating_mul(GROWTH);
    }
    sizes[1..].sort_unstable();
    if ne > 0 {
        sizes.push(ne);
    }
    let mut starts = vec![0];
    for s in sizes {
        starts.push(starts.last().copied().unwrap_or(0) + s);
    }
    starts
}

/// Generates a graph. Errors only for the options [`GenOptions::check`] refuses.
pub fn generate(opts: &GenOptions) -> Result<Generated, GenError> {
    opts.check()?;
    let n = opts.nodes;
    let mut structure = Rng::stream(opts.seed, 1);
    let (evidence, edges_st) = if opts.shape == Shape::Tree {
        tree(n, &mut structure)
    } else {
        let ne = opts.evidence_count();
        let mut evidence = vec![false; n];
        evidence[n - ne..].fill(true);
        let mut b = Builder::new(opts, ne);
        let edges = b.run(&mut structure);
        (evidence, edges)
    };

    let mut kinds = Rng::stream(opts.seed, 2);
    let mut weights = Rng::stream(opts.seed, 3);
    let edges = edges_st
        .into_iter()
        .map(|(from, to)| GenEdge {
            from,
            to,
            kind: if kinds.chance(opts.support_ratio) {
                EdgeKind::Support
            } else {
                EdgeKind::Attack
            },
            weight_pct: if opts.weighted {
                weights.between(10, 100) as u8
            } else {
                100
            },
        })
        .collect();
    let mut bases = Rng::stream(opts.seed, 4);
    let base_pct = (0..n)
        .map(|i| match (i, evidence[i]) {
            (0, _) => 50,
            (_, true) => bases.between(50, 95) as u8,
            (_, false) => bases.between(30, 70) as u8,
        })
        .collect();
    Ok(Generated {
        options: opts.clone(),
        evidence,
        base_pct,
        edges,
    })
}

/// A random recursive tree; leaves are evidence.
fn tree(n: usize, rng: &mut Rng) -> (Vec<bool>, Vec<(u32, u32)>) {
    let mut leaf = vec![true; n];
    let mut edges = Vec::with_capacity(n - 1);
    for i in 1..n {
        let p = rng.below(i as u64) as usize;
        leaf[p] = false;
        edges.push((i as u32, p as u32));
    }
    leaf[0] = false;
    (leaf, edges)
}

/// Places edges source by source: each non-conclusion node gets one mandatory
/// edge toward the conclusion plus its share of the extra edges, all to distinct
/// targets. Claims come
/// before evidence; the first edges of the evidence go to the claims that have
/// no child yet (while evidence lasts), so claims are argued about.
struct Builder<'a> {
    opts: &'a GenOptions,
    n: usize,
    /// Number of claims (nodes `0..nc`).
    nc: usize,
    /// Layered: layer starts, and the layer of each node.
    starts: Vec<usize>,
    layer: Vec<u32>,
    /// Scale-free: each claim once, plus once per edge it received.
    pool: Vec<u32>,
    /// `mark[t] == i` when source `i` already has an edge to `t`.
    mark: Vec<u32>,
    /// Claims without a child when the evidence phase starts (not layered), and
    /// how many of them evidence has taken so far.
    uncovered: Vec<u32>,
    covered_upto: usize,
}

impl<'a> Builder<'a> {
    fn new(opts: &'a GenOptions, ne: usize) -> Builder<'a> {
        let n = opts.nodes;
        let (starts, layer) = if opts.shape == Shape::Layered {
            let starts = layer_starts(n, ne);
            let mut layer = vec![0u32; n];
            for (k, w) in starts.windows(2).enumerate() {
                layer[w[0]..w[1]].fill(k as u32);
            }
            (starts, layer)
        } else {
            (vec![], vec![])
        };
        Builder {
            opts,
            n,
            nc: n - ne,
            starts,
            layer,
            pool: vec![],
            mark: vec![u32::MAX; n],
            uncovered: vec![],
            covered_upto: 0,
        }
    }

    /// How many distinct targets node `i` can have.
    fn capacity(&self, i: usize) -> usize {
        match self.opts.shape {
            Shape::Layered => self.starts[self.layer[i] as usize],
            Shape::Cyclic if i < self.nc => self.nc - 1,
            _ => i.min(self.nc),
        }
    }

    /// The `k`-th of node `i`'s possible targets, `k < capacity(i)` (for the
    /// exhaustive fallback).
    fn nth_target(&self, i: usize, k: usize) -> usize {
        match self.opts.shape {
            Shape::Cyclic if i < self.nc && k >= i => k + 1,
            _ => k,
        }
    }

    /// The mandatory edge of node `i`: toward the conclusion.
    fn first_target(&mut self, i: usize, rng: &mut Rng) -> usize {
        match self.opts.shape {
            Shape::Layered => {
                // Monotone map from this layer onto the one above: covers it
                // (layers above are never wider), so every claim gets a child.
                let k = self.layer[i] as usize;
                let (lo, hi) = (self.starts[k], self.starts[k + 1]);
                let (plo, phi) = (self.starts[k - 1], self.starts[k]);
                plo + (i - lo) * (phi - plo) / (hi - lo)
            }
            _ if i >= self.nc && self.covered_upto < self.uncovered.len() => {
                // Evidence first backs the claims nothing argues about yet.
                self.covered_upto += 1;
                self.uncovered[self.covered_upto - 1] as usize
            }
            Shape::ScaleFree => self.pool[rng.below(self.pool.len() as u64) as usize] as usize,
            _ => rng.below(i.min(self.nc) as u64) as usize,
        }
    }

    /// A random extra target of node `i` (may repeat an earlier one).
    fn extra_target(&mut self, i: usize, rng: &mut Rng) -> usize {
        match self.opts.shape {
            Shape::Layered => {
                let k = self.layer[i] as usize;
                let t = if k == 1 || rng.chance(ADJACENT) {
                    k - 1
                } else {
                    rng.below(k as u64 - 1) as usize
                };
                let (lo, hi) = (self.starts[k], self.starts[k + 1]);
                let (tlo, thi) = (self.starts[t], self.starts[t + 1]);
                let width = (thi - tlo) as u64;
                if width <= 2 * WINDOW + 1 {
                    return tlo + rng.below(width) as usize;
                }
                // The same relative position in the target layer, give or take WINDOW.
                let centre =
                    ((2 * (i - lo) + 1) as u128 * width as u128 / (2 * (hi - lo)) as u128) as u64;
                let lo_pos = centre.saturating_sub(WINDOW).min(width - 2 * WINDOW - 1);
                tlo + (lo_pos + rng.below(2 * WINDOW + 1)) as usize
            }
            Shape::ScaleFree => self.pool[rng.below(self.pool.len() as u64) as usize] as usize,
            Shape::Cyclic if i + 1 < self.nc && rng.chance(self.opts.back_ratio) => {
                rng.between(i as u64 + 1, self.nc as u64 - 1) as usize
            }
            _ => rng.below(i.min(self.nc) as u64) as usize,
        }
    }

    fn run(&mut self, rng: &mut Rng) -> Vec<(u32, u32)> {
        let (n, m) = (self.n, self.opts.edges);
        // Extra edges beyond the mandatory one per node, spread uniformly over the
        // sources 1..n (a multinomial draw).
        let mut extra = vec![0u32; n];
        if n > 1 {
            for _ in 0..m - (n - 1) {
                extra[1 + rng.below(n as u64 - 1) as usize] += 1;
            }
        }
        // A node that cannot take its share (too few possible targets) passes the
        // rest to the next nodes with room, from a random place on: all fit, since
        // `check` made sure that m <= the sum of the capacities.
        let mut want: Vec<u32> = vec![0; n];
        let mut overflow = 0usize;
        for i in 1..n {
            let w = 1 + extra[i] as usize;
            let cap = self.capacity(i);
            want[i] = w.min(cap) as u32;
            overflow += w.saturating_sub(cap);
        }
        if overflow > 0 {
            let from = 1 + rng.below(n as u64 - 1) as usize;
            for i in (from..n).chain(1..from) {
                let room = self.capacity(i) - want[i] as usize;
                let add = room.min(overflow);
                want[i] += add as u32;
                overflow -= add;
                if overflow == 0 {
                    break;
                }
            }
        }
        drop(extra);
        let mut edges: Vec<(u32, u32)> = Vec::with_capacity(m);
        if self.opts.shape == Shape::ScaleFree {
            self.pool.reserve(m + self.nc);
            self.pool.push(0);
        }
        for i in 1..n {
            if i == self.nc && self.opts.shape != Shape::Layered {
                let mut has_child = vec![false; self.nc];
                for &(_, t) in &edges {
                    has_child[t as usize] = true;
                }
                self.uncovered = (0..self.nc as u32)
                    .filter(|&c| !has_child[c as usize])
                    .collect();
            }
            let start = edges.len();
            let cap = self.capacity(i);
            let want = want[i] as usize;
            let t = self.first_target(i, rng);
            self.take(i, t, &mut edges);
            while edges.len() - start < want {
                let mut placed = false;
                for _ in 0..16 {
                    let t = self.extra_target(i, rng);
                    if self.mark[t] != i as u32 {
                        self.take(i, t, &mut edges);
                        placed = true;
                        break;
                    }
                }
                if !placed {
                    // Nearly full: scan the possible targets from a random start
                    // (terminates: fewer than `cap` are taken).
                    let k0 = rng.below(cap as u64) as usize;
                    for k in (k0..cap).chain(0..k0) {
                        let t = self.nth_target(i, k);
                        if self.mark[t] != i as u32 {
                            self.take(i, t, &mut edges);
                            break;
                        }
                    }
                }
            }
            if self.opts.shape == Shape::ScaleFree {
                for e in &edges[start..] {
                    self.pool.push(e.1);
                }
                if i < self.nc {
                    self.pool.push(i as u32);
                }
            }
        }
        debug_assert_eq!(edges.len(), m);
        edges
    }

    fn take(&mut self, i: usize, t: usize, edges: &mut Vec<(u32, u32)>) {
        debug_assert!(t != i && self.mark[t] != i as u32);
        self.mark[t] = i as u32;
        edges.push((i as u32, t as u32));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// splitmix64 from seed 0: the first outputs of Vigna's reference
    /// `splitmix64.c` (checked with a Python transcription of it).
    #[test]
    fn splitmix64_matches_the_reference() {
        let mut x = 0;
        assert_eq!(splitmix64(&mut x), 0xe220_a839_7b1d_cdaf);
        assert_eq!(splitmix64(&mut x), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(splitmix64(&mut x), 0x06c4_5d18_8009_454f);
    }

    /// xoshiro256** from state [1, 2, 3, 4], by hand from the reference code:
    /// out = rotl(s1 * 5, 7) * 9 = rotl(10, 7) * 9 = 1280 * 9 = 11520; then
    /// s2 = 3^1 = 2, s3 = 4^2 = 6, s1 = 2^2 = 0, s0 = 1^6 = 7, so the next out is 0.
    #[test]
    fn xoshiro_matches_a_hand_computation() {
        let mut r = Rng { s: [1, 2, 3, 4] };
        assert_eq!(r.next_u64(), 11520);
        assert_eq!(r.next_u64(), 0);
    }

    #[test]
    fn below_stays_in_range_and_hits_every_value() {
        let mut r = Rng::new(3);
        let mut seen = [0u32; 7];
        for _ in 0..7000 {
            seen[r.below(7) as usize] += 1;
        }
        // 1000 expected each; 6 standard deviations is about 190.
        assert!(seen.iter().all(|&c| (800..1200).contains(&c)), "{seen:?}");
    }

    #[test]
    fn pct_is_written_as_the_shortest_decimal() {
        let s = |p| {
            let mut v = vec![];
            write_pct(&mut v, p).unwrap();
            String::from_utf8(v).unwrap()
        };
        assert_eq!(
            [s(100), s(50), s(7), s(95), s(0)],
            ["1.0", "0.5", "0.07", "0.95", "0.0"]
        );
        for p in 0..=100u8 {
            assert_eq!(s(p).parse::<f64>().unwrap(), f64::from(p) / 100.0);
        }
    }

    #[test]
    fn layers_grow_then_stay_as_wide_as_the_evidence() {
        // 100 nodes, 10 evidence: claims 1 + 4 + 10 * 8 + 5 = 90, sorted ascending.
        let s = layer_starts(100, 10);
        let sizes: Vec<usize> = s.windows(2).map(|w| w[1] - w[0]).collect();
        assert_eq!(sizes, [1, 4, 5, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
        // Without evidence: 1, 4, 16 and the rest.
        let s = layer_starts(30, 0);
        let sizes: Vec<usize> = s.windows(2).map(|w| w[1] - w[0]).collect();
        assert_eq!(sizes, [1, 4, 9, 16]);
    }
}
