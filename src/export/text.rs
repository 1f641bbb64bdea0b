//! Text and colour helpers shared by the DOT and SVG writers: cleaning, wrapping,
//! escaping, number formatting, the colour ramp.

/// Removes what no diagram can show: control characters (a tab or a line break
/// becomes a space, except that `keep_newlines` keeps `\n`) and the two
/// non-characters XML forbids.
pub(crate) fn clean(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\n' | '\t' | '\r' => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Columns a character takes in a monospace terminal: 2 for wide East Asian
/// characters, 0 for combining marks, else 1. Only used to decide where to wrap.
pub(crate) fn columns(c: char) -> usize {
    let u = c as u32;
    if (0x300..0x370).contains(&u) || (0x200B..0x2010).contains(&u) {
        0
    } else if is_wide(u) {
        2
    } else {
        1
    }
}

fn is_wide(u: u32) -> bool {
    matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// Columns a string takes (see [`columns`]).
pub(crate) fn width(s: &str) -> usize {
    s.chars().map(columns).sum()
}

/// Wraps `text` into lines of at most `max` columns: breaks at spaces, between
/// wide (CJK) characters, and inside a word only when the word alone is too
/// long. `\n` starts a new line. Returns at least one line.
pub(crate) fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(8);
    let mut lines = Vec::new();
    for para in clean(text, true).split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for word in para.split_whitespace() {
            for (k, piece) in pieces(word).into_iter().enumerate() {
                let pw = width(piece);
                // Pieces of one word join without a space.
                let sep = usize::from(k == 0 && !line.is_empty());
                if !line.is_empty() && w + sep + pw > max {
                    lines.push(std::mem::take(&mut line));
                    w = 0;
                } else if sep == 1 {
                    line.push(' ');
                    w += 1;
                }
                if pw <= max {
                    line.push_str(piece);
                    w += pw;
                    continue;
                }
                for c in piece.chars() {
                    let cw = columns(c);
                    if !line.is_empty() && w + cw > max {
                        lines.push(std::mem::take(&mut line));
                        w = 0;
                    }
                    line.push(c);
                    w += cw;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Splits a word so that every wide character stands alone (a line may break
/// between two of them) while runs of narrow characters stay together.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if columns(c) == 2 {
            if start < i {
                out.push(&word[start..i]);
            }
            let end = i + c.len_utf8();
            out.push(&word[i..end]);
            start = end;
        }
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// Shortens `s` to at most `max` columns, ending with `…` when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    let s = clean(s, false);
    if width(&s) <= max {
        return s;
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = columns(c);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Escapes text for XML character data and attribute values (SVG, and
/// Graphviz HTML-like labels): `&`, `<`, `>`, `"`, `'`.
pub(crate) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a Graphviz HTML-like label: as [`xml`], and backslashes
/// doubled, because Graphviz expands `\N`, `\G` (node and graph name) even in
/// HTML-like labels, and reads `\\` as one backslash.
pub(crate) fn html_label(s: &str) -> String {
    xml(s).replace('\\', "\\\\")
}

/// A DOT double-quoted string: `"` and `\` are escaped (so Graphviz's `\N`, `\G`,
/// `\l` escapes cannot be triggered by text), a line break becomes `\n`, other
/// control characters are dropped.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in clean(s, true).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The strength whose side a drawn score keeps: the verdict threshold (the
/// default of `argmap flip --threshold`).
pub(crate) const THRESHOLD: f64 = 0.5;

/// `x` with `decimals` decimals, never `-0.000`.
fn fixed(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x + 0.0);
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => s,
    }
}

/// A strength or base score as drawn: three decimals, or as many more as it
/// takes to stay on its side of [`THRESHOLD`] (below, at or above it), so
/// that 0.4996 shows as `0.4996`, never as `0.500`.
pub(crate) fn score(x: f64) -> String {
    if x.is_nan() {
        return "?".into();
    }
    let side = |v: f64| v.partial_cmp(&THRESHOLD);
    for decimals in 3..=12 {
        let s = fixed(x, decimals);
        if s.parse::<f64>().ok().and_then(side) == side(x) {
            return s;
        }
    }
    // Closer than 1e-12 to the threshold: round away from it.
    let scaled = x * 1e12;
    let away = if x < THRESHOLD {
        scaled.floor()
    } else {
        scaled.ceil()
    };
    fixed(away / 1e12, 12)
}

/// A tick of the colour ramp in the legend: two decimals.
pub(crate) fn tick(x: f64) -> String {
    fixed(x, 2)
}

/// A signed change with three decimals, e.g. `+0.120` or `−0.300` (with a real
/// minus sign).
pub(crate) fn delta(d: f64) -> String {
    let s = fixed(d.abs(), 3);
    if d < 0.0 && s != "0.000" {
        format!("\u{2212}{s}")
    } else {
        format!("+{s}")
    }
}

/// An edge weight as written on the edge, no trailing zeros: exactly, when two
/// decimals say it (`0.8`, `0.35`); else three decimals (`0.125`, `0.333`), or
/// as many more as it takes not to show 0 or 1 for a weight that is neither:
/// an unlabelled edge has weight 1, so a label `1` would contradict itself
/// (0.9996 shows as `0.9996`, 0.0004 as `0.0004`).
pub(crate) fn weight(w: f64) -> String {
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    let near = |a: f64, b: f64| (a - b).abs() <= 1e-9;
    let two = trim(fixed(w, 2));
    if two.parse::<f64>().is_ok_and(|v| near(v, w)) || !w.is_finite() {
        return two;
    }
    let mut s = two;
    for decimals in 3..=12 {
        s = trim(fixed(w, decimals));
        let v = s.parse::<f64>().unwrap_or(w);
        if near(v, 0.0) == near(w, 0.0) && near(v, 1.0) == near(w, 1.0) {
            break;
        }
    }
    s
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub(crate) fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// Black or white, whichever contrasts more with this colour as background.
    pub(crate) fn text_on(self) -> Rgb {
        let l = self.luminance();
        let on_black = (l + 0.05) / 0.05;
        let on_white = 1.05 / (l + 0.05);
        if on_black >= on_white { BLACK } else { WHITE }
    }
}

/// Black.
pub(crate) const BLACK: Rgb = Rgb(0, 0, 0);
/// White.
pub(crate) const WHITE: Rgb = Rgb(255, 255, 255);

/// The cividis ramp (Nuñez, Anderton and Renslow, PLoS ONE 13(7), 2018), as
/// matplotlib tabulates it (`_cividis_data`), sampled at entries 0, 32, ...,
/// 224, 255, i.e. at 0, 1/8, ..., 1. Dark blue, grey, yellow: it reads the same
/// to colour-blind readers, its lightness rises steadily (relative luminance
/// 0.017 to 0.79, so it survives greyscale print), and it has neither the green
/// nor the red of the edges.
const CIVIDIS: [Rgb; 9] = [
    Rgb(0x00, 0x22, 0x4E),
    Rgb(0x1A, 0x38, 0x6F),
    Rgb(0x43, 0x4E, 0x6C),
    Rgb(0x61, 0x65, 0x6F),
    Rgb(0x7D, 0x7C, 0x78),
    Rgb(0x9B, 0x94, 0x76),
    Rgb(0xBC, 0xAE, 0x6C),
    Rgb(0xDE, 0xC9, 0x58),
    Rgb(0xFE, 0xE8, 0x38),
];

/// The colour of strength `x` in `[0, 1]` on the cividis ramp (clamped; NaN is
/// 0), interpolated linearly between the nine samples.
pub(crate) fn ramp(x: f64) -> Rgb {
    let x = if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
    let pos = x * 8.0;
    let i = (pos.floor() as usize).min(7);
    let t = pos - i as f64;
    let (a, b) = (CIVIDIS[i], CIVIDIS[i + 1]);
    let mix = |p: u8, q: u8| (f64::from(p) + (f64::from(q) - f64::from(p)) * t).round() as u8;
    Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_every_word() {
        let text = "Systemic pressure from the United States pushes China and Russia together.";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn wrap_splits_an_overlong_word_and_cjk_text() {
        assert_eq!(
            wrap("abcdefghijklmnopqrst", 8),
            ["abcdefgh", "ijklmnop", "qrst"]
        );
        // Ten wide characters are 20 columns: two lines of five at width 10.
        assert_eq!(
            wrap("中俄关系长期友好合作", 10),
            ["中俄关系长", "期友好合作"]
        );
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
    }

    #[test]
    fn escaping() {
        assert_eq!(xml(r#"<b a="1">&'"#), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
        assert_eq!(quoted("a\"b\\c\nd\u{7}"), r#""a\"b\\c\nd""#);
        assert_eq!(clean("a\tb\u{0}c\u{FFFF}", false), "a bc");
        assert_eq!(html_label(r"<\N>"), r"&lt;\\N&gt;");
    }

    #[test]
    fn numbers() {
        assert_eq!(score(-0.0), "0.000");
        assert_eq!(score(-0.0001), "0.000");
        assert_eq!(score(0.7355), "0.736");
        assert_eq!(delta(-0.3), "\u{2212}0.300");
        assert_eq!(delta(-0.0001), "+0.000");
        assert_eq!(tick(0.25), "0.25");
        assert_eq!(weight(0.8), "0.8");
        assert_eq!(weight(0.25), "0.25");
        assert_eq!(weight(2.0), "2");
    }

    /// Issue 23, honest labels: a weight is labelled because it is not 1 (the
    /// default), so its label never reads `1`, nor `0` for a weight above 0.
    #[test]
    fn weights_keep_their_digits() {
        assert_eq!(weight(0.125), "0.125"); // was 0.13 (two decimals)
        assert_eq!(weight(1.0 / 3.0), "0.333");
        assert_eq!(weight(0.9996), "0.9996"); // was 1
        assert_eq!(weight(1.0004), "1.0004"); // was 1
        assert_eq!(weight(0.0004), "0.0004"); // was 0
        assert_eq!(weight(0.0), "0");
        assert_eq!(weight(1.5), "1.5");
    }

    /// Issue 23: a conclusion of 0.4973 showed as `0.50`, hiding the verdict.
    #[test]
    fn scores_keep_their_side_of_the_threshold() {
        assert_eq!(score(0.4973), "0.497");
        // Three decimals would round these onto (or across) the threshold.
        assert_eq!(score(0.4996), "0.4996");
        assert_eq!(score(0.49999), "0.49999");
        assert_eq!(score(0.5004), "0.5004");
        assert_eq!(score(0.5), "0.500");
        assert_eq!(score(0.5 - 1e-14), "0.499999999999");
        assert_eq!(score(0.5 + 1e-14), "0.500000000001");
        // Far from the threshold, three decimals.
        assert_eq!(score(0.12345), "0.123");
        assert_eq!(score(1.0), "1.000");
    }

    #[test]
    fn ramp_ends_and_middle_match_matplotlibs_cividis_table() {
        // Entries 0, 128 and 255 of `_cividis_data`, times 255, rounded:
        // (0, 0.135112, 0.304751), (0.488697, 0.485318, 0.471008), (0.995737, 0.909344, 0.217772).
        assert_eq!(ramp(0.0).hex(), "#00224E");
        assert_eq!(ramp(0.5).hex(), "#7D7C78");
        assert_eq!(ramp(1.0).hex(), "#FEE838");
        assert_eq!(ramp(f64::NAN), ramp(0.0));
        assert_eq!(ramp(7.0), ramp(1.0));
        // Halfway between samples 0 and 1: the rounded mean of each channel,
        // (0x00+0x1A)/2 = 13, (0x22+0x38)/2 = 45, (0x4E+0x6F)/2 = 94.5 -> 95.
        assert_eq!(ramp(1.0 / 16.0), Rgb(0x0D, 0x2D, 0x5F));
    }

    #[test]
    fn text_colour_contrasts_with_the_fill() {
        assert_eq!(ramp(0.0).text_on(), WHITE);
        assert_eq!(ramp(1.0).text_on(), BLACK);
        assert_eq!(Rgb(0xF4, 0xF4, 0xF4).text_on(), BLACK);
    }
}
