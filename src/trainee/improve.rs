//! Planning the next round: lean tools from the catalog within the round's budget, and
//! line balancing by moving work elements on the Yamazumi chart (drag or keyboard), with
//! live feedback: the station times against takt and a forecast of the planned line over
//! up to 30 replications (`takt_core::view::forecast`), previewed while an element is dragged.

use crate::charts::Yamazumi;
use crate::fmt::{format_number, with_ci};
use crate::i18n::{t_string, use_i18n};
use crate::names::{card_strength, describe, lang, param_label, tool_label};
use crate::platform::timing::mark;
use crate::platform::worker::{ForecastReply, Reply, Request, Runner};
use crate::refusals::Explain;
use crate::trainee::session::SessionState;
use leptos::prelude::*;
use std::collections::BTreeMap;
use takt_core::model::{tool_name, Tool};
use takt_core::training::catalog::card_of;
use takt_core::training::repeat::made_before;
use takt_core::training::session::Session;
use takt_core::training::{cost_of, parse_changes, Change, Param, Reason, Refusal};
use takt_core::view::forecast::{preview_replications, ForecastView, Verdict};
use takt_core::Errors;
use takt_core::Scenario;

/// The plan for the next round and the tools to build it.
#[component]
pub fn Improve() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let session = state.session;
    // The line before the plan, the planned line (or why the plan is refused), the plan's cost.
    let planned = Memo::new(move |_| {
        session.with(|s| {
            s.as_ref().map(|s| {
                let line = s.line();
                let result = s.planned();
                (line, result)
            })
        })
    });
    let budget = move || session.with(|s| s.as_ref().and_then(Session::budget));
    let plan_cost = move || session.with(|s| s.as_ref().map_or(0.0, Session::plan_cost));
    let items = move || {
        let locale = i18n.get_locale();
        session.with(|s| {
            let Some(s) = s else { return Vec::new() };
            let line = s.line();
            s.plan
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    view! {
                        <li data-testid=format!("plan-item-{k}")>
                            <span class="plan-text">{describe(c, &line)}</span>
                            <span class="plan-cost">{format!("{} ₽", format_number(cost_of(&line, c.tool()), locale))}</span>
                            <button type="button" class="icon" data-testid=format!("plan-remove-{k}")
                                aria-label=t_string!(i18n, plan_remove).to_string()
                                on:click=move |_| state.update(|s| { if k < s.plan.len() { s.plan.remove(k); } })>
                                "✕"
                            </button>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let refusal = move || {
        planned.with(|p| match p {
            Some((_, Err(r))) => {
                let r = r.clone();
                Some(view! {
                    <p class="field-error" role="alert" data-testid="plan-refusal">
                        {move || t_string!(i18n, plan_refused, reason = r.explain())}
                    </p>
                })
            }
            _ => None,
        })
    };
    // The element being dragged and the column under it (the forecast previews the drop).
    let hover = RwSignal::new(None::<(String, String)>);
    let board = move || {
        planned.get().map(|(line, result)| {
            let shown = result.map_or(line, |a| a.scenario);
            let on_move = Callback::new(move |(element, to): (String, String)| {
                state.update(|s| s.plan_move(&element, &to));
            });
            let on_hover = Callback::new(move |over: Option<(String, String)>| {
                if hover.with_untracked(|h| *h != over) {
                    hover.set(over);
                }
            });
            view! { <Yamazumi scenario=shown on_move=on_move on_hover=on_hover /> }
        })
    };
    // What the forecast is of: the planned line (the line itself when the plan is refused),
    // or, while an element is dragged over another column, the line as if it were dropped
    // there (a preview); with the rounds' seed and replications.
    let forecast_of = Memo::new(move |_| {
        session.with(|s| {
            let s = s.as_ref()?;
            let line = s.line();
            let preview = hover.with(|h| {
                let (element, to) = h.as_ref()?;
                let mut trial = s.clone();
                trial.plan_move(element, to);
                (trial.plan != s.plan).then_some(trial.plan)
            });
            let planned = |plan: &[Change]| s.try_plan(plan).ok().map(|a| a.scenario);
            let (scenario, is_preview) = match preview.and_then(|plan| planned(&plan)) {
                Some(dropped) => (dropped, true),
                None => (planned(&s.plan).unwrap_or_else(|| line.clone()), false),
            };
            Some(Forecasting {
                scenario,
                seed: s.seed,
                replications: preview_replications(s.replications),
                preview: is_preview,
            })
        })
    });
    view! {
        <section class="card" aria-labelledby="improve-title" data-testid="improve">
            <h2 id="improve-title">{tx!(i18n, improve_title)}</h2>
            <p class="hint">{tx!(i18n, improve_hint)}</p>
            <p class="budget" data-testid="plan-budget">
                {move || {
                    let locale = i18n.get_locale();
                    let cost = format_number(plan_cost(), locale);
                    match budget() {
                        Some(b) => t_string!(i18n, plan_budget, cost = cost, budget = format_number(b, locale)).to_string(),
                        None => t_string!(i18n, plan_cost, cost = cost).to_string(),
                    }
                }}
            </p>
            {board}
            <Forecast of=forecast_of />
            <crate::trainee::layout::LayoutCard />
            <h3>{tx!(i18n, plan_title)}</h3>
            <ul class="plan" data-testid="plan">{items}</ul>
            <Show when=move || session.with(|s| s.as_ref().is_some_and(|s| s.plan.is_empty()))>
                <p class="hint" data-testid="plan-empty">{tx!(i18n, plan_empty)}</p>
            </Show>
            {refusal}
            <ToolForm />
        </section>
    }
}

/// A line to forecast, and how.
#[derive(Debug, Clone, PartialEq)]
struct Forecasting {
    scenario: Scenario,
    seed: u64,
    replications: u64,
    /// The line as if the dragged element were dropped where it is (not the plan yet).
    preview: bool,
}

/// The forecast of a line, computed in the web worker (`Request::Forecast`) as the plan
/// changes and while an element is dragged, so the page never waits for it. One request is
/// in flight at a time; changes that come meanwhile are coalesced and the latest is asked
/// next (latest wins).
#[component]
fn Forecast(of: Memo<Option<Forecasting>>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(None::<(ForecastView, bool)>);
    let asking = Asking {
        of,
        shown,
        runner: StoredValue::new_local(None),
        stale: StoredValue::new(false),
    };
    Effect::new(move |_| {
        of.track();
        asking.ask();
    });
    let text = move || {
        let locale = i18n.get_locale();
        shown.with(|v| {
            let Some((f, _)) = v else {
                return String::new();
            };
            let done = with_ci(f.completed.mean, f.completed.ci95, locale);
            let mut text = match f.order {
                Some(order) => t_string!(
                    i18n,
                    forecast_ci_order,
                    done = done,
                    order = order,
                    replications = f.replications
                )
                .to_string(),
                None => t_string!(
                    i18n,
                    forecast_ci,
                    done = done,
                    replications = f.replications
                )
                .to_string(),
            };
            if let Some(verdict) = f.verdict {
                let said = match verdict {
                    Verdict::Met => t_string!(i18n, forecast_met),
                    Verdict::Missed => t_string!(i18n, forecast_missed),
                    Verdict::Uncertain => t_string!(i18n, forecast_uncertain),
                };
                text = format!("{text} — {said}");
            }
            text
        })
    };
    let verdict = move || {
        shown.with(|v| {
            v.as_ref().and_then(|(f, _)| f.verdict).map(|v| match v {
                Verdict::Met => "met",
                Verdict::Missed => "missed",
                Verdict::Uncertain => "uncertain",
            })
        })
    };
    let preview = move || shown.with(|v| v.as_ref().is_some_and(|(_, p)| *p));
    view! {
        <p class="forecast" data-testid="forecast" aria-live="polite" class:preview=preview class:pending=move || shown.with(Option::is_none) data-verdict=verdict>
            <Show when=preview>
                <span class="forecast-tag" data-testid="forecast-preview">{tx!(i18n, forecast_preview)}</span>" "
            </Show>
            <span data-testid="forecast-text">{text}</span>
        </p>
    }
}

/// The forecast's requests to the worker.
#[derive(Clone, Copy)]
struct Asking {
    of: Memo<Option<Forecasting>>,
    shown: RwSignal<Option<(ForecastView, bool)>>,
    /// The request in flight.
    runner: StoredValue<Option<Runner>, LocalStorage>,
    /// Whether the line has changed since the request in flight was sent.
    stale: StoredValue<bool>,
}

impl Asking {
    /// Asks the worker for the forecast of the latest line, or, while a request is in
    /// flight, marks it stale (it is asked again when the answer comes).
    fn ask(self) {
        if self.runner.try_with_value(Option::is_some) != Some(false) {
            self.stale.try_set_value(true);
            return;
        }
        let Some(Some(f)) = self.of.try_get_untracked() else {
            self.shown.try_set(None);
            return;
        };
        self.stale.set_value(false);
        let request = Request::Forecast {
            scenario: Box::new(f.scenario),
            seed: f.seed,
            replications: f.replications,
        };
        let preview = f.preview;
        mark("takt:forecast:start");
        let started = Runner::start(&request, move |reply: ForecastReply| {
            let view = match reply {
                Reply::Done(view) => (*view).ok(),
                Reply::Failed(_) => None,
                _ => return,
            };
            mark("takt:forecast:end");
            // An answer for a line that has changed meanwhile is not shown: the latest is
            // asked next.
            if self.stale.try_get_value() == Some(false) {
                self.shown.try_set(view.map(|v| (v, preview)));
            }
            // Let the worker go once this message handler has returned, then ask again
            // if the line changed meanwhile.
            leptos::task::spawn_local(async move {
                if self.runner.try_set_value(None).is_none()
                    && self.stale.try_get_value() == Some(true)
                {
                    self.ask();
                }
            });
        });
        match started {
            Ok(r) => {
                self.runner.set_value(Some(r));
            }
            Err(_) => {
                self.shown.set(None);
            }
        }
    }
}

/// Why the tool form's change is not added to the plan, worded when shown (it follows the
/// language).
#[derive(Debug, Clone, PartialEq)]
enum ToolError {
    /// No tool is chosen.
    PickTool,
    /// A field the form refuses, and what it takes.
    Field { name: &'static str, hint: Hint },
    /// The change reader refuses the change.
    Unread(Errors),
    /// The plan with this change is refused (not allowed, over budget, ...).
    Refused(Refusal),
}

/// What a field of the tool form takes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Hint {
    Required,
    Whole,
    Number,
}

impl Explain for ToolError {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        match self {
            ToolError::PickTool => t_string!(i18n, form_pick_tool).to_string(),
            ToolError::Field { name, hint } => {
                let hint = match hint {
                    Hint::Required => t_string!(i18n, form_required),
                    Hint::Whole => t_string!(i18n, form_whole),
                    Hint::Number => t_string!(i18n, form_metres),
                };
                format!("{}: {hint}", param_label(name))
            }
            ToolError::Unread(errors) => errors.explain(),
            ToolError::Refused(r) => {
                t_string!(i18n, plan_refused, reason = r.explain()).to_string()
            }
        }
    }
}

/// A form for any tool of the catalog: its fields come from the tool's parameter list.
#[component]
fn ToolForm() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let line = Memo::new(move |_| state.session.with(|s| s.as_ref().map(Session::line)));
    let tools = Memo::new(move |_| {
        line.with(|l| {
            l.as_ref()
                .map(|l| l.training.clone().unwrap_or_default().allowed_tools())
                .unwrap_or_default()
        })
    });
    let tool = RwSignal::new(None::<Tool>);
    let values = RwSignal::new(BTreeMap::<&'static str, String>::new());
    let error = RwSignal::new(None::<ToolError>);

    // Defaults for a tool's fields: the first station, element or operator; typical numbers.
    let defaults = move |t: Tool| -> BTreeMap<&'static str, String> {
        line.with_untracked(|l| {
            let Some(l) = l else { return BTreeMap::new() };
            t.params()
                .iter()
                .map(|&(name, p)| {
                    let v = match p {
                        Param::Station => l.stations.first().map(|s| s.id.clone()),
                        Param::Element => l
                            .stations
                            .iter()
                            .flat_map(|s| &s.elements)
                            .next()
                            .map(|e| e.key().to_owned()),
                        Param::Operator => l.operators.first().map(|o| o.id.clone()),
                        Param::NewId => Some(format!("op{}", l.operators.len() + 1)),
                        Param::Stations | Param::Limit => None,
                        Param::Count => Some("1".into()),
                        // Where the first station stands on the floor plan.
                        Param::Metres => (l.layout.as_ref())
                            .and_then(|p| p.station(&l.stations.first()?.id))
                            .map(|p| {
                                let v = if name == "x" { p[0] } else { p[1] };
                                crate::fmt::input_number(v, i18n.get_locale_untracked())
                            }),
                    };
                    (name, v.unwrap_or_default())
                })
                .collect()
        })
    };
    let choose = move |t: Option<Tool>| {
        tool.set(t);
        error.set(None);
        values.set(t.map(defaults).unwrap_or_default());
    };

    // The change the form describes, or the first field in error.
    let build = move || -> Result<Change, ToolError> {
        let t = tool.get_untracked().ok_or(ToolError::PickTool)?;
        let vals = values.get_untracked();
        let mut fields = serde_json::Map::new();
        fields.insert("tool".into(), serde_json::Value::String(tool_name(t)));
        for &(name, p) in t.params() {
            let raw = vals
                .get(name)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default();
            let bad = |hint: Hint| ToolError::Field { name, hint };
            let value = match p {
                Param::Station | Param::Element | Param::Operator | Param::NewId => {
                    if raw.is_empty() {
                        return Err(bad(Hint::Required));
                    }
                    serde_json::json!(raw)
                }
                Param::Stations => {
                    serde_json::json!(raw.split(',').filter(|s| !s.is_empty()).collect::<Vec<_>>())
                }
                Param::Metres => match raw.replace(',', ".").parse::<f64>() {
                    Ok(m) if m.is_finite() => serde_json::json!(m),
                    _ => return Err(bad(Hint::Number)),
                },
                Param::Count | Param::Limit => match raw.parse::<u32>() {
                    Ok(n) if n >= 1 || p == Param::Limit => serde_json::json!(n),
                    _ if raw.is_empty() && p == Param::Limit => serde_json::Value::Null,
                    _ => return Err(bad(Hint::Whole)),
                },
            };
            fields.insert(name.into(), value);
        }
        // Read as a plan of one change: the reader's problems are typed (and worded below).
        let one = serde_json::Value::Array(vec![serde_json::Value::Object(fields)]);
        parse_changes(&one.to_string())
            .map_err(ToolError::Unread)
            .and_then(|mut plan| plan.pop().ok_or(ToolError::PickTool))
    };
    let add = move |_| {
        let change = match build() {
            Ok(c) => c,
            Err(e) => return error.set(Some(e)),
        };
        let refused = state.session.with_untracked(|s| {
            let s = s.as_ref()?;
            let mut plan = s.plan.clone();
            plan.push(change.clone());
            s.try_plan(&plan).err()
        });
        match refused {
            Some(r) => error.set(Some(ToolError::Refused(r))),
            None => {
                error.set(None);
                state.update(|s| s.plan.push(change));
            }
        }
    };

    // Said before the change is added: the same tool on the same place as a change of this
    // round's plan, or a card already played on that place (the core refuses both), or a
    // structural choice made in a played round (it is set again and paid for again).
    let repeat_note = move || {
        tool.track();
        values.track();
        let change = build().ok()?;
        let locale = i18n.get_locale();
        state.session.with(|s| {
            let s = s.as_ref()?;
            let line = s.line();
            let mut plan = s.plan.clone();
            plan.push(change.clone());
            if let Err(
                r @ Refusal {
                    reason: Reason::Repeated { .. } | Reason::CardUsed { .. },
                    ..
                },
            ) = s.try_plan(&plan)
            {
                // Not a refusal yet: the change is not in the plan, so its reason alone.
                return Some(
                    t_string!(i18n, plan_cannot_add, reason = r.reason.explain()).to_string(),
                );
            }
            let round = made_before(s.rounds.iter().map(|r| r.changes.as_slice()), &change)?;
            Some(
                t_string!(
                    i18n,
                    plan_made_before,
                    tool = tool_label(change.tool()),
                    round = round,
                    cost = format_number(cost_of(&line, change.tool()), locale)
                )
                .to_string(),
            )
        })
    };

    let tool_options = move || {
        let locale = i18n.get_locale();
        tools.get().into_iter().map(|t| {
            let cost = line.with(|l| l.as_ref().map_or(0.0, |l| cost_of(l, t)));
            let strength = line.with(|l| l.as_ref().and_then(|l| card_of(l, t)).and_then(|c| card_strength(&c, locale)));
            let strength = strength.map(|s| format!(" · {s}")).unwrap_or_default();
            view! { <option value=tool_name(t)>{format!("{} — {} ₽{strength}", tool_label(t), format_number(cost, locale))}</option> }
        }).collect_view()
    };
    let fields = move || {
        let (Some(t), Some(l)) = (tool.get(), line.get()) else {
            return Vec::new();
        };
        // Stations, elements and operators by their names in the interface language.
        let lang = lang();
        t.params()
            .iter()
            .map(|&(name, p)| {
                let id = format!("tool-{name}");
                let label = param_label(name);
                let value = move || values.with(|v| v.get(name).cloned().unwrap_or_default());
                let set = move |v: String| values.update(|m| { m.insert(name, v); });
                let choices: Vec<(String, String)> = match p {
                    Param::Station | Param::Stations => l.stations.iter().map(|s| (s.id.clone(), s.label(lang).to_owned())).collect(),
                    Param::Element => l.stations.iter().flat_map(|s| s.elements.iter().map(move |e| (e.key().to_owned(), format!("{} ({})", e.label(lang), s.label(lang))))).collect(),
                    Param::Operator => l.operators.iter().map(|o| (o.id.clone(), o.label(lang).to_owned())).collect(),
                    _ => Vec::new(),
                };
                let control = match p {
                    Param::Station | Param::Element | Param::Operator => view! {
                        <select id=id.clone() data-testid=id.clone() prop:value=value on:change:target=move |ev| set(ev.target().value())>
                            {choices.into_iter().map(|(v, text)| view! { <option value=v>{text}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    Param::Stations => view! {
                        <fieldset class="checks" data-testid=id.clone()>
                            <legend>{label.clone()}</legend>
                            {choices.into_iter().map(|(v, text)| {
                                let key = v.clone();
                                let checked = move || value().split(',').any(|s| s == key);
                                let v2 = v.clone();
                                view! {
                                    <label class="check">
                                        <input type="checkbox" prop:checked=checked on:change:target=move |ev| {
                                            let on = ev.target().checked();
                                            let mut list: Vec<String> = value().split(',').filter(|s| !s.is_empty() && *s != v2).map(str::to_owned).collect();
                                            if on { list.push(v2.clone()); }
                                            set(list.join(","));
                                        } />
                                        {text}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    }.into_any(),
                    _ => view! {
                        <input id=id.clone() data-testid=id.clone() type="text" autocomplete="off"
                            inputmode=if matches!(p, Param::NewId) { "text" } else { "decimal" }
                            prop:value=value on:input:target=move |ev| set(ev.target().value()) />
                    }.into_any(),
                };
                // The card's bounds of a structural choice, when the instructor sets them.
                let card = card_of(&l, t).unwrap_or_default();
                let bound = |b: Option<u32>| b.map_or("—".to_owned(), |b| b.to_string());
                let bounded = card.min.is_some() || card.max.is_some();
                let hint = match p {
                    Param::Limit | Param::Count if bounded => Some(
                        t_string!(i18n, form_card_bounds, min = bound(card.min), max = bound(card.max)).to_string(),
                    ),
                    Param::Limit => Some(t_string!(i18n, form_limit_hint).to_string()),
                    _ => None,
                };
                view! {
                    <div class="field">
                        {(p != Param::Stations).then(|| view! { <label for=id.clone()>{label.clone()}</label> })}
                        {control}
                        {hint.map(|h| view! { <p class="hint">{h}</p> })}
                    </div>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <h3>{tx!(i18n, catalog_title)}</h3>
        <div class="fields tool-form" data-testid="tool-form">
            <div class="field">
                <label for="tool">{tx!(i18n, catalog_tool)}</label>
                <select id="tool" data-testid="tool-select"
                    prop:value=move || tool.get().map(tool_name).unwrap_or_default()
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        choose(Tool::ALL.into_iter().find(|t| tool_name(*t) == v));
                    }>
                    <option value="">{tx!(i18n, catalog_choose)}</option>
                    {tool_options}
                </select>
            </div>
            {fields}
        </div>
        {move || {
            let locale = i18n.get_locale();
            let t = tool.get()?;
            let card = line.with(|l| l.as_ref().and_then(|l| card_of(l, t)))?;
            let strength = card_strength(&card, locale)?;
            Some(view! { <p class="hint" data-testid="tool-card">{t_string!(i18n, form_card_strength, strength = strength)}</p> })
        }}
        {move || repeat_note().map(|text| view! { <p class="notice warning" role="status" data-testid="tool-repeat">{text}</p> })}
        {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="tool-error">{e.explain()}</p> })}
        <div class="actions">
            <button type="button" class="primary" data-testid="tool-add" disabled=move || tool.get().is_none() on:click=add>
                {tx!(i18n, catalog_add)}
            </button>
        </div>
    }
}
