//! `argmap serve` in a real browser: headless Chromium (Debian's `chromium`,
//! driven through `chromedriver` with fantoccini) opens the page on the paper
//! map, a click switches an evidence node off, and the conclusion the page
//! shows must be the first line `argmap whatif` prints for the same removal.
//!
//! Without Chromium (or its driver) the test says so and passes, except under
//! `CI=true`, where `.ci/run` installs both and their absence is a failure.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};

use super::server::Server;

const PAPER: &str = "graphs/sino_russian_distrust.ron";

/// The first of `names` found on the PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// chromedriver on a free port, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver on a port it picks itself (`--port=0`), and that port, read
/// from the line it prints once it listens. (A port found free beforehand
/// could be taken by another test's server before chromedriver binds it:
/// the session would then be asked of that server until `PATIENCE` ran out.)
fn start_driver(driver: &std::path::Path) -> (Driver, u16) {
    let mut child = Command::new(driver)
        .arg("--port=0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let child = Driver(child);
    let mut seen = String::new();
    let port = loop {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("chromedriver stopped before it listened: {seen}");
        }
        if let Some(rest) = line.split("started successfully on port ").nth(1) {
            break rest
                .trim()
                .trim_end_matches('.')
                .parse::<u16>()
                .unwrap_or_else(|_| panic!("no port in {line:?}"));
        }
        seen.push_str(&line);
    };
    // The rest of its output is read and dropped: a closed pipe would stop it.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    (child, port)
}

/// Chromium and chromedriver, or `None` (with a notice) where a test may skip.
pub fn browser() -> Option<(PathBuf, PathBuf)> {
    let chromium = on_path(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = on_path(&["chromedriver"]);
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        (c, d) => {
            let missing = [("chromium", c.is_none()), ("chromedriver", d.is_none())]
                .iter()
                .filter(|(_, m)| *m)
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(" and ");
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true and {missing} is not installed: .ci/run installs chromium and chromium-driver"
            );
            eprintln!(
                "note: the browser test of argmap serve is skipped: {missing} not found (Debian: apt-get install chromium chromium-driver)"
            );
            None
        }
    }
}

/// Runs `f` with a WebDriver client on headless Chromium (a fresh profile,
/// no network services), then closes it.
pub fn with_browser<F, Fut>(f: F)
where
    F: FnOnce(fantoccini::Client) -> Fut,
    Fut: std::future::Future<Output = fantoccini::Client>,
{
    let Some((chromium, driver)) = browser() else {
        return;
    };
    let (_driver, port) = start_driver(&driver);
    let profile = tempfile::tempdir().unwrap();
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1400,900",
                format!("--user-data-dir={}", profile.path().display()),
            ],
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let url = format!("http://127.0.0.1:{port}");
        // chromedriver listens (it said so), but may take a moment to answer.
        let start = Instant::now();
        let client = loop {
            let mut b =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            b.capabilities(caps.clone());
            match b.connect(&url).await {
                Ok(c) => break c,
                Err(e) if start.elapsed() < crate::PATIENCE => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("cannot start a Chromium session: {e}"),
            }
        };
        let client = f(client).await;
        let _ = client.close().await;
    });
}

/// The text of `css` once `ok` accepts it (at most [`crate::PATIENCE`]; the
/// page's answer is asynchronous).
pub async fn wait_text(c: &fantoccini::Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let ok = &ok;
    eventually(
        || format!("{css} never showed the expected text"),
        || async move {
            let t = c.find(Locator::Css(css)).await.ok()?.text().await.ok()?;
            ok(&t).then_some(t)
        },
    )
    .await
}

/// The first `Some` that `attempt` gives, trying every 100 ms for at most
/// [`crate::PATIENCE`] (the page's answers are asynchronous); fails with
/// `failure()` after that.
pub async fn eventually<T, F, Fut>(failure: impl Fn() -> String, mut attempt: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(t) = attempt().await {
            return t;
        }
        assert!(start.elapsed() < crate::PATIENCE, "{}", failure());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn serve_page_switches_evidence_off_by_clicking_and_shows_what_whatif_prints() {
    let id = "e_visions_prevent";
    let o = crate::argmap(&["whatif", PAPER, "--remove", id]);
    assert!(o.status.success());
    let expected = crate::stdout(&o).lines().next().unwrap().to_string();
    let before = crate::stdout(&crate::argmap(&["eval", PAPER]));
    let s = Server::start(&[PAPER], &[]);
    let url = s.url.clone();
    with_browser(|c| async move {
        c.goto(&url).await.unwrap();
        let start = Instant::now();
        loop {
            let body = c.find(Locator::Css("body")).await.unwrap();
            if let Some(ms) = body.attr("data-load-ms").await.unwrap() {
                // A figure for docs/performance.md, not a test of speed.
                eprintln!("the page was ready {ms} ms after the navigation started");
                break;
            }
            assert!(
                start.elapsed() < crate::PATIENCE,
                "the page never got ready"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The unchanged map first: the conclusion at its strength.
        let shown = wait_text(&c, "#conclusion", |t| t.starts_with("h_cordiality:")).await;
        let strength = before.split_whitespace().nth(2).unwrap();
        assert!(
            shown.starts_with(&format!("h_cordiality: {strength} -> {strength}")),
            "{shown}"
        );
        // Click the evidence node in the map, then its switch.
        c.find(Locator::Css(&format!("#map g.node[data-id=\"{id}\"]")))
            .await
            .expect("the node is drawn with its data-id")
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css("#in-map"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let shown = wait_text(&c, "#conclusion", |t| !t.contains("(+0.0000)")).await;
        assert_eq!(shown, expected);
        // The node is drawn as removed, and the URL carries the what-if.
        let class = c
            .find(Locator::Css(&format!("#map g.node[data-id=\"{id}\"]")))
            .await
            .unwrap()
            .attr("class")
            .await
            .unwrap()
            .unwrap_or_default();
        assert!(class.contains("removed"), "{class}");
        let here = c.current_url().await.unwrap();
        assert!(here.as_str().contains(&format!("remove={id}")), "{here}");
        c
    });
}

#[test]
fn serve_page_classroom_mode_and_a_saved_file_keep_the_what_if() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("nixon.ron");
    let good = std::fs::read_to_string(crate::root().join("graphs/nixon_diamond.ron")).unwrap();
    std::fs::write(&map, &good).unwrap();
    let path = map.to_str().unwrap().to_string();
    let s = Server::start(&[&path], &[]);
    let url = format!("{}#remove=e_navy_service&classroom=1", s.url);
    with_browser(|c| async move {
        c.goto(&url).await.unwrap();
        c.wait()
            .for_element(Locator::Css("body[data-ready]"))
            .await
            .unwrap();
        // Classroom: large type, no ids, and the first step shows the evidence
        // only: the conclusion is not drawn yet.
        let conclusion = "#map g.node[data-id=\"h_pacifist\"]";
        let class = |css: &'static str| {
            let c = c.clone();
            async move {
                let e = c.find(Locator::Css(css)).await.unwrap();
                e.attr("class").await.unwrap().unwrap_or_default()
            }
        };
        assert!(class("body").await.contains("classroom"));
        assert!(class(conclusion).await.contains("hidden"));
        let id_line = c
            .find(Locator::Css("#map g.node[data-id=\"c_quaker\"] text.id"))
            .await
            .expect("the id line is marked");
        assert!(
            !id_line.is_displayed().await.unwrap(),
            "ids are hidden in classroom mode"
        );
        c.find(Locator::Css("#reveal-all"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        assert!(!class(conclusion).await.contains("hidden"));
        // Every edge shown, and still no number: the weights are hidden, and so
        // is the line Graphviz draws from each weight to its edge (`decorate`).
        let weights = c
            .find_all(Locator::Css(
                "#map g.edge text, #map g.edge text + polyline",
            ))
            .await
            .unwrap();
        assert!(!weights.is_empty(), "the map has weight labels");
        for w in weights {
            assert!(
                !w.is_displayed().await.unwrap(),
                "a weight shows in classroom mode"
            );
        }
        c.find(Locator::Css("#classroom"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        assert!(!class("body").await.contains("classroom"));
        // The file is saved with another base: the page follows, keeping the
        // what-if (e_navy_service still off).
        let changed = good.replacen(
            "base: 0.9, group: \"quaker\"",
            "base: 0.6, group: \"quaker\"",
            1,
        );
        assert_ne!(changed, good);
        crate::save(&map, &changed);
        let o = crate::argmap(&["whatif", &path, "--remove", "e_navy_service"]);
        let expected = crate::stdout(&o).lines().next().unwrap().to_string();
        let shown = wait_text(&c, "#conclusion", |t| t == expected).await;
        assert_eq!(shown, expected);
        // Broken: the page shows the diagnostics instead of the map.
        crate::save(
            &map,
            &good.replace("to: \"h_pacifist\"", "to: \"h_pacifst\""),
        );
        let diag = wait_text(&c, "#diagnostics", |t| t.contains("does not check")).await;
        assert!(diag.contains("h_pacifst"), "{diag}");
        c
    });
}

/// The classes of the pieces of edge `edge` drawn on the page (its lines,
/// junction and label), each with the premise the page found its line starts
/// from (`data-premise`), once `ok` accepts them (at most [`crate::PATIENCE`]).
async fn edge_pieces(
    c: &fantoccini::Client,
    edge: &str,
    ok: impl Fn(&[(String, String)]) -> bool,
) -> Vec<(String, String)> {
    let ok = &ok;
    // The last pieces seen, for the failure message.
    let last = &std::cell::RefCell::new(vec![]);
    eventually(
        || format!("edge {edge} never drawn as expected: {:?}", last.borrow()),
        || async move {
            let mut pieces = vec![];
            for g in c
                .find_all(Locator::Css(&format!("#map g[data-edge=\"{edge}\"]")))
                .await
                .ok()?
            {
                let class = g.attr("class").await.ok()?.unwrap_or_default();
                let premise = g.attr("data-premise").await.ok()?.unwrap_or_default();
                pieces.push((class, premise));
            }
            last.replace(pieces.clone());
            ok(&pieces).then_some(pieces)
        },
    )
    .await
}

/// A linked edge stands while one of its premises is left (docs/semantics.md):
/// with one premise of `s_witness` (bike_theft.ron: e_lee_window and
/// e_lee_says, linked, into h_sam) switched off, the page greys that premise's
/// own line into the junction and nothing else of the edge; with both off, the
/// whole edge (lines, junction, label) and `u_feud`, which undercuts it. In
/// both drawings: the embedded layout and Graphviz.
#[test]
fn serve_page_greys_the_line_of_a_removed_co_premise() {
    let have_dot = crate::drawing::have_graphviz(
        "serve_page_greys_the_line_of_a_removed_co_premise (Graphviz part)",
    );
    let engines: &[&str] = if have_dot {
        &["embedded", "graphviz"]
    } else {
        &["embedded"]
    };
    let servers: Vec<Server> = engines
        .iter()
        .map(|e| Server::start(&["graphs/bike_theft.ron"], &["--engine", e]))
        .collect();
    let urls: Vec<String> = servers.iter().map(|s| s.url.clone()).collect();
    with_browser(|c| async move {
        let removed = |class: &str| class.split_whitespace().any(|w| w == "removed");
        let is_line = |class: &str| class == "edge" || class.starts_with("edge ");
        for url in &urls {
            c.goto("about:blank").await.unwrap();
            c.goto(&format!("{url}#remove=e_lee_says")).await.unwrap();
            // Three lines (one per premise into the junction, and the arrow
            // on to h_sam), the junction and the weight's label: only the
            // line from e_lee_says greyed, each line with the premise the
            // page found it starts from. Waited for as a whole: the page
            // draws, then paints, and it is the painted state that is checked
            // (the test waited for any piece greyed, then checked the rest).
            edge_pieces(&c, "s_witness", |p| {
                let lines: Vec<&(String, String)> =
                    p.iter().filter(|(class, _)| is_line(class)).collect();
                let greyed: Vec<&str> = p
                    .iter()
                    .filter(|(class, _)| removed(class))
                    .map(|(_, premise)| premise.as_str())
                    .collect();
                let mut premises: Vec<&str> = lines.iter().map(|(_, p)| p.as_str()).collect();
                premises.sort_unstable();
                lines.len() == 3
                    && greyed == ["e_lee_says"]
                    && premises == ["", "e_lee_says", "e_lee_window"]
            })
            .await;
            // Both premises off: the edge goes, and the undercut of it.
            c.goto("about:blank").await.unwrap();
            c.goto(&format!("{url}#remove=e_lee_says,e_lee_window"))
                .await
                .unwrap();
            edge_pieces(&c, "s_witness", |p| {
                p.len() >= 4 && p.iter().all(|(class, _)| removed(class))
            })
            .await;
            edge_pieces(&c, "u_feud", |p| {
                !p.is_empty() && p.iter().all(|(class, _)| removed(class))
            })
            .await;
        }
        c
    });
    drop(servers);
}

/// Classroom mode, *evidence up to the conclusion*, on the paper map: a claim
/// appears once everything under it is shown, with its edges, their junctions
/// and what undercuts them. Step 1 shows the evidence `e_vietnam_arms` but
/// neither the claim its linked edge `s_sea_arms` supports
/// (`c_southeast_asia`) nor that edge's junction (which was drawn); step 2
/// shows `c_no_alliance_policy` (it rests on evidence alone) but not yet
/// `c_distrust_now`, which rests on three pieces of evidence and on
/// `c_no_alliance_policy`.
#[test]
fn serve_page_classroom_steps_show_a_claim_with_all_its_reasons() {
    let s = Server::start(&[PAPER], &[]);
    let url = s.url.clone();
    with_browser(|c| async move {
        let node = |id: &str| format!("#map g.node[data-id=\"{id}\"]");
        let steps = [
            (
                0,
                vec![node("e_vietnam_arms")],
                vec![
                    node("c_southeast_asia"),
                    "#map g.junction[data-edge=\"s_sea_arms\"]".to_string(),
                ],
            ),
            (
                1,
                vec![node("c_no_alliance_policy")],
                vec![node("c_distrust_now")],
            ),
        ];
        for (step, shown, not_yet) in steps {
            c.goto("about:blank").await.unwrap();
            c.goto(&format!("{url}#classroom=1&step={step}"))
                .await
                .unwrap();
            wait_text(&c, "#reveal-step", |t| {
                t.starts_with(&format!("step {} of", step + 1))
            })
            .await;
            for (css, hidden) in shown
                .iter()
                .map(|s| (s, false))
                .chain(not_yet.iter().map(|s| (s, true)))
            {
                let e = c.find(Locator::Css(css)).await.unwrap();
                let class = e.attr("class").await.unwrap().unwrap_or_default();
                assert_eq!(
                    class.split_whitespace().any(|w| w == "hidden"),
                    hidden,
                    "step {}: {css} is {class:?}",
                    step + 1
                );
            }
        }
        c
    });
}

/// Wraps the page's `fetch` so that every drawing it gets from now on has,
/// before each node, a stub of it (`data-stub="true"`, the same `data-id`,
/// docs/diagrams.md) drawn 5000 units to the right: the SVG of a map whose
/// stubs come first. Returns the number of drawings so patched in
/// `window.stubbedDrawings`.
const STUBS_FIRST: &str = r#"
const real = window.fetch.bind(window);
window.stubbedDrawings = 0;
window.fetch = async (url, init) => {
  const res = await real(url, init);
  if (!String(url).startsWith("/api/svg")) return res;
  const doc = new DOMParser().parseFromString(await res.text(), "image/svg+xml");
  for (const g of [...doc.querySelectorAll("g.node[data-id]")]) {
    const stub = g.cloneNode(true);
    stub.setAttribute("data-stub", "true");
    stub.setAttribute("transform", "translate(5000 0)");
    g.before(stub);
  }
  window.stubbedDrawings += 1;
  return new Response(new XMLSerializer().serializeToString(doc), { status: res.status, headers: res.headers });
};
"#;

/// The page finds a node by its `data-id` among the nodes that are not stubs,
/// not by its place in the SVG (docs/diagrams.md: a stub is a copy of a node
/// drawn in another group, with its `data-id`): on a drawing where each node's
/// stub comes first (far from the node), a removed co-premise's own line is
/// still found and greyed, and a click on the node selects it. The page
/// took the first `g.node[data-id]` (the stub here): the lines ended on no box
/// it looked at, and nothing was greyed.
#[test]
fn serve_page_finds_a_node_before_which_its_stub_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("bike.ron");
    let good = std::fs::read_to_string(crate::root().join("graphs/bike_theft.ron")).unwrap();
    std::fs::write(&map, &good).unwrap();
    let s = Server::start(&[map.to_str().unwrap()], &["--engine", "embedded"]);
    let url = format!("{}#remove=e_lee_says", s.url);
    with_browser(|c| async move {
        c.goto(&url).await.unwrap();
        c.wait()
            .for_element(Locator::Css("body[data-ready]"))
            .await
            .unwrap();
        c.execute(STUBS_FIRST, vec![]).await.unwrap();
        // Saved again (a comment more): the page follows the file and draws
        // the map anew, through the wrapped fetch, keeping the what-if.
        crate::save(&map, &format!("{good}// saved again\n"));
        eventually(
            || "the page never drew the map with stubs first".to_string(),
            || async {
                let n = c
                    .execute("return window.stubbedDrawings", vec![])
                    .await
                    .ok()?;
                let first = c
                    .find(Locator::Css("#map g.node[data-id=\"e_lee_says\"]"))
                    .await
                    .ok()?;
                let first_is_stub = first.attr("data-stub").await.ok()?.is_some();
                (n.as_u64() == Some(1) && first_is_stub).then_some(())
            },
        )
        .await;
        let removed = |class: &str| class.split_whitespace().any(|w| w == "removed");
        edge_pieces(&c, "s_witness", |p| {
            let greyed: Vec<&str> = p
                .iter()
                .filter(|(class, _)| removed(class))
                .map(|(_, premise)| premise.as_str())
                .collect();
            greyed == ["e_lee_says"]
        })
        .await;
        // A click on the node itself selects it (outlined, and its panel shows).
        c.find(Locator::Css(
            "#map g.node[data-id=\"e_lee_window\"]:not([data-stub])",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        let shown = wait_text(&c, "#node", |t| t.contains("e_lee_window")).await;
        assert!(shown.contains("kitchen window"), "{shown}");
        c
    });
}
