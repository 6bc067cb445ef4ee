//! `takt classroom` as a class meets it: the real server started as a process on loopback,
//! spoken to over real HTTP (the crate's minimal HTTP/1.1 client, so that a test can also send
//! what no well-behaved client would), stopped with `kill -9` and started again on the same
//! database.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;
use takt_classroom::client::{read_reply, wait_for_event, Process};
use takt_core::sim::Control;
use takt_core::training::result::ResultFile;
use takt_core::training::session::Session;
use takt_core::Scenario;

/// A small training line (short shifts: a round verifies in milliseconds).
const TINY: &str = include_str!("../../../fuzz/tiny.json");

/// A scratch directory with an app build (an `index.html`) and room for a database.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("takt-classroom-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    // The repository's page (its sources: enough to serve, with its policy).
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../index.html"));
    std::fs::write(dir.join("dist/index.html"), page.unwrap()).unwrap();
    dir
}

/// The server, running; killed (SIGKILL) when dropped.
struct Server {
    process: Process,
    addr: String,
    token: String,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let process = Process::spawn(
            Path::new(env!("CARGO_BIN_EXE_takt")),
            &dir.join("dist"),
            &dir.join("class.sqlite"),
        )
        .expect("takt classroom starts and prints its links");
        assert!(
            process.teams.starts_with("http://127.0.0.1:"),
            "{}",
            process.teams
        );
        Server {
            addr: process.addr.clone(),
            token: process.token.clone(),
            process,
        }
    }

    fn call(
        &self,
        method: &str,
        path: &str,
        auth: Option<&str>,
        body: Option<&str>,
    ) -> (u16, String) {
        let reply = self
            .process
            .client()
            .call(method, path, auth, body)
            .unwrap();
        (reply.status, reply.body)
    }

    /// A request with the instructor's token.
    fn instructor(&self, method: &str, path: &str, body: Option<&str>) -> (u16, serde_json::Value) {
        self.json(method, path, Some(&self.token), body)
    }

    fn json(
        &self,
        method: &str,
        path: &str,
        auth: Option<&str>,
        body: Option<&str>,
    ) -> (u16, serde_json::Value) {
        let reply = self
            .process
            .client()
            .call(method, path, auth, body)
            .unwrap();
        (reply.status, reply.json())
    }
}

/// A team's session after `rounds` rounds of the tiny line (the seed and replications its
/// training fixes for a class), and its result file.
fn played(team: &str, rounds: usize) -> (String, String) {
    let sc = Scenario::from_json(TINY).unwrap();
    let mut s = Session::new("tiny", sc, 1);
    for _ in 0..rounds {
        let outcome = s.job().unwrap().play(|_| Control::Continue).unwrap();
        s.record(outcome);
    }
    let file = ResultFile::of(&s, team);
    (
        serde_json::to_string(&s).unwrap(),
        serde_json::to_string(&file).unwrap(),
    )
}

/// The instructor makes a class of the tiny line; its id and join code.
fn class(server: &Server) -> (i64, String) {
    let (status, class) = server.instructor("POST", "/api/classes", Some(TINY));
    assert_eq!(status, 201, "{class}");
    (
        class["id"].as_i64().unwrap(),
        class["code"].as_str().unwrap().to_owned(),
    )
}

/// A team joins; its id and secret.
fn join(server: &Server, code: &str, team: &str) -> (i64, String) {
    let body = serde_json::json!({"code": code, "team": team}).to_string();
    let (status, joined) = server.json("POST", "/api/join", None, Some(&body));
    assert_eq!(status, 201, "{joined}");
    (
        joined["team"].as_i64().unwrap(),
        joined["secret"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn only_the_instructor_s_token_makes_and_runs_a_class_and_a_bad_scenario_is_refused_by_field() {
    let dir = scratch("instructor");
    let server = Server::start(&dir);
    let (status, health) = server.json("GET", "/api/health", None, None);
    assert_eq!((status, health["ok"].as_bool()), (200, Some(true)));
    // The app is served too, with the page's policy as a header (and frame-ancestors) and
    // never from a stale cache; a deep link gets the page; an unknown API path is a JSON 404.
    let page = server
        .process
        .client()
        .call("GET", "/", None, None)
        .unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<title>Takt</title>"));
    let policy = page.header("content-security-policy").unwrap_or_default();
    assert!(policy.starts_with("default-src 'self';"), "{}", page.head);
    assert!(policy.ends_with("; frame-ancestors 'none'"), "{policy}");
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    let (status, deep) = server.call("GET", "/scenarios/line-1", None, None);
    assert_eq!(status, 200);
    assert!(deep.contains("<title>Takt</title>"));
    let (status, e) = server.json("GET", "/api/nothing/here", None, None);
    assert_eq!(
        (status, e["error"].as_str()),
        (404, Some("not_found")),
        "{e}"
    );

    for token in [None, Some("0".repeat(32).as_str()), Some("")] {
        let (status, e) = server.json("POST", "/api/classes", token, Some(TINY));
        assert_eq!((status, e["error"].as_str()), (401, Some("unauthorized")));
    }
    let mut bad: serde_json::Value = serde_json::from_str(TINY).unwrap();
    bad["stations"][0]["servers"] = serde_json::json!(0);
    let (status, e) = server.instructor("POST", "/api/classes", Some(&bad.to_string()));
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["fields"][0]["path"], "stations[0].servers");

    let (id, code) = class(&server);
    assert_eq!(code.len(), 6);
    let path = format!("/api/classes/{id}");
    let (status, _) = server.json("GET", &path, None, None);
    assert_eq!(status, 401);
    let (status, view) = server.instructor("GET", &path, None);
    assert_eq!(status, 200);
    assert_eq!(
        (view["round"].as_u64(), view["open"].as_bool()),
        (Some(0), Some(false))
    );
    // The join link is the teams' link the server printed, with the code; the title is the
    // scenario's in each language; the server's clock is given for the timer.
    assert_eq!(
        view["join"],
        format!("{}#join={code}", server.process.teams)
    );
    let scenario = takt_core::Scenario::from_json(TINY).unwrap();
    assert_eq!(view["title"]["en"], scenario.title_in("en"));
    assert_eq!(view["title"]["ru"], scenario.title_in("ru"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    assert!(
        view["now"].as_u64().unwrap().abs_diff(now) < 60_000,
        "{view}"
    );

    // Rounds: started (with a timer), closed; never past the training's rounds.
    let round = format!("{path}/round");
    let (status, _) = server.json("POST", &round, None, Some(r#"{"action": "start"}"#));
    assert_eq!(status, 401);
    let (status, e) = server.instructor("POST", &round, Some(r#"{"action": "begin"}"#));
    assert_eq!(status, 422, "{e}");
    let (status, e) = server.instructor(
        "POST",
        &round,
        Some(r#"{"action": "start", "minutes": -5}"#),
    );
    assert_eq!(
        (status, e["fields"][0]["path"].as_str()),
        (422, Some("minutes"))
    );
    let (status, view) = server.instructor(
        "POST",
        &round,
        Some(r#"{"action": "start", "minutes": 15}"#),
    );
    assert_eq!(status, 200, "{view}");
    assert_eq!(
        (view["round"].as_u64(), view["open"].as_bool()),
        (Some(1), Some(true))
    );
    assert!(view["deadline"].as_u64().is_some());
    let (_, view) = server.instructor("POST", &round, Some(r#"{"action": "close"}"#));
    assert_eq!(
        (view["round"].as_u64(), view["open"].as_bool()),
        (Some(1), Some(false))
    );
    let rounds = view["rounds"].as_u64().unwrap();
    for _ in 1..rounds {
        let (status, _) = server.instructor("POST", &round, Some(r#"{"action": "start"}"#));
        assert_eq!(status, 200);
    }
    let (status, e) = server.instructor("POST", &round, Some(r#"{"action": "start"}"#));
    assert_eq!(status, 409, "{e}");

    let (status, _) = server.instructor("DELETE", &path, None);
    assert_eq!(status, 204);
    let (status, _) = server.instructor("GET", &path, None);
    assert_eq!(status, 404);
}

#[test]
fn a_team_keeps_its_session_and_submits_verified_rounds_in_step_with_the_class() {
    let dir = scratch("team");
    let server = Server::start(&dir);
    let (id, code) = class(&server);
    let (status, e) = server.json(
        "POST",
        "/api/join",
        None,
        Some(r#"{"code": "ZZZZZZ", "team": "A"}"#),
    );
    assert_eq!((status, e["error"].as_str()), (404, Some("not_found")));
    let (status, e) = server.json(
        "POST",
        "/api/join",
        None,
        Some(&serde_json::json!({"code": code, "team": "  "}).to_string()),
    );
    assert_eq!(
        (status, e["fields"][0]["path"].as_str()),
        (422, Some("team"))
    );
    // The code as a person types it.
    let typed = format!(" {}-{} ", &code[..3].to_lowercase(), &code[3..]);
    let (a, secret_a) = join(&server, &typed, "Бригада 1");
    let (b, secret_b) = join(&server, &code, "Бригада 2");
    let (status, _) = server.json(
        "POST",
        "/api/join",
        None,
        Some(&serde_json::json!({"code": code, "team": "бригада 1 "}).to_string()),
    );
    assert_eq!(status, 409, "one name, one team");

    // Each team reads and writes its own session only.
    let (session, result) = played("Бригада 1", 1);
    let mine = format!("/api/teams/{a}/session");
    for secret in [None, Some(secret_b.as_str())] {
        let (status, _) = server.json("PUT", &mine, secret, Some(&session));
        assert_eq!(status, 401);
        let (status, _) = server.json("GET", &format!("/api/teams/{a}"), secret, None);
        assert_eq!(status, 401);
    }
    let (status, e) = server.json("PUT", &mine, Some(&secret_a), Some(r#"{"version": 1}"#));
    assert_eq!(status, 422, "{e}");
    let (status, _) = server.json("PUT", &mine, Some(&secret_a), Some(&session));
    assert_eq!(status, 204);
    let (status, me) = server.json("GET", &format!("/api/teams/{a}"), Some(&secret_a), None);
    assert_eq!(status, 200);
    assert_eq!(
        me["session"],
        serde_json::from_str::<serde_json::Value>(&session).unwrap()
    );
    assert!(
        me.get("secret").is_none(),
        "the secret is shown once, when the team joins"
    );
    let (_, other) = server.json("GET", &format!("/api/teams/{b}"), Some(&secret_b), None);
    assert_eq!(other["session"], serde_json::Value::Null);
    // The session and the scenario as text, for the page to read with the core's readers.
    let (status, text) = server.call("GET", &mine, Some(&secret_a), None);
    assert_eq!((status, text.as_str()), (200, session.as_str()));
    assert_eq!(server.call("GET", &mine, Some(&secret_b), None).0, 401);
    assert_eq!(
        server
            .call(
                "GET",
                &format!("/api/teams/{b}/session"),
                Some(&secret_b),
                None
            )
            .0,
        404
    );
    let (status, text) = server.call(
        "GET",
        &format!("/api/teams/{b}/scenario"),
        Some(&secret_b),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(
        Scenario::from_json(&text).unwrap(),
        Scenario::from_json(TINY).unwrap()
    );

    // Results: not before the round is started, verified, not after it is closed.
    let submit = format!("/api/teams/{a}/result");
    let (status, e) = server.json("POST", &submit, Some(&secret_a), Some(&result));
    assert_eq!(status, 409, "{e}");
    let round = format!("/api/classes/{id}/round");
    server.instructor("POST", &round, Some(r#"{"action": "start"}"#));
    let (_, other_team) = played("Бригада 2", 1);
    let (status, e) = server.json("POST", &submit, Some(&secret_a), Some(&other_team));
    assert_eq!(
        (status, e["fields"][0]["path"].as_str()),
        (422, Some("team"))
    );
    let (status, receipt) = server.json("POST", &submit, Some(&secret_a), Some(&result));
    assert_eq!(status, 200, "{receipt}");
    assert_eq!(receipt["rounds"], 1);
    // A claim that the re-simulation does not confirm is flagged, and kept as flagged.
    let mut forged: serde_json::Value = serde_json::from_str(&played("Бригада 2", 1).1).unwrap();
    forged["rounds"][0]["completed"] = serde_json::json!(1e6);
    let (status, e) = server.json(
        "POST",
        &format!("/api/teams/{b}/result"),
        Some(&secret_b),
        Some(&forged.to_string()),
    );
    assert_eq!(
        (status, e["fields"][0]["path"].as_str()),
        (422, Some("rounds")),
        "{e}"
    );
    let (_, view) = server.instructor("GET", &format!("/api/classes/{id}"), None);
    assert_eq!(view["teams"][0]["name"], "Бригада 1");
    assert_eq!(view["teams"][0]["place"], 1);
    assert_eq!(view["teams"][1]["name"], "Бригада 2");
    assert!(view["teams"][1]["flag"].as_str().is_some(), "{view}");
    // The export: the whole class as JSON, the leaderboard as a table.
    let export = format!("/api/classes/{id}/export");
    assert_eq!(server.json("GET", &export, Some(&secret_a), None).0, 401);
    let (status, whole) = server.instructor("GET", &export, None);
    assert_eq!(status, 200);
    assert_eq!(
        whole["teams"][0]["session"],
        serde_json::from_str::<serde_json::Value>(&session).unwrap()
    );
    assert_eq!(
        whole["teams"][0]["result"]["rounds"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let (status, csv) = server.call(
        "GET",
        &format!("{export}.csv?lang=en"),
        Some(&server.token),
        None,
    );
    assert_eq!(status, 200);
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(rows[0], "Place,Team,Score,Rounds,Status,Source");
    assert!(
        rows[1].starts_with("1,Бригада 1,") && rows[1].contains("verified, not every round"),
        "{csv}"
    );
    assert!(
        rows[2].contains("Бригада 2") && rows[2].contains("flagged"),
        "{csv}"
    );
    let (_, csv) = server.call("GET", &format!("{export}.csv"), Some(&server.token), None);
    assert!(csv.contains("Место;Команда;Баллы"), "{csv}");
    server.instructor("POST", &round, Some(r#"{"action": "close"}"#));
    let (status, e) = server.json("POST", &submit, Some(&secret_a), Some(&result));
    assert_eq!(status, 409, "{e}");
}

#[test]
fn a_body_over_the_limit_is_refused_before_it_is_sent() {
    let dir = scratch("limit");
    let server = Server::start(&dir);
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // The headers promise 1 GB; not a byte of it follows.
    write!(
        stream,
        "POST /api/classes HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Length: 1000000000\r\n\r\n",
        server.token
    )
    .unwrap();
    let reply = read_reply(&mut stream).unwrap();
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(reply.json()["error"], "too_large");
    let (status, _) = server.json("GET", "/api/health", None, None);
    assert_eq!(status, 200, "the server goes on");
}

#[test]
fn the_live_view_hears_of_each_change_of_its_class() {
    let dir = scratch("events");
    let server = Server::start(&dir);
    let (id, code) = class(&server);
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /api/classes/{id}/events?token={} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n",
        server.token
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.contains(" 200 "), "{line}");
    // The stream is open (its headers read); then a team joins.
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
    }
    join(&server, &code, "Бригада 1");
    wait_for_event(&mut reader, "changed").expect("a 'changed' event");
    // Without the token: no stream.
    let (status, _) = server.json(
        "GET",
        &format!("/api/classes/{id}/events?token=nope"),
        None,
        None,
    );
    assert_eq!(status, 401);
}

#[test]
fn nothing_acknowledged_is_lost_when_the_server_is_killed() {
    let dir = scratch("kill");
    let (token, id, a, secret) = {
        let server = Server::start(&dir);
        let (id, code) = class(&server);
        let (a, secret) = join(&server, &code, "Бригада 1");
        server.instructor(
            "POST",
            &format!("/api/classes/{id}/round"),
            Some(r#"{"action": "start"}"#),
        );
        let (session, result) = played("Бригада 1", 1);
        let (status, _) = server.json(
            "PUT",
            &format!("/api/teams/{a}/session"),
            Some(&secret),
            Some(&session),
        );
        assert_eq!(status, 204);
        let (status, _) = server.json(
            "POST",
            &format!("/api/teams/{a}/result"),
            Some(&secret),
            Some(&result),
        );
        assert_eq!(status, 200);
        (server.token.clone(), id, a, secret)
        // Dropped: SIGKILL, no shutdown of any kind.
    };
    let server = Server::start(&dir);
    assert_eq!(server.token, token, "the instructor's link still works");
    let (_, me) = server.json("GET", &format!("/api/teams/{a}"), Some(&secret), None);
    assert_eq!(
        me["session"],
        serde_json::from_str::<serde_json::Value>(&played("Бригада 1", 1).0).unwrap()
    );
    assert_eq!(
        (me["round"].as_u64(), me["open"].as_bool()),
        (Some(1), Some(true))
    );
    let (_, view) = server.json("GET", &format!("/api/classes/{id}"), Some(&token), None);
    assert_eq!(view["teams"][0]["rounds"], 1);
    assert!(view["teams"][0]["score"].as_f64().is_some(), "{view}");
}
