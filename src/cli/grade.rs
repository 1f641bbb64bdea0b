//! `argmap grade STUDENT MODEL [--json]`: a student's map compared with a model
//! answer (a file, or a bundled exercise by name); a folder of submissions
//! gives one CSV line each. The analysis is [`argmap::grade`].

use std::io::Write;
use std::path::{Path, PathBuf};

use argmap::{ArgGraph, FindingKind, Grade, GradeOptions, MatchedBy, Rubric, Source};

use super::eval::EvalOpts;
use super::out::{Obj, num};
use super::{Ctx, DiagFormat, EXIT_FAILURE, EXIT_INPUT, Reported};

// The arguments of `argmap grade`. No doc comment: clap would make it the
// help's about, in place of the subcommand's (see `args::Command`).
#[derive(Debug, clap::Args)]
pub(crate) struct GradeArgs {
    /// The student's map (`.ron`), or a folder: every `.ron` file under it is
    /// graded, one CSV line each.
    pub student: PathBuf,
    /// The model answer: a `.ron` file, or the name or number of a bundled
    /// exercise (`argmap exercise --list`).
    pub model: String,
    /// The rubric (RON, `Rubric(nodes: 30, ...)`) [default: `rubric.ron`
    /// beside the model file, or the exercise's; else the defaults of
    /// docs/teaching.md].
    #[arg(long, value_name = "FILE")]
    pub rubric: Option<PathBuf>,
    /// Print JSON: `{"score", "matched": [[student_id, model_id], ...],
    /// "findings": [{"kind", "student", "model", "message"}], "verdict":
    /// {"student", "model"}, ...}` (one map only: a folder gives CSV).
    #[arg(long)]
    pub json: bool,
    /// Write the report (or, for a folder, the CSV) to this file instead of
    /// standard output (atomically).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub opts: EvalOpts,
}

/// The model answer, where it came from, and its rubric.
struct Model {
    name: String,
    graph: ArgGraph,
    rubric: Rubric,
}

pub(crate) fn run(args: &GradeArgs, cx: &Ctx) -> Result<(), Reported> {
    let model = load_model(args, cx)?;
    let kind = args.opts.semantics(&model.graph)?;
    let opts = GradeOptions {
        rubric: model.rubric.clone(),
        semantics: Some(kind),
        params: args.opts.params(),
    };
    if args.json && args.student.is_dir() {
        eprintln!(
            "error: --json grades one map; a folder ({}) gives one CSV line per map (drop --json)",
            args.student.display()
        );
        return Err(Reported(EXIT_FAILURE));
    }
    let text = if args.student.is_dir() {
        folder_csv(&args.student, &model, &opts)?
    } else {
        let rep = cx.reporter(DiagFormat::Human);
        let (src, student) = super::load_graph(&args.student, &rep)?;
        let g = argmap::grade(&student, &model.graph, &opts)
            .map_err(|e| super::eval_failure_in(&e, None))?;
        if args.json {
            json(&g) + "\n"
        } else {
            human(&g, src.name(), &model.name)
        }
    };
    emit(args.output.as_deref(), &text)
}

fn emit(output: Option<&Path>, text: &str) -> Result<(), Reported> {
    match output {
        Some(path) => super::io::write_atomic(path, text.as_bytes()).map_err(|e| {
            eprintln!("error: {e}");
            Reported(EXIT_FAILURE)
        }),
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
    }
}

fn load_model(args: &GradeArgs, cx: &Ctx) -> Result<Model, Reported> {
    let path = Path::new(&args.model);
    let rep = cx.reporter(DiagFormat::Human);
    let (name, graph, beside) = if path.exists() || args.model == "-" {
        let (src, g) = super::load_graph(path, &rep)?;
        let beside = path
            .parent()
            .map(|d| d.join("rubric.ron"))
            .filter(|p| p.is_file());
        let rubric = match beside {
            Some(p) => Some((p.display().to_string(), read(&p)?)),
            None => None,
        };
        (src.name().to_string(), g, rubric)
    } else if let Some(x) = argmap::exercises::find(&args.model) {
        let src = Source::new(x.path("model.ron"), x.model);
        let checked = argmap::check(&src).map_err(|d| {
            rep.emit(&src, &d.0);
            Reported(EXIT_FAILURE)
        })?;
        (
            format!("exercise {} ({})", x.name, x.title()),
            argmap::build_owned(checked),
            Some((x.path("rubric.ron"), x.rubric.to_string())),
        )
    } else {
        let names: Vec<&str> = argmap::exercises::ALL.iter().map(|x| x.name).collect();
        let mut msg = format!(
            "error: the model `{}` is neither a file nor a bundled exercise",
            args.model
        );
        if let Some(s) = argmap::suggest(&args.model, names.iter().copied()) {
            msg.push_str(&format!(" (did you mean `{s}`?)"));
        }
        eprintln!("{msg}; `argmap exercise --list` lists the exercises");
        return Err(Reported(EXIT_FAILURE));
    };
    let rubric_text = match &args.rubric {
        Some(p) => Some((p.display().to_string(), read(p)?)),
        None => beside,
    };
    let rubric = match rubric_text {
        None => Rubric::default(),
        Some((file, text)) => Rubric::from_ron(&text).map_err(|e| {
            eprintln!("error: {file}:{e}");
            Reported(EXIT_INPUT)
        })?,
    };
    Ok(Model {
        name,
        graph,
        rubric,
    })
}

fn read(p: &Path) -> Result<String, Reported> {
    std::fs::read_to_string(p).map_err(|e| {
        eprintln!("error: cannot read {}: {e}", p.display());
        Reported(EXIT_FAILURE)
    })
}

fn verdict_word(x: f64) -> &'static str {
    if x > 0.5 {
        "accepted"
    } else if x < 0.5 {
        "rejected"
    } else {
        "undecided"
    }
}

fn human(g: &Grade, student: &str, model: &str) -> String {
    let mut o = String::new();
    o.push_str(&format!(
        "score {}/100 for {student} against {model}\n",
        g.score
    ));
    let p = &g.points;
    o.push_str(&format!(
        "  conclusion {}, nodes {}, edges {}{} (of {})\n",
        pts(p.conclusion),
        pts(p.nodes),
        pts(p.edges),
        if p.extra > 0.0 {
            format!(", extras -{}", pts(p.extra))
        } else {
            String::new()
        },
        pts(p.total)
    ));
    o.push_str("\nmatching (your node -> the model's):\n");
    if g.matched.is_empty() {
        o.push_str("  none of your nodes matches one of the model's\n");
    }
    let w = g
        .matched
        .iter()
        .map(|m| m.student.chars().count())
        .max()
        .unwrap_or(0);
    for m in &g.matched {
        let by = match m.by {
            MatchedBy::Id if m.similarity >= 1.0 => "same id".to_string(),
            MatchedBy::Id => format!("same id, similar text ({:.2})", m.similarity),
            MatchedBy::Text(s) if s >= 1.0 => "same text".to_string(),
            MatchedBy::Text(s) => format!("similar text ({s:.2})"),
        };
        o.push_str(&format!("  {:w$} -> {}  ({by})\n", m.student, m.model));
    }
    if g.findings.is_empty() {
        o.push_str("\nno findings: your map has the model's structure\n");
    } else {
        o.push_str(&format!("\nfindings ({}):\n", g.findings.len()));
        for kind in FindingKind::ALL {
            for f in g.findings.iter().filter(|f| f.kind == kind) {
                o.push_str(&format!("  {:10}  {}\n", kind.name(), f.message));
            }
        }
    }
    let v = &g.verdict;
    let yours = match &v.student {
        Ok(x) => format!("{} ({})", num(*x), verdict_word(*x)),
        Err(e) => format!("not evaluated ({e})"),
    };
    o.push_str(&format!(
        "\nverdict under {}: your conclusion {yours}; the model's {} ({})\n",
        v.semantics.name(),
        num(v.model),
        verdict_word(v.model)
    ));
    o
}

fn pts(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn ids(v: &[String]) -> String {
    serde_json::Value::from(v.to_vec()).to_string()
}

fn json(g: &Grade) -> String {
    let matched: Vec<String> = g
        .matched
        .iter()
        .map(|m| ids(&[m.student.clone(), m.model.clone()]))
        .collect();
    let matching: Vec<String> = g
        .matched
        .iter()
        .map(|m| {
            let by = match m.by {
                MatchedBy::Id => "id",
                MatchedBy::Text(_) => "text",
            };
            let sim = m.similarity;
            Obj::new()
                .field("student", m.student.as_str())
                .field("model", m.model.as_str())
                .field("by", by)
                .field("similarity", (sim * 1e4).round() / 1e4)
                .end()
        })
        .collect();
    let findings: Vec<String> = g
        .findings
        .iter()
        .map(|f| {
            Obj::new()
                .field("kind", f.kind.name())
                .raw("student", &ids(&f.student))
                .raw("model", &ids(&f.model))
                .field("message", f.message.as_str())
                .end()
        })
        .collect();
    let v = &g.verdict;
    let student = match &v.student {
        Ok(x) => serde_json::Value::from(*x),
        Err(_) => serde_json::Value::Null,
    };
    let p = &g.points;
    Obj::new()
        .field("score", g.score)
        .raw("matched", &format!("[{}]", matched.join(", ")))
        .raw("findings", &format!("[{}]", findings.join(", ")))
        .raw(
            "verdict",
            &Obj::new()
                .field("student", student)
                .field("model", v.model)
                .field("semantics", v.semantics.name())
                .end(),
        )
        .raw("matching", &format!("[{}]", matching.join(", ")))
        .raw(
            "points",
            &Obj::new()
                .field("conclusion", p.conclusion)
                .field("nodes", p.nodes)
                .field("edges", p.edges)
                .field("extra", p.extra)
                .field("total", p.total)
                .end(),
        )
        .end()
}

/// The CSV columns of a folder's grades.
const CSV_HEADER: &str = "file,score,conclusion,missing,extra,reversed,polarity,linked,undercut,student_verdict,model_verdict,error";

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn folder_csv(dir: &Path, model: &Model, opts: &GradeOptions) -> Result<String, Reported> {
    let mut files = vec![];
    super::fmt::collect(dir, &mut files).map_err(|e| {
        eprintln!("error: cannot read the folder {}: {e}", dir.display());
        Reported(EXIT_FAILURE)
    })?;
    if files.is_empty() {
        eprintln!("error: no `.ron` file in {}", dir.display());
        return Err(Reported(EXIT_FAILURE));
    }
    let mut out = format!("{CSV_HEADER}\n");
    let (mut graded, mut failed) = (0usize, 0usize);
    for f in &files {
        let name = f.display().to_string();
        let checked = super::read_source(f)
            .map_err(|e| e.diagnostic.message.clone())
            .and_then(|src| {
                argmap::check(&src).map_err(|d| {
                    let n =
                        d.0.iter()
                            .filter(|d| d.severity == argmap::Severity::Error)
                            .count();
                    format!("does not check: {n} error(s); run `argmap check {name}`")
                })
            });
        let row = match checked.map(argmap::build_owned) {
            Err(e) => {
                failed += 1;
                format!("{},,,,,,,,,,,{}", csv_field(&name), csv_field(&e))
            }
            Ok(student) => match argmap::grade(&student, &model.graph, opts) {
                Err(e) => {
                    failed += 1;
                    format!(
                        "{},,,,,,,,,,,{}",
                        csv_field(&name),
                        csv_field(&e.to_string())
                    )
                }
                Ok(g) => {
                    graded += 1;
                    let count = |k: FindingKind| {
                        g.findings
                            .iter()
                            .filter(|f| f.kind == k)
                            .count()
                            .to_string()
                    };
                    let (sv, err) = match &g.verdict.student {
                        Ok(x) => (num(*x), String::new()),
                        Err(e) => (String::new(), e.to_string()),
                    };
                    let cells = [
                        csv_field(&name),
                        g.score.to_string(),
                        count(FindingKind::Conclusion),
                        count(FindingKind::Missing),
                        count(FindingKind::Extra),
                        count(FindingKind::Reversed),
                        count(FindingKind::Polarity),
                        count(FindingKind::Linked),
                        count(FindingKind::Undercut),
                        sv,
                        num(g.verdict.model),
                        csv_field(&err),
                    ];
                    cells.join(",")
                }
            },
        };
        out.push_str(&row);
        out.push('\n');
    }
    eprintln!(
        "graded {graded} file(s) against {}{}",
        model.name,
        if failed > 0 {
            format!("; {failed} could not be graded (see the `error` column)")
        } else {
            String::new()
        }
    );
    Ok(out)
}
