//! `argmap serve FILE...`: a local web explorer of argument maps. An HTTP
//! server (axum on tokio) serves one page (HTML, JS and CSS embedded in the
//! binary: no network, no build step) and the JSON API it uses
//! (`docs/serve.md`). The answers are computed by [`api`], with the functions
//! the commands print with; the files are watched and reloaded on change.
//!
//! Safe by default: it listens on 127.0.0.1 (another `--host` gets a warning),
//! answers only requests whose `Host` is that address (a page of another site
//! cannot reach it through DNS rebinding), takes JSON bodies only (a form of
//! another site cannot post to it), bounds bodies and computing time, and reads
//! no path a request names: files are chosen by their index among the served
//! ones, and "save as" writes a plain file name next to the served file.

mod api;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use argmap::ArgGraph;

use super::render::Engine;
use super::{EXIT_FAILURE, Reported};

/// Serve an interactive explorer of argument maps in the browser.
#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// The argument files to serve (`.ron`); with several, the page has a
    /// picker and the API takes `?file=N` (0-based, in this order).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The port to listen on (0: any free port; the URL is printed).
    #[arg(long, default_value_t = 8080, value_parser = super::eval::whole::<u16>)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address lets other
    /// machines read the maps and save files next to them (a warning says so).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Seconds one request may compute; past it the answer is 503, naming the
    /// limit, and the server goes on.
    #[arg(long, value_name = "SECS", default_value_t = 10.0, value_parser = super::eval::seconds)]
    pub time_budget: f64,
    /// Who lays the map out: `auto` uses Graphviz when `dot` is on the PATH,
    /// else the embedded layout.
    #[arg(long, value_enum, default_value_t = Engine::Auto)]
    pub engine: Engine,
}

/// The largest request body: a what-if names ids and numbers, far below this.
const MAX_BODY: usize = 64 * 1024;
/// Computations running at once; more wait for a turn (each on a thread of
/// its own, so the server answers meanwhile).
const MAX_RUNNING: usize = 4;

/// The page: one HTML file, its script and its style sheet.
const PAGE_HTML: &str = include_str!("page.html");
const PAGE_JS: &str = include_str!("page.js");
const PAGE_CSS: &str = include_str!("page.css");

/// A served file and what it holds now.
struct Served {
    path: PathBuf,
    /// As given on the command line.
    name: String,
    slot: RwLock<Slot>,
}

/// A file's latest load: its text (to tell real changes) and the map, or the
/// diagnostics (a JSON array, as `check --format json` prints) when it does not
/// check.
struct Slot {
    version: u64,
    text: Option<String>,
    map: Result<Arc<Map>, String>,
}

/// A map that checked.
struct Map {
    g: ArgGraph,
    /// Its warnings, a JSON array as `check --format json` prints.
    warnings: String,
    /// The drawing, made on first request.
    svg: Mutex<Option<Result<Arc<String>, String>>>,
}

/// The server's state.
struct App {
    files: Vec<Served>,
    limits: api::Limits,
    graphviz: bool,
    /// The `Host` headers accepted (empty: any, for a non-loopback `--host`).
    hosts: Vec<String>,
    running: tokio::sync::Semaphore,
}

pub(crate) fn run(args: &ServeArgs) -> Result<(), Reported> {
    let ip: IpAddr = match args.host.as_str() {
        "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
        h => h.parse().map_err(|_| {
            eprintln!(
                "error: --host `{h}` is not an IP address (e.g. 127.0.0.1, ::1, or 0.0.0.0 for every interface)"
            );
            Reported(EXIT_FAILURE)
        })?,
    };
    let graphviz = match (args.engine, super::render::find_dot()) {
        (Engine::Embedded, _) => false,
        (_, Some(_)) => true,
        (Engine::Graphviz, None) => {
            eprintln!("error: --engine graphviz needs Graphviz, and `dot` is not on the PATH");
            return Err(Reported(EXIT_FAILURE));
        }
        (Engine::Auto, None) => false,
    };
    let mut files = vec![];
    for path in &args.files {
        if path.as_os_str() == "-" {
            eprintln!("error: serve needs files: standard input cannot be served (or watched)");
            return Err(Reported(EXIT_FAILURE));
        }
        let (text, map) = load(path);
        if let Err(d) = &map {
            if text.is_none() {
                eprintln!("error: cannot read {}: {d}", path.display());
                return Err(Reported(EXIT_FAILURE));
            }
            eprintln!(
                "warning: {} does not check: the page shows its diagnostics until it is fixed (`argmap check {}`)",
                path.display(),
                path.display()
            );
        }
        files.push(Served {
            path: path.clone(),
            name: path.display().to_string(),
            slot: RwLock::new(Slot {
                version: 1,
                text,
                map,
            }),
        });
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            eprintln!("error: cannot start the server: {e}");
            Reported(EXIT_FAILURE)
        })?;
    runtime.block_on(serve(args, ip, graphviz, files))
}

async fn serve(
    args: &ServeArgs,
    ip: IpAddr,
    graphviz: bool,
    files: Vec<Served>,
) -> Result<(), Reported> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, args.port))
        .await
        .map_err(|e| {
            eprintln!(
                "error: cannot listen on {ip} port {}: {e} (choose another with --port, or --port 0 for any free one)",
                args.port
            );
            Reported(EXIT_FAILURE)
        })?;
    let addr = listener.local_addr().map_err(|e| {
        eprintln!("error: {e}");
        Reported(EXIT_FAILURE)
    })?;
    let port = addr.port();
    let hosts = if ip.is_loopback() {
        [
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ]
        .into()
    } else {
        eprintln!(
            "warning: listening on {ip}, not on 127.0.0.1: anyone who can reach this machine on port {port} can read the served maps and save new files next to them"
        );
        vec![]
    };
    let app = Arc::new(App {
        files,
        limits: api::Limits {
            // No limit past about 31.7 years: a wait that long is none.
            budget: super::eval::budget(args.time_budget)
                .unwrap_or(Duration::from_secs(1_000_000_000)),
        },
        graphviz,
        hosts,
        running: tokio::sync::Semaphore::new(MAX_RUNNING),
    });
    let watched: Vec<PathBuf> = app.files.iter().map(|f| f.path.clone()).collect();
    let for_watch = app.clone();
    std::thread::spawn(move || super::watch::watch(&watched, || reload(&for_watch)));

    let url = if ip.is_unspecified() || !ip.is_loopback() {
        format!("http://{addr}/")
    } else {
        format!("http://127.0.0.1:{port}/")
    };
    println!("argmap serve: {url} (Ctrl-C to stop)");
    if args.open {
        open_browser(&url);
    }
    let mut router = Router::new()
        .route("/", get(page))
        .route("/page.js", get(script))
        .route("/page.css", get(style))
        .route("/api/files", get(files_list))
        .route("/api/graph", get(graph))
        .route("/api/svg", get(svg))
        .route("/api/source", get(source));
    for (path, kind) in Kind::ROUTES {
        router = router.route(path, post(move |s, q, h, b| post_api(s, q, h, b, kind)));
    }
    let router = router
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app);
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| {
            eprintln!("error: the server stopped: {e}");
            Reported(EXIT_FAILURE)
        })
}

/// Reads and checks a file: its text (`None` when it cannot be read) and the
/// map, or the diagnostics as a JSON array.
fn load(path: &Path) -> (Option<String>, Result<Arc<Map>, String>) {
    let json = |src: &argmap::Source, d: &[argmap::Diagnostic]| {
        serde_json::Value::Array(d.iter().map(|d| super::report::to_json(src, d)).collect())
            .to_string()
    };
    let src = match super::read_source(path) {
        Ok(s) => s,
        Err(e) => {
            let src = argmap::Source::new(&e.name, "");
            return (None, Err(json(&src, std::slice::from_ref(&e.diagnostic))));
        }
    };
    let checked = if super::is_bag(path) {
        argmap::formats::bag::parse(&src).and_then(argmap::validate)
    } else {
        argmap::check(&src)
    };
    let map = match checked {
        Ok(v) => {
            let warnings = json(&src, &v.warnings.0);
            Ok(Arc::new(Map {
                g: argmap::build_owned(v),
                warnings,
                svg: Mutex::new(None),
            }))
        }
        Err(d) => Err(json(&src, &d.0)),
    };
    (Some(src.text().to_string()), map)
}

/// Reloads the files whose text changed (the file watcher's run).
fn reload(app: &App) -> u8 {
    for f in &app.files {
        let now = std::fs::read_to_string(&f.path).ok();
        let same = f.slot.read().map(|s| s.text == now).unwrap_or(false);
        if same {
            continue;
        }
        let (text, map) = load(&f.path);
        if let Ok(mut s) = f.slot.write() {
            s.version += 1;
            s.text = text;
            s.map = map;
            eprintln!("reloaded {} (version {})", f.name, s.version);
        }
    }
    0
}

/// Opens `url` in the desktop's browser; a failure is a warning.
fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(cmd)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("warning: cannot open a browser ({cmd}: {e}): open {url} yourself");
    }
}

/// Refuses requests for another host name (DNS rebinding) on a loopback
/// address, and marks every answer `nosniff`.
async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    if !app.hosts.is_empty() {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !app.hosts.iter().any(|h| h == host) {
            return json_response(
                StatusCode::FORBIDDEN,
                api::Failure::with(
                    403,
                    format!("unexpected Host `{host}`"),
                    Some(&format!("open the page as http://{}/", app.hosts[0])),
                    None,
                    None,
                )
                .body,
            );
        }
    }
    let mut res = next.run(req).await;
    res.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

impl IntoResponse for api::Failure {
    fn into_response(self) -> Response {
        json_response(
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            self.body,
        )
    }
}

/// Runs `job` on a blocking thread, waiting at most `budget`: a job that panics
/// is a 500 saying `what failed`, one that takes longer is `late` (the thread
/// is left to finish).
async fn blocking<T: Send + 'static>(
    budget: Duration,
    what: &str,
    late: impl FnOnce() -> api::Failure,
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, api::Failure> {
    match tokio::time::timeout(budget, tokio::task::spawn_blocking(job)).await {
        Ok(Ok(done)) => Ok(done),
        Ok(Err(e)) => Err(api::Failure::with(
            500,
            format!("{what} failed: {e}"),
            None,
            None,
            None,
        )),
        Err(_) => Err(late()),
    }
}

async fn not_found(req: Request) -> api::Failure {
    api::Failure::with(
        404,
        format!("no such page or endpoint: {}", req.uri().path()),
        Some("the page is at /, the API under /api/ (docs/serve.md)"),
        None,
        None,
    )
}

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
            ),
        ],
        PAGE_HTML,
    )
        .into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        PAGE_JS,
    )
        .into_response()
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        PAGE_CSS,
    )
        .into_response()
}

/// `?file=N`: which served file (default 0).
#[derive(Debug, Deserialize)]
struct Which {
    file: Option<String>,
}

impl App {
    /// The served file `?file=` names: its index (default 0). Anything else is
    /// a 404: no request names a path.
    fn file(&self, w: &Which) -> Result<&Served, api::Failure> {
        let i = match w.file.as_deref() {
            None => 0,
            Some(s) => s.parse::<usize>().unwrap_or(usize::MAX),
        };
        self.files.get(i).ok_or_else(|| {
            api::Failure::with(
                404,
                format!(
                    "no served file `{}`",
                    w.file.as_deref().unwrap_or_default()
                ),
                Some(&format!(
                    "file is the index of a file given to `argmap serve`, 0 to {} (GET /api/files lists them)",
                    self.files.len() - 1
                )),
                None,
                None,
            )
        })
    }
}

impl Served {
    /// The map, or a 422 with the file's diagnostics.
    fn map(&self) -> Result<(Arc<Map>, u64), api::Failure> {
        let s = self.slot.read().map_err(|_| {
            api::Failure::with(500, "the file's state is poisoned".into(), None, None, None)
        })?;
        match &s.map {
            Ok(m) => Ok((m.clone(), s.version)),
            Err(d) => Err(api::Failure::with(
                422,
                format!("{} does not check", self.name),
                Some(
                    "fix the file (the diagnostics say where); the server reloads it when it is saved",
                ),
                None,
                Some(d),
            )),
        }
    }
}

/// `GET /api/files`: `[{"file", "name", "version", "ok", "diagnostics"}]`:
/// the warnings of a file that checks, its errors when it does not.
async fn files_list(State(app): State<Arc<App>>) -> Response {
    let items: Vec<String> = app
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let o = super::out::Obj::new()
                .field("file", i)
                .field("name", f.name.as_str());
            match f.slot.read() {
                Ok(s) => {
                    let (ok, d) = match &s.map {
                        Ok(m) => (true, m.warnings.as_str()),
                        Err(d) => (false, d.as_str()),
                    };
                    o.field("version", s.version)
                        .field("ok", ok)
                        .raw("diagnostics", d)
                        .end()
                }
                Err(_) => o.end(),
            }
        })
        .collect();
    json_response(StatusCode::OK, format!("[{}]\n", items.join(", ")))
}

/// `GET /api/graph?file=N`: the map in argmap's JSON model
/// ([`argmap::formats::json`], the RON model one-to-one).
async fn graph(
    State(app): State<Arc<App>>,
    Query(w): Query<Which>,
) -> Result<Response, api::Failure> {
    let (m, _) = app.file(&w)?.map()?;
    Ok(json_response(
        StatusCode::OK,
        argmap::formats::json::to_json_string(m.g.model()),
    ))
}

/// `GET /api/source?file=N`: the file's text as it was last read.
async fn source(
    State(app): State<Arc<App>>,
    Query(w): Query<Which>,
) -> Result<Response, api::Failure> {
    let served = app.file(&w)?;
    let text = served.slot.read().ok().and_then(|s| s.text.clone());
    match text {
        Some(t) => Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], t).into_response()),
        None => Err(api::Failure::with(
            404,
            format!("{} cannot be read", served.name),
            None,
            None,
            None,
        )),
    }
}

/// `GET /api/svg?file=N`: the map drawn by argmap's renderer (Graphviz when
/// present, else the embedded layout), without scores: the page colours it.
async fn svg(
    State(app): State<Arc<App>>,
    Query(w): Query<Which>,
) -> Result<Response, api::Failure> {
    let (m, _) = app.file(&w)?.map()?;
    let graphviz = app.graphviz;
    let late = || {
        api::Failure::with(
            503,
            "drawing the map took longer than the time budget".into(),
            Some(
                "the drawing goes on: reload in a moment, or restart with a larger --time-budget or with Graphviz installed",
            ),
            Some("time-budget"),
            None,
        )
    };
    let svg = blocking(app.limits.budget, "the drawing", late, move || {
        drawing(&m, graphviz)
    })
    .await?
    .map_err(|e| api::Failure::with(500, e, None, None, None))?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg.as_str().to_string(),
    )
        .into_response())
}

/// The map's drawing, made once per version of the file.
fn drawing(m: &Map, graphviz: bool) -> Result<Arc<String>, String> {
    let mut slot = m
        .svg
        .lock()
        .map_err(|_| "the drawing's state is poisoned".to_string())?;
    if let Some(done) = &*slot {
        return done.clone();
    }
    let opts = argmap::export::DotOptions::default();
    let made = if graphviz {
        let dot = argmap::export::to_dot(&m.g, &opts);
        graphviz_rust::exec_dot(
            dot,
            vec![graphviz_rust::cmd::CommandArg::Format(
                graphviz_rust::cmd::Format::Svg,
            )],
        )
        .map_err(|e| format!("Graphviz failed: {}", e.to_string().trim()))
        .and_then(|b| String::from_utf8(b).map_err(|e| e.to_string()))
        // The stable structure the page relies on (`data-id`, `data-from`, ...).
        .map(|svg| argmap::export::annotate_graphviz_svg(&svg, &m.g, &opts))
    } else {
        Ok(argmap::export::to_svg(&m.g, &opts))
    }
    .map(Arc::new);
    *slot = Some(made.clone());
    made
}

/// The POST endpoints.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Eval,
    Explain,
    Whatif,
    View,
    Contrib,
    Flip,
    Test,
    Save,
}

impl Kind {
    /// Each POST endpoint's route (docs/serve.md).
    const ROUTES: [(&'static str, Kind); 8] = [
        ("/api/eval", Kind::Eval),
        ("/api/explain", Kind::Explain),
        ("/api/whatif", Kind::Whatif),
        ("/api/view", Kind::View),
        ("/api/contrib", Kind::Contrib),
        ("/api/flip", Kind::Flip),
        ("/api/test", Kind::Test),
        ("/api/save", Kind::Save),
    ];
}

/// A POST endpoint: a JSON body (refused otherwise: a form of another site
/// cannot post JSON without the browser asking this server first), the file,
/// then the computation on a blocking thread under the time budget.
async fn post_api(
    State(app): State<Arc<App>>,
    Query(w): Query<Which>,
    headers: HeaderMap,
    body: Bytes,
    kind: Kind,
) -> Result<Response, api::Failure> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json {
        return Err(api::Failure::with(
            415,
            "the request body must be JSON".into(),
            Some("send `Content-Type: application/json`"),
            None,
            None,
        ));
    }
    let req = api::request(&body)?;
    let served = app.file(&w)?;
    let (m, _) = served.map()?;
    let Ok(_turn) = app.running.acquire().await else {
        return Err(api::Failure::with(
            503,
            "the server is stopping".into(),
            None,
            None,
            None,
        ));
    };
    let limits = app.limits;
    let name = served.name.clone();
    let path = served.path.clone();
    let late = || {
        api::Failure::with(
            503,
            format!(
                "the request took longer than the time budget of {} s",
                limits.budget.as_secs_f64()
            ),
            Some("ask for less, or restart `argmap serve` with a larger --time-budget"),
            Some("time-budget"),
            None,
        )
    };
    // The computations stop themselves at the budget; this is the backstop
    // for anything that does not.
    let budget = limits.budget + Duration::from_secs(1);
    let body = blocking(budget, "the computation", late, move || {
        let g = &m.g;
        match kind {
            Kind::Eval => api::eval(g, &name, &req, limits),
            Kind::Explain => api::explain(g, &name, &req, limits),
            Kind::Whatif => api::whatif(g, &req, limits),
            Kind::View => api::view(g, &req, limits),
            Kind::Contrib => api::contrib(g, &name, &req, limits),
            Kind::Flip => api::flip(g, &name, &req, limits),
            Kind::Test => api::test(g, &name, &req, limits),
            Kind::Save => save(g, &path, &req),
        }
    })
    .await??;
    Ok(json_response(StatusCode::OK, body))
}

/// `POST /api/save`: writes the modified map as a new file next to the served
/// one, atomically. `path` must be a plain file name ending in `.ron`; an
/// existing file (the original included) is replaced only with
/// `"overwrite": true`. Answers `{"written": path}`.
fn save(g: &ArgGraph, original: &Path, r: &api::Request) -> Result<String, api::Failure> {
    let name = r.path.as_deref().ok_or_else(|| {
        api::Failure::bad(
            "save needs `path`, the new file's name",
            Some("e.g. {\"path\": \"map-whatif.ron\", \"remove\": [\"e1\"]}"),
        )
    })?;
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0', ':'])
        && name.ends_with(".ron");
    if !plain {
        return Err(api::Failure::bad(
            format!("`{name}` is not a plain file name ending in .ron"),
            Some(
                "the new file goes next to the served one: give a name such as map-whatif.ron, without a directory",
            ),
        ));
    }
    let dir = match original.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let target = dir.join(name);
    if target.exists() && !r.overwrite {
        let original_too = target.canonicalize().ok() == original.canonicalize().ok();
        return Err(api::Failure::with(
            409,
            format!(
                "{} exists{}",
                target.display(),
                if original_too {
                    " and is the served file itself"
                } else {
                    ""
                }
            ),
            Some("choose another name, or confirm with \"overwrite\": true"),
            None,
            None,
        ));
    }
    let text = api::modified_text(g, r)?;
    super::io::write_atomic(&target, text.as_bytes())
        .map_err(|e| api::Failure::with(500, e.to_string(), None, None, None))?;
    Ok(super::out::Obj::new()
        .field("written", target.display().to_string())
        .end()
        + "\n")
}
