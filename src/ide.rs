//! Editor support as data (what `argmap lsp` serves): diagnostics, the id
//! under the cursor, definitions, references, hover text, completions and the
//! outline of one argument file. Positions are byte offsets and [`Span`]s; the
//! language server converts them to the protocol's lines and columns.

use std::collections::HashMap;

use crate::diag::{Diagnostics, Source, Span};
use crate::load::Parsed;
use crate::model::{NodeKind, SemanticsKind};
use crate::semantics::Params;

/// One analysed version of a file.
#[derive(Debug)]
pub struct Analysis {
    text: String,
    parsed: Option<Parsed>,
    /// Every error and warning `argmap check` reports for the file.
    pub diagnostics: Diagnostics,
    /// Each node's strength under the file's semantics (empty when the file has errors).
    strengths: HashMap<String, f64>,
    /// The semantics the strengths are under.
    pub semantics: SemanticsKind,
}

/// What a completion offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A node id.
    Node,
    /// A group id.
    Group,
    /// A node kind, an edge kind or a struct name.
    Keyword,
    /// A field name.
    Field,
    /// A semantics name.
    Semantics,
    /// An argumentation scheme of the catalogue (`docs/schemes.md`).
    Scheme,
    /// An edge id (what an `Undercut`'s `to` names).
    Edge,
}

/// One completion.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    /// The text inserted.
    pub label: String,
    /// A short description (a node's text).
    pub detail: String,
    /// What it is.
    pub kind: CompletionKind,
}

/// One entry of the outline: a group with its nodes, or a node.
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    /// The id.
    pub name: String,
    /// Kind and text, or a group's label.
    pub detail: String,
    /// The whole struct.
    pub span: Span,
    /// The id's value.
    pub selection: Span,
    /// A group's nodes.
    pub children: Vec<Symbol>,
    /// A group (else a node).
    pub is_group: bool,
}

impl Analysis {
    /// Reads, checks and (when the file has no error) evaluates a file.
    pub fn new(src: &Source) -> Analysis {
        let parsed = crate::load::parse(src).ok();
        let semantics = parsed
            .as_ref()
            .and_then(|p| p.graph.semantics.as_deref())
            .and_then(SemanticsKind::from_name)
            .unwrap_or_default();
        let (diagnostics, strengths) = match crate::check(src) {
            Ok(v) => {
                let g = crate::graph::build(&v);
                let strengths = crate::semantics::evaluate_graph(&g, semantics, &Params::default())
                    .map(|e| {
                        g.nodes()
                            .iter()
                            .zip(e.strengths)
                            .map(|(n, s)| (n.id.clone(), s))
                            .collect()
                    })
                    .unwrap_or_default();
                (v.warnings, strengths)
            }
            Err(d) => (d, HashMap::new()),
        };
        Analysis {
            text: src.text().to_string(),
            parsed,
            diagnostics,
            strengths,
            semantics,
        }
    }

    /// The string literal at `offset` (its content, without the quotes), when
    /// it could be an id (no whitespace).
    pub fn id_at(&self, offset: usize) -> Option<(String, Span)> {
        let s = self.text.as_bytes();
        let offset = offset.min(s.len());
        let quote = |i: usize| s[i] == b'"' && (i == 0 || s[i - 1] != b'\\');
        let mut a = offset;
        loop {
            if a == 0 {
                return None;
            }
            a -= 1;
            if s[a] == b'\n' {
                return None;
            }
            if quote(a) {
                break;
            }
        }
        let mut b = offset.max(a + 1);
        while b < s.len() && !quote(b) {
            if s[b] == b'\n' {
                return None;
            }
            b += 1;
        }
        if b >= s.len() {
            return None;
        }
        let word = self.text.get(a + 1..b)?;
        let ok = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
        ok.then(|| (word.to_string(), Span::new(a + 1, b)))
    }

    /// Where node, group or edge `id` is declared (its id's value, without
    /// quotes). A node comes first when an edge has the same id (W0321).
    pub fn definition(&self, id: &str) -> Option<Span> {
        let p = self.parsed.as_ref()?;
        let inner = |s: Span| Span::new(s.start as usize + 1, (s.end as usize).saturating_sub(1));
        for (n, sp) in p.graph.nodes.iter().zip(&p.spans.nodes) {
            if n.id == id {
                return sp.id.map(inner);
            }
        }
        for (g, sp) in p.graph.groups.iter().zip(&p.spans.groups) {
            if g.id == id {
                return sp.id.map(inner);
            }
        }
        for (e, sp) in p.graph.edges.iter().zip(&p.spans.edges) {
            if e.data().id.as_deref() == Some(id) {
                return sp.id.map(inner);
            }
        }
        None
    }

    /// Every place `id` is written as a whole string (`"id"`): its declaration,
    /// edges, groups, the conclusion, expectations. Spans exclude the quotes.
    pub fn references(&self, id: &str) -> Vec<Span> {
        let needle = format!("\"{id}\"");
        let s = self.text.as_bytes();
        self.text
            .match_indices(&needle)
            .filter(|(i, _)| *i == 0 || s[i - 1] != b'\\')
            .map(|(i, _)| Span::new(i + 1, i + 1 + id.len()))
            .collect()
    }

    /// Whether `id` names a node, a group or an edge of the file.
    pub fn is_known(&self, id: &str) -> bool {
        self.parsed.as_ref().is_some_and(|p| {
            p.graph.nodes.iter().any(|n| n.id == id)
                || p.graph.groups.iter().any(|g| g.id == id)
                || p.graph
                    .edges
                    .iter()
                    .any(|e| e.data().id.as_deref() == Some(id))
        })
    }

    fn strength(&self, id: &str) -> String {
        match self.strengths.get(id) {
            Some(s) => format!("{s:.4} under {}", self.semantics.name()),
            None => "not evaluated (the file has errors)".into(),
        }
    }

    /// A node's strength under the file's semantics, if the file evaluates.
    pub fn strength_of(&self, id: &str) -> Option<f64> {
        self.strengths.get(id).copied()
    }

    /// Markdown for the node, group or edge id at `offset` (an edge id where it
    /// is declared or where an `Undercut` names it), or for the edge around it.
    pub fn hover(&self, offset: usize) -> Option<(String, Span)> {
        let p = self.parsed.as_ref()?;
        if let Some((id, span)) = self.id_at(offset) {
            if let Some(n) = p.graph.nodes.iter().find(|n| n.id == id) {
                let mut s = format!(
                    "**{}** `{}`\n\n{}\n\nbase {} · strength {}",
                    n.kind.name(),
                    n.id,
                    n.text,
                    n.base,
                    self.strength(&id)
                );
                if let Some(g) = &n.group {
                    s.push_str(&format!(" · group `{g}`"));
                }
                if let Some(c) = &n.cite {
                    s.push_str(&format!("\n\ncite: {}", c.reference));
                    if let Some(l) = &c.locator {
                        s.push_str(&format!(", {l}"));
                    }
                }
                return Some((s, span));
            }
            if let Some(g) = p.graph.groups.iter().find(|g| g.id == id) {
                let members = p
                    .graph
                    .nodes
                    .iter()
                    .filter(|n| n.group.as_deref() == Some(&id))
                    .count();
                let s = format!(
                    "**Group** `{}`: {} ({members} nodes)",
                    g.id,
                    g.label.as_deref().unwrap_or("")
                );
                return Some((s, span));
            }
            if let Some(j) = p
                .graph
                .edges
                .iter()
                .position(|e| e.data().id.as_deref() == Some(id.as_str()))
            {
                return Some((self.edge_hover(j)?, span));
            }
        }
        let at = offset as u32;
        let j = p
            .spans
            .edges
            .iter()
            .position(|sp| sp.whole.start <= at && at < sp.whole.end)?;
        Some((self.edge_hover(j)?, p.spans.edges.get(j)?.whole))
    }

    /// Markdown for edge `j`: its kind and id, premises (each with its
    /// strength; a linked edge is as strong as its weakest premise), target (a
    /// node, or for an undercut the inference it weakens), weight, scheme and
    /// the undercuts that weaken it.
    fn edge_hover(&self, j: usize) -> Option<String> {
        let p = self.parsed.as_ref()?;
        let e = p.graph.edges.get(j)?;
        let d = e.data();
        let undercut = e.kind() == crate::model::EdgeKind::Undercut;
        let mut s = format!("**{}**", e.kind().name());
        if let Some(id) = &d.id {
            s.push_str(&format!(" `{id}`"));
        }
        let from: Vec<String> = d.from.iter().map(|x| format!("`{x}`")).collect();
        s.push_str(&format!(
            ": {} → {}`{}`",
            from.join(" + "),
            if undercut { "the inference " } else { "" },
            d.to
        ));
        s.push_str(&format!("\n\nweight {}", d.weight));
        if let [one] = d.from.as_slice() {
            s.push_str(&format!(" · source strength {}", self.strength(one)));
        } else {
            let each: Vec<String> = d
                .from
                .iter()
                .map(|x| match self.strengths.get(x) {
                    Some(v) => format!("`{x}` {v:.4}"),
                    None => format!("`{x}`"),
                })
                .collect();
            s.push_str(&format!(
                " · linked premises (jointly; as strong as the weakest): {}",
                each.join(", ")
            ));
            if let Some(min) = d
                .from
                .iter()
                .map(|x| self.strengths.get(x).copied())
                .try_fold(f64::INFINITY, |m, v| v.map(|v| m.min(v)))
            {
                s.push_str(&format!(
                    " · weakest {min:.4} under {}",
                    self.semantics.name()
                ));
            }
        }
        if let Some(sc) = &d.scheme {
            let name = crate::schemes::catalogue()
                .iter()
                .find(|x| &x.id == sc)
                .map_or(String::new(), |x| format!(" ({})", x.name));
            s.push_str(&format!(" · scheme `{sc}`{name}"));
        }
        if let Some(q) = &d.question {
            s.push_str(&format!(" · question {q}"));
        }
        if let Some(id) = &d.id {
            let by: Vec<String> = p
                .graph
                .edges
                .iter()
                .filter(|u| u.kind() == crate::model::EdgeKind::Undercut && &u.data().to == id)
                .map(|u| match &u.data().id {
                    Some(uid) => format!("`{uid}`"),
                    None => format!("`{}`", u.data().from_label()),
                })
                .collect();
            if !by.is_empty() {
                s.push_str(&format!("\n\nundercut by {}", by.join(", ")));
            }
        }
        Some(s)
    }

    /// What may be typed here: ids, kinds, field, semantics and scheme names.
    pub fn completions(&self) -> Vec<Completion> {
        let mut v = vec![];
        if let Some(p) = &self.parsed {
            for n in &p.graph.nodes {
                v.push(Completion {
                    label: n.id.clone(),
                    detail: format!("{}: {}", n.kind.name(), n.text),
                    kind: CompletionKind::Node,
                });
            }
            for g in &p.graph.groups {
                v.push(Completion {
                    label: g.id.clone(),
                    detail: format!("group: {}", g.label.as_deref().unwrap_or("")),
                    kind: CompletionKind::Group,
                });
            }
            for e in &p.graph.edges {
                let d = e.data();
                if let Some(id) = &d.id {
                    v.push(Completion {
                        label: id.clone(),
                        detail: format!("{}: {} -> {}", e.kind().name(), d.from_label(), d.to),
                        kind: CompletionKind::Edge,
                    });
                }
            }
        }
        let kw = NodeKind::ALL.iter().map(|k| k.name()).chain([
            "Support",
            "Attack",
            "Undercut",
            "Node",
            "Group",
            "Expect",
            "ArgumentGraph",
        ]);
        for k in kw {
            v.push(Completion {
                label: k.into(),
                detail: String::new(),
                kind: CompletionKind::Keyword,
            });
        }
        for f in crate::model::fields::names() {
            v.push(Completion {
                label: f.into(),
                detail: String::new(),
                kind: CompletionKind::Field,
            });
        }
        for s in crate::schemes::catalogue() {
            v.push(Completion {
                label: s.id.clone(),
                detail: format!("scheme: {}", s.name),
                kind: CompletionKind::Scheme,
            });
        }
        for s in SemanticsKind::ALL {
            v.push(Completion {
                label: s.name().into(),
                detail: "semantics".into(),
                kind: CompletionKind::Semantics,
            });
        }
        v
    }

    /// The outline: groups with their nodes, then the nodes in no group.
    pub fn symbols(&self) -> Vec<Symbol> {
        let Some(p) = &self.parsed else {
            return vec![];
        };
        let node = |i: usize| -> Option<Symbol> {
            let n = &p.graph.nodes[i];
            let sp = &p.spans.nodes[i];
            Some(Symbol {
                name: n.id.clone(),
                detail: format!("{}: {}", n.kind.name(), n.text),
                span: sp.whole,
                selection: sp.id.unwrap_or(sp.whole),
                children: vec![],
                is_group: false,
            })
        };
        let mut out = vec![];
        for (g, gs) in p.graph.groups.iter().zip(&p.spans.groups) {
            let children: Vec<Symbol> = (0..p.graph.nodes.len().min(p.spans.nodes.len()))
                .filter(|&i| p.graph.nodes[i].group.as_deref() == Some(&g.id))
                .filter_map(node)
                .collect();
            out.push(Symbol {
                name: g.id.clone(),
                detail: g.label.clone().unwrap_or_default(),
                span: gs.whole,
                selection: gs.id.unwrap_or(gs.whole),
                children,
                is_group: true,
            });
        }
        let groups: Vec<&str> = p.graph.groups.iter().map(|g| g.id.as_str()).collect();
        for i in 0..p.graph.nodes.len().min(p.spans.nodes.len()) {
            let in_group = p.graph.nodes[i]
                .group
                .as_deref()
                .is_some_and(|g| groups.contains(&g));
            if !in_group && let Some(s) = node(i) {
                out.push(s);
            }
        }
        out
    }
}

/// The fix a diagnostic suggests ("did you mean `e_trial`?"), as the text to
/// put in place of its span; `None` when it suggests none. A suggestion for a
/// quoted value keeps the quotes.
pub fn suggested_fix(text: &str, d: &crate::diag::Diagnostic) -> Option<(Span, String)> {
    let span = d.span?;
    let help = d
        .help
        .iter()
        .find_map(|h| h.strip_prefix("did you mean "))?;
    let word = if let Some(rest) = help.strip_prefix('`') {
        rest.split('`').next()?
    } else if let Some(rest) = help.strip_prefix('"') {
        rest.split('"').next()?
    } else {
        help.split('?').next()?
    };
    if word.is_empty() || word.contains(char::is_whitespace) {
        return None;
    }
    let old = text.get(span.range())?;
    let new = if old.starts_with('"') && old.ends_with('"') && old.len() >= 2 {
        format!("\"{word}\"")
    } else {
        word.to_string()
    };
    (new != old).then_some((span, new))
}

impl Analysis {
    /// Where each node's strength can be shown: just after its id's value in
    /// its declaration, with the strength (empty when the file does not evaluate).
    pub fn strength_hints(&self) -> Vec<(usize, f64)> {
        let Some(p) = &self.parsed else {
            return vec![];
        };
        p.graph
            .nodes
            .iter()
            .zip(&p.spans.nodes)
            .filter_map(|(n, s)| Some((s.id?.end as usize, *self.strengths.get(&n.id)?)))
            .collect()
    }

    /// Regions an editor can fold: the nodes, groups, edges and expectations
    /// written over several lines, and the lists of nodes.
    pub fn folds(&self) -> Vec<Span> {
        let Some(p) = &self.parsed else {
            return vec![];
        };
        let s = &p.spans;
        s.nodes
            .iter()
            .map(|n| n.whole)
            .chain(s.edges.iter().map(|e| e.whole))
            .chain(s.groups.iter().map(|g| g.whole))
            .chain(s.expect.iter().map(|e| e.whole))
            .chain(s.nodes_list)
            .filter(|w| self.text.get(w.range()).is_some_and(|t| t.contains('\n')))
            .collect()
    }
}
