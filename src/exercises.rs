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

#[allow(unused_macros)] // until the first exercise is listed
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
pub const ALL: &[Exercise] = &[];

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
