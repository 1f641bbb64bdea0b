//! Small output helpers shared by the what-if subcommands: number formatting
//! and JSON objects that keep their keys in the documented order.

use argmap::ArgGraph;

/// A score at 4 decimals, without `-0.0000`.
pub(crate) fn num(x: f64) -> String {
    format!("{:.4}", tidy(x))
}

/// A change at 4 decimals with its sign, without `-0.0000`.
pub(crate) fn signed(x: f64) -> String {
    format!("{:+.4}", tidy(x))
}

/// `x`, or 0 when it prints as zero at 4 decimals.
pub(crate) fn tidy(x: f64) -> f64 {
    if x.abs() < 5e-5 { 0.0 } else { x }
}

/// Whether a change shows at 4 decimals.
pub(crate) fn shows(x: f64) -> bool {
    x.abs() >= 5e-5
}

/// The widest id among `nodes` (at least `min`), for table columns.
pub(crate) fn id_width(g: &ArgGraph, nodes: impl IntoIterator<Item = usize>, min: usize) -> usize {
    nodes
        .into_iter()
        .map(|v| g.id(v).chars().count())
        .max()
        .unwrap_or(0)
        .max(min)
}

/// `a, b and c` with backticks.
pub(crate) fn id_list(g: &ArgGraph, nodes: &[usize]) -> String {
    let ids: Vec<String> = nodes.iter().map(|&v| format!("`{}`", g.id(v))).collect();
    match ids.len() {
        0 => String::new(),
        1 => ids[0].clone(),
        n => format!("{} and {}", ids[..n - 1].join(", "), ids[n - 1]),
    }
}

/// A JSON object built in key order (serde_json's map would sort the keys).
#[derive(Default)]
pub(crate) struct Obj(String);

impl Obj {
    pub fn new() -> Obj {
        Obj::default()
    }

    /// Adds a field with an already serialised value.
    pub fn raw(mut self, key: &str, json: &str) -> Obj {
        if !self.0.is_empty() {
            self.0.push_str(", ");
        }
        self.0
            .push_str(&serde_json::Value::String(key.into()).to_string());
        self.0.push_str(": ");
        self.0.push_str(json);
        self
    }

    /// Adds a field.
    pub fn field(self, key: &str, v: impl Into<serde_json::Value>) -> Obj {
        let json = v.into().to_string();
        self.raw(key, &json)
    }

    /// The object's text.
    pub fn end(self) -> String {
        format!("{{{}}}", self.0)
    }
}

/// `{"id": value, ...}` in the given order.
pub(crate) fn id_map(g: &ArgGraph, values: impl IntoIterator<Item = (usize, f64)>) -> String {
    values
        .into_iter()
        .fold(Obj::new(), |o, (v, x)| o.field(g.id(v), x))
        .end()
}

/// `["a", "b"]`.
pub(crate) fn id_array(g: &ArgGraph, nodes: &[usize]) -> String {
    serde_json::Value::from(nodes.iter().map(|&v| g.id(v)).collect::<Vec<_>>()).to_string()
}
