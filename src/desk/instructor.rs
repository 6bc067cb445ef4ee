//! The instructor's desk: teams' result files imported (file picker or drag and drop),
//! each verified by re-simulation in the web worker, then ranked; flagged files are shown
//! with the reason and not ranked. The verified teams' last rounds side by side for the debrief.

use crate::fmt::format_number;
use crate::fmt::with_ci;
use crate::i18n::{t_string, use_i18n};
use crate::library;
use crate::names::kpi_name;
use crate::platform::export::FileError;
use crate::platform::worker::{CheckReply, Failure, Reply, Request, Runner};
use crate::refusals::Explain;
use leptos::prelude::*;
use takt_core::training::result::{leaderboard, Flag, ResultFile, ResultFileError, Verified};
use takt_core::training::session::Session;
use takt_core::view::debrief::debrief;

/// Where a result file stands.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    /// Waiting for its turn in the worker.
    Waiting,
    /// Being replayed: rounds done of all.
    Checking(u64, u64),
    /// Reproduced: ranked.
    Verified(Box<Verified>),
    /// Not ranked, with the reason.
    Flagged(Why),
}

/// Why a file is not ranked.
#[derive(Debug, Clone, PartialEq)]
enum Why {
    /// The file could not be read (too large, not text).
    File(FileError),
    /// It is not a result file this app reads.
    NotResult(ResultFileError),
    /// Its claims do not hold on the chosen scenario.
    Flag(Flag),
    /// The web worker could not check it.
    Worker(Failure),
}

impl Explain for Why {
    fn explain(&self) -> String {
        match self {
            Why::File(e) => e.explain(),
            Why::NotResult(e) => e.explain(),
            Why::Flag(f) => f.explain(),
            Why::Worker(f) => f.explain(),
        }
    }
}

/// One imported file.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    file: String,
    team: String,
    result: Option<ResultFile>,
    status: Status,
}

impl Entry {
    fn score(&self) -> Option<f64> {
        match &self.status {
            Status::Verified(v) => Some(v.score),
            _ => None,
        }
    }
}

#[component]
pub fn Instructor() -> impl IntoView {
    let i18n = use_i18n();
    let scenarios = StoredValue::new(library::scenarios());
    let chosen = RwSignal::new(0usize);
    let entries = RwSignal::new(Vec::<Entry>::new());
    let runner = StoredValue::new_local(None::<Runner>);
    let dragging = RwSignal::new(false);
    // The team whose report is open (by team name), and the projector's large type.
    let selected = RwSignal::new(None::<String>);
    let projector = RwSignal::new(false);
    Effect::new(move || {
        if let Some(root) = document().document_element() {
            let _ = root
                .class_list()
                .toggle_with_force("projector", projector.get());
        }
    });
    on_cleanup(|| {
        if let Some(root) = document().document_element() {
            let _ = root.class_list().remove_1("projector");
        }
    });

    // Checks the first waiting file in the worker, then the next, one at a time.
    fn check_next(
        entries: RwSignal<Vec<Entry>>,
        runner: StoredValue<Option<Runner>, LocalStorage>,
        scenario: takt_core::Scenario,
    ) {
        let next = entries.with_untracked(|list| {
            list.iter()
                .position(|e| e.status == Status::Waiting)
                .map(|k| (k, list[k].result.clone()))
        });
        let Some((k, result)) = next else {
            runner.set_value(None);
            return;
        };
        let set = move |status: Status| entries.update(|list| list[k].status = status);
        let Some(result) = result else { return };
        let request = Request::Verify {
            scenario: Box::new(scenario.clone()),
            result: Box::new(result),
        };
        let started = Runner::start(&request, move |reply: CheckReply| match reply {
            Reply::Progress { done, total } => set(Status::Checking(done, total)),
            Reply::Done(_) | Reply::Failed(_) => {
                set(match reply {
                    Reply::Done(outcome) => match *outcome {
                        Ok(v) => Status::Verified(Box::new(v)),
                        Err(flag) => Status::Flagged(Why::Flag(flag)),
                    },
                    Reply::Failed(e) => Status::Flagged(Why::Worker(e)),
                    _ => unreachable!("matched above"),
                });
                let scenario = scenario.clone();
                leptos::task::spawn_local(async move { check_next(entries, runner, scenario) });
            }
            Reply::Ready => {}
        });
        match started {
            Ok(r) => runner.set_value(Some(r)),
            Err(e) => set(Status::Flagged(Why::Worker(e))),
        }
    }
    let scenario = move || scenarios.with_value(|l| l[chosen.get_untracked()].1.clone());
    let start = move || {
        if runner.with_value(Option::is_none) {
            check_next(entries, runner, scenario());
        }
    };

    // Reads the chosen files; each becomes an entry (a file that is not a result is flagged).
    let import = move |files: web_sys::FileList| {
        for k in 0..files.length() {
            let Some(file) = files.item(k) else { continue };
            let name = file.name();
            leptos::task::spawn_local(async move {
                let limit = takt_core::json::MAX_DOCUMENT_BYTES;
                let read = crate::platform::export::read_text(&file, limit).await;
                let read = read
                    .map_err(Why::File)
                    .and_then(|text| ResultFile::from_json(&text).map_err(Why::NotResult));
                let entry = match read {
                    Ok(r) => Entry {
                        file: name,
                        team: r.team.clone(),
                        result: Some(r),
                        status: Status::Waiting,
                    },
                    Err(e) => Entry {
                        file: name,
                        team: String::new(),
                        result: None,
                        status: Status::Flagged(e),
                    },
                };
                entries.update(|list| list.push(entry));
                start();
            });
        }
    };
    let rechecks = move |k: usize| {
        chosen.set(k);
        runner.set_value(None);
        entries.update(|list| {
            for e in list.iter_mut().filter(|e| e.result.is_some()) {
                e.status = Status::Waiting;
            }
        });
        start();
    };

    let options = move || scenarios.with_value(|l| library::options(l, i18n.get_locale()));
    let board = move || {
        let locale = i18n.get_locale();
        let list = entries.get();
        let scores: Vec<Option<f64>> = list.iter().map(Entry::score).collect();
        leaderboard(&scores)
            .into_iter()
            .enumerate()
            .map(|(k, standing)| {
                let e = &list[standing.entry];
                let place = standing.place.map_or("—".to_owned(), |p| p.to_string());
                let (rank, status, text) = match &e.status {
                    Status::Verified(_) => (place, "verified", t_string!(i18n, board_verified).to_string()),
                    Status::Flagged(why) => ("—".into(), "flagged", t_string!(i18n, board_flagged, reason = why.explain()).to_string()),
                    Status::Checking(done, total) => ("…".into(), "checking", t_string!(i18n, board_checking, done = *done, total = *total).to_string()),
                    Status::Waiting => ("…".into(), "waiting", t_string!(i18n, board_waiting).to_string()),
                };
                view! {
                    <tr data-testid=format!("leader-{k}") data-status=status data-team=e.team.clone()>
                        <td class="num">{rank}</td>
                        <th scope="row">{e.team.clone()}</th>
                        <td class="num">{e.score().map_or("—".into(), |s| format_number(s, locale))}</td>
                        <td>{if status == "flagged" { "⚠ " } else if status == "verified" { "✓ " } else { "" }}{text}</td>
                        <td class="file-name">{e.file.clone()}</td>
                        <td>{(status == "verified").then(|| {
                            let team = e.team.clone();
                            view! {
                                <button type="button" class="icon" data-testid=format!("debrief-open-{k}")
                                    on:click=move |_| selected.set(Some(team.clone()))>
                                    {tx!(i18n, debrief_open)}
                                </button>
                            }
                        })}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let debrief = move || {
        let locale = i18n.get_locale();
        let teams: Vec<(String, Box<Verified>)> = entries.with(|list| {
            list.iter()
                .filter_map(|e| match &e.status {
                    Status::Verified(v) => Some((e.team.clone(), v.clone())),
                    _ => None,
                })
                .collect()
        });
        (!teams.is_empty()).then(|| {
            let head = teams
                .iter()
                .map(|(team, _)| view! { <th scope="col">{team.clone()}</th> })
                .collect_view();
            let sessions: Vec<&Session> = teams.iter().map(|(_, v)| &v.session).collect();
            let d = debrief(&sessions);
            let rows = d
                .rows
                .into_iter()
                .map(|(kpi, cells)| {
                    let cells = cells
                        .into_iter()
                        .map(|e| {
                            let cell = e.map_or("—".into(), |e| with_ci(e.mean, e.ci95, locale));
                            view! { <td class="num">{cell}</td> }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{kpi_name(kpi)}</th>{cells}</tr> }
                })
                .collect_view();
            let changes = d
                .changes
                .into_iter()
                .map(|n| view! { <td class="num">{n}</td> })
                .collect_view();
            // A team with no round played has no bar (and no figures).
            let labels = teams
                .iter()
                .filter(|(_, v)| !v.session.rounds.is_empty())
                .map(|(team, _)| team.clone())
                .collect();
            let (bars, order) = (d.output, d.order);
            view! {
                <h3>{tx!(i18n, debrief_title)}</h3>
                <crate::trainee::results::OutputChart labels=labels bars=bars order=order prefix="teams"
                    title=t_string!(i18n, debrief_chart).to_string() />
                <table class="rounds-table" data-testid="debrief-table">
                    <thead><tr><th scope="col">{tx!(i18n, score_kpi)}</th>{head}</tr></thead>
                    <tbody>
                        {rows}
                        <tr><th scope="row">{tx!(i18n, debrief_changes)}</th>{changes}</tr>
                    </tbody>
                </table>
            }
        })
    };

    view! {
        <section class="card" aria-labelledby="instructor-title" data-testid="instructor">
            <h2 id="instructor-title">{tx!(i18n, instructor_title)}</h2>
            <p class="hint">{tx!(i18n, instructor_hint)}</p>
            <div class="fields">
                <div class="field">
                    <label for="instructor-scenario">{tx!(i18n, scenario_label)}</label>
                    <select
                        id="instructor-scenario"
                        data-testid="instructor-scenario"
                        on:change:target=move |ev| rechecks(ev.target().value().parse().unwrap_or(0))
                        prop:value=move || chosen.get().to_string()
                    >
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for="results-input">{tx!(i18n, instructor_files)}</label>
                    <input
                        id="results-input"
                        data-testid="results-input"
                        type="file"
                        multiple
                        accept=".json,application/json"
                        on:change:target=move |ev| {
                            if let Some(files) = ev.target().files() {
                                import(files);
                            }
                            ev.target().set_value("");
                        }
                    />
                </div>
            </div>
            <div
                class="drop-area"
                class:dragging=move || dragging.get()
                data-testid="results-drop"
                on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(false);
                    if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                        import(files);
                    }
                }
            >
                {tx!(i18n, instructor_drop)}
            </div>
            <table class="score-table" data-testid="leaderboard">
                <thead><tr>
                    <th scope="col">{tx!(i18n, board_rank)}</th>
                    <th scope="col">{tx!(i18n, board_team)}</th>
                    <th scope="col">{tx!(i18n, score_total)}</th>
                    <th scope="col">{tx!(i18n, board_status)}</th>
                    <th scope="col">{tx!(i18n, board_file)}</th>
                    <th scope="col"><span class="visually-hidden">{tx!(i18n, debrief_open)}</span></th>
                </tr></thead>
                <tbody>{board}</tbody>
            </table>
            {debrief}
            <div class="actions no-print">
                <button type="button" data-testid="projector" aria-pressed=move || projector.get().to_string()
                    on:click=move |_| projector.update(|p| *p = !*p)>
                    {tx!(i18n, debrief_projector)}
                </button>
            </div>
        </section>
        {move || {
            let team = selected.get()?;
            let verified = entries.with(|list| {
                list.iter().find_map(|e| match &e.status {
                    Status::Verified(v) if e.team == team => Some(v.clone()),
                    _ => None,
                })
            })?;
            Some(view! { <TeamReport verified=*verified /> })
        }}
    }
}

/// One team's debrief: its rounds side by side, its changes, and its last round replayed;
/// printable as a one-page report.
#[component]
fn TeamReport(verified: Verified) -> impl IntoView {
    let i18n = use_i18n();
    let session = verified.session;
    let line = session.line();
    let run = takt_core::run(
        &line,
        takt_core::RunOptions {
            seed: session.seed,
            log_limit: crate::trainee::results::REPLAY_LOG_LIMIT,
            ..Default::default()
        },
    )
    .ok();
    let changes = session
        .rounds
        .iter()
        .enumerate()
        .skip(1)
        .map(|(k, r)| {
            let before = StoredValue::new(session.line_after(k));
            let items = r
                .changes
                .iter()
                .map(|c| {
                    let c = c.clone();
                    view! { <li>{move || before.with_value(|b| crate::names::describe(&c, b))}</li> }
                })
                .collect_view();
            view! {
                <li>
                    <strong>{move || t_string!(i18n, rounds_round, n = k + 1)}</strong>
                    <ul>{items}</ul>
                </li>
            }
        })
        .collect_view();
    let locale = i18n.get_locale_untracked();
    view! {
        <section class="card team-report" aria-labelledby="team-report-title" data-testid="team-report">
            <h2 id="team-report-title">{move || t_string!(i18n, debrief_team, team = verified.team.clone())}</h2>
            <p class="score-total">
                {tx!(i18n, score_total)}" "<strong data-testid="team-report-score">{format_number(verified.score, locale)}</strong>
            </p>
            <crate::trainee::results::RoundsChart session=session.clone() />
            <crate::trainee::results::RoundsTable session=session.clone() locale=locale />
            <h3>{tx!(i18n, debrief_changes)}</h3>
            <ul class="changes" data-testid="team-report-changes">{changes}</ul>
            {run.map(|r| view! {
                <h3>{tx!(i18n, shift_heading)}</h3>
                <crate::charts::LineDiagram scenario=line run=r />
            })}
            <div class="actions no-print">
                <button type="button" data-testid="team-report-print" on:click=move |_| { let _ = window().print(); }>
                    {tx!(i18n, debrief_print)}
                </button>
            </div>
        </section>
    }
}
