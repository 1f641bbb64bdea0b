//! The Trivial Graph Format `.tgf` as ICCMA used it: one argument name per
//! line, a line `#`, then one attack `a b` per line.
//!
//! ```text
//! a
//! b
//! c
//! #
//! a b
//! b a
//! b c
//! ```
//!
//! Arguments are numbered in declaration order; blank lines are skipped;
//! duplicate attacks are merged. Node and edge labels (TGF allows text after
//! the id) are not accepted, since a missing `#` would otherwise turn every
//! attack into a labelled node. Diagnostics: E0607 (undeclared argument),
//! E0608 (argument declared twice), E0609 (malformed line), E0602 (too many
//! arguments), E0610 (too many errors); see docs/extensions.md.

use crate::diag::{Diagnostic, Diagnostics, Source};
use crate::dung::{Framework, MAX_ARGUMENTS};

use super::intern::{Errors, Interner, lines, tokens, too_many_arguments};

/// What an empty file is told it should hold (`E0003`, see [`crate::diag::refuse_empty`]).
const EMPTY_HELP: &str =
    "a .tgf file lists one argument per line, a line `#`, then one attack `a b` per line";

/// Reads a `.tgf` file.
///
/// # Complexity
/// One pass over the text plus one hash lookup per name: O(size + m log d).
///
/// ```
/// let src = argmap::Source::new("x.tgf", "a\nb\n#\na b\n");
/// let af = argmap::formats::tgf::read(&src)?;
/// assert_eq!(argmap::dung::grounded(&af), [0]);
/// # Ok::<(), argmap::Diagnostics>(())
/// ```
pub fn read(src: &Source) -> Result<Framework, Diagnostics> {
    crate::diag::refuse_empty(src, EMPTY_HELP)?;
    let text = src.text();
    let mut names = Interner::new();
    let mut errs = Errors::new();
    let mut attacks: Vec<(u32, u32)> = Vec::new();
    let mut in_attacks = false;
    for (start, line) in lines(src) {
        let mut toks = tokens(start, line);
        let Some((first, first_span)) = toks.next() else {
            continue;
        };
        if !in_attacks {
            if first == "#" {
                if let Some((_, s)) = toks.next() {
                    let d = Diagnostic::error("E0609", "text after the `#` separator")
                        .at(s)
                        .help("the line between arguments and attacks holds only `#`");
                    if !errs.push(d) {
                        break;
                    }
                }
                in_attacks = true;
                continue;
            }
            if let Some((_, s)) = toks.next() {
                let d = Diagnostic::error(
                    "E0609",
                    format!("expected one argument name per line, found `{}`", line.trim()),
                )
                .at(first_span.to(s))
                .help("argument lines hold one name; attacks come after a line `#`; is the `#` line missing?");
                if !errs.push(d) {
                    break;
                }
                continue;
            }
            if let Err(prev) = names.declare(&text[first_span.range()], first_span) {
                let d = Diagnostic::error("E0608", format!("argument `{first}` is declared twice"))
                    .at(first_span)
                    .label(prev, "first declared here")
                    .help("remove one of the lines");
                if !errs.push(d) {
                    break;
                }
            }
            if names.len() > MAX_ARGUMENTS {
                errs.push(too_many_arguments(Some(first_span)));
                break;
            }
            continue;
        }
        let Some((second, second_span)) = toks.next() else {
            let d = Diagnostic::error(
                "E0609",
                format!("expected an attack `a b` (two argument names), found `{first}`"),
            )
            .at(first_span)
            .help("after the `#` line, each line is one attack: the attacker's name, a space, the target's name");
            if !errs.push(d) {
                break;
            }
            continue;
        };
        if let Some((_, s)) = toks.last() {
            let d = Diagnostic::error(
                "E0609",
                "expected an attack `a b` (two argument names), found more",
            )
            .at(first_span.to(s))
            .help("each line after `#` is one attack of two names; edge labels are not supported");
            if !errs.push(d) {
                break;
            }
            continue;
        }
        let a = names.resolve(first, first_span, &mut errs, declare);
        let b = names.resolve(second, second_span, &mut errs, declare);
        match (a, b) {
            (Some(a), Some(b)) => attacks.push((a, b)),
            _ if errs.diags.len() > super::intern::MAX_ERRORS => break,
            _ => {}
        }
    }
    errs.finish(|| names.into_framework(&attacks))
}

/// How `.tgf` declares an argument: the fix for an undeclared one.
fn declare(_name: &str) -> String {
    "declare every argument on its own line before the `#` line".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        read(&Source::new("t.tgf", text)).unwrap_err().codes()
    }

    #[test]
    fn reads_with_blanks_and_no_attacks() {
        let af = read(&Source::new("t.tgf", "a\r\n\nb\n#\r\nb a\nb a\n")).unwrap();
        assert_eq!(af.names().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(af.attack_pairs().collect::<Vec<_>>(), [(1, 0)]);
        let af = read(&Source::new("t.tgf", "a\nb\n")).unwrap();
        assert_eq!((af.len(), af.attack_count()), (2, 0));
    }

    #[test]
    fn errors() {
        assert_eq!(codes("a\na b\n"), ["E0609"]);
        assert_eq!(codes("a\n# x\n"), ["E0609"]);
        assert_eq!(codes("a\n#\na\n"), ["E0609"]);
        assert_eq!(codes("a\n#\na a a\n"), ["E0609"]);
        assert_eq!(codes("a\n#\na b\n"), ["E0607"]);
        assert_eq!(codes("a\na\n"), ["E0608"]);
    }
}
