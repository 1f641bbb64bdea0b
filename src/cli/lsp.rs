//! `argmap lsp`: a Language Server Protocol server over standard input and
//! output, a thin layer over `argmap::ide` (the analysis) and
//! `argmap::format` (formatting). See docs/editors.md.

use std::collections::HashMap;

use argmap::ide::{Analysis, CompletionKind as Ck, Symbol};
use argmap::{LineIndex, Severity, Source, Span};
use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types as lt;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;

use super::EXIT_FAILURE;

// The arguments of `argmap lsp`. No doc comment: clap would make it the help's
// about, in place of the subcommand's (see `args::Command`).
#[derive(Debug, clap::Args)]
pub(crate) struct LspArgs {
    /// Accepted for editors that pass it; the server always speaks over stdio.
    #[arg(long)]
    pub stdio: bool,
}

/// An open file: its text, line index and analysis.
struct Doc {
    text: String,
    lines: LineIndex,
    analysis: Analysis,
}

impl Doc {
    fn new(uri: &lt::Uri, text: String) -> Doc {
        let src = Source::new(uri.as_str(), text.clone());
        Doc {
            lines: LineIndex::new(&text),
            analysis: Analysis::new(&src),
            text,
        }
    }

    /// A byte offset as a protocol position (UTF-16 columns).
    fn position(&self, at: usize) -> lt::Position {
        let at = at.min(self.text.len());
        let line = self.lines.line_of(at as u32);
        let start = self.lines.line_start(line).unwrap_or(0) as usize;
        let col = self
            .text
            .get(start..at)
            .map_or(0, |s| s.encode_utf16().count());
        lt::Position::new(line as u32, col as u32)
    }

    fn range(&self, s: Span) -> lt::Range {
        lt::Range::new(
            self.position(s.start as usize),
            self.position(s.end as usize),
        )
    }

    /// A protocol position as a byte offset.
    fn offset(&self, p: lt::Position) -> usize {
        let Some(start) = self.lines.line_start(p.line as usize) else {
            return self.text.len();
        };
        let start = start as usize;
        let mut units = 0;
        for (i, c) in self.text[start..].char_indices() {
            if units >= p.character as usize || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        self.text.len()
    }

    fn diagnostics(&self) -> Vec<lt::Diagnostic> {
        self.analysis
            .diagnostics
            .iter()
            .map(|d| {
                let range = d.span.map_or(lt::Range::default(), |s| self.range(s));
                let mut message = d.message.clone();
                for h in &d.help {
                    message.push_str("\nhelp: ");
                    message.push_str(h);
                }
                lt::Diagnostic {
                    range,
                    severity: Some(match d.severity {
                        Severity::Error => lt::DiagnosticSeverity::ERROR,
                        Severity::Warning => lt::DiagnosticSeverity::WARNING,
                    }),
                    code: Some(lt::NumberOrString::String(d.code.into())),
                    source: Some("argmap".into()),
                    message,
                    ..Default::default()
                }
            })
            .collect()
    }

    fn symbol(&self, s: &Symbol) -> lt::DocumentSymbol {
        // A group's range covers its nodes, wherever they stand.
        let mut whole = s.span;
        for c in &s.children {
            whole = Span::new(
                whole.start.min(c.span.start) as usize,
                whole.end.max(c.span.end) as usize,
            );
        }
        #[allow(deprecated)]
        lt::DocumentSymbol {
            name: s.name.clone(),
            detail: Some(s.detail.clone()),
            kind: if s.is_group {
                lt::SymbolKind::NAMESPACE
            } else {
                lt::SymbolKind::OBJECT
            },
            tags: None,
            deprecated: None,
            range: self.range(whole),
            selection_range: self.range(s.selection),
            children: Some(s.children.iter().map(|c| self.symbol(c)).collect()),
        }
    }
}

pub(crate) fn run(_args: &LspArgs) -> u8 {
    let (conn, io) = Connection::stdio();
    let caps = lt::ServerCapabilities {
        text_document_sync: Some(lt::TextDocumentSyncCapability::Kind(
            lt::TextDocumentSyncKind::FULL,
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lt::OneOf::Left(true)),
        references_provider: Some(lt::OneOf::Left(true)),
        rename_provider: Some(lt::OneOf::Left(true)),
        document_symbol_provider: Some(lt::OneOf::Left(true)),
        document_formatting_provider: Some(lt::OneOf::Left(true)),
        folding_range_provider: Some(lt::FoldingRangeProviderCapability::Simple(true)),
        code_action_provider: Some(lt::CodeActionProviderCapability::Simple(true)),
        inlay_hint_provider: Some(lt::OneOf::Left(true)),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(vec!["\"".into()]),
            ..Default::default()
        }),
        ..Default::default()
    };
    let caps = serde_json::to_value(caps).unwrap_or_default();
    let init = match conn.initialize(caps) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: argmap lsp: initialisation failed: {e}");
            return EXIT_FAILURE;
        }
    };
    // `initializationOptions: {"inlayHints": false}` turns the strength hints off.
    let hints = init["initializationOptions"]["inlayHints"].as_bool() != Some(false);
    let mut docs: HashMap<String, Doc> = HashMap::new();
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req).unwrap_or(true) {
                    break;
                }
                let resp = request(&docs, req, hints);
                if conn.sender.send(Message::Response(resp)).is_err() {
                    break;
                }
            }
            Message::Notification(n) => {
                if let Some(uri) = notification(&mut docs, n) {
                    let params = lt::PublishDiagnosticsParams {
                        diagnostics: docs
                            .get(uri.as_str())
                            .map(Doc::diagnostics)
                            .unwrap_or_default(),
                        uri,
                        version: None,
                    };
                    let n = Notification::new(
                        lt::notification::PublishDiagnostics::METHOD.into(),
                        params,
                    );
                    if conn.sender.send(Message::Notification(n)).is_err() {
                        break;
                    }
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(conn);
    let _ = io.join();
    0
}

/// Applies an open, change or close; returns the file whose diagnostics changed.
fn notification(docs: &mut HashMap<String, Doc>, n: Notification) -> Option<lt::Uri> {
    use lt::notification as ln;
    match n.method.as_str() {
        ln::DidOpenTextDocument::METHOD => {
            let p: lt::DidOpenTextDocumentParams = serde_json::from_value(n.params).ok()?;
            let uri = p.text_document.uri;
            docs.insert(uri.to_string(), Doc::new(&uri, p.text_document.text));
            Some(uri)
        }
        ln::DidChangeTextDocument::METHOD => {
            let p: lt::DidChangeTextDocumentParams = serde_json::from_value(n.params).ok()?;
            let uri = p.text_document.uri;
            // Full sync: the last change holds the whole text.
            let text = p.content_changes.into_iter().last()?.text;
            docs.insert(uri.to_string(), Doc::new(&uri, text));
            Some(uri)
        }
        ln::DidCloseTextDocument::METHOD => {
            let p: lt::DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
            docs.remove(p.text_document.uri.as_str());
            Some(p.text_document.uri)
        }
        _ => None,
    }
}

fn request(docs: &HashMap<String, Doc>, req: Request, hints: bool) -> Response {
    let id = req.id.clone();
    match answer(docs, req, hints) {
        Ok(v) => Response::new_ok(id, v),
        Err(msg) => Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, msg),
    }
}

fn doc<'a>(docs: &'a HashMap<String, Doc>, uri: &lt::Uri) -> Result<&'a Doc, String> {
    docs.get(uri.as_str())
        .ok_or_else(|| format!("{} is not open", uri.as_str()))
}

fn location(uri: &lt::Uri, d: &Doc, s: Span) -> lt::Location {
    lt::Location::new(uri.clone(), d.range(s))
}

fn answer(
    docs: &HashMap<String, Doc>,
    req: Request,
    hints: bool,
) -> Result<serde_json::Value, String> {
    use lt::request as lr;
    let params = |r: Request| r.params;
    let json = |v: serde_json::Value| -> Result<serde_json::Value, String> { Ok(v) };
    macro_rules! parse {
        ($t:ty) => {
            serde_json::from_value::<$t>(params(req)).map_err(|e| e.to_string())?
        };
    }
    match req.method.as_str() {
        lr::HoverRequest::METHOD => {
            let p = parse!(lt::HoverParams);
            let pos = p.text_document_position_params;
            let d = doc(docs, &pos.text_document.uri)?;
            let hover = d
                .analysis
                .hover(d.offset(pos.position))
                .map(|(text, span)| lt::Hover {
                    contents: lt::HoverContents::Markup(lt::MarkupContent {
                        kind: lt::MarkupKind::Markdown,
                        value: text,
                    }),
                    range: Some(d.range(span)),
                });
            json(serde_json::to_value(hover).unwrap_or_default())
        }
        lr::GotoDefinition::METHOD => {
            let p = parse!(lt::GotoDefinitionParams);
            let pos = p.text_document_position_params;
            let uri = pos.text_document.uri;
            let d = doc(docs, &uri)?;
            let loc = d
                .analysis
                .id_at(d.offset(pos.position))
                .and_then(|(id, _)| d.analysis.definition(&id))
                .map(|s| location(&uri, d, s));
            json(serde_json::to_value(loc).unwrap_or_default())
        }
        lr::References::METHOD => {
            let p = parse!(lt::ReferenceParams);
            let pos = p.text_document_position;
            let uri = pos.text_document.uri;
            let d = doc(docs, &uri)?;
            let locs: Vec<lt::Location> = match d.analysis.id_at(d.offset(pos.position)) {
                Some((id, _)) if d.analysis.is_known(&id) => {
                    let def = d.analysis.definition(&id);
                    d.analysis
                        .references(&id)
                        .into_iter()
                        .filter(|s| p.context.include_declaration || Some(*s) != def)
                        .map(|s| location(&uri, d, s))
                        .collect()
                }
                _ => vec![],
            };
            json(serde_json::to_value(locs).unwrap_or_default())
        }
        lr::Rename::METHOD => {
            let p = parse!(lt::RenameParams);
            let pos = p.text_document_position;
            let uri = pos.text_document.uri;
            let d = doc(docs, &uri)?;
            let Some((id, _)) = d.analysis.id_at(d.offset(pos.position)) else {
                return Err("place the cursor on a node, group or edge id".into());
            };
            if !d.analysis.is_known(&id) {
                return Err(format!("`{id}` is not the id of a node, group or edge"));
            }
            let new = &p.new_name;
            let valid = !new.is_empty()
                && new
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
            if !valid {
                return Err(format!(
                    "`{new}` is not a valid id (use letters, digits, `_`)"
                ));
            }
            if d.analysis.is_known(new) {
                return Err(format!("`{new}` is already an id in this file"));
            }
            let edits: Vec<lt::TextEdit> = d
                .analysis
                .references(&id)
                .into_iter()
                .map(|s| lt::TextEdit::new(d.range(s), new.clone()))
                .collect();
            let edit = lt::WorkspaceEdit {
                changes: Some([(uri, edits)].into_iter().collect()),
                ..Default::default()
            };
            json(serde_json::to_value(edit).unwrap_or_default())
        }
        lr::Completion::METHOD => {
            let _p = parse!(lt::CompletionParams);
            let items: Vec<lt::CompletionItem> =
                match doc(docs, &_p.text_document_position.text_document.uri) {
                    Ok(d) => d
                        .analysis
                        .completions()
                        .into_iter()
                        .map(|c| lt::CompletionItem {
                            label: c.label,
                            detail: (!c.detail.is_empty()).then_some(c.detail),
                            kind: Some(match c.kind {
                                Ck::Node => lt::CompletionItemKind::VALUE,
                                Ck::Group => lt::CompletionItemKind::FOLDER,
                                Ck::Keyword => lt::CompletionItemKind::KEYWORD,
                                Ck::Field => lt::CompletionItemKind::FIELD,
                                Ck::Semantics => lt::CompletionItemKind::ENUM_MEMBER,
                                Ck::Scheme => lt::CompletionItemKind::CLASS,
                                Ck::Edge => lt::CompletionItemKind::REFERENCE,
                            }),
                            ..Default::default()
                        })
                        .collect(),
                    Err(_) => vec![],
                };
            json(serde_json::to_value(items).unwrap_or_default())
        }
        lr::DocumentSymbolRequest::METHOD => {
            let p = parse!(lt::DocumentSymbolParams);
            let d = doc(docs, &p.text_document.uri)?;
            let syms: Vec<lt::DocumentSymbol> =
                d.analysis.symbols().iter().map(|s| d.symbol(s)).collect();
            json(serde_json::to_value(syms).unwrap_or_default())
        }
        lr::Formatting::METHOD => {
            let p = parse!(lt::DocumentFormattingParams);
            let d = doc(docs, &p.text_document.uri)?;
            let src = Source::new(p.text_document.uri.as_str(), d.text.clone());
            let edits = match argmap::format::format(&src) {
                Ok(out) if out != d.text => {
                    vec![lt::TextEdit::new(d.range(Span::new(0, d.text.len())), out)]
                }
                // Not RON: nothing to do (the diagnostics say why).
                _ => vec![],
            };
            json(serde_json::to_value(edits).unwrap_or_default())
        }
        lr::FoldingRangeRequest::METHOD => {
            let p = parse!(lt::FoldingRangeParams);
            let d = doc(docs, &p.text_document.uri)?;
            let folds: Vec<lt::FoldingRange> = d
                .analysis
                .folds()
                .into_iter()
                .map(|s| {
                    let r = d.range(s);
                    lt::FoldingRange {
                        start_line: r.start.line,
                        end_line: r.end.line,
                        ..Default::default()
                    }
                })
                .collect();
            json(serde_json::to_value(folds).unwrap_or_default())
        }
        lr::CodeActionRequest::METHOD => {
            let p = parse!(lt::CodeActionParams);
            let uri = p.text_document.uri;
            let d = doc(docs, &uri)?;
            let actions: Vec<lt::CodeActionOrCommand> = d
                .analysis
                .diagnostics
                .iter()
                .filter_map(|diag| {
                    let (span, new) = argmap::ide::suggested_fix(&d.text, diag)?;
                    let r = d.range(span);
                    // Only the diagnostics that touch the requested range.
                    if r.end < p.range.start || p.range.end < r.start {
                        return None;
                    }
                    let edit = lt::WorkspaceEdit {
                        changes: Some(
                            [(uri.clone(), vec![lt::TextEdit::new(r, new.clone())])]
                                .into_iter()
                                .collect(),
                        ),
                        ..Default::default()
                    };
                    Some(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                        title: format!("{}: replace with {new}", diag.code),
                        kind: Some(lt::CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![lt::Diagnostic {
                            range: r,
                            code: Some(lt::NumberOrString::String(diag.code.into())),
                            message: diag.message.clone(),
                            ..Default::default()
                        }]),
                        edit: Some(edit),
                        is_preferred: Some(true),
                        ..Default::default()
                    }))
                })
                .collect();
            json(serde_json::to_value(actions).unwrap_or_default())
        }
        lr::InlayHintRequest::METHOD => {
            let p = parse!(lt::InlayHintParams);
            let d = doc(docs, &p.text_document.uri)?;
            let list: Vec<lt::InlayHint> = if hints {
                d.analysis
                    .strength_hints()
                    .into_iter()
                    .map(|(at, s)| lt::InlayHint {
                        position: d.position(at),
                        label: lt::InlayHintLabel::String(format!("σ {s:.3}")),
                        kind: None,
                        text_edits: None,
                        tooltip: Some(lt::InlayHintTooltip::String(format!(
                            "strength under {}",
                            d.analysis.semantics.name()
                        ))),
                        padding_left: Some(true),
                        padding_right: None,
                        data: None,
                    })
                    .collect()
            } else {
                vec![]
            };
            json(serde_json::to_value(list).unwrap_or_default())
        }
        m => Err(format!("argmap lsp does not handle `{m}`")),
    }
}
