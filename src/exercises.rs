//! The bundled course of exercises (`exercises/`), embedded in the library so
//! that an installed `argmap` has them: `argmap exercise NAME` starts a
//! student's file from one, and `argmap grade STUDENT.ron NAME` grades against
//! its model. `exercises/README.md` is the syllabus.
//!
//! Each exercise is a folder `NN-name/` holding `task.md` (a `# Exercise N:
//! title` line, then what to do), `passage.md` (the source text), `hints.md`,
//! `model.ron` (the model answer, which passes `argmap check --deny-warnings`
//! and its own `expect` list) and `rubric.ron` (the score's weights, see
//! [`crate::Rubric`]).

/// One exercise of the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exercise {
    /// The folder's name, e.g. `01-find-the-conclusion`.
    pub name: &'static str,
    /// What to do (Markdown; its first line is `# Exercise N: title`).
    pub task: &'static str,
    /// The source passage (Markdown).
    pub passage: &'static str,
    /// Hints, for a student who is stuck (Markdown).
    pub hints: &'static str,
    /// The model answer (RON).
    pub model: &'static str,
    /// The rubric (RON).
    pub rubric: &'static str,
}

impl Exercise {
    /// The title: the task's first line without its `# Exercise N: ` prefix.
    pub fn title(&self) -> &'static str {
        let first = self.task.lines().next().unwrap_or("");
        let first = first.trim_start_matches('#').trim();
        first.split_once(": ").map_or(first, |(_, t)| t)
    }

    /// The path of one of its files in the source tree, e.g.
    /// `exercises/01-find-the-conclusion/model.ron`, for messages.
    pub fn path(&self, file: &str) -> String {
        format!("exercises/{}/{file}", self.name)
    }
}

macro_rules! exercise {
    ($name:literal) => {
        Exercise {
            name: $name,
            task: include_str!(concat!("../exercises/", $name, "/task.md")),
            passage: include_str!(concat!("../exercises/", $name, "/passage.md")),
            hints: include_str!(concat!("../exercises/", $name, "/hints.md")),
            model: include_str!(concat!("../exercises/", $name, "/model.ron")),
            rubric: include_str!(concat!("../exercises/", $name, "/rubric.ron")),
        }
    };
}

/// Every exercise, in the order of the course (a test checks that this list
/// and the folders of `exercises/` agree).
pub const ALL: &[Exercise] = &[
    exercise!("01-find-the-conclusion"),
    exercise!("02-reasons-and-evidence"),
    exercise!("03-independent-or-linked"),
    exercise!("04-objections-and-rebuttals"),
    exercise!("05-undercutting-an-inference"),
    exercise!("06-scheme-and-critical-questions"),
    exercise!("07-weighing-and-what-if"),
    exercise!("08-paper-central-asia"),
    exercise!("09-paper-far-east"),
    exercise!("10-paper-the-whole-argument"),
    exercise!("11-open-four-day-week"),
    exercise!("12-open-social-media-age"),
];

/// The file a student starts from: the task and the passage as comments, and
/// a skeleton with the conclusion to fill in. It parses and checks (with
/// warnings: the map is still empty).
pub fn starting_file(x: &Exercise) -> String {
    let mut out = String::new();
    let comment = |out: &mut String, text: &str| {
        for line in text.trim_end().lines() {
            if line.is_empty() {
                out.push_str("//\n");
            } else {
                out.push_str(&format!("// {line}\n"));
            }
        }
    };
    let short = x.name.split_once('-').map_or(x.name, |(_, rest)| rest);
    comment(&mut out, x.task);
    out.push_str(
        "//\n// ------------------------------------------------------------------------------\n",
    );
    comment(&mut out, x.passage);
    out.push_str(&format!(
        "// ------------------------------------------------------------------------------\n//\n\
         // When you are done: `argmap check FILE`, then `argmap grade FILE {short}`.\n\
         // Stuck? `argmap exercise {short} --hints`. The format: docs/format.md.\n"
    ));
    out.push_str(&format!(
        "ArgumentGraph(\n    title: \"{}: my map\",\n    conclusion: \"conclusion\",\n    nodes: [\n\
         \x20       // The conclusion, in your own words (keep the id, or change it here and above):\n\
         \x20       Node(id: \"conclusion\", kind: Claim, base: 0.5, text: \"TODO: what the passage argues for\"),\n\
         \x20       // A node for each reason and piece of evidence, for example:\n\
         \x20       // Node(id: \"e_first\", kind: Evidence, base: 0.8, text: \"...\", cite: (ref: \"...\")),\n\
         \x20   ],\n    edges: [\n\
         \x20       // Support(from: \"e_first\", to: \"conclusion\"),\n\
         \x20   ],\n)\n",
        x.title().replace('\\', "\\\\").replace('"', "\\\"")
    ));
    out
}

/// The exercise called `name`: its folder name (`03-independent-or-linked`),
/// that name without its number (`independent-or-linked`), or its number
/// (`3`, `03`). A leading `exercises/` and a trailing `/` are ignored.
pub fn find(name: &str) -> Option<&'static Exercise> {
    let name = name.trim().trim_end_matches('/');
    let name = name.strip_prefix("exercises/").unwrap_or(name);
    ALL.iter().find(|x| {
        let (num, rest) = x.name.split_once('-').unwrap_or((x.name, ""));
        x.name == name
            || rest == name
            || (name.chars().all(|c| c.is_ascii_digit())
                && !name.is_empty()
                && num.trim_start_matches('0') == name.trim_start_matches('0'))
    })
}
