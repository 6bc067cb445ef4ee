//! The coach at the improve step (when the instructor allows it, `training.coach`): the
//! button "Подсказка тренера" with the hints left this round, and this round's hints in words.
//! A hint that starts on a new station needs the sensitivity run of the line, asked of the web
//! worker (`Request::Sensitivity`); the core chooses the hint (`Session::next_hint`), the page
//! only words it.

use crate::fmt::format_number;
use crate::i18n::{t_string, use_i18n};
use crate::names::{lang, tool_label};
use crate::platform::worker::{Failure, Reply, Request, Runner, SensitivityReply};
use crate::refusals::Explain;
use crate::trainee::session::SessionState;
use leptos::prelude::*;
use takt_core::training::coach::{Look, Loss, Sensitivity};
use takt_core::training::session::Session;
use takt_core::training::Hint;
use takt_core::Scenario;

/// The coach's panel: what a hint costs, the button with the hints left, the hints given.
#[component]
pub fn CoachPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let session = state.session;
    let coach = Memo::new(move |_| session.with(|s| s.as_ref().and_then(Session::coach)));
    let left = Memo::new(move |_| session.with(|s| s.as_ref().map_or(0, Session::hints_left)));
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(None::<Failure>);
    let runner = StoredValue::new_local(None::<Runner>);
    // The next hint, from the sensitivity run when it needs one, recorded with its time.
    let give = move |run: Option<&Sensitivity>| {
        state.update(|s| {
            if let Some(hint) = s.next_hint(run) {
                s.take_hint(hint, js_sys::Date::now() as u64);
            }
        })
    };
    let ask = move |_| {
        let Some((needs, line, seed, replications)) = session.with_untracked(|s| {
            s.as_ref()
                .map(|s| (s.hint_needs_run(), s.line(), s.seed, s.replications))
        }) else {
            return;
        };
        failed.set(None);
        if !needs {
            return give(None);
        }
        asking.set(true);
        let request = Request::Sensitivity {
            scenario: Box::new(line),
            seed,
            replications,
        };
        let started = Runner::start(&request, move |reply: SensitivityReply| {
            match reply {
                Reply::Done(run) => give(Some(&run)),
                Reply::Failed(e) => failed.set(Some(e)),
                Reply::Progress { .. } | Reply::Ready => return,
            }
            asking.set(false);
            // The worker is done: let it go once this message handler has returned.
            leptos::task::spawn_local(async move { runner.set_value(None) });
        });
        match started {
            Ok(r) => runner.set_value(Some(r)),
            Err(e) => {
                asking.set(false);
                failed.set(Some(e));
            }
        }
    };
    let hints = move || {
        session.with(|s| {
            let Some(s) = s else { return Vec::new() };
            let line = s.line();
            s.hints
                .iter()
                .enumerate()
                .map(|(k, h)| {
                    view! { <li data-testid=format!("coach-hint-{k}") data-station=h.hint.station.clone()>{hint_text(&h.hint, &line)}</li> }
                })
                .collect::<Vec<_>>()
        })
    };
    move || {
        coach.get().map(|c| {
            let locale = i18n.get_locale();
            let cost = if c.points > 0.0 {
                t_string!(i18n, coach_cost, points = format_number(c.points, locale)).to_string()
            } else {
                t_string!(i18n, coach_free).to_string()
            };
            view! {
                <div class="coach" data-testid="coach">
                    <h3>{tx!(i18n, coach_title)}</h3>
                    <p class="hint">{t_string!(i18n, coach_intro, hints = c.hints).to_string()}" "{cost}</p>
                    <div class="actions">
                        <button type="button" data-testid="coach-ask"
                            disabled=move || left.get() == 0 || asking.get()
                            on:click=ask>
                            {tx!(i18n, coach_ask)}
                        </button>
                        <span class="coach-left" data-testid="coach-left" data-left=move || left.get().to_string()>
                            {move || t_string!(i18n, coach_left, n = left.get()).to_string()}
                        </span>
                    </div>
                    <Show when=move || asking.get()>
                        <p class="hint" role="status" data-testid="coach-asking">{tx!(i18n, coach_asking)}</p>
                    </Show>
                    {move || failed.get().map(|e| view! {
                        <p class="field-error" role="alert" data-testid="coach-error">
                            {move || t_string!(i18n, coach_failed, error = e.explain()).to_string()}
                        </p>
                    })}
                    <ol class="coach-hints" data-testid="coach-hints" aria-live="polite">{hints}</ol>
                </div>
            }
        })
    }
}

/// A hint in words of the interface language, its station by its name.
pub fn hint_text(hint: &Hint, line: &Scenario) -> String {
    let i18n = use_i18n();
    let station = line.station_label(&hint.station, lang()).to_owned();
    match &hint.look {
        // Less than a twentieth of a unit waiting on average: nothing piles up there.
        Look::Queue { waiting } if *waiting >= 0.05 => {
            t_string!(i18n, coach_where, station = station).to_string()
        }
        Look::Queue { .. } => t_string!(i18n, coach_where_flow, station = station).to_string(),
        Look::Loss { loss } => {
            t_string!(i18n, coach_loss, station = station, loss = loss_text(*loss)).to_string()
        }
        Look::Tools { tools, .. } => {
            let tools = tools
                .iter()
                .map(|&t| tool_label(t))
                .collect::<Vec<_>>()
                .join(", ");
            t_string!(i18n, coach_tools, station = station, tools = tools).to_string()
        }
    }
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
