//! The computations behind `argmap serve`'s HTTP API: a request body (JSON) in,
//! a JSON document out. Every answer is built by the same functions as the
//! command that prints it (`eval --json`, `explain --json`, `whatif --json`,
//! `contrib --json`, `flip --json`, `test --json`); this module only turns a
//! request into their inputs. Plain functions with no HTTP in them: the server
//! (`super`) runs them on a blocking thread under the time budget.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use argmap::semantics::SemanticsKind;
use argmap::{
    ArgGraph, ContribOptions, FlipOptions, Method, Params, Players, Qbaf, Scenario, Source, suggest,
};

use super::super::out::Obj;

/// A failed request: the HTTP status and the JSON body
/// `{"error", "help"?, "limit"?, "diagnostics"?}`.
#[derive(Debug)]
pub(crate) struct Failure {
    /// The HTTP status code.
    pub status: u16,
    /// The JSON body.
    pub body: String,
}

impl Failure {
    /// 400: the request is wrong; `help` says how to fix it.
    pub fn bad(error: impl Into<String>, help: Option<&str>) -> Failure {
        Failure::with(400, error.into(), help, None, None)
    }

    /// Any status, with the optional fields.
    pub fn with(
        status: u16,
        error: String,
        help: Option<&str>,
        limit: Option<&str>,
        diagnostics: Option<&str>,
    ) -> Failure {
        let mut o = Obj::new().field("error", error.as_str());
        if let Some(h) = help {
            o = o.field("help", h);
        }
        if let Some(l) = limit {
            o = o.field("limit", l);
        }
        if let Some(d) = diagnostics {
            o = o.raw("diagnostics", d);
        }
        Failure {
            status,
            body: o.end() + "\n",
        }
    }

    /// The failure of an evaluation: 503 naming the limit for a time budget or
    /// an iteration limit (the server lives on), 400 when the semantics refuses
    /// the map (the request chose it), 500 otherwise.
    pub fn eval(e: &argmap::Error) -> Failure {
        match e {
            argmap::Error::TimeBudget { .. } => Failure::with(
                503,
                e.to_string(),
                Some(
                    "the server's --time-budget (seconds per request) was hit: ask for less, or restart `argmap serve` with a larger --time-budget",
                ),
                Some("time-budget"),
                None,
            ),
            argmap::Error::NoConvergence { .. } => Failure::with(
                503,
                e.to_string(),
                Some("the iteration did not settle within its limit: try another semantics"),
                Some("max-iterations"),
                None,
            ),
            argmap::Error::WeightAboveOne { .. } | argmap::Error::SupportsInAttackOnly { .. } => {
                Failure::bad(e.to_string(), Some("choose another semantics"))
            }
            _ => Failure::with(500, e.to_string(), None, None, None),
        }
    }
}

/// A request body. Every endpoint reads the fields it documents
/// (`docs/serve.md`) and ignores none silently: an unknown field is a 400.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Request {
    /// A semantics name (default: the file's, else quadratic-energy).
    pub semantics: Option<String>,
    /// Node ids to remove.
    #[serde(default)]
    pub remove: Vec<String>,
    /// Remove the nodes with these tags.
    #[serde(default)]
    pub remove_tag: Vec<String>,
    /// Remove the nodes of these groups (and of their subgroups).
    #[serde(default)]
    pub remove_group: Vec<String>,
    /// New base scores, `{id: x}`.
    #[serde(default)]
    pub set_base: BTreeMap<String, f64>,
    /// New edge weights.
    #[serde(default)]
    pub set_weight: Vec<SetWeight>,
    /// The node to explain or report (`explain`, `eval`, `whatif`), the topic
    /// (`contrib`, `flip`).
    pub node: Option<String>,
    /// `contrib`: removal, intrinsic-removal, shapley, gradient or all.
    pub method: Option<String>,
    /// `contrib`: all or evidence; `flip`: which nodes may be removed.
    pub players: Option<String>,
    /// `flip`: the threshold (default 0.5).
    pub threshold: Option<f64>,
    /// `flip`: the largest set size (default 3, at most 5).
    pub max_size: Option<usize>,
    /// `save`: the new file's name, in the served file's directory.
    pub path: Option<String>,
    /// `save`: replace an existing file of that name (the confirmation).
    #[serde(default)]
    pub overwrite: bool,
}

/// One entry of `set_weight`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SetWeight {
    /// Source id.
    pub from: String,
    /// Target id.
    pub to: String,
    /// The new weight (`>= 0`).
    pub weight: f64,
}

/// Parses a request body; an empty body is `{}`.
pub(crate) fn request(body: &[u8]) -> Result<Request, Failure> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Request::default());
    }
    serde_json::from_slice(body).map_err(|e| {
        Failure::bad(
            format!("the request body is not a valid request: {e}"),
            Some("send a JSON object such as {\"remove\": [\"e1\"], \"set_base\": {\"e2\": 0.3}}; docs/serve.md lists the fields of each endpoint"),
        )
    })
}

/// What every computation needs besides the map and the request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// The time one request may compute.
    pub budget: Duration,
}

impl Limits {
    /// The evaluation parameters: the command line's defaults, under the budget.
    pub fn params(self) -> Params {
        Params {
            time_budget: Some(self.budget),
            ..Params::default()
        }
    }
}

/// The scenario the request describes (possibly empty).
pub(crate) fn scenario(r: &Request) -> Scenario {
    Scenario {
        remove: r.remove.clone(),
        remove_tag: r.remove_tag.clone(),
        remove_group: r.remove_group.clone(),
        set_base: r.set_base.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        set_weight: r
            .set_weight
            .iter()
            .map(|w| (w.from.clone(), w.to.clone(), w.weight))
            .collect(),
        ..Scenario::default()
    }
}

/// The modified map as a file: the text a "save as" writes (in the canonical
/// layout of `argmap fmt`).
pub(crate) fn modified_text(g: &ArgGraph, r: &Request) -> Result<String, Failure> {
    let m = scenario(r)
        .apply(g)
        .map_err(|e| Failure::bad(e.to_string(), None))?;
    let ron = m.to_ron();
    Ok(argmap::format::format(&Source::new("modified.ron", ron.as_str())).unwrap_or(ron))
}

/// The modified map, checked and built as `argmap` would build it from the
/// file [`modified_text`] writes (the unchanged map when the request changes
/// nothing). A modified map that does not check is a 400 with its diagnostics.
pub(crate) fn modified(g: &ArgGraph, name: &str, r: &Request) -> Result<ArgGraph, Failure> {
    if scenario(r).is_empty() {
        return Ok(g.clone());
    }
    let src = Source::new(name, modified_text(g, r)?);
    match argmap::check(&src) {
        Ok(v) => Ok(argmap::build_owned(v)),
        Err(d) => {
            let diags: Vec<serde_json::Value> = d
                .iter()
                .filter(|d| d.severity == argmap::Severity::Error)
                .map(|d| super::super::report::to_json(&src, d))
                .collect();
            Err(Failure::with(
                400,
                "the modified map does not check".into(),
                Some("the diagnostics name the problem in the modified map"),
                None,
                Some(&serde_json::Value::Array(diags).to_string()),
            ))
        }
    }
}

/// The semantics: the request's, else the file's, else quadratic-energy.
pub(crate) fn semantics(g: &ArgGraph, r: &Request) -> Result<SemanticsKind, Failure> {
    match &r.semantics {
        Some(name) => SemanticsKind::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = SemanticsKind::ALL.iter().map(|k| k.name()).collect();
            Failure::bad(
                format!(
                    "unknown semantics `{name}`{}",
                    did_you_mean(suggest(name, names.iter().copied()))
                ),
                Some(&format!("one of {}", names.join(", "))),
            )
        }),
        None => super::super::eval::file_semantics(g)
            .map_err(|name| Failure::bad(format!("unknown semantics `{name}` in the file"), None)),
    }
}

fn did_you_mean(s: Option<&str>) -> String {
    s.map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

/// The node `id` names, or a 400 naming the closest id.
pub(crate) fn node(g: &ArgGraph, id: &str, field: &str) -> Result<usize, Failure> {
    g.index_of(id).ok_or_else(|| {
        Failure::bad(
            format!(
                "{field} `{id}`: no node has this id{}",
                did_you_mean(suggest(id, g.nodes().iter().map(|n| n.id.as_str())))
            ),
            None,
        )
    })
}

/// The request's `node`, if any.
fn topic(g: &ArgGraph, r: &Request) -> Result<Option<usize>, Failure> {
    r.node.as_deref().map(|id| node(g, id, "node")).transpose()
}

/// `POST /api/eval`: what `argmap eval --json [--node ID]` prints for the
/// modified map.
pub(crate) fn eval(g: &ArgGraph, name: &str, r: &Request, l: Limits) -> Result<String, Failure> {
    let g = modified(g, name, r)?;
    let kind = semantics(&g, r)?;
    let t = topic(&g, r)?;
    let e = argmap::evaluate(&g, kind, &l.params()).map_err(|e| Failure::eval(&e))?;
    Ok(super::super::eval::json_text(&g, &e, t))
}

/// `POST /api/explain`: what `argmap explain --json [--node ID]` prints for
/// the modified map.
pub(crate) fn explain(g: &ArgGraph, name: &str, r: &Request, l: Limits) -> Result<String, Failure> {
    let g = modified(g, name, r)?;
    let kind = semantics(&g, r)?;
    let v = topic(&g, r)?.unwrap_or(g.conclusion());
    let (x, parts, _) = super::super::explain::explained(&g, kind, &l.params(), v)
        .map_err(|e| Failure::eval(&e))?;
    Ok(super::super::explain::json(&g, &x, &parts))
}

/// `POST /api/whatif`: what `argmap whatif --json` prints for the request's
/// changes (an empty request is allowed here: nothing moves).
pub(crate) fn whatif(g: &ArgGraph, r: &Request, l: Limits) -> Result<String, Failure> {
    let (c, resolved) = compare(g, r, l)?;
    Ok(super::super::whatif::json(g, &c, &resolved))
}

fn compare(
    g: &ArgGraph,
    r: &Request,
    l: Limits,
) -> Result<(argmap::Comparison, argmap::Resolved), Failure> {
    let kind = semantics(g, r)?;
    let t = topic(g, r)?.unwrap_or(g.conclusion());
    let resolved = scenario(r)
        .resolve(g)
        .map_err(|e| Failure::bad(e.to_string(), None))?;
    let q = Qbaf::from_graph(g);
    let c = argmap::compare(&q, kind, &l.params(), &resolved, t).map_err(|e| Failure::eval(&e))?;
    Ok((c, resolved))
}

/// `POST /api/view`: what the page draws after each change, in one round trip:
/// `{"whatif": <whatif --json>, "verdict": {"before", "after"}, "colours":
/// {id: {"before": [fill, text], "after": [fill, text]}}, "ramp": [11 fills
/// for 0, 0.1, ..., 1]}`. Removed nodes have no `after` colour.
pub(crate) fn view(g: &ArgGraph, r: &Request, l: Limits) -> Result<String, Failure> {
    let (c, resolved) = compare(g, r, l)?;
    let pair = |x: f64| {
        let (fill, text) = argmap::export::strength_colours(x);
        serde_json::json!([fill, text]).to_string()
    };
    let colours = (0..g.len()).fold(Obj::new(), |o, v| {
        let mut c2 = Obj::new().raw("before", &pair(c.before.strengths[v]));
        if c.removed.binary_search(&v).is_err() {
            c2 = c2.raw("after", &pair(c.after.strengths[v]));
        }
        o.raw(g.id(v), &c2.end())
    });
    let ramp: Vec<String> = (0..=10)
        .map(|i| argmap::export::strength_colours(f64::from(i) / 10.0).0)
        .collect();
    let verdict = Obj::new()
        .field("before", super::super::eval::verdict(c.topic_before()))
        .field("after", c.topic_after().map(super::super::eval::verdict))
        .end();
    Ok(Obj::new()
        .raw(
            "whatif",
            super::super::whatif::json(g, &c, &resolved).trim_end(),
        )
        .raw("verdict", &verdict)
        .raw("colours", &colours.end())
        .raw("ramp", &serde_json::json!(ramp).to_string())
        .end()
        + "\n")
}

/// `POST /api/contrib`: what `argmap contrib --json --method M --players P`
/// prints for the modified map (defaults: removal, all).
pub(crate) fn contrib(g: &ArgGraph, name: &str, r: &Request, l: Limits) -> Result<String, Failure> {
    let g = modified(g, name, r)?;
    let kind = semantics(&g, r)?;
    let t = topic(&g, r)?.unwrap_or(g.conclusion());
    let methods = match r.method.as_deref().unwrap_or("removal") {
        "all" => Method::ALL.to_vec(),
        m => vec![
            Method::ALL
                .iter()
                .copied()
                .find(|x| x.name() == m)
                .ok_or_else(|| {
                    Failure::bad(
                        format!("unknown method `{m}`"),
                        Some("one of removal, intrinsic-removal, shapley, gradient, all"),
                    )
                })?,
        ],
    };
    let players = players(r, Players::All)?.select(&g, t);
    let q = Qbaf::from_graph(&g);
    let all = methods
        .into_iter()
        .map(|m| {
            argmap::contributions(
                &q,
                kind,
                &l.params(),
                t,
                &players,
                m,
                &ContribOptions::default(),
            )
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::eval(&e))?;
    Ok(super::super::contrib::document(&g, &all))
}

fn players(r: &Request, default: Players) -> Result<Players, Failure> {
    match r.players.as_deref() {
        None => Ok(default),
        Some("all") => Ok(Players::All),
        Some("evidence") => Ok(Players::Evidence),
        Some(x) => Err(Failure::bad(
            format!("unknown players `{x}`"),
            Some("one of all, evidence"),
        )),
    }
}

/// The largest `max_size` a flip request may ask for: the search grows as
/// n^k, and the time budget stops it anyway.
const MAX_FLIP_SIZE: usize = 5;

/// `POST /api/flip`: what `argmap flip --json` prints for the modified map
/// (defaults: threshold 0.5, max_size 3, players evidence), the search
/// limited by the server's time budget (`"stopped": "time-budget"` then).
pub(crate) fn flip(g: &ArgGraph, name: &str, r: &Request, l: Limits) -> Result<String, Failure> {
    let g = modified(g, name, r)?;
    let kind = semantics(&g, r)?;
    let t = topic(&g, r)?.unwrap_or(g.conclusion());
    let max_size = r.max_size.unwrap_or(3);
    if max_size == 0 || max_size > MAX_FLIP_SIZE {
        return Err(Failure::bad(
            format!("max_size {max_size} is not between 1 and {MAX_FLIP_SIZE}"),
            None,
        ));
    }
    // The same rule as `argmap flip --threshold`: a strength never leaves [0, 1].
    let threshold = r.threshold.unwrap_or(0.5);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(Failure::bad(
            format!("threshold {threshold} is not a strength in [0, 1]"),
            Some("strengths never leave [0, 1], so no removal could cross it"),
        ));
    }
    let candidates = players(r, Players::Evidence)?.select(&g, t);
    let opts = FlipOptions {
        threshold,
        max_size,
        time_budget: Some(l.budget),
        max_sets: 100,
    };
    let q = Qbaf::from_graph(&g);
    let p = l.params();
    let f = argmap::flip(&q, kind, &p, t, &candidates, &opts).map_err(|e| match e {
        argmap::Error::TimeBudget { .. } | argmap::Error::NoConvergence { .. } => Failure::eval(&e),
        _ => Failure::bad(e.to_string(), None),
    })?;
    Ok(super::super::flip::json(&g, &f, &opts))
}

/// `POST /api/test`: what `argmap test --json` prints for the modified map
/// (its `expect` list, minus the expectations that name a removed node).
pub(crate) fn test(g: &ArgGraph, name: &str, r: &Request, l: Limits) -> Result<String, Failure> {
    let g = modified(g, name, r)?;
    let kind = semantics(&g, r)?;
    let q = Qbaf::from_graph(&g);
    let outcomes = argmap::check_expectations(&g, &q, kind, &l.params());
    let passed = outcomes.iter().filter(|o| o.passed).count();
    let results: Vec<String> = outcomes
        .iter()
        .map(|o| super::super::test::outcome_json(name, &g, o))
        .collect();
    Ok(super::super::test::document(passed, outcomes.len() - passed, &results) + "\n")
}
