//! What the desk prints: a one-page report per team and the class summary (the
//! leaderboard, each team's changes and KPIs per round). Both print without interactive
//! parts: the team's live replay and every button are for the screen only (`.no-print`).

use crate::fmt::format_number;
use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use takt_core::training::result::Verified;
use takt_core::training::session::Session;

/// A team's changes, round by round (round 2 on: round 1 runs the scenario as given).
#[component]
pub fn ChangesList(session: Session, testid: String) -> impl IntoView {
    let i18n = use_i18n();
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
            let none = r
                .changes
                .is_empty()
                .then(|| view! { <li class="hint">{tx!(i18n, debrief_no_changes)}</li> });
            view! {
                <li>
                    <strong>{move || t_string!(i18n, rounds_round, n = k + 1)}</strong>
                    <ul>{items}{none}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="changes" data-testid=testid>{changes}</ul> }
}

/// One team's debrief: its rounds side by side, its changes, and its last round replayed
/// (on screen only); printable as a one-page report. `focus` is set when the report opens
/// from the leaderboard: it scrolls into view and its heading takes the focus.
#[component]
pub fn TeamReport(verified: Verified, on_print: Callback<()>) -> impl IntoView {
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
    let locale = i18n.get_locale_untracked();
    view! {
        <section class="card team-report" aria-labelledby="team-report-title" data-testid="team-report">
            <h2 id="team-report-title" tabindex="-1">{move || t_string!(i18n, debrief_team, team = verified.team.clone())}</h2>
            <p class="score-total">
                {tx!(i18n, score_total)}" "<strong data-testid="team-report-score">{format_number(verified.score, locale)}</strong>
            </p>
            <crate::trainee::results::RoundsChart session=session.clone() />
            <crate::trainee::results::RoundsTable session=session.clone() locale=locale />
            <h3>{tx!(i18n, debrief_changes)}</h3>
            <ChangesList session=session.clone() testid="team-report-changes".to_owned() />
            {run.map(|r| view! {
                <div class="no-print" data-testid="team-report-replay">
                    <h3>{tx!(i18n, shift_heading)}</h3>
                    <crate::charts::LineDiagram scenario=line run=r />
                </div>
            })}
            <div class="actions no-print">
                <button type="button" class="primary" data-testid="team-report-print" on:click=move |_| on_print.run(())>
                    {tx!(i18n, debrief_print)}
                </button>
            </div>
        </section>
    }
}

/// The leaderboard's first columns' headers (the desk's table and the printed summary's):
/// place, team, points, rounds, status.
pub fn board_head() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <th scope="col">{tx!(i18n, board_rank)}</th>
        <th scope="col">{tx!(i18n, board_team)}</th>
        <th scope="col">{tx!(i18n, score_total)}</th>
        <th scope="col">{tx!(i18n, board_rounds)}</th>
        <th scope="col">{tx!(i18n, board_status)}</th>
    }
}

/// One line of the class summary's leaderboard, worded.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryLine {
    pub place: String,
    pub team: String,
    pub score: String,
    pub rounds: usize,
    pub status: String,
}

/// The class summary, for print only: the leaderboard, then every counted team's KPIs and
/// changes per round.
#[component]
pub fn ClassSummary(
    title: Signal<String>,
    lines: Signal<Vec<SummaryLine>>,
    teams: Signal<Vec<Verified>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        lines
            .get()
            .into_iter()
            .map(|l| {
                view! {
                    <tr>
                        <td class="num">{l.place}</td>
                        <th scope="row">{l.team}</th>
                        <td class="num">{l.score}</td>
                        <td class="num">{l.rounds}</td>
                        <td>{l.status}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let teams = move || {
        let locale = i18n.get_locale();
        teams
            .get()
            .into_iter()
            .map(|v| {
                let team = v.team.clone();
                view! {
                    <section class="summary-team">
                        <h3>{move || t_string!(i18n, debrief_team, team = team.clone())}</h3>
                        <p class="score-total">{tx!(i18n, score_total)}" "<strong>{format_number(v.score, locale)}</strong></p>
                        <crate::trainee::results::RoundsTable session=v.session.clone() locale=locale />
                        <h4>{tx!(i18n, debrief_changes)}</h4>
                        <ChangesList session=v.session.clone() testid="summary-changes".to_owned() />
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <section class="class-summary print-only" data-testid="class-summary" aria-labelledby="class-summary-title">
            <h2 id="class-summary-title">{move || t_string!(i18n, summary_title, title = title.get())}</h2>
            <table class="score-table" data-testid="summary-board">
                <thead><tr>
                    {board_head()}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {teams}
        </section>
    }
}
