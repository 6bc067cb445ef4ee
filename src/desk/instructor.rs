//! The instructor's desk: teams' result files imported (file picker or drag and drop),
//! each verified by re-simulation in the web worker against the class's scenario, then
//! ranked by the core's leaderboard (unfinished files after finished ones, one team's
//! earlier files as duplicates); flagged files are shown with the reason and not ranked.
//! The counted teams' last rounds side by side for the debrief, the leaderboard as CSV.
//!
//! - [`class`]: the class's scenario (a built-in, a file, the editor's, a share link),
//!   remembered;
//! - [`report`]: what prints: a one-page report per team and the class summary.

pub mod class;
pub mod report;

use crate::desk::best::BestPlanFinder;
use crate::desk::classroom::handover::Handover;
use crate::fmt::format_number;
use crate::fmt::with_ci;
use crate::i18n::{t_string, use_i18n};
use crate::names::kpi_name;
use crate::platform::export::{take_picked, FileError};
use crate::platform::worker::{CheckReply, Failure, Reply, Request, Runner};
use crate::refusals::Explain;
use class::{ClassPicker, ClassScenario, Source};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use report::{ClassSummary, SummaryLine, TeamReport};
use takt_core::training::result::{
    leaderboard, training_rounds, Candidate, Class, Flag, ResultFile, ResultFileError, Standing,
    Verified,
};
use takt_core::training::session::Session;
use takt_core::view::best::share_of_best;
use takt_core::view::csv::{leaderboard_csv, BoardLine, Dialect};
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
    /// The entry of a file named `file` whose text was `read`: waiting to be checked, or
    /// flagged when it could not be read or is not a result file.
    fn read(file: String, read: Result<String, Why>) -> Entry {
        match read.and_then(|text| ResultFile::from_json(&text).map_err(Why::NotResult)) {
            Ok(r) => Entry {
                file,
                team: r.team.clone(),
                result: Some(r),
                status: Status::Waiting,
            },
            Err(e) => Entry {
                file,
                team: String::new(),
                result: None,
                status: Status::Flagged(e),
            },
        }
    }

    fn candidate(&self) -> Candidate<'_> {
        Candidate {
            team: &self.team,
            score: self.score(),
            rounds: self.result.as_ref().map_or(0, |r| r.rounds.len()),
            exported: self.result.as_ref().and_then(|r| r.exported),
        }
    }

    fn verified(&self) -> Option<&Verified> {
        match &self.status {
            Status::Verified(v) => Some(v),
            _ => None,
        }
    }
}

/// Marks the page for printing one team's report (`true`) or the class summary.
fn print_team(team: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force("print-team", team);
    }
}

/// Scrolls to the open team report and gives its heading the focus (once it is drawn).
fn focus_report() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        let heading = document()
            .get_element_by_id("team-report-title")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(h) = heading {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });
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
    let class = RwSignal::new(ClassScenario::remembered());
    let entries = RwSignal::new(Vec::<Entry>::new());
    let runner = StoredValue::new_local(None::<Runner>);
    // The best plan of the class's scenario, once searched: the leaderboard reads every
    // team's score as a share of it.
    let best = RwSignal::new(None::<takt_core::view::best::BestView>);
    let class_line = Memo::new(move |_| Some(class.with(|c| c.scenario.clone())));
    let dragging = RwSignal::new(false);
    // The entry whose report is open, and the projector's large type.
    let selected = RwSignal::new(None::<usize>);
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
            let _ = root.class_list().remove_1("print-team");
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
    let scenario = move || class.with_untracked(|c| c.scenario.clone());
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
                entries.update(|list| list.push(Entry::read(name, read.map_err(Why::File))));
                start();
            });
        }
    };
    // A live class handed over by the classroom mode: its scenario for the class, and every
    // team's latest result checked again here like a dropped file.
    if let Some(h) = Handover::take() {
        if let Ok(sc) = takt_core::Scenario::from_json(&h.scenario) {
            let c = ClassScenario::new(Source::Classroom(h.code.clone()), sc);
            c.remember();
            class.set(c);
        }
        let file = format!("takt classroom {}", h.code);
        entries.update(|list| {
            list.extend(
                h.results
                    .into_iter()
                    .map(|r| Entry::read(file.clone(), Ok(r))),
            )
        });
        start();
    }
    // A new class scenario: every file is checked again against it.
    Effect::watch(
        move || class.with(|c| c.fingerprint.clone()),
        move |_, _, _| {
            // Dropping the runner terminates a check under way.
            runner.set_value(None);
            selected.set(None);
            entries.update(|list| {
                for e in list.iter_mut().filter(|e| e.result.is_some()) {
                    e.status = Status::Waiting;
                }
            });
            start();
        },
        false,
    );

    let total = Memo::new(move |_| class.with(|c| training_rounds(&c.scenario)));
    let standings = Memo::new(move |_| {
        entries.with(|list| {
            let files: Vec<Candidate> = list.iter().map(Entry::candidate).collect();
            leaderboard(&files, total.get())
        })
    });
    // Where an entry stands, in words.
    let status_of = move |list: &[Entry], s: &Standing| -> (String, &'static str, String) {
        let e = &list[s.entry];
        let place = s.place.map_or("—".to_owned(), |p| p.to_string());
        match (&e.status, s.class) {
            (_, Class::Duplicate { latest }) => (
                "—".into(),
                "duplicate",
                t_string!(i18n, board_duplicate, file = list[latest].file.clone()).to_string(),
            ),
            (Status::Verified(_), Class::Unfinished) => (
                place,
                "unfinished",
                t_string!(
                    i18n,
                    board_unfinished,
                    rounds = e.candidate().rounds,
                    total = total.get_untracked()
                )
                .to_string(),
            ),
            (Status::Verified(_), _) => (
                place,
                "verified",
                t_string!(i18n, board_verified).to_string(),
            ),
            (Status::Flagged(why), _) => (
                "—".into(),
                "flagged",
                t_string!(i18n, board_flagged, reason = why.explain()).to_string(),
            ),
            (Status::Checking(done, total), _) => (
                "…".into(),
                "checking",
                t_string!(i18n, board_checking, done = *done, total = *total).to_string(),
            ),
            (Status::Waiting, _) => (
                "…".into(),
                "waiting",
                t_string!(i18n, board_waiting).to_string(),
            ),
        }
    };
    let open_report = move |k: usize| {
        selected.set(Some(k));
        print_team(true);
        focus_report();
    };
    let board = move || {
        let locale = i18n.get_locale();
        let list = entries.get();
        standings
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, standing)| {
                let e = &list[standing.entry];
                let (rank, status, text) = status_of(&list, &standing);
                let mark = match status {
                    "flagged" | "duplicate" => "⚠ ",
                    "verified" | "unfinished" => "✓ ",
                    _ => "",
                };
                let entry = standing.entry;
                view! {
                    <tr data-testid=format!("leader-{k}") data-status=status data-team=e.team.clone()>
                        <td class="num">{rank}</td>
                        <th scope="row">{e.team.clone()}</th>
                        <td class="num">
                            {e.score().map_or("—".into(), |s| format_number(s, locale))}
                            {e.score().and_then(|s| best.with(|b| b.as_ref().and_then(|b| share_of_best(s, b.points)))).map(|share| view! {
                                <span class="share" data-testid=format!("leader-share-{k}")>{t_string!(i18n, best_share, share = share)}</span>
                            })}
                        </td>
                        <td class="num">{e.candidate().rounds}</td>
                        <td>{mark}{text}</td>
                        <td class="file-name">{e.file.clone()}</td>
                        <td>{e.verified().is_some().then(|| view! {
                            <button type="button" class="icon" data-testid=format!("debrief-open-{k}")
                                aria-controls="team-report-title"
                                on:click=move |_| open_report(entry)>
                                {tx!(i18n, debrief_open)}
                            </button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    // The files that count, in leaderboard order.
    let counted = move || -> Vec<Verified> {
        let list = entries.get();
        standings
            .get()
            .iter()
            .filter(|s| s.place.is_some())
            .filter_map(|s| list[s.entry].verified().cloned())
            .collect()
    };
    let board_lines = move || -> Vec<(Standing, String, String)> {
        let list = entries.get();
        standings
            .get()
            .into_iter()
            .map(|s| {
                let (_, _, text) = status_of(&list, &s);
                (s, text, list[s.entry].file.clone())
            })
            .collect()
    };
    let download_csv = move |_| {
        let locale = i18n.get_locale_untracked();
        let list = entries.get_untracked();
        let lines: Vec<BoardLine> = board_lines()
            .into_iter()
            .map(|(s, status, file)| {
                let e = &list[s.entry];
                BoardLine {
                    place: s.place,
                    team: e.team.clone(),
                    score: e.score(),
                    rounds: e.candidate().rounds,
                    status,
                    file,
                }
            })
            .collect();
        let header = [
            t_string!(i18n, board_rank).to_string(),
            t_string!(i18n, board_team).to_string(),
            t_string!(i18n, score_total).to_string(),
            t_string!(i18n, board_rounds).to_string(),
            t_string!(i18n, board_status).to_string(),
            t_string!(i18n, board_file).to_string(),
        ];
        let header = header.each_ref().map(String::as_str);
        let text = leaderboard_csv(Dialect::of_lang(locale.as_str()), header, &lines);
        let name = takt_core::view::files::download_name("leaderboard", "", 0, "csv");
        let _ = crate::platform::export::download(&name, "text/csv", &text);
    };
    let print_summary = move |_| {
        print_team(false);
        let _ = window().print();
    };
    let summary_title = Signal::derive(move || {
        let locale = i18n.get_locale();
        class.with(|c| c.scenario.title_in(locale.as_str()).to_owned())
    });
    let summary_lines = Memo::new(move |_| {
        let locale = i18n.get_locale();
        let list = entries.get();
        board_lines()
            .into_iter()
            .map(|(s, status, _)| {
                let e = &list[s.entry];
                SummaryLine {
                    place: s.place.map_or("—".to_owned(), |p| p.to_string()),
                    team: e.team.clone(),
                    score: e.score().map_or("—".into(), |x| format_number(x, locale)),
                    rounds: e.candidate().rounds,
                    status,
                }
            })
            .collect()
    });
    // Redrawn only when a team's verified session changes, not at every check's progress.
    let counted = Memo::new(move |_| counted());
    let summary_teams = Signal::from(counted);
    let debrief = move || {
        let locale = i18n.get_locale();
        let teams: Vec<(String, Verified)> = counted
            .get()
            .into_iter()
            .map(|v| (v.team.clone(), v))
            .collect();
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
            <ClassPicker class=class />
            <BestPlanFinder scenario=Signal::from(class_line) found=best />
            <div class="fields">
                <div class="field">
                    <label for="results-input">{tx!(i18n, instructor_files)}</label>
                    <input
                        id="results-input"
                        data-testid="results-input"
                        type="file"
                        multiple
                        accept=".json,application/json"
                        on:change:target=move |ev| take_picked(&ev.target(), import)
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
            <p class="hint" data-testid="board-rule">{tx!(i18n, board_rule)}</p>
            <table class="score-table" data-testid="leaderboard">
                <thead><tr>
                    {report::board_head()}
                    <th scope="col">{tx!(i18n, board_file)}</th>
                    <th scope="col"><span class="visually-hidden">{tx!(i18n, debrief_open)}</span></th>
                </tr></thead>
                <tbody>{board}</tbody>
            </table>
            {debrief}
            <div class="actions no-print">
                <button type="button" data-testid="board-csv" on:click=download_csv>
                    {tx!(i18n, board_csv)}
                </button>
                <button type="button" data-testid="summary-print" on:click=print_summary>
                    {tx!(i18n, summary_print)}
                </button>
                <button type="button" data-testid="projector" aria-pressed=move || projector.get().to_string()
                    on:click=move |_| projector.update(|p| *p = !*p)>
                    {tx!(i18n, debrief_projector)}
                </button>
            </div>
        </section>
        <ClassSummary title=summary_title lines=Signal::from(summary_lines) teams=summary_teams />
        {move || {
            let k = selected.get()?;
            let verified = entries.with(|list| list.get(k).and_then(Entry::verified).cloned())?;
            let on_print = Callback::new(|()| {
                print_team(true);
                let _ = window().print();
            });
            Some(view! { <TeamReport verified=verified on_print=on_print /> })
        }}
    }
}
