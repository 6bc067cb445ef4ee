//! A class of many teams against a real `takt classroom` on 127.0.0.1 (issue 19's load
//! figures): every team joins, saves its session on every change while it plans, and submits
//! each round, which the server verifies by re-simulation; the instructor starts and closes
//! each round once every team is in. Then the server is killed (`kill -9`) and started
//! again on its database, and every team's three rounds and session must still be there.
//!
//!     cargo build --release -p takt-cli
//!     cargo run --release -p takt-classroom --example load -- [TEAMS] [--takt PATH]
//!
//! Prints each request kind's count and p50/p99 latency, the server's CPU time and peak
//! memory (from /proc), and what was lost (nothing, or it exits 1). Bounded: each team
//! makes a fixed number of requests, all to 127.0.0.1.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use takt_classroom::client::{Client, Process, Reply};
use takt_core::sim::Control;
use takt_core::training::result::ResultFile;
use takt_core::training::session::Session;
use takt_core::Scenario;

/// Sessions saved per round while a team plans (the app saves on every change).
const SYNCS_PER_ROUND: usize = 5;
/// The longest a team waits for the instructor between two looks at the class.
const POLL: Duration = Duration::from_millis(50);

/// The clients' requests, each with its latency recorded under its kind.
#[derive(Clone)]
struct Timed {
    client: Client,
    seen: Arc<Mutex<Vec<(&'static str, Duration)>>>,
}

impl Timed {
    fn call(
        &self,
        kind: &'static str,
        method: &str,
        path: &str,
        auth: Option<&str>,
        body: Option<&str>,
    ) -> Reply {
        let start = Instant::now();
        let reply = self
            .client
            .call(method, path, auth, body)
            .expect("the server answers");
        self.seen.lock().unwrap().push((kind, start.elapsed()));
        reply
    }
}

/// The server's CPU seconds (user + system) and peak resident memory in MB, from /proc.
fn usage(pid: u32) -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse::<f64>()
        .ok()?;
    Some((ticks / 100.0, hwm / 1024.0))
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let k = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[k].as_secs_f64() * 1000.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut teams = 60usize;
    let mut takt = PathBuf::from("target/release/takt");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--takt" => takt = PathBuf::from(args.next().expect("--takt PATH")),
            n => teams = n.parse().expect("TEAMS: a number"),
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("public/scenarios/process-factory.json")).unwrap();
    let scenario = Scenario::from_json(&text).unwrap();

    // The rounds every team plays (the line as given: the server's work is the same).
    let mut session = Session::new("process-factory", scenario.clone(), 1);
    let mut sessions = vec![serde_json::to_string(&session).unwrap()];
    let mut played = Vec::new();
    let rounds = takt_core::training::result::training_rounds(&scenario);
    for _ in 0..rounds {
        let outcome = session.job().unwrap().play(|_| Control::Continue).unwrap();
        session.record(outcome);
        sessions.push(serde_json::to_string(&session).unwrap());
        played.push(session.clone());
    }

    let dir = std::env::temp_dir().join(format!("takt-classroom-load-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::write(
        dir.join("dist/index.html"),
        "<!doctype html><title>Takt</title>",
    )
    .unwrap();
    let db = dir.join("class.sqlite");
    let server = Process::spawn(&takt, &dir.join("dist"), &db)
        .expect("takt classroom starts (build it: cargo build --release -p takt-cli)");
    let client = server.client();
    let token = server.token.clone();
    let (cpu0, _) = usage(server.pid()).unwrap_or((0.0, 0.0));
    let class = client
        .call("POST", "/api/classes", Some(&token), Some(&text))
        .unwrap()
        .json();
    let (id, code) = (
        class["id"].as_i64().unwrap(),
        class["code"].as_str().unwrap().to_owned(),
    );

    let lat = Timed {
        client: client.clone(),
        seen: Arc::default(),
    };
    let sessions = Arc::new(sessions);
    let played = Arc::new(played);
    let start = Instant::now();
    let workers: Vec<_> = (0..teams)
        .map(|k| {
            let (code, lat, sessions, played) =
                (code.clone(), lat.clone(), sessions.clone(), played.clone());
            std::thread::spawn(move || {
                let name = format!("Команда {k}");
                let join = serde_json::json!({"code": code, "team": name}).to_string();
                let joined = lat.call("join", "POST", "/api/join", None, Some(&join));
                assert_eq!(joined.status, 201, "{}", joined.body);
                let me = joined.json();
                let (team, secret) = (
                    me["team"].as_i64().unwrap(),
                    me["secret"].as_str().unwrap().to_owned(),
                );
                for r in 1..=played.len() {
                    // Plans (saving on every change) while waiting for the round to start.
                    for _ in 0..SYNCS_PER_ROUND {
                        let reply = lat.call(
                            "sync",
                            "PUT",
                            &format!("/api/teams/{team}/session"),
                            Some(&secret),
                            Some(&sessions[r - 1]),
                        );
                        assert_eq!(reply.status, 204, "{}", reply.body);
                    }
                    for _ in 0..20_000 {
                        let view = lat
                            .call(
                                "poll",
                                "GET",
                                &format!("/api/teams/{team}"),
                                Some(&secret),
                                None,
                            )
                            .json();
                        if view["round"].as_u64() == Some(r as u64)
                            && view["open"].as_bool() == Some(true)
                        {
                            break;
                        }
                        std::thread::sleep(POLL);
                    }
                    let file =
                        serde_json::to_string(&ResultFile::of(&played[r - 1], &name)).unwrap();
                    let reply = lat.call(
                        "submit",
                        "POST",
                        &format!("/api/teams/{team}/result"),
                        Some(&secret),
                        Some(&file),
                    );
                    assert_eq!(reply.status, 200, "{}", reply.body);
                    let reply = lat.call(
                        "sync",
                        "PUT",
                        &format!("/api/teams/{team}/session"),
                        Some(&secret),
                        Some(&sessions[r]),
                    );
                    assert_eq!(reply.status, 204, "{}", reply.body);
                }
            })
        })
        .collect();

    // The instructor: each round started, then closed once every team has submitted it.
    for r in 1..=rounds {
        let reply = lat.call(
            "instructor",
            "POST",
            &format!("/api/classes/{id}/round"),
            Some(&token),
            Some(r#"{"action": "start"}"#),
        );
        assert_eq!(reply.status, 200, "{}", reply.body);
        for _ in 0..20_000 {
            let view = lat
                .call(
                    "instructor",
                    "GET",
                    &format!("/api/classes/{id}"),
                    Some(&token),
                    None,
                )
                .json();
            let done = view["teams"].as_array().map_or(0, |t| {
                t.iter()
                    .filter(|t| t["rounds"].as_u64() == Some(r as u64))
                    .count()
            });
            if done == teams {
                break;
            }
            std::thread::sleep(POLL);
        }
        lat.call(
            "instructor",
            "POST",
            &format!("/api/classes/{id}/round"),
            Some(&token),
            Some(r#"{"action": "close"}"#),
        );
    }
    for w in workers {
        w.join().expect("a team finished");
    }
    let wall = start.elapsed().as_secs_f64();
    let (cpu1, peak) = usage(server.pid()).unwrap_or((f64::NAN, f64::NAN));

    // Nothing lost: every team with every round and its last session, before and after a
    // kill -9 and a restart on the same database.
    let check = |client: &Client, token: &str| -> usize {
        let export = client
            .call(
                "GET",
                &format!("/api/classes/{id}/export"),
                Some(token),
                None,
            )
            .unwrap()
            .json();
        let list = export["teams"].as_array().cloned().unwrap_or_default();
        let whole = list
            .iter()
            .filter(|t| {
                t["result"]["rounds"].as_array().map(Vec::len) == Some(rounds)
                    && t["score"].as_f64().is_some()
            })
            .filter(|t| t["session"]["rounds"].as_array().map(Vec::len) == Some(rounds))
            .count();
        teams - whole
    };
    let lost_before = check(&client, &token);
    drop(server);
    let again = Process::spawn(&takt, &dir.join("dist"), &db).expect("takt classroom starts again");
    let lost_after = check(&again.client(), &again.token);

    let mut all = lat.seen.lock().unwrap().clone();
    all.sort_by_key(|(k, d)| (*k, *d));
    println!(
        "{teams} teams, {rounds} rounds, {SYNCS_PER_ROUND} session saves a round: {wall:.1} s"
    );
    println!(
        "{:12} {:>7} {:>9} {:>9} {:>9}",
        "request", "count", "p50 ms", "p99 ms", "max ms"
    );
    for kind in ["join", "sync", "poll", "submit", "instructor"] {
        let d: Vec<Duration> = all
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .collect();
        println!(
            "{kind:12} {:>7} {:>9.2} {:>9.2} {:>9.2}",
            d.len(),
            percentile(&d, 0.5),
            percentile(&d, 0.99),
            d.last().map_or(f64::NAN, |m| m.as_secs_f64() * 1000.0)
        );
    }
    println!(
        "server: {:.1} s of CPU over {wall:.1} s ({:.0} % of one core), peak memory {peak:.1} MB",
        cpu1 - cpu0,
        100.0 * (cpu1 - cpu0) / wall
    );
    println!("lost: {lost_before} teams before the kill -9, {lost_after} after the restart");
    let _ = std::fs::remove_dir_all(&dir);
    if lost_before + lost_after > 0 {
        std::process::exit(1);
    }
}
