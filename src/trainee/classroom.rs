//! The team's side of a live class (issue 19; the server is `takt classroom`, its API in
//! docs/classroom.md). Shown when the page is opened with `#join=CODE` (the class's join
//! link) or when this browser is already a team of a class.
//!
//! The team joins with the class's code and its name and is shown its secret once. From
//! then on the session is saved to the server on every change, each round's result is
//! submitted as soon as the round has run (the server verifies it; what the network lost is
//! sent again once the server answers), and the round runner
//! waits for the instructor to start the next round ([`ClassGate`]). On another computer the
//! team carries on with its number and secret: the session comes back from the server.

use crate::fmt::format_number;
use crate::i18n::Locale;
use crate::i18n::{t_string, use_i18n};
use crate::platform::http::{call, Answer, Unreachable};
use crate::platform::storage::{Document, Stored};
use crate::trainee::session::SessionState;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde::Deserialize;
use std::time::Duration;
use takt_core::training::result::{fingerprint, ResultFile};
use takt_core::training::session::Session;
use takt_core::training::MAX_TEAM_NAME;
use takt_core::Scenario;

/// This browser's place in a class, kept in storage.
const MEMBERSHIP_KEY: Document = Document::new("classroom");

/// How often the team looks at where the class is.
const POLL: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq)]
struct Membership {
    team: i64,
    secret: String,
    name: String,
    /// The fingerprint of the class's scenario: only that session is saved to the server.
    scenario: String,
}

// Stored as four lines (number, secret, fingerprint, name: the name last, as it may hold
// anything): a serde pair for it would cost the page's budget about 1 KB (docs/bundle.md).
impl std::fmt::Display for Membership {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}\n{}\n{}\n{}",
            self.team, self.secret, self.scenario, self.name
        )
    }
}

impl std::str::FromStr for Membership {
    type Err = ();
    fn from_str(text: &str) -> Result<Self, ()> {
        let mut lines = text.splitn(4, '\n');
        let mut next = || lines.next().map(str::to_owned).ok_or(());
        Ok(Membership {
            team: next()?.parse().map_err(|_| ())?,
            secret: next()?,
            scenario: next()?,
            name: next()?,
        })
    }
}

/// Why the next round cannot be played yet (the instructor has not started it, or has
/// closed it), for the round runner; `None` outside a class or when it may be played.
#[derive(Clone, Copy)]
pub struct ClassGate(pub RwSignal<Option<String>>);

impl ClassGate {
    /// Provides the gate (open) to the page; call once, before the round runner.
    pub fn provide() {
        provide_context(ClassGate(RwSignal::new(None)));
    }

    /// Why the next round is held, if it is (tracked).
    pub fn held() -> Option<String> {
        use_context::<ClassGate>().and_then(|g| g.0.get())
    }
}

/// An answer of the classroom server to a team, read as one shape whatever it answers: the
/// team's view of its class (`POST /api/join`, `GET /api/teams/{id}`), a receipt
/// (`score`), or a refusal (`fields`). One reader, not four: each costs the page's budget.
/// The scenario and the session are not read here: they come on their own
/// (`GET /api/teams/{id}/scenario`, `…/session`) as text for the core's strict readers, so
/// the page links no reader of arbitrary JSON.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Said {
    team: i64,
    name: String,
    secret: Option<String>,
    round: u32,
    open: bool,
    score: f64,
    /// The fields a refusal names.
    fields: Vec<FieldAt>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FieldAt {
    path: String,
}

impl Said {
    fn of(a: &Answer) -> Said {
        serde_json::from_str(&a.body).unwrap_or_default()
    }
}

/// The join code of the page's link (`#join=CODE`), if any.
fn code_in_link() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#join=").map(str::to_owned)
}

/// Why the classroom server did not do what was asked, in the interface language: from the
/// answer's status and the field it names (docs/classroom.md), not the server's own words.
fn why(i18n: I18nContext<Locale>, answer: &Result<Answer, Unreachable>) -> String {
    let Ok(a) = answer else {
        return t_string!(i18n, room_unreachable).to_string();
    };
    match (
        a.status,
        Said::of(a).fields.first().map(|f| f.path.as_str()),
    ) {
        (401, _) => t_string!(i18n, room_bad_key).to_string(),
        (404, _) => t_string!(i18n, room_no_class).to_string(),
        (409, Some("team")) => t_string!(i18n, room_name_taken).to_string(),
        (409, _) => t_string!(i18n, room_round_closed).to_string(),
        (422, Some("team")) => t_string!(i18n, room_name_invalid, max = MAX_TEAM_NAME).to_string(),
        (422, Some("rounds")) => t_string!(i18n, room_not_confirmed).to_string(),
        (status, _) => t_string!(i18n, room_server_refused, status = status).to_string(),
    }
}

/// The team's view from an answer, or why there is none.
fn team_view(
    i18n: I18nContext<Locale>,
    answer: Result<Answer, Unreachable>,
) -> Result<Said, String> {
    match &answer {
        Ok(a) if a.ok() => serde_json::from_str(&a.body)
            .map_err(|_| t_string!(i18n, room_server_refused, status = a.status).to_string()),
        _ => Err(why(i18n, &answer)),
    }
}

/// A labelled text field bound to `value`.
fn text_field(id: &'static str, label: String, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id data-testid=id type="text" autocomplete="off" bind:value=value />
        </div>
    }
}

/// The team's key as shown once and typed back on another computer: `number-secret`.
fn team_key(team: i64, secret: &str) -> String {
    format!("{team}-{secret}")
}

#[component]
pub fn ClassroomCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let gate = use_context::<ClassGate>().map(|g| g.0);
    let member = RwSignal::new(match MEMBERSHIP_KEY.load(str::parse::<Membership>) {
        Stored::Found(m) => Some(m),
        _ => None,
    });
    let link_code = code_in_link();
    let shown = link_code.is_some() || member.with_untracked(Option::is_some);
    let code = RwSignal::new(link_code.unwrap_or_default());
    let name = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    // The team's key, shown once, just after it joined.
    let key_shown = RwSignal::new(None::<String>);
    let class = RwSignal::new(None::<(u32, bool)>);
    // The last word from the server (ok?, what it says): saved, submitted, refused, unreachable.
    let status = RwSignal::new(None::<(bool, String)>);
    let fail = move |e: String| status.set(Some((false, e)));
    // A session or result that did not reach the server (no network): sent again as soon as
    // the server answers the next look.
    let unsent = RwSignal::new(false);
    // Rounds this page knows the server has (sent from here, or found there).
    let sent = RwSignal::new(
        state
            .session
            .with_untracked(|s| s.as_ref().map_or(0, |s| s.rounds.len())),
    );

    // Becoming a team: remembered, and the class's session opened (the server's own copy when
    // it has one: another computer carries on where the team was).
    let become_team = move |view: Said, secret: String, joined: bool| {
        leptos::task::spawn_local(async move {
            let base = format!("/api/teams/{}", view.team);
            let scenario = match call("GET", &format!("{base}/scenario"), Some(&secret), None).await
            {
                Ok(a) if a.ok() => Scenario::from_json(&a.body).ok(),
                _ => None,
            };
            let Some(scenario) = scenario else {
                return fail(t_string!(i18n, room_bad_scenario).to_string());
            };
            let m = Membership {
                team: view.team,
                secret: secret.clone(),
                name: view.name.clone(),
                scenario: fingerprint(&scenario),
            };
            let kept = match call("GET", &format!("{base}/session"), Some(&secret), None).await {
                Ok(a) if a.ok() => Session::from_json(&a.body)
                    .ok()
                    .filter(|s| fingerprint(&s.scenario) == m.scenario),
                _ => None,
            };
            let _ = MEMBERSHIP_KEY.save(&m.to_string());
            match kept {
                Some(s) => state.adopt(s),
                None => state.open_shared(Ok(scenario)),
            }
            class.set(Some((view.round, view.open)));
            sent.set(
                state
                    .session
                    .with_untracked(|s| s.as_ref().map_or(0, |s| s.rounds.len())),
            );
            key_shown.set(joined.then(|| team_key(view.team, &secret)));
            member.set(Some(m));
            status.set(None);
        });
    };
    let join = move |_| {
        let (c, n) = (code.get_untracked(), name.get_untracked());
        // Written with the JSON writer the page already has (a derive would add to it).
        let body = serde_json::json!({"code": c, "team": n}).to_string();
        leptos::task::spawn_local(async move {
            match team_view(i18n, call("POST", "/api/join", None, Some(body)).await) {
                Ok(view) => {
                    let secret = view.secret.clone().unwrap_or_default();
                    become_team(view, secret, true);
                }
                Err(e) => fail(e),
            }
        });
    };
    let resume = move |_| {
        let typed = key.get_untracked();
        let (team, secret) = typed.trim().split_once('-').unwrap_or(("", ""));
        let (path, secret) = (format!("/api/teams/{team}"), secret.to_owned());
        leptos::task::spawn_local(async move {
            match team_view(i18n, call("GET", &path, Some(&secret), None).await) {
                Ok(view) => become_team(view, secret, false),
                Err(e) => fail(e),
            }
        });
    };
    let leave = move |_| {
        MEMBERSHIP_KEY.clear();
        member.set(None);
        class.set(None);
        key_shown.set(None);
        status.set(None);
    };

    // Where the class is, every few seconds, while this browser is a team.
    let poll = move || {
        let Some(m) = member.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match team_view(
                i18n,
                call(
                    "GET",
                    &format!("/api/teams/{}", m.team),
                    Some(&m.secret),
                    None,
                )
                .await,
            ) {
                Ok(v) => {
                    class.set(Some((v.round, v.open)));
                    if unsent.get_untracked() {
                        unsent.set(false);
                        state.session.notify();
                    }
                }
                Err(e) => fail(e),
            }
        });
    };
    poll();
    if let Ok(handle) = set_interval_with_handle(poll, POLL) {
        on_cleanup(move || handle.clear());
    }

    // The session saved to the server on every change; each new round submitted.
    Effect::watch(
        move || state.session.get(),
        move |session, _, _| {
            let (Some(m), Some(s)) = (member.get_untracked(), session.clone()) else {
                return;
            };
            if fingerprint(&s.scenario) != m.scenario {
                return;
            }
            let text = serde_json::to_string(&s).unwrap_or_default();
            let played = s.rounds.len();
            let file = (played > sent.get_untracked())
                .then(|| serde_json::to_string(&ResultFile::of(&s, &m.name)).unwrap_or_default());
            leptos::task::spawn_local(async move {
                let base = format!("/api/teams/{}", m.team);
                let put = call(
                    "PUT",
                    &format!("{base}/session"),
                    Some(&m.secret),
                    Some(text),
                )
                .await;
                if put.is_err() {
                    unsent.set(true);
                }
                let said = match &put {
                    Ok(a) if a.ok() => (true, t_string!(i18n, room_saved).to_string()),
                    _ => (
                        false,
                        t_string!(i18n, room_not_saved, reason = why(i18n, &put)).to_string(),
                    ),
                };
                status.set(Some(said));
                let Some(file) = file else { return };
                let sent_file = call(
                    "POST",
                    &format!("{base}/result"),
                    Some(&m.secret),
                    Some(file),
                )
                .await;
                let said = match &sent_file {
                    Ok(a) if a.ok() => {
                        sent.set(played);
                        let score = Said::of(a).score;
                        let score = format_number(score, i18n.get_locale_untracked());
                        (
                            true,
                            t_string!(i18n, room_submitted, round = played, score = score)
                                .to_string(),
                        )
                    }
                    _ => {
                        if sent_file.is_err() {
                            unsent.set(true);
                        }
                        (
                            false,
                            t_string!(i18n, room_refused, reason = why(i18n, &sent_file))
                                .to_string(),
                        )
                    }
                };
                status.set(Some(said));
            });
        },
        false,
    );

    // The round runner waits for the instructor.
    Effect::new(move |_| {
        let Some(gate) = gate else { return };
        let next = state
            .session
            .with(|s| s.as_ref().and_then(Session::next_round));
        let held = match (member.get(), class.get(), next) {
            (Some(_), Some((round, open)), Some(next))
                if next > round || (next == round && !open) =>
            {
                Some(t_string!(i18n, room_wait, round = next).to_string())
            }
            _ => None,
        };
        gate.set(held);
    });

    let body = move || {
        match member.get() {
        Some(m) => view! {
            <p data-testid="class-joined">{t_string!(i18n, room_joined, name = m.name.clone(), team = m.team)}</p>
            {move || key_shown.get().map(|k| view! { <p class="notice" role="status" data-testid="class-key">{t_string!(i18n, room_key, key = k)}</p> })}
            <div class="actions">
                <button type="button" data-testid="class-leave" on:click=leave>{tx!(i18n, room_leave)}</button>
            </div>
        }
        .into_any(),
        None => view! {
            <p class="hint">{tx!(i18n, room_intro)}</p>
            <div class="fields">
                {text_field("class-code", t_string!(i18n, room_code).to_string(), code)}
                {text_field("class-team", t_string!(i18n, room_team).to_string(), name)}
            </div>
            <div class="actions">
                <button type="button" class="primary" data-testid="class-join" on:click=join>{tx!(i18n, room_join)}</button>
            </div>
            <div class="fields">
                {text_field("class-key-field", t_string!(i18n, room_key_field).to_string(), key)}
            </div>
            <div class="actions">
                <button type="button" data-testid="class-resume" on:click=resume>{tx!(i18n, room_resume)}</button>
            </div>
        }
        .into_any(),
    }
    };
    shown.then(|| view! {
        <section class="card" aria-labelledby="class-title" data-testid="classroom">
            <h2 id="class-title">{tx!(i18n, room_title)}</h2>
            {body}
            {move || status.get().map(|(ok, text)| view! {
                <p data-testid="class-status" class:field-error=!ok role=if ok { "status" } else { "alert" }>{text}</p>
            })}
        </section>
    })
}
