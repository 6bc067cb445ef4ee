//! The coach at the improve step (when the instructor allows it, `training.coach`): the
//! button "Подсказка тренера" with the hints left this round, and this round's hints in words.
//! The core chooses each hint (`Session::next_hint`, from the ranking the round's sensitivity
//! run made in the web worker and its analysis); the page only words it.

use crate::fmt::format_number;
use crate::i18n::{t_string, use_i18n};
use crate::names::{lang, tool_label};
use crate::trainee::results::text_items;
use crate::trainee::session::SessionState;
use leptos::prelude::*;
use takt_core::model::Coach;
use takt_core::training::coach::Loss;
use takt_core::training::session::Session;
use takt_core::training::Hint;
use takt_core::Scenario;

/// The coach's panel: what a hint costs, the button with the hints left, the hints given
/// (nothing when the training has no coach: the panel is made anew for each session).
#[component]
pub fn CoachPanel() -> impl IntoView {
    let state = SessionState::get();
    let coach = state
        .session
        .with_untracked(|s| s.as_ref().and_then(Session::coach));
    coach.map(|coach| panel(state, coach))
}

/// The panel of a training with `coach`.
fn panel(state: SessionState, coach: Coach) -> impl IntoView {
    let i18n = use_i18n();
    let session = state.session;
    let left = Memo::new(move |_| session.with(|s| s.as_ref().map_or(0, Session::hints_left)));
    // The next hint, recorded with its time.
    let ask = move |_| {
        state.update(|s| {
            if let Some(hint) = s.next_hint() {
                s.take_hint(hint, js_sys::Date::now() as u64);
            }
        })
    };
    let intro = move || {
        let cost = if coach.points > 0.0 {
            let points = format_number(coach.points, i18n.get_locale());
            t_string!(i18n, coach_cost, points = points).to_string()
        } else {
            t_string!(i18n, coach_free).to_string()
        };
        format!(
            "{} {cost}",
            t_string!(i18n, coach_intro, hints = coach.hints)
        )
    };
    let hints = move || {
        session.with(|s| {
            let Some(s) = s else { return Vec::new() };
            let line = s.line();
            let hints = (0..s.hints.len()).filter_map(|k| s.hint(k));
            let text = |(k, h): (usize, Hint)| (format!("coach-hint-{k}"), hint_text(&h, &line));
            hints.enumerate().map(text).collect()
        })
    };
    view! {
        <section class="card coach" data-testid="coach" aria-labelledby="coach-title">
            <h2 id="coach-title">{tx!(i18n, coach_title)}</h2>
            <p class="hint">{intro}</p>
            <div class="actions">
                <button type="button" data-testid="coach-ask" disabled=move || left.get() == 0 on:click=ask>
                    {tx!(i18n, coach_ask)}
                </button>
                <span class="coach-left" data-testid="coach-left">
                    {move || t_string!(i18n, coach_left, n = left.get()).to_string()}
                </span>
            </div>
            <ol class="coach-hints" data-testid="coach-hints" aria-live="polite">{move || text_items(hints())}</ol>
        </section>
    }
}

/// A hint in words of the interface language, its station by its name.
pub fn hint_text(hint: &Hint, line: &Scenario) -> String {
    let i18n = use_i18n();
    let station = line.station_label(&hint.station, lang()).to_owned();
    match (hint.depth, hint.loss) {
        // Less than a twentieth of a unit waiting on average: nothing piles up there.
        (1, _) if hint.waiting >= 0.05 => t_string!(i18n, coach_where, station = station),
        (1, _) | (_, None) => t_string!(i18n, coach_where_flow, station = station),
        (2, Some(loss)) => t_string!(i18n, coach_loss, station = station, loss = loss_text(loss)),
        (_, Some(_)) => {
            let tools = hint.tools.iter().map(|&t| tool_label(t));
            let tools = tools.collect::<Vec<_>>().join(", ");
            t_string!(i18n, coach_tools, station = station, tools = tools)
        }
    }
    .to_string()
}

/// A loss as the coach names it.
fn loss_text(loss: Loss) -> String {
    let i18n = use_i18n();
    match loss {
        Loss::Overload => t_string!(i18n, coach_loss_overload),
        Loss::OverProcessing => t_string!(i18n, coach_loss_over_processing),
        Loss::Waiting => t_string!(i18n, coach_loss_waiting),
        Loss::Defects => t_string!(i18n, coach_loss_defects),
        Loss::Transport => t_string!(i18n, coach_loss_transport),
        Loss::Changeovers => t_string!(i18n, coach_loss_changeovers),
        Loss::Breakdowns => t_string!(i18n, coach_loss_breakdowns),
    }
    .to_string()
}
