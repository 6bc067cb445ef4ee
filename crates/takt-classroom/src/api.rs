//! The JSON API (docs/classroom.md): the instructor's class (create, rounds, leaderboard,
//! live events, export), a team's join, session and result. Every body is read with the
//! core's strict readers and refused with its fields named; the instructor's token and a
//! team's secret come as `Authorization: Bearer …` (the event stream, which a browser opens
//! without headers, takes the token as `?token=`).

use crate::error::ApiError;
use crate::store::{Class, Store, Submitted, Team};
use crate::token;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::convert::Infallible;
use std::sync::Arc;
use takt_core::training::result::{leaderboard, training_rounds, verify, Candidate, ResultFile};
use takt_core::training::session::Session;
use takt_core::Scenario;
use tokio::sync::broadcast;

/// The largest body a request may have: the core's limit for a document (a session with
/// many rounds is the largest); a scenario is further held to its own, smaller limit.
pub const MAX_BODY: usize = takt_core::json::MAX_DOCUMENT_BYTES;

pub use takt_core::training::MAX_TEAM_NAME;

/// What every request can reach.
pub struct App {
    pub store: Store,
    /// The instructor's token.
    pub token: String,
    /// Class ids whose state changed (for the live views).
    pub changed: broadcast::Sender<i64>,
    /// The teams' link (the trainee's page as the room reaches it); a class's join link is
    /// this with `#join=CODE`.
    pub teams: String,
    /// Each class's scenario, read once (a class's scenario never changes; a deleted class's
    /// is dropped, as SQLite may give its id to the next class).
    scenarios: std::sync::Mutex<std::collections::HashMap<i64, Arc<Scenario>>>,
}

impl App {
    pub fn new(store: Store, token: String, changed: broadcast::Sender<i64>, teams: String) -> App {
        App {
            store,
            token,
            changed,
            teams,
            scenarios: Default::default(),
        }
    }

    /// The scenario of `class`, read on first use.
    fn scenario(&self, class: &Class) -> Result<Arc<Scenario>, ApiError> {
        let mut cache = self.scenarios.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(sc) = cache.get(&class.id) {
            return Ok(sc.clone());
        }
        // Stored only after it was read as valid (create_class): a failure here is the server's.
        let sc = Arc::new(
            Scenario::from_json(&class.scenario).map_err(|e| ApiError::Internal(e.to_string()))?,
        );
        cache.insert(class.id, sc.clone());
        Ok(sc)
    }
}

type Shared = Arc<App>;

/// The API's routes.
pub fn routes(app: Shared) -> Router {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/classes", get(list_classes).post(create_class))
        .route("/api/classes/{id}", get(class_view).delete(delete_class))
        .route("/api/classes/{id}/round", post(round))
        .route("/api/classes/{id}/events", get(events))
        .route("/api/classes/{id}/export", get(export))
        .route("/api/classes/{id}/export.csv", get(export_csv))
        .route("/api/join", post(join))
        .route("/api/teams/{id}", get(team_view))
        .route(
            "/api/teams/{id}/session",
            put(save_session).get(team_session),
        )
        .route("/api/teams/{id}/scenario", get(team_scenario))
        .route("/api/teams/{id}/result", post(submit))
        .route("/api/{*rest}", axum::routing::any(no_such_request))
        .with_state(app)
}

/// A path under `/api/` that is none of the above: 404 as JSON, not the app's page.
async fn no_such_request() -> ApiError {
    ApiError::NotFound("request")
}

fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

fn instructor(app: &App, given: Option<&str>) -> Result<(), ApiError> {
    match given {
        Some(t) if token::same(t, &app.token) => Ok(()),
        _ => Err(ApiError::Unauthorized),
    }
}

/// The team `id`, when `headers` carry its secret.
fn team_of(app: &App, id: i64, headers: &HeaderMap) -> Result<Team, ApiError> {
    let given = bearer(headers).ok_or(ApiError::Unauthorized)?;
    let team = app.store.team(id)?.ok_or(ApiError::Unauthorized)?;
    // An unknown team and a wrong secret answer the same: ids cannot be probed.
    if token::same(given, &team.secret) {
        Ok(team)
    } else {
        Err(ApiError::Unauthorized)
    }
}

fn class_of(app: &App, id: i64) -> Result<Class, ApiError> {
    app.store.class(id)?.ok_or(ApiError::NotFound("class"))
}

/// The body as text: too large (413) or not UTF-8 (422) is refused.
fn text(body: Result<Bytes, BytesRejection>) -> Result<String, ApiError> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge { limit: MAX_BODY }
        } else {
            ApiError::field("", e.body_text())
        }
    })?;
    String::from_utf8(bytes.to_vec()).map_err(|_| ApiError::field("", "the body is not UTF-8 text"))
}

/// A small JSON body of a known shape, its fields named when it is not that shape.
fn small<T: for<'de> Deserialize<'de>>(body: Result<Bytes, BytesRejection>) -> Result<T, ApiError> {
    let text = text(body)?;
    serde_json::from_str(&text).map_err(|e| ApiError::field("", e.to_string()))
}

/// Whether results of round `round` may still come: the round is open and its timer, if
/// any, has not run out.
fn is_open(class: &Class, now: u64) -> bool {
    class.open && class.deadline.is_none_or(|d| now < d)
}

async fn health(State(app): State<Shared>) -> Result<Json<Value>, ApiError> {
    let classes = app.store.class_count()?;
    Ok(Json(serde_json::json!({"ok": true, "classes": classes})))
}

/// A class as the instructor and the projector see it.
#[derive(Debug, Serialize)]
pub struct ClassView {
    pub id: i64,
    pub code: String,
    /// The join link the teams open (the projector shows it as a QR code).
    pub join: String,
    /// The scenario's title in each language.
    pub title: Title,
    /// Rounds started (0: none yet).
    pub round: u32,
    /// Rounds the training has.
    pub rounds: usize,
    pub open: bool,
    /// When the open round's timer runs out (milliseconds since 1970, the server's clock).
    pub deadline: Option<u64>,
    /// The server's clock now, to count the timer down on another computer's clock.
    pub now: u64,
    /// The teams in leaderboard order.
    pub teams: Vec<TeamLine>,
}

/// A title in each language of the app.
#[derive(Debug, Serialize)]
pub struct Title {
    pub ru: String,
    pub en: String,
}

/// One team on the class's leaderboard.
#[derive(Debug, Serialize)]
pub struct TeamLine {
    pub id: i64,
    pub name: String,
    /// Rounds of its latest result (0: none yet).
    pub rounds: u32,
    /// Its place among the ranked results.
    pub place: Option<usize>,
    /// Whether it has played every round.
    pub finished: bool,
    /// The verified score of its latest result.
    pub score: Option<f64>,
    /// Why its latest result was flagged.
    pub flag: Option<String>,
}

fn view(app: &App, class: &Class) -> Result<ClassView, ApiError> {
    let now = now_millis();
    let scenario = app.scenario(class)?;
    let rounds = training_rounds(&scenario);
    let teams = app.store.teams(class.id)?;
    let candidates: Vec<Candidate> = teams
        .iter()
        .map(|(t, s)| Candidate {
            team: &t.name,
            score: s.as_ref().and_then(|s| s.outcome.as_ref().ok().copied()),
            rounds: s.as_ref().map_or(0, |s| s.rounds as usize),
            exported: s.as_ref().map(|s| s.received),
        })
        .collect();
    let lines = leaderboard(&candidates, rounds)
        .into_iter()
        .map(|st| {
            let (team, submitted) = &teams[st.entry];
            TeamLine {
                id: team.id,
                name: team.name.clone(),
                rounds: submitted.as_ref().map_or(0, |s| s.rounds),
                place: st.place,
                finished: submitted
                    .as_ref()
                    .is_some_and(|s| s.rounds as usize >= rounds),
                score: submitted
                    .as_ref()
                    .and_then(|s| s.outcome.as_ref().ok().copied()),
                flag: submitted
                    .as_ref()
                    .and_then(|s| s.outcome.as_ref().err().cloned()),
            }
        })
        .collect();
    Ok(ClassView {
        id: class.id,
        code: class.code.clone(),
        join: format!("{}#join={}", app.teams, class.code),
        title: Title {
            ru: scenario.title_in("ru").to_owned(),
            en: scenario.title_in("en").to_owned(),
        },
        round: class.round,
        rounds,
        open: is_open(class, now),
        deadline: class.deadline,
        now,
        teams: lines,
    })
}

async fn list_classes(
    State(app): State<Shared>,
    headers: HeaderMap,
) -> Result<Json<Vec<ClassView>>, ApiError> {
    instructor(&app, bearer(&headers))?;
    let classes = app.store.classes()?;
    Ok(Json(
        classes
            .iter()
            .map(|c| view(&app, c))
            .collect::<Result<_, _>>()?,
    ))
}

async fn create_class(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<ClassView>), ApiError> {
    instructor(&app, bearer(&headers))?;
    let text = text(body)?;
    let scenario = Scenario::from_json(&text).map_err(|e| ApiError::fields(&e))?;
    let class = app.store.create_class(&scenario.to_json())?;
    Ok((StatusCode::CREATED, Json(view(&app, &class)?)))
}

async fn class_view(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<ClassView>, ApiError> {
    instructor(&app, bearer(&headers))?;
    Ok(Json(view(&app, &class_of(&app, id)?)?))
}

async fn delete_class(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    instructor(&app, bearer(&headers))?;
    if app.store.delete_class(id)? {
        app.scenarios
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
        let _ = app.changed.send(id);
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound("class"))
    }
}

/// Starting or closing a round: `{"action": "start", "minutes": 15}` (the timer is
/// optional) or `{"action": "close"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case", tag = "action")]
enum RoundAction {
    Start { minutes: Option<f64> },
    Close,
}

async fn round(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ClassView>, ApiError> {
    instructor(&app, bearer(&headers))?;
    let action: RoundAction = small(body)?;
    let class = class_of(&app, id)?;
    let rounds = training_rounds(&*app.scenario(&class)?);
    match action {
        RoundAction::Start { minutes } => {
            if class.round as usize >= rounds {
                return Err(ApiError::conflict(
                    "action",
                    format!("every round ({rounds}) has been started"),
                ));
            }
            let deadline = match minutes {
                None => None,
                Some(m) if m.is_finite() && m > 0.0 && m <= 24.0 * 60.0 => {
                    Some(now_millis() + (m * 60_000.0) as u64)
                }
                Some(_) => {
                    return Err(ApiError::field(
                        "minutes",
                        "a number of minutes above 0, at most 1440",
                    ))
                }
            };
            app.store.set_round(id, class.round + 1, true, deadline)?;
        }
        RoundAction::Close => app.store.set_round(id, class.round, false, None)?,
    }
    let _ = app.changed.send(id);
    Ok(Json(view(&app, &class_of(&app, id)?)?))
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

/// Server-sent events for the live views: `changed` whenever the class's state does (a team
/// joined or submitted, a round started or closed); the view then fetches the class again.
async fn events(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<TokenQuery>,
) -> Result<impl IntoResponse, ApiError> {
    instructor(&app, bearer(&headers).or(q.token.as_deref()))?;
    class_of(&app, id)?;
    let rx = app.changed.subscribe();
    let stream = futures_util::stream::unfold(rx, move |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(changed) if changed == id => break,
                Ok(_) => continue,
                // Missed some: say changed, the view fetches the whole state anyway.
                Err(broadcast::error::RecvError::Lagged(_)) => break,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
        Some((
            Ok::<_, Infallible>(Event::default().event("changed").data(id.to_string())),
            rx,
        ))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

/// The whole class: its scenario, and each team with its session and latest result.
async fn export(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    instructor(&app, bearer(&headers))?;
    let class = class_of(&app, id)?;
    let parse = |t: &str| serde_json::from_str::<Value>(t).unwrap_or(Value::Null);
    let teams: Vec<Value> = app
        .store
        .teams(id)?
        .into_iter()
        .map(|(t, s)| {
            serde_json::json!({
                "name": t.name,
                "session": t.session.as_deref().map(parse),
                "result": s.as_ref().map(|s| parse(&s.file)),
                "score": s.as_ref().and_then(|s| s.outcome.as_ref().ok().copied()),
                "flag": s.as_ref().and_then(|s| s.outcome.as_ref().err().cloned()),
            })
        })
        .collect();
    Ok(Json(serde_json::json!({
        "code": class.code,
        "round": class.round,
        "scenario": parse(&class.scenario),
        "teams": teams,
    })))
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The leaderboard as a table (the core's CSV, in the dialect of `?lang=ru|en`, Russian by
/// default): place, team, score, rounds, status, and where the result came from.
async fn export_csv(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<LangQuery>,
) -> Result<impl IntoResponse, ApiError> {
    use takt_core::view::csv::{leaderboard_csv, BoardLine, Dialect};
    instructor(&app, bearer(&headers))?;
    let class = view(&app, &class_of(&app, id)?)?;
    let english = q.lang.as_deref() == Some("en");
    let header = if english {
        ["Place", "Team", "Score", "Rounds", "Status", "Source"]
    } else {
        ["Место", "Команда", "Баллы", "Раундов", "Статус", "Источник"]
    };
    let lines: Vec<BoardLine> = class
        .teams
        .iter()
        .map(|t| BoardLine {
            place: t.place,
            team: t.name.clone(),
            score: t.score,
            rounds: t.rounds as usize,
            status: match (&t.flag, t.rounds, t.finished, english) {
                (Some(flag), _, _, true) => format!("flagged: {flag}"),
                (Some(flag), _, _, false) => format!("не подтверждён: {flag}"),
                (None, 0, _, true) => "no result yet".to_owned(),
                (None, 0, _, false) => "результата ещё нет".to_owned(),
                (None, _, true, true) => "verified, every round".to_owned(),
                (None, _, true, false) => "проверен, все раунды".to_owned(),
                (None, _, false, true) => "verified, not every round".to_owned(),
                (None, _, false, false) => "проверен, не все раунды".to_owned(),
            },
            file: format!("takt classroom, class {}", class.code),
        })
        .collect();
    let dialect = if english {
        Dialect::English
    } else {
        Dialect::Russian
    };
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"takt-class-{}.csv\"", class.code),
            ),
        ],
        leaderboard_csv(dialect, header, &lines),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinRequest {
    code: String,
    team: String,
}

/// What a team gets when it joins, and again when it comes back with its secret.
#[derive(Debug, Serialize)]
pub struct TeamView {
    pub team: i64,
    pub name: String,
    /// Shown once to the team when it joins: with it, another computer carries on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub class: i64,
    pub round: u32,
    pub open: bool,
    pub deadline: Option<u64>,
    pub scenario: Value,
    pub session: Option<Value>,
}

fn team_view_of(class: &Class, team: &Team, secret: bool) -> TeamView {
    TeamView {
        team: team.id,
        name: team.name.clone(),
        secret: secret.then(|| team.secret.clone()),
        class: class.id,
        round: class.round,
        open: is_open(class, now_millis()),
        deadline: class.deadline,
        scenario: serde_json::from_str(&class.scenario).unwrap_or(Value::Null),
        session: team
            .session
            .as_deref()
            .and_then(|s| serde_json::from_str(s).ok()),
    }
}

async fn join(
    State(app): State<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<TeamView>), ApiError> {
    let req: JoinRequest = small(body)?;
    let name = req.team.trim();
    if name.is_empty() || name.chars().count() > MAX_TEAM_NAME {
        return Err(ApiError::field(
            "team",
            format!("a team name of 1 to {MAX_TEAM_NAME} characters"),
        ));
    }
    let class = app
        .store
        .class_by_code(&token::normalize_code(&req.code))?
        .ok_or(ApiError::NotFound("join code"))?;
    let team = app.store.join(class.id, name)?;
    let _ = app.changed.send(class.id);
    Ok((StatusCode::CREATED, Json(team_view_of(&class, &team, true))))
}

async fn team_view(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<TeamView>, ApiError> {
    let team = team_of(&app, id, &headers)?;
    Ok(Json(team_view_of(
        &class_of(&app, team.class)?,
        &team,
        false,
    )))
}

/// A JSON body sent as it is stored (no parse and write again).
fn raw_json(text: String) -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        text,
    )
}

/// The team's session as it last saved it (404 before it has saved one).
async fn team_session(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<impl IntoResponse, ApiError> {
    let team = team_of(&app, id, &headers)?;
    team.session
        .map(raw_json)
        .ok_or(ApiError::NotFound("session"))
}

/// The class's scenario, for the team's page to read with the core's reader.
async fn team_scenario(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<impl IntoResponse, ApiError> {
    let team = team_of(&app, id, &headers)?;
    Ok(raw_json(class_of(&app, team.class)?.scenario))
}

async fn save_session(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, ApiError> {
    let team = team_of(&app, id, &headers)?;
    let text = text(body)?;
    let session = Session::from_json(&text).map_err(|e| match e {
        takt_core::training::session::SessionError::Unreadable(e)
        | takt_core::training::session::SessionError::Scenario(e) => ApiError::fields(&e),
        e => ApiError::field("version", e.to_string()),
    })?;
    let class = class_of(&app, team.class)?;
    if session.scenario != *app.scenario(&class)? {
        return Err(ApiError::field("scenario", "not the class's scenario"));
    }
    app.store.save_session(team.id, &text)?;
    Ok(StatusCode::NO_CONTENT)
}

/// A verified submission.
#[derive(Debug, Serialize)]
pub struct Receipt {
    pub rounds: u32,
    pub score: f64,
}

async fn submit(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Receipt>, ApiError> {
    let team = team_of(&app, id, &headers)?;
    let text = text(body)?;
    let file = ResultFile::from_json(&text).map_err(|e| ApiError::field("", e.to_string()))?;
    if file.team.trim().to_lowercase() != team.name.to_lowercase() {
        return Err(ApiError::field(
            "team",
            format!("the file is of team '{}', not '{}'", file.team, team.name),
        ));
    }
    let class = class_of(&app, team.class)?;
    let played = file.rounds.len() as u32;
    if played > class.round {
        return Err(ApiError::conflict(
            "rounds",
            format!(
                "round {played} has not been started (rounds started: {})",
                class.round
            ),
        ));
    }
    if played == class.round && !is_open(&class, now_millis()) {
        return Err(ApiError::conflict(
            "rounds",
            format!("round {played} is closed"),
        ));
    }
    // Re-simulated natively, off the request threads: a result counts only as verified.
    let scenario = app.scenario(&class)?;
    let outcome = tokio::task::spawn_blocking(move || verify(&scenario, &file, |_, _| {}))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let submitted = Submitted {
        file: text,
        rounds: played,
        outcome: outcome
            .as_ref()
            .map(|v| v.score)
            .map_err(ToString::to_string),
        received: now_millis(),
    };
    app.store.save_result(team.id, &submitted)?;
    let _ = app.changed.send(class.id);
    match outcome {
        Ok(v) => Ok(Json(Receipt {
            rounds: played,
            score: v.score,
        })),
        Err(flag) => Err(ApiError::field("rounds", flag.to_string())),
    }
}
