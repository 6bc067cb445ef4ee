//! The desk's classroom mode (issue 19): the instructor's console of a live class, on a
//! page of its own (`classroom.html`, the module `takt-room`) served by `takt classroom`
//! (docs/classroom.md), opened by the link the server prints (`#token=…`, the instructor's
//! secret, kept in this browser and taken off the address bar at once, so the projector never
//! shows it).
//!
//! The instructor creates a class from any scenario (the desk's class scenario picker), and
//! the projector shows its join link as a large QR code and its short code; the teams appear
//! as they join. Each round is started for everyone, with an optional timer, and closed;
//! the table shows who has submitted, and the leaderboard ranks the results the server has
//! verified by re-simulation. It is live: the server's events redraw it, no reload. The
//! class is exported whole (JSON) or as the leaderboard (CSV), and handed to the desk
//! ([`handover`]) for the debrief and the print views.

pub mod handover;

use crate::desk::editor::share::{qr_path, qr_svg};
use crate::desk::instructor::class::{ClassPicker, ClassScenario};
use crate::fmt::format_number;
use crate::i18n::{t_string, use_i18n, Locale};
use crate::platform::http::{call, Answer, Unreachable};
use crate::platform::storage::{Key, SaveError};
use handover::Handover;
use leptos::prelude::*;
use leptos_i18n::{I18nContext, Locale as _};
use serde::Deserialize;
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// Where the instructor's token is kept in this browser.
const TOKEN_KEY: Key<String> = Key::new("classroom.token");

/// A class as the server shows it to the instructor (`GET /api/classes/{id}`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct ClassView {
    id: i64,
    code: String,
    join: String,
    title: Title,
    round: u32,
    rounds: u32,
    open: bool,
    deadline: Option<u64>,
    now: u64,
    teams: Vec<TeamLine>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Title {
    ru: String,
    en: String,
}

impl Title {
    fn get(&self, locale: Locale) -> String {
        match locale {
            Locale::ru => self.ru.clone(),
            Locale::en => self.en.clone(),
        }
    }
}

/// One team on the class's leaderboard.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct TeamLine {
    id: i64,
    name: String,
    rounds: u32,
    place: Option<usize>,
    finished: bool,
    score: Option<f64>,
    flag: Option<String>,
}

/// A refusal's first field (docs/classroom.md).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Refusal {
    fields: Vec<RefusedField>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RefusedField {
    path: String,
}

/// Why the server did not do what the instructor asked, in the interface language: from the
/// status and the field the server names, not the server's own words.
fn why(i18n: I18nContext<Locale>, answer: &Result<Answer, Unreachable>) -> String {
    let Ok(a) = answer else {
        return t_string!(i18n, live_unreachable).to_string();
    };
    let refusal: Refusal = serde_json::from_str(&a.body).unwrap_or_default();
    match (a.status, refusal.fields.first().map(|f| f.path.as_str())) {
        (401, _) => t_string!(i18n, live_bad_token).to_string(),
        (404, _) => t_string!(i18n, live_no_class).to_string(),
        (409, _) => t_string!(i18n, live_all_started).to_string(),
        (422, Some("minutes")) => t_string!(i18n, live_minutes).to_string(),
        (status, _) => t_string!(i18n, room_server_refused, status = status).to_string(),
    }
}

/// An answer of the server that this page cannot read (another version of the server).
fn unreadable(i18n: I18nContext<Locale>) -> String {
    t_string!(i18n, live_unreadable).to_string()
}

/// `call` with the instructor's token; the answer's body when it is 2xx, else why not.
async fn ask(
    i18n: I18nContext<Locale>,
    method: &str,
    path: &str,
    token: &str,
    body: Option<String>,
) -> Result<String, String> {
    let answer = call(method, path, Some(token), body).await;
    match &answer {
        Ok(a) if a.ok() => Ok(a.body.clone()),
        _ => Err(why(i18n, &answer)),
    }
}

/// The token of the page's link (`#token=…`), kept and taken off the address bar; else the
/// one kept from an earlier visit.
fn token() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok().unwrap_or_default();
    if let Some(t) = hash.strip_prefix("#token=").filter(|t| !t.is_empty()) {
        TOKEN_KEY.save(&t.to_owned());
        if let Ok(history) = window.history() {
            let path = window.location().pathname().unwrap_or_default();
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
        }
        return Some(t.to_owned());
    }
    TOKEN_KEY.load()
}

/// Minutes and seconds, `m:ss` (whole seconds gone are counted: 15:00 becomes 14:59).
fn clock(millis: u64) -> String {
    let seconds = millis / 1000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The live console.
#[component]
pub fn Classroom() -> impl IntoView {
    let i18n = use_i18n();
    let Some(token) = token() else {
        return view! {
            <section class="card" data-testid="live">
                <h2>{tx!(i18n, live_title)}</h2>
                <p class="field-error" role="alert" data-testid="live-problem">{tx!(i18n, live_no_token)}</p>
            </section>
        }
        .into_any();
    };
    let token = StoredValue::new(token);
    let classes = RwSignal::new(Vec::<ClassView>::new());
    let current = RwSignal::new(None::<ClassView>);
    // Our clock minus the server's, when the class was last read: the timer counts on ours.
    let skew = RwSignal::new(0.0_f64);
    let now = RwSignal::new(js_sys::Date::now());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let picked = RwSignal::new(ClassScenario::remembered());
    let minutes = RwSignal::new(String::new());

    let list = move || {
        leptos::task::spawn_local(async move {
            let answer = ask(i18n, "GET", "/api/classes", &token.get_value(), None).await;
            match answer.and_then(|b| {
                serde_json::from_str::<Vec<ClassView>>(&b).map_err(|_| unreadable(i18n))
            }) {
                Ok(list) => {
                    problem.set(None);
                    classes.set(list);
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    // Reads the class `id` again (after an event or an action).
    let show = move |body: Result<String, String>| match body
        .and_then(|b| serde_json::from_str::<ClassView>(&b).map_err(|_| unreadable(i18n)))
    {
        Ok(c) => {
            skew.set(js_sys::Date::now() - c.now as f64);
            problem.set(None);
            current.set(Some(c));
        }
        Err(e) => problem.set(Some(e)),
    };
    let refresh = move |id: i64| {
        leptos::task::spawn_local(async move {
            let path = format!("/api/classes/{id}");
            show(ask(i18n, "GET", &path, &token.get_value(), None).await);
        });
    };
    list();

    // The live view: the server's events on the open class redraw it.
    let source = StoredValue::new_local(None::<(web_sys::EventSource, Closure<dyn Fn()>)>);
    let close_source = move || {
        if let Some((s, _)) = source.try_update_value(Option::take).flatten() {
            s.close();
        }
    };
    Effect::watch(
        move || current.with(|c| c.as_ref().map(|c| c.id)),
        move |id, _, _| {
            close_source();
            let Some(id) = *id else { return };
            let url = format!("/api/classes/{id}/events?token={}", token.get_value());
            let Ok(events) = web_sys::EventSource::new(&url) else {
                return;
            };
            let on_change = Closure::<dyn Fn()>::new(move || refresh(id));
            let f = on_change.as_ref().unchecked_ref();
            // `open` too: after the connection was lost, whatever changed meanwhile.
            let _ = events.add_event_listener_with_callback("changed", f);
            let _ = events.add_event_listener_with_callback("open", f);
            source.set_value(Some((events, on_change)));
        },
        false,
    );
    on_cleanup(close_source);
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(js_sys::Date::now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }

    let create = move |_| {
        let scenario = picked.with_untracked(|c| c.scenario.to_json());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let made = ask(
                i18n,
                "POST",
                "/api/classes",
                &token.get_value(),
                Some(scenario),
            )
            .await;
            show(made);
            busy.set(false);
            list();
        });
    };
    let open_class = move |id: i64| refresh(id);
    let round = move |start: bool| {
        let Some(id) = current.with_untracked(|c| c.as_ref().map(|c| c.id)) else {
            return;
        };
        let typed = minutes.get_untracked().trim().replace(',', ".");
        let body = match (start, typed.is_empty()) {
            (false, _) => serde_json::json!({"action": "close"}),
            (true, true) => serde_json::json!({"action": "start"}),
            (true, false) => match typed.parse::<f64>() {
                Ok(m) => serde_json::json!({"action": "start", "minutes": m}),
                Err(_) => return problem.set(Some(t_string!(i18n, live_minutes).to_string())),
            },
        };
        leptos::task::spawn_local(async move {
            let path = format!("/api/classes/{id}/round");
            show(
                ask(
                    i18n,
                    "POST",
                    &path,
                    &token.get_value(),
                    Some(body.to_string()),
                )
                .await,
            );
            list();
        });
    };
    let delete = move |id: i64, code: String| {
        let question = t_string!(i18n, live_delete_confirm, code = code).to_string();
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        leptos::task::spawn_local(async move {
            let path = format!("/api/classes/{id}");
            match ask(i18n, "DELETE", &path, &token.get_value(), None).await {
                Ok(_) => {
                    if current.with_untracked(|c| c.as_ref().map(|c| c.id)) == Some(id) {
                        current.set(None);
                    }
                    list();
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    // The class's export downloaded: `export` (JSON) or `export.csv` in the page's language.
    let export = move |csv: bool| {
        let Some((id, code)) =
            current.with_untracked(|c| c.as_ref().map(|c| (c.id, c.code.clone())))
        else {
            return;
        };
        let lang = i18n.get_locale_untracked().as_str();
        leptos::task::spawn_local(async move {
            let (path, name, mime) = if csv {
                (
                    format!("/api/classes/{id}/export.csv?lang={lang}"),
                    format!("takt-class-{code}.csv"),
                    "text/csv",
                )
            } else {
                (
                    format!("/api/classes/{id}/export"),
                    format!("takt-class-{code}.json"),
                    "application/json",
                )
            };
            match ask(i18n, "GET", &path, &token.get_value(), None).await {
                Ok(text) => {
                    let _ = crate::platform::export::download(&name, mime, &text);
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    // The class to the desk, for the debrief and the print views.
    let debrief = move |_| {
        let Some((id, code)) =
            current.with_untracked(|c| c.as_ref().map(|c| (c.id, c.code.clone())))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let path = format!("/api/classes/{id}/export");
            let whole = ask(i18n, "GET", &path, &token.get_value(), None)
                .await
                .and_then(|t| {
                    serde_json::from_str::<serde_json::Value>(&t).map_err(|_| unreadable(i18n))
                });
            let whole = match whole {
                Ok(w) => w,
                Err(e) => return problem.set(Some(e)),
            };
            let results = whole["teams"]
                .as_array()
                .map(|teams| {
                    teams
                        .iter()
                        .filter(|t| !t["result"].is_null())
                        .map(|t| t["result"].to_string())
                        .collect()
                })
                .unwrap_or_default();
            let handover = Handover {
                code,
                scenario: whole["scenario"].to_string(),
                results,
            };
            match handover.leave() {
                Ok(()) => {
                    let _ = window().location().assign("/desk.html#instructor");
                }
                // (in a task: no context to read the language from, so it is passed here)
                Err(SaveError::Unavailable) => {
                    problem.set(Some(t_string!(i18n, save_unavailable).to_string()))
                }
                Err(SaveError::Refused { detail }) => problem.set(Some(
                    t_string!(i18n, save_refused, detail = detail).to_string(),
                )),
            }
        });
    };

    let class_list = move || {
        let locale = i18n.get_locale();
        classes
            .get()
            .into_iter()
            .map(|c| {
                let (id, code) = (c.id, c.code.clone());
                let title = c.title.get(locale);
                let state = t_string!(i18n, live_class_state, round = c.round, rounds = c.rounds, teams = c.teams.len());
                view! {
                    <tr data-testid=format!("live-class-{}", c.code)>
                        <th scope="row" class="live-code">{c.code.clone()}</th>
                        <td>{title}</td>
                        <td>{state}</td>
                        <td><div class="actions">
                            <button type="button" data-testid=format!("live-open-{}", c.code)
                                on:click=move |_| open_class(id)>{tx!(i18n, live_open)}</button>
                            <button type="button" data-testid=format!("live-delete-{}", c.code)
                                on:click=move |_| delete(id, code.clone())>{tx!(i18n, live_delete)}</button>
                        </div></td>
                    </tr>
                }
            })
            .collect_view()
    };

    // The open class: join, rounds, teams.
    let panel = move || {
        let c = current.get()?;
        let locale = i18n.get_locale();
        let qr = qr_path(&c.join).map(|(size, d)| {
            qr_svg(
                size,
                d,
                t_string!(i18n, live_qr, link = c.join.clone()).to_string(),
                "live-qr",
            )
        });
        let started = c.round;
        let left = move || {
            let c = current.get()?;
            let deadline = c.deadline.filter(|_| c.open)?;
            let server_now = now.get() - skew.get();
            let left = (deadline as f64 - server_now).max(0.0) as u64;
            Some(t_string!(i18n, live_left, time = clock(left)))
        };
        let round_state = if started == 0 {
            t_string!(i18n, live_no_round).to_string()
        } else if c.open {
            t_string!(i18n, live_round_open, round = started, rounds = c.rounds).to_string()
        } else {
            t_string!(i18n, live_round_closed, round = started, rounds = c.rounds).to_string()
        };
        let next = started + 1;
        let all_started = started >= c.rounds;
        let teams = c
            .teams
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let submitted = started > 0 && t.rounds >= started;
                let status = match (&t.flag, t.rounds) {
                    (Some(flag), _) => {
                        t_string!(i18n, live_flagged, reason = flag.clone()).to_string()
                    }
                    (None, 0) => t_string!(i18n, live_nothing_yet).to_string(),
                    (None, r) if t.finished => {
                        t_string!(i18n, live_finished, rounds = r).to_string()
                    }
                    (None, r) => t_string!(i18n, live_verified, rounds = r).to_string(),
                };
                view! {
                    <tr data-testid=format!("live-team-{k}") data-team=t.name.clone()
                        data-submitted=submitted.to_string() data-team-id=t.id.to_string()>
                        <td class="num">{t.place.map_or("—".to_owned(), |p| p.to_string())}</td>
                        <th scope="row">{t.name.clone()}</th>
                        <td class="num" data-testid=format!("live-score-{k}")>
                            {t.score.map_or("—".to_owned(), |s| format_number(s, locale))}
                        </td>
                        <td class="num">{t.rounds}</td>
                        <td>{submitted.then_some("✓ ")}{status}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <section class="card live-class" aria-labelledby="live-class-title" data-testid="live-class"
                data-code=c.code.clone() data-round=started.to_string() data-open=c.open.to_string()>
                <h2 id="live-class-title">{c.title.get(locale)}</h2>
                <div class="live-join">
                    <div class="live-join-text">
                        <p>{tx!(i18n, live_join_hint)}</p>
                        <p class="live-join-code" data-testid="live-code">{c.code.clone()}</p>
                        <p class="live-join-link" data-testid="live-link">{c.join.clone()}</p>
                    </div>
                    {qr}
                </div>
                <p class="live-round" data-testid="live-round" role="status">
                    {round_state}" "<span data-testid="live-left">{left}</span>
                </p>
                {(!all_started).then(|| view! {
                    <div class="field live-minutes no-print">
                        <label for="live-minutes">{tx!(i18n, live_minutes_label)}</label>
                        <input id="live-minutes" data-testid="live-minutes" type="text" inputmode="decimal"
                            autocomplete="off" bind:value=minutes />
                    </div>
                })}
                <div class="actions no-print">
                    {(!all_started).then(|| view! {
                        <button type="button" class="primary" data-testid="live-start"
                            on:click=move |_| round(true)>
                            {t_string!(i18n, live_start, round = next)}
                        </button>
                    })}
                    <button type="button" data-testid="live-close" disabled=!c.open
                        on:click=move |_| round(false)>
                        {tx!(i18n, live_close)}
                    </button>
                </div>
                <table class="score-table" data-testid="live-board">
                    <thead><tr>
                        <th scope="col">{tx!(i18n, board_rank)}</th>
                        <th scope="col">{tx!(i18n, board_team)}</th>
                        <th scope="col">{tx!(i18n, score_total)}</th>
                        <th scope="col">{tx!(i18n, board_rounds)}</th>
                        <th scope="col">{tx!(i18n, board_status)}</th>
                    </tr></thead>
                    <tbody>{teams}</tbody>
                </table>
                <p class="hint">{tx!(i18n, live_board_rule)}</p>
                <div class="actions no-print">
                    <button type="button" data-testid="live-debrief" on:click=debrief>{tx!(i18n, live_debrief)}</button>
                    <button type="button" data-testid="live-export-json" on:click=move |_| export(false)>{tx!(i18n, live_export_json)}</button>
                    <button type="button" data-testid="live-export-csv" on:click=move |_| export(true)>{tx!(i18n, board_csv)}</button>
                    <crate::ProjectorSwitch />
                </div>
            </section>
        })
    };

    // The open class first: it is what the projector shows.
    view! {
        {panel}
        <section class="card no-print" aria-labelledby="live-title" data-testid="live">
            <h2 id="live-title">{tx!(i18n, live_title)}</h2>
            <p class="hint">{tx!(i18n, live_hint)}</p>
            {move || problem.get().map(|p| view! {
                <p class="field-error" role="alert" data-testid="live-problem">{p}</p>
            })}
            <ClassPicker class=picked />
            <div class="actions">
                <button type="button" class="primary" data-testid="live-create" disabled=move || busy.get()
                    on:click=create>{tx!(i18n, live_create)}</button>
            </div>
            <table class="score-table" data-testid="live-classes">
                <thead><tr>
                    <th scope="col">{tx!(i18n, live_code)}</th>
                    <th scope="col">{tx!(i18n, live_scenario)}</th>
                    <th scope="col">{tx!(i18n, live_state)}</th>
                    <th scope="col"><span class="visually-hidden">{tx!(i18n, live_open)}</span></th>
                </tr></thead>
                <tbody>{class_list}</tbody>
            </table>
        </section>
    }
    .into_any()
}
