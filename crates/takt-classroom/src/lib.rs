//! Takt's live classroom: one server on the instructor's computer, for a class of teams on
//! the room's own network, with no internet (issue 19; the API in `docs/classroom.md`).
//!
//! It serves the release build of the app (`dist/`) and a small JSON API: the instructor
//! creates a class from a scenario and starts and closes its rounds; teams join with a short
//! code, save their session as it changes and submit each round's result, which the server
//! verifies by re-simulating it with the same core before it is ranked. The class's state is
//! in SQLite, so a crash of the server loses nothing it acknowledged.
//!
//! - [`token`]: the instructor's token, the teams' secrets, the join codes;
//! - [`store`]: the database;
//! - [`api`]: the routes;
//! - [`error`]: what a refused request answers;
//! - [`client`]: a minimal HTTP client for the tests and the load bench.

pub mod api;
pub mod client;
pub mod error;
pub mod store;
pub mod token;

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_SECURITY_POLICY};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;

/// How the server starts.
#[derive(Debug, Clone)]
pub struct Options {
    /// The app's release build to serve (`dist/`).
    pub dist: PathBuf,
    /// The database file (made when absent).
    pub db: PathBuf,
    /// The port (0: any free one).
    pub port: u16,
    /// Listen on the machine's network addresses, not only on 127.0.0.1.
    pub lan: bool,
}

/// Why the server did not start.
#[derive(Debug)]
pub enum StartError {
    /// The database could not be opened.
    Store(store::StoreError),
    /// The address could not be listened on.
    Listen(std::io::Error),
    /// `dist` is not the app's build (no `index.html` in it).
    NoApp(PathBuf),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Store(e) => write!(f, "cannot open the database: {e}"),
            StartError::Listen(e) => write!(f, "cannot listen: {e}"),
            StartError::NoApp(d) => write!(
                f,
                "{} holds no index.html: build the app first (scripts/build-web.sh) or pass --dist",
                d.display()
            ),
        }
    }
}

impl std::error::Error for StartError {}

/// The host others reach a server listening on `addr` at: its address, or with `lan` the
/// address of the machine on its network (the one its traffic would leave by; 127.0.0.1 when
/// it has no network at all).
fn host(addr: SocketAddr, lan: bool) -> IpAddr {
    if !lan {
        return addr.ip();
    }
    std::net::UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|s| {
            // No packet is sent: connecting a UDP socket only picks the route.
            s.connect((Ipv4Addr::new(192, 168, 255, 255), 9))?;
            s.local_addr()
        })
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_unspecified())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// The teams' link: the trainee's page on `host`.
fn teams_link(host: IpAddr, port: u16) -> String {
    format!("http://{host}:{port}/")
}

/// A started server, ready to [`Classroom::run`].
pub struct Classroom {
    listener: TcpListener,
    router: axum::Router,
    /// Where it listens.
    pub addr: SocketAddr,
    /// The instructor's token (the same on every start on one database).
    pub token: String,
    lan: bool,
}

/// The policy of the page's Content-Security-Policy `<meta>` plus `frame-ancestors 'none'`
/// (which only a header can set): every answer carries it, as from scripts/serve-dist.py.
pub fn content_security_policy(index_html: &str) -> Option<String> {
    let at = index_html.find("http-equiv=\"Content-Security-Policy\"")?;
    let tag = &index_html[at..at + index_html[at..].find('>')?];
    let content = tag.split("content=\"").nth(1)?.split('"').next()?;
    let policy = content.replace("&#39;", "'").replace("&quot;", "\"");
    Some(format!(
        "{}; frame-ancestors 'none'",
        policy.trim().trim_end_matches(';')
    ))
}

/// Refuses a body whose stated length is over the limit before reading any of it.
async fn limit(req: Request, next: Next) -> Response {
    let stated = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if stated.is_some_and(|n| n > api::MAX_BODY as u64) {
        return error::ApiError::TooLarge {
            limit: api::MAX_BODY,
        }
        .into_response();
    }
    next.run(req).await
}

/// A handler that panicked (a bug: user input never should) answers 500 as JSON, like
/// any internal failure, and the server goes on.
fn panicked(detail: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = detail
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| detail.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default();
    error::ApiError::Internal(format!("a handler panicked: {what}")).into_response()
}

impl Classroom {
    /// Opens the database and listens (on 127.0.0.1, or on every address with `lan`).
    pub async fn start(options: &Options) -> Result<Classroom, StartError> {
        if !options.dist.join("index.html").is_file() {
            return Err(StartError::NoApp(options.dist.clone()));
        }
        let store = store::Store::open(&options.db).map_err(StartError::Store)?;
        let token = store.instructor_token().map_err(StartError::Store)?;
        let ip = if options.lan {
            IpAddr::V4(Ipv4Addr::UNSPECIFIED)
        } else {
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        };
        let listener = TcpListener::bind((ip, options.port))
            .await
            .map_err(StartError::Listen)?;
        let addr = listener.local_addr().map_err(StartError::Listen)?;
        let (changed, _) = tokio::sync::broadcast::channel(256);
        let teams = teams_link(host(addr, options.lan), addr.port());
        let app = Arc::new(api::App::new(store, token.clone(), changed, teams));
        let index = options.dist.join("index.html");
        let policy = std::fs::read_to_string(&index)
            .ok()
            .and_then(|html| content_security_policy(&html));
        // A path that is no file (a deep link of the app) gets the trainee's page, as from
        // scripts/serve-dist.py.
        let files = tower_http::services::ServeDir::new(&options.dist)
            .fallback(tower_http::services::ServeFile::new(&index));
        let router = api::routes(app)
            .fallback_service(files)
            .layer(SetResponseHeaderLayer::overriding(
                CACHE_CONTROL,
                HeaderValue::from_static("no-cache"),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                CONTENT_SECURITY_POLICY,
                policy.and_then(|p| HeaderValue::from_str(&p).ok()),
            ))
            .layer(axum::extract::DefaultBodyLimit::max(api::MAX_BODY))
            .layer(middleware::from_fn(limit))
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked));
        Ok(Classroom {
            listener,
            router,
            addr,
            token,
            lan: options.lan,
        })
    }

    /// The host others reach this server at (see [`host`]).
    pub fn host(&self) -> IpAddr {
        host(self.addr, self.lan)
    }

    /// The instructor's link (it carries the token: keep it to yourself), which opens the
    /// desk's classroom mode, and the teams' link.
    pub fn links(&self) -> (String, String) {
        let teams = teams_link(self.host(), self.addr.port());
        (format!("{teams}classroom.html#token={}", self.token), teams)
    }

    /// Serves until `shutdown` completes.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn the_page_s_policy_is_sent_with_frame_ancestors() {
        let page = r#"<head><meta charset="utf-8" />
            <meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:;" />
            <title>x</title>"#;
        assert_eq!(
            content_security_policy(page).as_deref(),
            Some("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
        );
        assert_eq!(content_security_policy("<head><title>x</title>"), None);
    }
}
