//! The ICCMA 2023 `.af` format: a header `p af N`, then one attack `a b` per
//! line with arguments numbered 1 to N; lines starting with `#` are comments.
//!
//! ```text
//! p af 3
//! # 1 and 2 attack each other, 2 attacks 3
//! 1 2
//! 2 1
//! 2 3
//! ```
//!
//! Arguments are named `"1"` to `"N"` (argument `i` has index `i - 1`).
//! Blank lines and surrounding spaces or tabs are accepted; duplicate attacks
//! are merged. Diagnostics: E0601 (no header), E0602 (bad header), E0603
//! (bad attack line), E0604 (argument number out of range), E0605 (second
//! header), E0610 (too many errors); see docs/extensions.md.

use crate::diag::{Diagnostic, Diagnostics, Source, Span};
use crate::dung::{Framework, MAX_ARGUMENTS};

use super::intern::{Errors, lines, tokens, too_many_arguments};

/// What an empty file is told it should hold (`E0003`, see [`crate::diag::refuse_empty`]).
const EMPTY_HELP: &str = "an .af file starts with `p af N`, N the number of arguments (`p af 0` for none), then one attack `a b` per line";

/// Reads an `.af` file.
///
/// # Complexity
/// One pass over the text, O(size + n + m log d); memory O(n + m) besides the
/// text.
///
/// ```
/// let src = argmap::Source::new("x.af", "p af 3\n1 2\n2 3\n");
/// let af = argmap::formats::af::read(&src)?;
/// assert_eq!(af.len(), 3);
/// assert_eq!(argmap::dung::grounded(&af), [0, 2]); // arguments "1" and "3"
/// # Ok::<(), argmap::Diagnostics>(())
/// ```
pub fn read(src: &Source) -> Result<Framework, Diagnostics> {
    crate::diag::refuse_empty(src, EMPTY_HELP)?;
    let mut errs = Errors::new();
    let mut header: Option<(u32, Span)> = None;
    // Every line but the header is at most one attack.
    let mut attacks: Vec<(u32, u32)> = Vec::with_capacity(src.lines().len());
    for (start, line) in lines(src) {
        if let Some((n, _)) = header {
            // The common case, without tokenizing: two numbers in range.
            if let Some((a, b)) = fast_attack(line.as_bytes())
                && a >= 1
                && b >= 1
                && a <= n as u64
                && b <= n as u64
            {
                attacks.push((a as u32 - 1, b as u32 - 1));
                continue;
            }
        }
        // The same blanks as `tokens` splits on (a form feed, a stray `\r`):
        // a line of blanks has no token to point at.
        let trimmed = line.trim_start_matches(|c: char| c.is_ascii_whitespace());
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let ok = match header {
            None => match parse_header(start, line) {
                Ok(h) => {
                    header = Some(h);
                    true
                }
                Err(d) => {
                    // Without a count, no attack line can be checked.
                    errs.push(d);
                    return Err(errs.diags);
                }
            },
            Some((n, first)) => match slow_attack(start, line, n, first) {
                Ok((a, b)) => {
                    attacks.push((a, b));
                    true
                }
                Err(d) => errs.push(d),
            },
        };
        if !ok {
            break;
        }
    }
    let Some((n, _)) = header else {
        errs.push(
            Diagnostic::error("E0601", "missing the header `p af N`")
                .help("an .af file starts with `p af N`, N the number of arguments, e.g. `p af 3`"),
        );
        return Err(errs.diags);
    };
    errs.finish(|| Framework::numbered(n as usize, &attacks))
}

/// Parses `a b` with optional surrounding blanks; `None` if the line is
/// anything else (then the slow path explains why).
#[inline]
fn fast_attack(line: &[u8]) -> Option<(u64, u64)> {
    let mut i = 0;
    let skip = |i: &mut usize| {
        while *i < line.len() && (line[*i] == b' ' || line[*i] == b'\t') {
            *i += 1;
        }
    };
    let num = |i: &mut usize| -> Option<u64> {
        let from = *i;
        let mut v: u64 = 0;
        while *i < line.len() && line[*i].is_ascii_digit() {
            v = v.wrapping_mul(10).wrapping_add((line[*i] - b'0') as u64);
            *i += 1;
        }
        // At most 18 digits: no overflow; longer numbers take the slow path.
        (*i > from && *i - from <= 18).then_some(v)
    };
    skip(&mut i);
    let a = num(&mut i)?;
    let before = i;
    skip(&mut i);
    if i == before {
        return None;
    }
    let b = num(&mut i)?;
    skip(&mut i);
    (i == line.len()).then_some((a, b))
}

fn parse_header(start: usize, line: &str) -> Result<(u32, Span), Diagnostic> {
    let toks: Vec<(&str, Span)> = tokens(start, line).collect();
    let line_span = Span::new(
        toks[0].1.start as usize,
        toks[toks.len() - 1].1.end as usize,
    );
    if toks[0].0 != "p" {
        return Err(Diagnostic::error("E0601", "missing the header `p af N`")
            .at(line_span)
            .help("the first line that is not a `#` comment must be `p af N`, N the number of arguments, e.g. `p af 3`"));
    }
    let bad = |msg: String| {
        Diagnostic::error("E0602", msg)
            .at(line_span)
            .help("the header is `p af N`, N the number of arguments, e.g. `p af 3`")
    };
    if toks.len() != 3 || toks[1].0 != "af" {
        return Err(bad(format!(
            "malformed header `{}`: expected `p af N`",
            line.trim()
        )));
    }
    let (count, span) = toks[2];
    if !count.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(format!(
            "the argument count `{count}` is not a number: expected `p af N`"
        )));
    }
    match count.parse::<usize>() {
        Ok(n) if n <= MAX_ARGUMENTS => Ok((n as u32, line_span)),
        _ => Err(too_many_arguments(Some(span))),
    }
}

fn slow_attack(start: usize, line: &str, n: u32, header: Span) -> Result<(u32, u32), Diagnostic> {
    let toks: Vec<(&str, Span)> = tokens(start, line).collect();
    let line_span = Span::new(
        toks[0].1.start as usize,
        toks[toks.len() - 1].1.end as usize,
    );
    if toks[0].0 == "p" {
        return Err(Diagnostic::error("E0605", "a second header line")
            .at(line_span)
            .label(header, "the header is here")
            .help("an .af file has one `p af N` line, before the attacks"));
    }
    let is_num = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if toks.len() != 2 || !is_num(toks[0].0) || !is_num(toks[1].0) {
        let what = if line.trim().chars().count() > 40 {
            "this line".to_string()
        } else {
            format!("`{}`", line.trim())
        };
        return Err(Diagnostic::error(
            "E0603",
            format!("expected an attack `a b` (two argument numbers), found {what}"),
        )
        .at(line_span)
        .help(format!(
            "an attack line holds two numbers from 1 to {n} separated by a space, e.g. `1 2`; comment lines start with `#`"
        )));
    }
    let num = |(t, span): (&str, Span)| -> Result<u32, Diagnostic> {
        match t.parse::<u64>() {
            Ok(v) if v >= 1 && v <= n as u64 => Ok(v as u32 - 1),
            _ => Err(Diagnostic::error(
                "E0604",
                format!("argument {t} is out of range: the header declares {n} arguments"),
            )
            .at(span)
            .label(header, "declared here")
            .help(if n == 0 {
                "the header declares no arguments; raise N in `p af N`".to_string()
            } else {
                format!("arguments are numbered 1 to {n}; raise N in `p af N` if there are more")
            })),
        }
    };
    Ok((num(toks[0])?, num(toks[1])?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        read(&Source::new("t.af", text)).unwrap_err().codes()
    }

    #[test]
    fn reads_comments_blanks_and_crlf() {
        let src = Source::new("t.af", "# c\r\n\r\np af 3\r\n 1\t2 \r\n# x\n3 3\n1 2\n");
        let af = read(&src).unwrap();
        assert_eq!(af.len(), 3);
        assert_eq!(af.attack_pairs().collect::<Vec<_>>(), [(0, 1), (2, 2)]);
        assert_eq!(af.name(2), "3");
    }

    #[test]
    fn errors() {
        assert_eq!(codes("1 2\n"), ["E0601"]);
        assert_eq!(codes("# only\n"), ["E0601"]);
        assert_eq!(codes("p af x\n"), ["E0602"]);
        assert_eq!(codes("p tgf 3\n"), ["E0602"]);
        assert_eq!(codes("p af 999999999999\n"), ["E0602"]);
        assert_eq!(
            codes("p af 2\n1\n1 2 3\na b\n"),
            ["E0603", "E0603", "E0603"]
        );
        assert_eq!(
            codes("p af 2\n0 1\n1 3\n1 99999999999999999999999\n"),
            ["E0604", "E0604", "E0604"]
        );
        assert_eq!(codes("p af 2\np af 2\n"), ["E0605"]);
        let many = "p af 1\n".to_string() + &"x\n".repeat(500);
        let c = codes(&many);
        assert_eq!(c.len(), 101);
        assert_eq!(c[100], "E0610");
    }
}
