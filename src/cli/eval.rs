//! `argmap eval FILE`: final strengths under a gradual semantics.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::PossibleValue;

use argmap::semantics::{Evaluation, Params, SemanticsKind, Solver};
use argmap::{ArgGraph, suggest};

use super::{Ctx, DiagFormat, EXIT_FAILURE, EXIT_INPUT, Reported};

/// A semantics name as a flag value (the names of [`SemanticsKind::name`]),
/// or `all` (`None`), which only `eval` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SemanticsArg(pub Option<SemanticsKind>);

const SEMANTICS_ARGS: [SemanticsArg; SemanticsKind::ALL.len() + 1] = {
    let mut a = [SemanticsArg(None); SemanticsKind::ALL.len() + 1];
    let mut i = 0;
    while i < SemanticsKind::ALL.len() {
        a[i] = SemanticsArg(Some(SemanticsKind::ALL[i]));
        i += 1;
    }
    a
};

impl clap::ValueEnum for SemanticsArg {
    fn value_variants<'a>() -> &'a [Self] {
        &SEMANTICS_ARGS
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self.0 {
            Some(k) => PossibleValue::new(k.name()),
            // Listed in `eval`'s help only (the other commands refuse it).
            None => PossibleValue::new("all").hide(true),
        })
    }
}

/// `--solver` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SolverArg {
    /// Exact on acyclic parts, discrete on cycles, continuous if that does not converge.
    Auto,
    /// Synchronous (Jacobi) iteration from the base scores.
    Discrete,
    /// The continuous model ds/dt = f(s) - s, integrated with RK4.
    Continuous,
}

impl From<SolverArg> for Solver {
    fn from(s: SolverArg) -> Solver {
        match s {
            SolverArg::Auto => Solver::Auto,
            SolverArg::Discrete => Solver::Discrete,
            SolverArg::Continuous => Solver::Continuous,
        }
    }
}

fn positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!("`{s}` is not a number > 0")),
    }
}

/// A whole-number flag (`--depth`, `--top`, `--max-size`, `--seed`, `--port`,
/// ...): 0 or more, and at most what `T` holds. A negative number reaches this
/// parser ([`super::args::command`]), which says why it is refused.
pub(crate) fn whole<T: TryFrom<u128>>(s: &str) -> Result<T, String> {
    let n = s
        .trim()
        .parse::<u128>()
        .map_err(|_| format!("`{s}` is not a whole number, 0 or more"))?;
    T::try_from(n).map_err(|_| format!("`{s}` is too large a number for this flag"))
}

/// `--threshold X` of `flip` and `sensitivity`: a strength, in [0, 1] (a
/// strength never goes above 1 or below 0, so another threshold cannot be crossed).
pub(crate) fn threshold(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "`{s}` is not a strength in [0, 1] (strengths never leave it, so no flip could cross it)"
        )),
    }
}

/// The longest time budget that is a limit (about 31.7 years): a longer one,
/// or `inf`, means no limit (`Instant::now()` plus much more overflows).
const MAX_BUDGET: f64 = 1e9;

/// `--time-budget SECS` of every command: a number of seconds, 0 or more (0:
/// stop at the first check); a huge value or `inf` means no limit (see
/// [`budget`]). `nan` and negative values are refused, not read as 0.
pub(crate) fn seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x >= 0.0 => Ok(x),
        _ => Err(format!(
            "`{s}` is not a number of seconds, 0 or more (a huge value or `inf` means no limit)"
        )),
    }
}

/// The time budget of `secs` seconds ([`seconds`]): `None`, no limit, past
/// [`MAX_BUDGET`].
pub(crate) fn budget(secs: f64) -> Option<Duration> {
    (secs < MAX_BUDGET).then(|| Duration::from_secs_f64(secs.max(0.0)))
}

/// The evaluation flags, shared by every subcommand that evaluates a graph
/// (`#[command(flatten)]`).
#[derive(Clone, Debug, clap::Args)]
pub(crate) struct EvalOpts {
    /// Gradual semantics [default: the file's `semantics`, else quadratic-energy]
    /// (`eval` also takes `all`).
    #[arg(long, value_name = "NAME")]
    pub semantics: Option<SemanticsArg>,
    /// Solver for cycles (acyclic parts are always solved exactly).
    #[arg(long, value_enum, default_value_t = SolverArg::Auto)]
    pub solver: SolverArg,
    /// Convergence threshold: largest change per iteration, or largest |ds/dt|.
    #[arg(long, value_name = "X", default_value = "1e-9", value_parser = positive)]
    pub epsilon: f64,
    /// Iteration limit per strongly connected component (sweeps or RK4 steps).
    #[arg(long, value_name = "N", default_value_t = 100_000, value_parser = whole::<usize>)]
    pub max_iterations: usize,
    /// RK4 step of the continuous model.
    #[arg(long, value_name = "X", default_value_t = 0.1, value_parser = positive)]
    pub delta: f64,
    /// Stop after this many seconds: exit 3, after printing any partial answer.
    #[arg(long, value_name = "SECS", value_parser = seconds)]
    pub time_budget: Option<f64>,
}

impl EvalOpts {
    /// The library parameters.
    pub fn params(&self) -> Params {
        Params {
            solver: self.solver.into(),
            epsilon: self.epsilon,
            max_iterations: self.max_iterations,
            delta: self.delta,
            time_budget: self.time_budget.and_then(budget),
        }
    }

    /// The semantics: the flag, else the file's `semantics:` field, else
    /// quadratic-energy.
    pub fn semantics(&self, g: &ArgGraph) -> Result<SemanticsKind, Reported> {
        match self.semantics {
            Some(SemanticsArg(Some(k))) => return Ok(k),
            Some(SemanticsArg(None)) => {
                eprintln!(
                    "error: --semantics all is for `argmap eval`: name one semantics here (see `argmap eval --help`)"
                );
                return Err(Reported(EXIT_FAILURE));
            }
            None => {}
        }
        file_semantics(g).map_err(|name| {
            // A checked file cannot get here (E0211), but a model built in code can.
            eprintln!("error: unknown semantics \"{name}\" in the file");
            Reported(EXIT_INPUT)
        })
    }
}

/// The semantics a graph is evaluated under when no flag names one: the file's
/// `semantics:` field, else quadratic-energy. `Err` holds an unknown name.
pub(crate) fn file_semantics(g: &ArgGraph) -> Result<SemanticsKind, String> {
    match g.model().semantics.as_deref() {
        None => Ok(SemanticsKind::default()),
        Some(name) => SemanticsKind::from_name(name).ok_or_else(|| name.to_string()),
    }
}

/// The `--json` document of `argmap eval` (with `--node` when `topic` is
/// given), as text: what `argmap serve`'s `/api/eval` answers.
#[cfg_attr(not(feature = "serve"), allow(dead_code))]
pub(crate) fn json_text(g: &ArgGraph, e: &Evaluation, topic: Option<usize>) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = json(g, e, topic, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The index of node `id`, or a reported usage error naming the closest id.
pub(crate) fn node_index(g: &ArgGraph, id: &str, flag: &str) -> Result<usize, Reported> {
    g.index_of(id).ok_or_else(|| {
        let mut msg = format!("error: {flag} `{id}`: no node has this id");
        if g.groups().iter().any(|x| x.id == id) {
            // A group's own id is the likelier slip than a near node id.
            let inside = g.group_and_descendants(id);
            let first = g
                .nodes()
                .iter()
                .find(|n| n.group.as_deref().is_some_and(|grp| inside.contains(&grp)));
            msg.push_str(" (that is a group: name one of its nodes");
            if let Some(n) = first {
                msg.push_str(&format!(", such as `{}`", n.id));
            }
            msg.push(')');
        } else if let Some(s) = suggest(id, g.nodes().iter().map(|n| n.id.as_str())) {
            msg.push_str(&format!(" (did you mean `{s}`?)"));
        }
        eprintln!("{msg}");
        Reported(EXIT_FAILURE)
    })
}

/// The node a `flag` such as `--topic` names, or the conclusion when it is not given.
pub(crate) fn node_or_conclusion(
    g: &ArgGraph,
    id: Option<&str>,
    flag: &str,
) -> Result<usize, Reported> {
    id.map_or(Ok(g.conclusion()), |id| node_index(g, id, flag))
}

/// Evaluate a graph.
#[derive(Debug, clap::Args)]
pub(crate) struct EvalArgs {
    /// The argument file (`.ron`, or `.bag`; `-` reads RON from standard input).
    pub file: PathBuf,
    #[command(flatten)]
    pub opts: EvalOpts,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Print this node only (with --json: `node`, and `strengths` holding it alone).
    #[arg(long, value_name = "ID")]
    pub node: Option<String>,
    /// Evaluate again whenever the file changes.
    #[arg(long)]
    pub watch: bool,
}

pub(crate) fn run(args: &EvalArgs, cx: &Ctx) -> Result<(), Reported> {
    if fast(args).is_some() {
        return Ok(());
    }
    let rep = cx.reporter(DiagFormat::Human);
    let (src, g) = super::load_graph(&args.file, &rep)?;
    let topic = match &args.node {
        Some(id) => Some(node_index(&g, id, "--node")?),
        None => None,
    };
    if args.opts.semantics == Some(SemanticsArg(None)) {
        return all(args, &g, topic);
    }
    let kind = args.opts.semantics(&g)?;
    let e = argmap::evaluate(&g, kind, &args.opts.params())
        .map_err(|e| super::eval_failure_in(&e, Some((&src, &g))))?;
    let mut out = std::io::stdout().lock();
    let _ = if args.json {
        json(&g, &e, topic, &mut out)
    } else {
        out.write_all(human(&g, &e, topic).as_bytes())
    };
    Ok(())
}

/// The compact path for big `.bag` files (see [`argmap::formats::bag::fast`]): writes the
/// same output as the ordinary path, or writes nothing and gives `None` to take
/// the ordinary path, which then reports any problem with the file, the flags
/// or the evaluation.
fn fast(args: &EvalArgs) -> Option<()> {
    if !super::is_bag(&args.file) {
        return None;
    }
    let src = super::read_source(&args.file).ok()?;
    // The text dropped before the graph is laid out, which then takes its
    // memory (see `BagColumns`).
    let cols = argmap::formats::bag::fast::read_columns(&src)?;
    drop(src);
    let g = cols.into_graph()?;
    let kind = match args.opts.semantics {
        None => SemanticsKind::default(),
        Some(SemanticsArg(k)) => k?, // `all`: the ordinary path
    };
    let topic = match &args.node {
        Some(id) => Some(g.index_of(id)?),
        None => None,
    };
    let e = argmap::semantics::evaluate(g.qbaf(), kind, &args.opts.params()).ok()?;
    let mut out = std::io::stdout().lock();
    let _ = if args.json {
        json(&g, &e, topic, &mut out)
    } else {
        out.write_all(human(&g, &e, topic).as_bytes())
    };
    Some(())
}

/// What the output needs of a graph: an [`ArgGraph`] or a
/// [`argmap::formats::bag::fast::CompactGraph`].
trait View {
    fn len(&self) -> usize;
    fn id(&self, i: usize) -> &str;
    fn base(&self, i: usize) -> f64;
    fn kind_name(&self, i: usize) -> &'static str;
    fn conclusion(&self) -> usize;
}

impl View for ArgGraph {
    fn len(&self) -> usize {
        ArgGraph::len(self)
    }
    fn id(&self, i: usize) -> &str {
        ArgGraph::id(self, i)
    }
    fn base(&self, i: usize) -> f64 {
        self.node(i).base
    }
    fn kind_name(&self, i: usize) -> &'static str {
        self.node(i).kind.name()
    }
    fn conclusion(&self) -> usize {
        ArgGraph::conclusion(self)
    }
}

impl View for argmap::formats::bag::fast::CompactGraph {
    fn len(&self) -> usize {
        argmap::formats::bag::fast::CompactGraph::len(self)
    }
    fn id(&self, i: usize) -> &str {
        argmap::formats::bag::fast::CompactGraph::id(self, i)
    }
    fn base(&self, i: usize) -> f64 {
        self.qbaf().base()[i]
    }
    fn kind_name(&self, _: usize) -> &'static str {
        // The .bag format has no kinds: its reader makes every node a claim.
        argmap::NodeKind::Claim.name()
    }
    fn conclusion(&self) -> usize {
        argmap::formats::bag::fast::CompactGraph::conclusion(self)
    }
}

/// The `--json` document: `semantics`, `solver`, `converged`, `iterations`,
/// `residual`, `conclusion` {id, strength}, `strengths` {id: strength} in file
/// order, and with `--node`, `node` {id, strength} and `strengths` holding that
/// node only; written to `out` in pieces of about [`PIECE`] bytes.
fn json(
    g: &impl View,
    e: &Evaluation,
    topic: Option<usize>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    // Written by hand to keep the documented key order and file order (and the
    // documented spacing) without depending on serde_json's map ordering.
    let string = |x: &str| serde_json::Value::String(x.into()).to_string();
    let number = |x: f64| serde_json::Value::from(x).to_string();
    let entry = |i: usize| {
        format!(
            "{{\"id\": {}, \"strength\": {}}}",
            string(g.id(i)),
            number(e.strengths[i])
        )
    };
    let mut s = format!(
        "{{\"semantics\": {}, \"solver\": {}, \"converged\": {}, \"iterations\": {}, \"residual\": {}, \"conclusion\": {}",
        string(e.semantics.name()),
        string(e.solver.name()),
        e.converged,
        e.iterations,
        number(e.residual),
        entry(g.conclusion())
    );
    if let Some(t) = topic {
        s.push_str(&format!(", \"node\": {}", entry(t)));
    }
    s.push_str(", \"strengths\": {");
    // Straight into one buffer (the same text as `string` and `number`, without
    // two allocations per node: a tenth of the run time on big graphs), written
    // out whenever it holds a piece. A buffer for the whole document (32 bytes
    // a node) would be fresh memory, which the kernel zeroes first: on a 10^4
    // node `.bag`, whose text's memory the graph now reuses, one more 2 MiB
    // page.
    let mut buf = s.into_bytes();
    buf.reserve(PIECE + 64);
    let mut digits = zmij::Buffer::new();
    // With `--node`, that node alone.
    let rows = topic.map_or(0..g.len(), |t| t..t + 1);
    let first = rows.start;
    for i in rows {
        if i > first {
            buf.extend_from_slice(b", ");
        }
        let id = g.id(i);
        if !needs_escape(id.as_bytes()) {
            // Nothing to escape (every generated id): copied as it is.
            buf.push(b'"');
            buf.extend_from_slice(id.as_bytes());
            buf.extend_from_slice(b"\": ");
        } else {
            let _ = serde_json::to_writer(&mut buf, id);
            buf.extend_from_slice(b": ");
        }
        push_number(&mut buf, &mut digits, e.strengths[i]);
        if buf.len() >= PIECE {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    buf.extend_from_slice(b"}}\n");
    out.write_all(&buf)
}

/// How much of the `--json` document [`json`] writes at a time.
const PIECE: usize = 64 << 10;

/// Whether a JSON string needs an escape for this byte (serde_json's rule: the
/// control characters below 0x20, `"` and `\`).
const ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Whether `s` has a byte that JSON must escape (one table lookup a byte,
/// without a branch for each).
fn needs_escape(s: &[u8]) -> bool {
    s.iter().fold(false, |any, &c| any | ESCAPE[c as usize])
}

/// Appends `x` exactly as `serde_json` writes an `f64`: zmij's shortest
/// round-trip text for a finite number (serde_json's `write_f64`), `null`
/// otherwise. Without serde_json's writer and error plumbing around it.
fn push_number(buf: &mut Vec<u8>, digits: &mut zmij::Buffer, x: f64) {
    if x.is_finite() {
        buf.extend_from_slice(digits.format_finite(x).as_bytes());
    } else {
        buf.extend_from_slice(b"null");
    }
}

/// The table: the topic's strength, then every node in file order (with
/// `--node`, that node only), then how the result was obtained.
fn human(g: &impl View, e: &Evaluation, topic: Option<usize>) -> String {
    use std::fmt::Write as _;
    let t = topic.unwrap_or(g.conclusion());
    let what = if topic.is_some() {
        "node"
    } else {
        "conclusion"
    };
    let base = g.base(t);
    let mut out = format!(
        "{what} {}: {:.4} (base {:.4}, change {:+.4})\n\n",
        g.id(t),
        e.strengths[t],
        base,
        tidy(e.strengths[t] - base)
    );
    let rows = topic.map_or(0..g.len(), |t| t..t + 1);
    let w = id_column(g, rows.clone());
    out.push_str(&format!(
        "{:<w$}  {:<8}  {:>6}  {:>8}  {:>7}\n",
        "id", "kind", "base", "strength", "change"
    ));
    // Each row straight into the one string (a `format!` per row allocated
    // and copied one more string per node).
    out.reserve(rows.len() * (w + 40));
    for i in rows {
        let _ = write!(out, "{:<w$}  {:<8}  ", g.id(i), g.kind_name(i));
        fixed4(&mut out, g.base(i), false, 6);
        out.push_str("  ");
        fixed4(&mut out, e.strengths[i], false, 8);
        out.push_str("  ");
        fixed4(&mut out, tidy(e.strengths[i] - g.base(i)), true, 7);
        out.push('\n');
    }
    out.push_str(&format!(
        "\nsemantics {}, solver {}, {} iteration{}, residual {}\n",
        e.semantics.name(),
        e.solver.name(),
        e.iterations,
        if e.iterations == 1 { "" } else { "s" },
        if e.residual == 0.0 {
            "0".to_string()
        } else {
            format!("{:.1e}", e.residual)
        }
    ));
    out
}

/// The width of the id column for `rows`: the longest id, at least 2.
fn id_column(g: &impl View, rows: std::ops::Range<usize>) -> usize {
    rows.map(|i| g.id(i).chars().count())
        .max()
        .unwrap_or(2)
        .max(2)
}

/// Appends `x` as `format!("{x:>width$.4}")` does (with `plus`,
/// `{x:>+width$.4}`): four decimals, rounded half to even on the exact binary
/// value, right-aligned. Without the general formatting machinery, which was
/// most of the time of a big table (three numbers a row): the value times
/// 10^4 is an exact integer in 128 bits, so the rounding is exact. Numbers of
/// 2^32 and more, infinities and NaN (never a strength) go to `format!`.
fn fixed4(out: &mut String, x: f64, plus: bool, width: usize) {
    use std::fmt::Write as _;
    let a = x.abs();
    if a.is_nan() || a >= 4_294_967_296.0 {
        let _ = if plus {
            write!(out, "{x:>+width$.4}")
        } else {
            write!(out, "{x:>width$.4}")
        };
        return;
    }
    // a = m * 2^e exactly.
    let bits = a.to_bits();
    let exp = (bits >> 52) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    // a * 10^4 = p * 2^e; e < 0 here, since a < 2^32.
    let p = u128::from(m) * 10_000;
    let s = (-e) as u32;
    let n = if s >= 128 {
        0 // below 2^-60: far below half a unit of the last decimal
    } else {
        let q = p >> s;
        let r = p & ((1u128 << s) - 1);
        let half = 1u128 << (s - 1);
        q + u128::from(r > half || (r == half && q & 1 == 1))
    };
    let sign = if x.is_sign_negative() {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    };
    let mut text = [0u8; 24];
    let mut k = text.len();
    let mut v = n;
    for _ in 0..4 {
        k -= 1;
        text[k] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    k -= 1;
    text[k] = b'.';
    loop {
        k -= 1;
        text[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let digits = std::str::from_utf8(&text[k..]).unwrap_or("");
    for _ in (sign.len() + digits.len())..width {
        out.push(' ');
    }
    out.push_str(sign);
    out.push_str(digits);
}

/// Whether a strength is above the acceptance threshold 0.5 (`accepted`),
/// below it (`rejected`), or at it as printed, to four decimals
/// (`undecided`): the verdict that `eval --semantics all` shows per semantics
/// (docs/conventions.md). A fixed point reached within the solver's tolerance
/// of 0.5 is not called either way.
pub(crate) fn verdict(x: f64) -> &'static str {
    if tidy(x - 0.5) > 0.0 {
        "accepted"
    } else if tidy(x - 0.5) < 0.0 {
        "rejected"
    } else {
        "undecided"
    }
}

/// `eval --semantics all`: every semantics that applies, one column each, the
/// topic's verdict under each on top. An attack-only semantics on a map with
/// supports, or one that refuses the map (a weight above 1 under a product
/// aggregation), is skipped with a note; an evaluation that hits a limit is
/// reported and left out, and the exit code is then 3 (after the output).
fn all(args: &EvalArgs, g: &ArgGraph, topic: Option<usize>) -> Result<(), Reported> {
    let has_supports = g
        .links()
        .iter()
        .any(|l| l.kind == argmap::EdgeKind::Support);
    let p = args.opts.params();
    let mut done: Vec<Evaluation> = vec![];
    let mut skipped: Vec<(SemanticsKind, String)> = vec![];
    let mut code = 0;
    for kind in SemanticsKind::ALL {
        if kind.is_attack_only() && has_supports {
            skipped.push((
                kind,
                "attack-only semantics, and the map has supports".into(),
            ));
            continue;
        }
        match argmap::evaluate(g, kind, &p) {
            Ok(e) => done.push(e),
            Err(e) => {
                if let argmap::Error::NoConvergence { .. } | argmap::Error::TimeBudget { .. } = e {
                    code = super::EXIT_LIMIT;
                }
                skipped.push((kind, e.to_string()));
            }
        }
    }
    // One note per reason: `a, b and c skipped: why`.
    let mut reasons: Vec<&str> = skipped.iter().map(|(_, why)| why.as_str()).collect();
    reasons.dedup();
    for why in reasons {
        let names: Vec<&str> = skipped
            .iter()
            .filter(|(_, w)| w == why)
            .map(|(k, _)| k.name())
            .collect();
        eprintln!("note: {} skipped: {why}", names.join(", "));
    }
    let t = topic.unwrap_or(g.conclusion());
    let rows = topic.map_or(0..g.len(), |t| t..t + 1);
    let out = if args.json {
        let summary = |v: usize| {
            let strengths = done.iter().fold(super::out::Obj::new(), |o, e| {
                o.field(e.semantics.name(), e.strengths[v])
            });
            let verdicts = done.iter().fold(super::out::Obj::new(), |o, e| {
                o.field(e.semantics.name(), verdict(e.strengths[v]))
            });
            super::out::Obj::new()
                .field("id", g.id(v))
                .field("base", g.node(v).base)
                .raw("strengths", &strengths.end())
                .raw("verdicts", &verdicts.end())
                .end()
        };
        let mut o = super::out::Obj::new()
            .field("semantics", "all")
            .raw("conclusion", &summary(g.conclusion()));
        if let Some(t) = topic {
            o = o.raw("node", &summary(t));
        }
        let strengths = done.iter().fold(super::out::Obj::new(), |o, e| {
            o.raw(
                e.semantics.name(),
                &super::out::id_map(g, rows.clone().map(|i| (i, e.strengths[i]))),
            )
        });
        // Exactly the documented keys: a skipped semantics is absent (the
        // note on standard error says why).
        o.raw("strengths", &strengths.end()).end() + "\n"
    } else {
        all_human(g, &done, t, topic.is_some(), rows)
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    match code {
        0 => Ok(()),
        c => Err(Reported(c)),
    }
}

/// The human form of `eval --semantics all`.
fn all_human(
    g: &ArgGraph,
    done: &[Evaluation],
    t: usize,
    node: bool,
    rows: std::ops::Range<usize>,
) -> String {
    let accepted = done
        .iter()
        .filter(|e| verdict(e.strengths[t]) == "accepted")
        .count();
    let mut out = format!(
        "{} {} (base {}): above 0.5 under {accepted} of {} semantics\n",
        if node { "node" } else { "conclusion" },
        g.id(t),
        super::out::num(g.node(t).base),
        done.len()
    );
    let nw = done
        .iter()
        .map(|e| e.semantics.name().len())
        .max()
        .unwrap_or(0);
    for e in done {
        out.push_str(&format!(
            "  {:<nw$}  {}  {}\n",
            e.semantics.name(),
            super::out::num(e.strengths[t]),
            verdict(e.strengths[t])
        ));
    }
    let w = id_column(g, rows.clone());
    out.push_str(&format!("\n{:<w$}  {:<8}  {:>6}", "id", "kind", "base"));
    for e in done {
        out.push_str(&format!("  {:>6}", e.semantics.name()));
    }
    out.push('\n');
    for i in rows {
        out.push_str(&format!(
            "{:<w$}  {:<8}  {:>6}",
            g.id(i),
            g.node(i).kind.name(),
            super::out::num(g.node(i).base)
        ));
        for e in done {
            let cw = e.semantics.name().len().max(6);
            out.push_str(&format!("  {:>cw$}", super::out::num(e.strengths[i])));
        }
        out.push('\n');
    }
    out
}

/// `x`, or 0 when it prints as zero at 4 decimals (no `-0.0000`).
fn tidy(x: f64) -> f64 {
    if x.abs() < 5e-5 { 0.0 } else { x }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `push_number`'s text; the reference is serde_json's own (independent
    /// implementation: its serializer, which the output used before).
    fn ours(x: f64) -> String {
        let mut buf = b"x".to_vec();
        push_number(&mut buf, &mut zmij::Buffer::new(), x);
        String::from_utf8(buf[1..].to_vec()).unwrap()
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let cases = [
            0.0,
            -0.0,
            1.0,
            0.5,
            0.1 + 0.2,
            1e-7,
            1e-5,
            5e-324,
            f64::MIN_POSITIVE,
            1.0 - f64::EPSILON,
            0.41,
            0.5801349093603239,
            1e16,
            1e17,
            123456789.0,
            f64::MAX,
            -1.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in cases {
            assert_eq!(ours(x), serde_json::to_string(&x).unwrap(), "{x:e}");
        }
        assert_eq!(ours(f64::NAN), "null");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn strengths_are_written_as_serde_json_writes_them(x in 0.0f64..=1.0) {
            prop_assert_eq!(ours(x), serde_json::to_string(&x).unwrap());
        }

        #[test]
        fn any_bits_are_written_as_serde_json_writes_them(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(ours(x), serde_json::to_string(&x).unwrap());
        }
    }

    /// `fixed4` against the standard library's `{:>W.4}` and `{:>+W.4}` (the
    /// independent implementation it replaces): every exact tie at four
    /// decimals in [-2, 2] (the odd multiples of 1/32), the neighbours of
    /// every rounding boundary (k + 1/2) / 10^4 for k below 20 000, special
    /// values, and random numbers below.
    fn check_fixed4(x: f64) {
        for (plus, width) in [(false, 6), (false, 8), (true, 7), (false, 0)] {
            let mut ours = String::new();
            fixed4(&mut ours, x, plus, width);
            let std = if plus {
                format!("{x:>+width$.4}")
            } else {
                format!("{x:>width$.4}")
            };
            assert_eq!(ours, std, "{x:e} (bits {:#x})", x.to_bits());
        }
    }

    #[test]
    fn four_decimals_as_the_standard_library_writes_them() {
        for k in -64..=64 {
            check_fixed4(f64::from(k) / 32.0);
        }
        for k in 0..20_000u32 {
            let b = (f64::from(k) + 0.5) / 1e4;
            for x in [b, -b] {
                let bits = x.to_bits();
                for d in [bits - 1, bits, bits + 1] {
                    check_fixed4(f64::from_bits(d));
                }
            }
        }
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            5e-324,
            -5e-324,
            f64::MIN_POSITIVE,
            1e-5,
            5e-5,
            4.9999e-5,
            0.99995,
            0.999_949_999_999_999_9,
            1e9,
            4_294_967_295.999_95,
            4_294_967_296.0,
            1e300,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            check_fixed4(x);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(50_000))]
        #[test]
        fn four_decimals_of_any_strength_or_change(x in -1.0f64..=1.0) {
            check_fixed4(x);
        }

        #[test]
        fn four_decimals_of_any_bits(bits in any::<u64>()) {
            check_fixed4(f64::from_bits(bits));
        }
    }

    #[test]
    fn escapes_are_found_as_serde_json_escapes() {
        // Every single byte of ASCII, and a multi-byte character: an id needs
        // escaping exactly when serde_json's text is not the id in quotes.
        let mut ids: Vec<String> = (0u8..0x80).map(|c| format!("a{}b", c as char)).collect();
        ids.push("é\u{7f}".into());
        for id in ids {
            let plain = serde_json::to_string(&id).unwrap() == format!("\"{id}\"");
            assert_eq!(needs_escape(id.as_bytes()), !plain, "{id:?}");
        }
    }
}
