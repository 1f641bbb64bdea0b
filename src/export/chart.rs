//! Charts of a [`Sensitivity`] analysis as one SVG: the tornado (each
//! parameter's swing of the topic) above the histogram of the Monte Carlo draws.
//! Drawn directly, with no external program.

use std::fmt::Write;

use super::text::xml;
use crate::analysis::sensitivity::Sensitivity;

const FONT: &str = "Helvetica, Arial, sans-serif";
const WIDTH: f64 = 760.0;
const LEFT: f64 = 250.0;
const RIGHT: f64 = 30.0;
const ROW: f64 = 18.0;
/// Colour of the part of a bar where the parameter is at its low end.
const LOW: &str = "#4477aa";
/// Colour of the part of a bar where the parameter is at its high end.
const HIGH: &str = "#ee7733";
/// Histogram bars on the verdict's side of the threshold, and across it.
const KEPT: &str = "#55a868";
const FLIPPED: &str = "#bbbbbb";
const INK: &str = "#222222";
const FAINT: &str = "#888888";

/// The SVG: `title` on top; the `top` largest tornado bars, each labelled with
/// `label(bar index)`; the histogram of the Monte Carlo draws, if any. The x axis
/// of both is the topic's strength, from the lowest to the highest value shown
/// (padded, and always including the threshold and the strength).
pub fn sensitivity_svg(
    s: &Sensitivity,
    title: &str,
    top: usize,
    label: &dyn Fn(usize) -> String,
) -> String {
    let bars = &s.tornado[..s.tornado.len().min(top)];
    let mc = s.monte_carlo.as_ref();
    // The x range: every value drawn, the strength and the threshold.
    let mut lo = s.strength.min(s.threshold);
    let mut hi = s.strength.max(s.threshold);
    for b in bars {
        lo = lo.min(b.low).min(b.high);
        hi = hi.max(b.low).max(b.high);
    }
    if let Some(m) = mc {
        for &v in &m.values {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    let pad = ((hi - lo) * 0.08).max(0.005);
    let (lo, hi) = ((lo - pad).max(0.0), (hi + pad).min(1.0));
    let span = (hi - lo).max(1e-9);
    let plot = WIDTH - LEFT - RIGHT;
    let x = |v: f64| LEFT + (v - lo) / span * plot;

    let tornado_top = 56.0;
    let tornado_h = (bars.len().max(1) as f64) * ROW;
    let hist_top = tornado_top + tornado_h + 84.0;
    let hist_h = if mc.is_some() { 160.0 } else { 0.0 };
    let height = hist_top + hist_h + if mc.is_some() { 60.0 } else { 0.0 };

    let mut o = String::new();
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" font-family=\"{FONT}\" font-size=\"11\">"
    );
    let _ = writeln!(o, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"20\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
        WIDTH / 2.0,
        xml(title)
    );
    let _ = writeln!(
        o,
        "<text x=\"{LEFT}\" y=\"{}\" fill=\"{INK}\">Tornado: the topic with each parameter at the <tspan fill=\"{LOW}\">low</tspan> and the <tspan fill=\"{HIGH}\">high</tspan> end of its interval</text>",
        tornado_top - 12.0
    );
    for (i, b) in bars.iter().enumerate() {
        let y = tornado_top + i as f64 * ROW;
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
            LEFT - 6.0,
            y + ROW * 0.7,
            xml(&label(i))
        );
        for (end, colour) in [(b.low, LOW), (b.high, HIGH)] {
            let (a, z) = (x(s.strength.min(end)), x(s.strength.max(end)));
            let _ = writeln!(
                o,
                "<rect x=\"{a:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{colour}\"/>",
                y + 2.0,
                (z - a).max(0.5),
                ROW - 4.0
            );
        }
    }
    axis(&mut o, lo, hi, &x, tornado_top + tornado_h + 4.0);
    marker(
        &mut o,
        x(s.strength),
        tornado_top - 4.0,
        tornado_top + tornado_h + 4.0,
        INK,
        "",
    );
    marker(
        &mut o,
        x(s.threshold),
        tornado_top - 4.0,
        tornado_top + tornado_h + 4.0,
        FAINT,
        "4 3",
    );

    if let Some(m) = mc {
        let _ = writeln!(
            o,
            "<text x=\"{LEFT}\" y=\"{}\" fill=\"{INK}\">Monte Carlo: {} draws (seed {}), every parameter at once: <tspan fill=\"{KEPT}\">{:.1}% keep the verdict</tspan></text><text x=\"{LEFT}\" y=\"{}\" fill=\"{INK}\">5th, 50th and 95th percentiles {:.4}, {:.4}, {:.4}</text>",
            hist_top - 26.0,
            m.samples,
            m.seed,
            m.held * 100.0,
            hist_top - 12.0,
            m.p05,
            m.p50,
            m.p95
        );
        const BINS: usize = 40;
        let mut count = [0usize; BINS];
        for &v in &m.values {
            let k = (((v - lo) / span) * BINS as f64).floor();
            count[(k.max(0.0) as usize).min(BINS - 1)] += 1;
        }
        let most = count.iter().copied().max().unwrap_or(1).max(1) as f64;
        let w = plot / BINS as f64;
        for (k, &c) in count.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let h = c as f64 / most * hist_h;
            let inside = (lo + (k as f64 + 0.5) * span / BINS as f64 > s.threshold)
                == (s.strength > s.threshold);
            let _ = writeln!(
                o,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{h:.2}\" fill=\"{}\"/>",
                LEFT + k as f64 * w + 0.5,
                hist_top + hist_h - h,
                (w - 1.0).max(0.5),
                if inside { KEPT } else { FLIPPED }
            );
        }
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{FAINT}\">{}</text>",
            LEFT - 6.0,
            hist_top + 10.0,
            most as usize
        );
        axis(&mut o, lo, hi, &x, hist_top + hist_h + 4.0);
        marker(
            &mut o,
            x(s.strength),
            hist_top - 4.0,
            hist_top + hist_h + 4.0,
            INK,
            "",
        );
        marker(
            &mut o,
            x(s.threshold),
            hist_top - 4.0,
            hist_top + hist_h + 4.0,
            FAINT,
            "4 3",
        );
        let _ = writeln!(
            o,
            "<text x=\"20\" y=\"{}\" fill=\"{FAINT}\">solid line: the topic's strength ({:.4}); dashed: the threshold ({}); green bars keep the verdict, grey ones cross the threshold</text>",
            hist_top + hist_h + 40.0,
            s.strength,
            s.threshold
        );
    }
    o.push_str("</svg>\n");
    o
}

/// A horizontal axis at `y` with about six labelled ticks.
fn axis(o: &mut String, lo: f64, hi: f64, x: &dyn Fn(f64) -> f64, y: f64) {
    let _ = writeln!(
        o,
        "<line x1=\"{:.2}\" y1=\"{y}\" x2=\"{:.2}\" y2=\"{y}\" stroke=\"{INK}\"/>",
        x(lo),
        x(hi)
    );
    let raw = (hi - lo) / 6.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|&s| s >= raw)
        .unwrap_or(raw);
    let mut t = (lo / step).ceil() * step;
    while t <= hi + 1e-12 {
        let decimals = (-step.log10().floor()).max(0.0) as usize;
        let _ = writeln!(
            o,
            "<line x1=\"{0:.2}\" y1=\"{y}\" x2=\"{0:.2}\" y2=\"{1}\" stroke=\"{INK}\"/><text x=\"{0:.2}\" y=\"{2}\" text-anchor=\"middle\" fill=\"{INK}\">{3:.4$}</text>",
            x(t),
            y + 4.0,
            y + 16.0,
            t,
            decimals
        );
        t += step;
    }
}

/// A vertical line at `x` from `y0` to `y1`.
fn marker(o: &mut String, x: f64, y0: f64, y1: f64, colour: &str, dash: &str) {
    let dash = if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    };
    let _ = writeln!(
        o,
        "<line x1=\"{x:.2}\" y1=\"{y0}\" x2=\"{x:.2}\" y2=\"{y1}\" stroke=\"{colour}\" stroke-width=\"1.5\"{dash}/>"
    );
}
