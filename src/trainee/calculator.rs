//! The takt time calculator: two text inputs → `takt_core::lean::formulas::takt_time`.
//! With a session it starts from its scenario's shift and order
//! (`takt_core::lean::formulas::takt_inputs`), so that it shows the scenario's own takt, and
//! says whether its numbers are the scenario's or free ones.

use crate::fmt::format_number;
use crate::names::lang;
use crate::trainee::session::SessionState;
use leptos::prelude::*;
use takt_core::lean::formulas::{takt_inputs, takt_time, LeanError};

use crate::i18n::{t_string, use_i18n};

/// The input a problem belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    AvailableTime,
    Demand,
}

/// Why the calculator shows no result.
#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    /// The available time is not a (finite) number.
    NotANumber,
    /// The demand is not a whole, non-negative number.
    NotAWholeNumber,
    /// The numbers parse, but the core rejects them.
    Lean(LeanError),
}

impl InputError {
    /// The input to mark as invalid.
    pub fn field(&self) -> Field {
        match self {
            Self::NotANumber | Self::Lean(LeanError::AvailableTime(_)) => Field::AvailableTime,
            Self::NotAWholeNumber | Self::Lean(LeanError::Demand) => Field::Demand,
        }
    }
}

impl From<LeanError> for InputError {
    fn from(error: LeanError) -> Self {
        Self::Lean(error)
    }
}

/// Parses the raw input texts and asks the core for the takt time (minutes per unit).
///
/// Accepts a decimal comma (`7,5`) as typed on Russian keyboards.
pub fn takt_from_input(available_time: &str, demand: &str) -> Result<f64, InputError> {
    let available_time = available_time
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
        .ok_or(InputError::NotANumber)?;
    let demand = demand
        .trim()
        .parse::<u64>()
        .map_err(|_| InputError::NotAWholeNumber)?;
    Ok(takt_time(available_time, demand)?)
}

#[component]
pub fn TaktCalculator() -> impl IntoView {
    let i18n = use_i18n();
    let available_time = RwSignal::new(String::from("480"));
    let demand = RwSignal::new(String::from("240"));
    // The current session's scenario, its shift in minutes and its order (none without a
    // session or an order).
    let state = use_context::<SessionState>();
    let source = Memo::new(move |_| {
        state.and_then(|st| {
            st.session.with(|s| {
                let s = s.as_ref()?;
                let (minutes, order) = takt_inputs(&s.scenario)?;
                Some((s.scenario.clone(), minutes, order))
            })
        })
    });
    let fill = move || {
        if let Some((_, minutes, order)) = source.get_untracked() {
            available_time.set(format_number(minutes, i18n.get_locale_untracked()));
            demand.set(order.to_string());
        }
    };
    // A new scenario fills the calculator in with its numbers.
    Effect::watch(
        move || source.with(|s| s.as_ref().map(|(sc, _, _)| sc.clone())),
        move |_, _, _| fill(),
        true,
    );
    // Whether the inputs are the scenario's numbers.
    let from_scenario = move || {
        source.with(|s| {
            s.as_ref().is_some_and(|(_, minutes, order)| {
                let typed = available_time.get().trim().replace(',', ".").parse::<f64>();
                typed.is_ok_and(|t| (t - minutes).abs() < 0.005)
                    && demand.get().trim() == order.to_string()
            })
        })
    };
    let source_note = move || {
        let locale = i18n.get_locale();
        match source.get() {
            Some((sc, minutes, order)) if from_scenario() => t_string!(
                i18n,
                calc_from_scenario,
                name = sc.title_in(lang()).to_owned(),
                minutes = format_number(minutes, locale),
                demand = order
            )
            .to_string(),
            _ => t_string!(i18n, calc_free).to_string(),
        }
    };
    let takt = Memo::new(move |_| {
        available_time
            .with(|available_time| demand.with(|demand| takt_from_input(available_time, demand)))
    });
    // One memo per input, so an error message re-renders only when it changes.
    let error_in = move |field: Field| {
        Memo::new(move |_| {
            takt.with(|takt| {
                takt.as_ref()
                    .err()
                    .filter(|error| error.field() == field)
                    .cloned()
            })
        })
    };
    let available_time_error = error_in(Field::AvailableTime);
    let demand_error = error_in(Field::Demand);

    let error_text = move |error: InputError| match error {
        InputError::NotANumber => tx!(i18n, err_not_number).into_any(),
        InputError::NotAWholeNumber => tx!(i18n, err_not_whole).into_any(),
        InputError::Lean(LeanError::AvailableTime(_)) => tx!(i18n, err_available).into_any(),
        InputError::Lean(LeanError::Demand) => tx!(i18n, err_demand).into_any(),
    };
    let error_message = move |error: Memo<Option<InputError>>, id: &'static str| {
        move || {
            error.get().map(|error| {
                view! {
                    <p class="field-error" id=id data-testid=id>
                        {error_text(error)}
                    </p>
                }
            })
        }
    };
    let output = move || match takt.get() {
        Ok(minutes) => {
            let minutes_text = move || format_number(minutes, i18n.get_locale());
            let seconds_text = move || format_number(minutes * 60.0, i18n.get_locale());
            view! {
                <p class="result" data-testid="takt-result">
                    {move || t_string!(i18n, result_value, minutes = minutes_text(), seconds = seconds_text())}
                </p>
            }
            .into_any()
        }
        Err(_) => view! {
            <p class="result result-empty" data-testid="takt-no-result">
                "—"
            </p>
        }
        .into_any(),
    };

    view! {
        <section class="card" aria-labelledby="calc-title" data-testid="takt-calculator">
            <h2 id="calc-title" data-testid="calc-title">
                {tx!(i18n, calc_title)}
            </h2>
            <p class="intro">{tx!(i18n, calc_intro)}</p>
            <p class="hint" data-testid="calc-source">{source_note}</p>
            <div class="fields">
                <div class="field">
                    <label for="available-time">{tx!(i18n, available_label)}</label>
                    <input
                        id="available-time"
                        data-testid="takt-available"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        bind:value=available_time
                        aria-invalid=move || available_time_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || {
                            available_time_error.with(Option::is_some).then_some("available-error")
                        }
                    />
                    {error_message(available_time_error, "available-error")}
                </div>
                <div class="field">
                    <label for="demand">{tx!(i18n, demand_label)}</label>
                    <input
                        id="demand"
                        data-testid="takt-demand"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        bind:value=demand
                        aria-invalid=move || demand_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || {
                            demand_error.with(Option::is_some).then_some("demand-error")
                        }
                    />
                    {error_message(demand_error, "demand-error")}
                </div>
            </div>
            <div class="output" aria-live="polite">
                <h3 class="result-label">{tx!(i18n, result_label)}</h3>
                {output}
            </div>
            <Show when=move || source.with(Option::is_some) && !from_scenario()>
                <div class="actions">
                    <button type="button" data-testid="calc-fill" on:click=move |_| fill()>
                        {tx!(i18n, calc_fill)}
                    </button>
                </div>
            </Show>
        </section>
    }
}
