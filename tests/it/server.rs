//! A running `argmap serve` (the binary this build made, on a free port) and
//! an HTTP client for it: shared by the API tests (`serve.rs`), the browser
//! tests (`serve_browser.rs`) and the benchmark (`benches/serve.rs`, which
//! includes this file). The includer provides `PATIENCE`, how long a request
//! may take before it counts as lost.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::PATIENCE;

/// A running `argmap serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// One client for every request (its connections are kept alive).
    agent: ureq::Agent,
    /// `http://127.0.0.1:PORT/`.
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Server {
    /// Starts `argmap serve FILES --port 0 EXTRA` in the package root and
    /// reads the URL it prints. Unless `EXTRA` sets `--time-budget`, the
    /// budget per request is `PATIENCE` instead of the default 10 s, which a
    /// drawing or a search on the paper map could use up on a loaded machine.
    pub fn start(files: &[&str], extra: &[&str]) -> Server {
        let patience = PATIENCE.as_secs().to_string();
        let budget: &[&str] = if extra.contains(&"--time-budget") {
            &[]
        } else {
            &["--time-budget", &patience]
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
            .arg("serve")
            .args(files)
            .args(["--port", "0"])
            .args(budget)
            .args(extra)
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("argmap serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_string();
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        Server {
            child,
            agent: agent(),
            url,
            addr,
        }
    }

    /// `GET path`: status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        answer(
            self.agent
                .get(format!("{}{}", self.url, path.trim_start_matches('/')))
                .call(),
        )
    }

    /// `POST path` with a JSON body: status and body.
    pub fn post(&self, path: &str, body: &str) -> (u16, String) {
        answer(
            self.agent
                .post(format!("{}{}", self.url, path.trim_start_matches('/')))
                .header("Content-Type", "application/json")
                .send(body),
        )
    }

    /// A raw HTTP/1.1 request line and headers (for paths and headers a client
    /// would clean up): the whole response.
    pub fn raw(&self, request: &str) -> String {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client that returns every status as an answer, waiting at most `PATIENCE`.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(PATIENCE))
        .build()
        .into()
}

/// The status and body of an answer.
pub fn answer(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, String) {
    let mut r = r.expect("the server answers");
    let status = r.status().as_u16();
    (status, r.body_mut().read_to_string().unwrap())
}
