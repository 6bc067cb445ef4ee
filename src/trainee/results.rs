//! A round's results (KPI cards against the order and targets, where time and money go,
//! the shift itself), the score, the round-over-round comparison and the exports.

use crate::charts::StateBars;
use crate::charts::{LeadTimeHistogram, LineDiagram, WipChart};
use crate::fmt::format_number;
use crate::fmt::{unit_symbol, with_ci};
use crate::i18n::{t_string, use_i18n, Locale};
use crate::names::{kpi_name, lang};
use crate::platform::timing::mark;
use crate::refusals::Explain;
use crate::trainee::session::SessionState;
use leptos::prelude::*;
use takt_core::model::Kpi;
use takt_core::sim::{run, RunOptions};
use takt_core::training::session::Session;
use takt_core::view::csv::{kpi_csv, units_csv, Dialect};
use takt_core::view::files::download_name;
use takt_core::view::results::{kpi_cards, waste_table, GoalKind};
use takt_core::view::rounds::{
    credit_view, profit_after_changes, rounds_output, rounds_table, score_view, Basis,
    CreditFigures, Figure, OutputBar, ScoreRow,
};

/// Most events kept for the replay of a shift (a built-in shift logs a few thousand).
pub const REPLAY_LOG_LIMIT: usize = 200_000;

/// The last round played: KPI cards, state shares, the shift replayed, wastes.
#[component]
pub fn Results(round: usize) -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let Some((played, line, seed, after_changes)) = state.session.with_untracked(|s| {
        s.as_ref().and_then(|s| {
            Some((
                s.rounds.get(round - 1)?.clone(),
                s.line_after(round),
                s.seed,
                // From round 2 on, the profit the score weighs is named beside the shift's.
                (round > 1)
                    .then(|| profit_after_changes(s).get(round - 1).copied())
                    .flatten(),
            ))
        })
    }) else {
        return ().into_any();
    };
    let a = played.analysis;
    let unit = line.time_unit;
    let bottleneck = {
        let (line, id) = (line.clone(), a.report.bottleneck.clone());
        move || format!("▲ {}", line.station_label(&id, lang()))
    };
    mark("takt:results:replay");
    let shift = run(
        &line,
        RunOptions {
            seed,
            replication: 0,
            log_limit: REPLAY_LOG_LIMIT,
            record_units: true,
            ..RunOptions::default()
        },
    )
    .ok();
    mark("takt:results:replayed");
    let units = StoredValue::new(shift.as_ref().map(|r| r.units.clone()).unwrap_or_default());
    let units_line = StoredValue::new(line.clone());
    let card_list = kpi_cards(&a, &line);
    let cards = move || {
        let locale = i18n.get_locale();
        let u = unit_symbol(unit, locale);
        card_list
            .iter()
            .map(|c| {
                let (id, label) = match c.kpi {
                    Kpi::Completed => ("completed", kpi_name(c.kpi)),
                    Kpi::LeadTime => ("lead-time", format!("{}, {u}", kpi_name(c.kpi))),
                    Kpi::Wip => ("wip", kpi_name(c.kpi)),
                    Kpi::Quality => ("quality", format!("{}, %", kpi_name(c.kpi))),
                    Kpi::UnitCost => ("unit-cost", kpi_name(c.kpi)),
                    Kpi::Profit => ("profit", kpi_name(c.kpi)),
                };
                let value = c.value.map_or("—".to_owned(), |e| with_ci(e.mean, e.ci95, locale));
                let status = c.goal.map(|g| if g.met { "met" } else { "missed" });
                let note = c.goal.map(|g| {
                    let goal = format_number(g.value, locale);
                    let text = match g.kind {
                        GoalKind::Order => t_string!(i18n, kpi_of_order, order = goal).to_string(),
                        GoalKind::Target => t_string!(i18n, kpi_target, value = goal).to_string(),
                    };
                    view! {
                        <span class="kpi-note" class:met=g.met>{if g.met { "✓ " } else { "✗ " }}{text}</span>
                    }
                });
                let label = match (c.kpi, after_changes) {
                    (Kpi::Profit, Some(_)) => t_string!(i18n, profit_shift).to_string(),
                    _ => label,
                };
                let after = after_changes.filter(|_| c.kpi == Kpi::Profit).map(|p| view! {
                    <span class="kpi-after" data-testid="kpi-profit-after">
                        {t_string!(i18n, profit_after_changes_is, value = format_number(p, locale)).to_string()}
                    </span>
                });
                view! {
                    <div class="kpi-card" data-testid=format!("kpi-{id}") data-status=status>
                        <span class="kpi-label">{label}</span>
                        <span class="kpi-value" data-testid=format!("kpi-{id}-value")>{value}</span>
                        {note}
                        {after}
                    </div>
                }
            })
            .collect_view()
    };
    let rows = waste_table(&a, &line);
    let waste_rows = move || {
        let locale = i18n.get_locale();
        rows.iter()
            .map(|r| {
                let w = r.waste;
                let name = if locale == Locale::ru { w.ru() } else { w.en() };
                view! {
                    <tr data-testid=format!("waste-{}", w.en())>
                        <th scope="row">{name}</th>
                        <td class="num">{format_number(r.minutes, locale)}</td>
                        <td class="num">{format_number(r.money, locale)}</td>
                        <td class="bar-cell" aria-hidden="true">
                            <svg viewBox="0 0 100 10" preserveAspectRatio="none"><rect width=r.bar * 100.0 height="10" class="waste-bar" /></svg>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let line_for_diagram = line.clone();
    view! {
        <section class="card" aria-labelledby="results-title" data-testid="results">
            <h2 id="results-title" data-testid="results-title">{move || t_string!(i18n, results_title, n = round)}</h2>
            <p class="hint">{move || t_string!(i18n, results_hint, replications = a.report.replications)}</p>
            <div class="kpi-cards" data-testid="kpi-cards">
                {cards}
                <div class="kpi-card" data-testid="kpi-bottleneck">
                    <span class="kpi-label">{tx!(i18n, result_bottleneck)}</span>
                    <span class="kpi-value" data-testid="kpi-bottleneck-value" data-station=a.report.bottleneck.clone()>{bottleneck}</span>
                </div>
            </div>
            <StateBars report=a.report.clone() line=line.clone() />
            {shift.map(|r| view! {
                <h3>{tx!(i18n, shift_heading)}</h3>
                <LineDiagram scenario=line_for_diagram run=r.clone() />
                <div class="chart-row">
                    <WipChart run=r.clone() />
                    <LeadTimeHistogram run=r />
                </div>
            })}
            <h3>{tx!(i18n, wastes_title)}</h3>
            <table class="wastes" data-testid="wastes">
                <thead><tr>
                    <th scope="col">{tx!(i18n, wastes_waste)}</th>
                    <th scope="col">{tx!(i18n, wastes_minutes)}</th>
                    <th scope="col">{tx!(i18n, wastes_roubles)}</th>
                    <th scope="col"><span class="visually-hidden">{tx!(i18n, wastes_share)}</span></th>
                </tr></thead>
                <tbody>{waste_rows}</tbody>
            </table>
            <div class="actions">
                <button type="button" data-testid="export-units" on:click=move |_| {
                    let team = state.session.with_untracked(|s| s.as_ref().map(|s| s.team.clone()).unwrap_or_default());
                    let csv = units.with_value(|u| units_line.with_value(|l| units_csv(l, u, Dialect::of_lang(lang()))));
                    let _ = crate::platform::export::download(&download_name("units", &team, round, "csv"), "text/csv", &csv);
                }>{tx!(i18n, export_units)}</button>
                <a class="button-link" data-testid="open-sheets" href=format!("/sheets.html#round={round}")>{tx!(i18n, sheets_open)}</a>
            </div>
        </section>
    }
    .into_any()
}

/// The score of the last round and every round side by side.
#[component]
pub fn Rounds() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    let session = state.session;
    let score = move || {
        let locale = i18n.get_locale();
        let s = session.get()?;
        let v = score_view(&s, s.rounds.len())?;
        let unit = unit_symbol(s.scenario.time_unit, locale);
        let later = v.round > 2;
        let rows = v
            .rows
            .iter()
            .map(|k| {
                let name = match k.kpi {
                    Kpi::Profit => t_string!(i18n, profit_after_changes).to_string(),
                    Kpi::LeadTime => format!("{}, {unit}", kpi_name(k.kpi)),
                    Kpi::Quality => format!("{}, %", kpi_name(k.kpi)),
                    kpi => kpi_name(kpi),
                };
                let own = later.then(|| view! {
                    <td class="num" data-testid=format!("score-{}-own", k.kpi.name())>
                        {signed(k.own, locale)}
                        <span class="score-own-points">{format!(" ({})", signed(k.own_points, locale))}</span>
                    </td>
                });
                view! {
                    <tr data-testid=format!("score-{}", k.kpi.name())>
                        <th scope="row">{name}</th>
                        <td class="num">{format_number(k.baseline, locale)}</td>
                        <td class="num">{format_number(k.improved, locale)}</td>
                        <td class="num">{with_ci(k.difference.mean, k.difference.ci95, locale)}</td>
                        {own}
                        <td>{if k.clear { t_string!(i18n, score_clear).to_string() } else { t_string!(i18n, score_noise).to_string() }}</td>
                        <td class="score-how" data-testid=format!("score-{}-how", k.kpi.name())>{how(i18n, k, locale)}</td>
                        <td class="num">{format!("{} / {}", format_number(k.points, locale), format_number(k.weight, locale))}</td>
                    </tr>
                }
            })
            .collect_view();
        let negative = (v.total < 0.0).then(|| {
            let names = v
                .losses
                .iter()
                .map(|&k| match k {
                    Kpi::Profit => t_string!(i18n, profit_after_changes).to_string(),
                    k => kpi_name(k),
                })
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <p class="score-negative" data-testid="score-negative">
                    {t_string!(i18n, score_negative, kpis = names).to_string()}
                </p>
            }
        });
        let previous = v.round - 1;
        let credits = credits(i18n, &s, v.round, locale);
        Some(view! {
            <p class="score-total">
                {tx!(i18n, score_total)}" "
                <strong data-testid="score-total">{format_number(v.total, locale)}</strong>
                {format!(" / {}", format_number(v.max, locale))}
                " "
                <span class="score-own-total" data-testid="score-own-total">
                    {t_string!(i18n, score_own_total, n = v.round, previous = previous, points = signed(v.own_total, locale)).to_string()}
                </span>
            </p>
            {negative}
            <p class="hint">{move || t_string!(i18n, score_hint, cost = format_number(v.cost, locale))}</p>
            {credits}
            <p class="hint">{tx!(i18n, score_how_hint)}</p>
            <table class="score-table" data-testid="score-table">
                <thead><tr>
                    <th scope="col">{tx!(i18n, score_kpi)}</th>
                    <th scope="col">{tx!(i18n, score_round_one)}</th>
                    <th scope="col">{tx!(i18n, score_this_round)}</th>
                    <th scope="col">{tx!(i18n, score_difference)}</th>
                    {later.then(|| view! { <th scope="col">{t_string!(i18n, score_own, previous = previous).to_string()}</th> })}
                    <th scope="col">{tx!(i18n, score_verdict)}</th>
                    <th scope="col">{tx!(i18n, score_how)}</th>
                    <th scope="col">{tx!(i18n, score_points)}</th>
                </tr></thead>
                <tbody>
                    {rows}
                    {v.hints.map(|(hints, points)| view! {
                        <tr data-testid="score-hints">
                            <th scope="row" colspan=if later { "7" } else { "6" }>{t_string!(i18n, score_hints, n = hints).to_string()}</th>
                            <td class="num">{signed(-points, locale)}</td>
                        </tr>
                    })}
                </tbody>
            </table>
        })
    };
    let comparison = move || {
        let locale = i18n.get_locale();
        session.get().map(
            |s| view! { <RoundsChart session=s.clone() /> <RoundsTable session=s locale=locale /> },
        )
    };
    view! {
        <section class="card" aria-labelledby="rounds-title" data-testid="rounds">
            <h2 id="rounds-title">{tx!(i18n, score_title)}</h2>
            {score}
            <h3>{tx!(i18n, rounds_title)}</h3>
            {comparison}
        </section>
    }
}

/// What each change of round `round` did, with the lines that make them add up to the
/// round's own points: the changes together (interaction) and the coach's hints.
fn credits(
    i18n: leptos_i18n::I18nContext<Locale>,
    s: &Session,
    round: usize,
    locale: Locale,
) -> Option<impl IntoView> {
    let v = credit_view(s, round)?;
    let figures = |f: &CreditFigures| {
        let (completed, profit) = (signed(f.completed, locale), signed(f.profit, locale));
        let points = signed(f.points, locale);
        t_string!(
            i18n,
            credit_figures,
            completed = completed,
            profit = profit,
            points = points
        )
    };
    // (test id, text) of each line, drawn alike.
    let mut lines: Vec<(String, String)> = v
        .changes
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let change = crate::names::describe(&c.change, &v.line);
            let text = match (&c.figures, &c.refused) {
                (Some(f), _) => format!("{change}: {}", figures(f)),
                (None, Some(r)) => {
                    t_string!(i18n, credit_refused, change = change, reason = r.explain())
                        .to_string()
                }
                (None, None) => change,
            };
            (format!("credit-{k}"), text)
        })
        .collect();
    let together = t_string!(i18n, credit_together);
    let interaction = format!("{together}: {}", figures(&v.interaction));
    lines.push(("credit-interaction".into(), interaction));
    if let Some((n, points)) = v.hints {
        let points = signed(-points, locale);
        let text = t_string!(i18n, credit_hints, n = n, points = points).to_string();
        lines.push(("credit-hints".into(), text));
    }
    let points = signed(v.own_points, locale);
    let total = t_string!(
        i18n,
        credit_total,
        n = round,
        previous = round - 1,
        points = points
    );
    lines.push(("credit-total".into(), total.to_string()));
    Some(view! {
        <h3>{tx!(i18n, credits_title)}</h3>
        <p class="hint">{tx!(i18n, credits_hint)}</p>
        <ul class="credits" data-testid="credits">{text_items(lines)}</ul>
    })
}

/// List items of text, each with its test id (the credits, the coach's hints: one view
/// type for both).
pub fn text_items(items: Vec<(String, String)>) -> impl IntoView {
    items
        .into_iter()
        .map(|(id, text)| view! { <li data-testid=id>{text}</li> })
        .collect_view()
}

/// A change with its sign: "+3" for a rise (`format_number` writes a fall's own sign).
fn signed(x: f64, locale: Locale) -> String {
    let text = format_number(x, locale);
    if x > 0.0 && text != "0" {
        format!("+{text}")
    } else {
        text
    }
}

/// How a KPI's points came about, in words: the gain against its scale (toward the target,
/// or half of round 1), the progress, times the weight.
fn how(i18n: leptos_i18n::I18nContext<Locale>, k: &ScoreRow, locale: Locale) -> String {
    if !k.clear {
        return t_string!(i18n, score_how_noise).to_string();
    }
    let n = |x: f64| format_number(x, locale);
    let scale = match k.basis {
        Basis::Target => t_string!(
            i18n,
            score_scale_target,
            scale = n(k.scale),
            target = n(k.target.unwrap_or_default())
        )
        .to_string(),
        Basis::HalfBaseline => t_string!(i18n, score_scale_half, scale = n(k.scale)).to_string(),
        Basis::HalfDefects => t_string!(i18n, score_scale_defects, scale = n(k.scale)).to_string(),
        Basis::HalfRevenue => t_string!(i18n, score_scale_revenue, scale = n(k.scale)).to_string(),
        Basis::Unknown => return "—".to_owned(),
    };
    let progress = n(k.progress * 100.0);
    let clamped = if k.clamped {
        t_string!(i18n, score_how_clamped).to_string()
    } else {
        String::new()
    };
    t_string!(
        i18n,
        score_how_line,
        gain = signed(k.gain, locale),
        scale = scale,
        progress = progress,
        clamped = clamped,
        weight = n(k.weight),
        points = n(k.points)
    )
    .to_string()
}

/// Every KPI of every round, one column per round.
#[component]
pub fn RoundsTable(session: Session, locale: Locale) -> impl IntoView {
    let i18n = use_i18n();
    let unit = unit_symbol(session.scenario.time_unit, locale);
    let table = rounds_table(&session);
    let head = (1..=session.rounds.len())
        .map(|n| view! { <th scope="col">{move || t_string!(i18n, rounds_round, n = n)}</th> })
        .collect_view();
    let body = table
        .rows
        .into_iter()
        .map(|(figure, values)| {
            let name = match figure {
                Figure::Kpi(kpi @ Kpi::LeadTime) => format!("{}, {unit}", kpi_name(kpi)),
                Figure::Kpi(kpi @ Kpi::Quality) => format!("{}, %", kpi_name(kpi)),
                Figure::Kpi(Kpi::Profit) => t_string!(i18n, profit_shift).to_string(),
                Figure::Kpi(kpi) => kpi_name(kpi),
                Figure::ProfitAfterChanges => t_string!(i18n, profit_after_changes).to_string(),
                Figure::ThroughputPerHour => t_string!(i18n, rounds_throughput).to_string(),
            };
            let cells = values
                .into_iter()
                .map(|v| view! { <td class="num">{v.map_or("—".into(), |v| format_number(v, locale))}</td> })
                .collect_view();
            view! { <tr><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    let extra = table
        .cost
        .into_iter()
        .map(|c| view! { <td class="num">{format_number(c, locale)}</td> })
        .collect_view();
    let cell = |p: Option<f64>| view! { <td class="num">{p.map_or("—".into(), |p| format_number(p, locale))}</td> };
    let scores = table.points.into_iter().map(cell).collect_view();
    let own_scores = table.own_points.into_iter().map(cell).collect_view();
    view! {
        <table class="rounds-table" data-testid="rounds-table">
            <thead><tr><th scope="col">{tx!(i18n, score_kpi)}</th>{head}</tr></thead>
            <tbody>
                {body}
                <tr><th scope="row">{tx!(i18n, rounds_cost)}</th>{extra}</tr>
                <tr data-testid="rounds-scores"><th scope="row">{tx!(i18n, rounds_points_cumulative)}</th>{scores}</tr>
                <tr data-testid="rounds-own-scores"><th scope="row">{tx!(i18n, rounds_points_own)}</th>{own_scores}</tr>
            </tbody>
        </table>
    }
}

/// Output per round (bars with their 95 % interval) against the order line.
#[component]
pub fn RoundsChart(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let (bars, order) = rounds_output(&session);
    let labels = (1..=bars.len())
        .map(|n| t_string!(i18n, rounds_round, n = n).to_string())
        .collect();
    let title = t_string!(i18n, rounds_chart_title).to_string();
    view! { <OutputChart labels=labels bars=bars order=order prefix="rounds" title=title /> }
}

/// Output bars (mean with its 95 % interval) against the order line, one per label; a bar
/// that meets the order is green, one that misses it red, and each carries its figure.
/// Test ids: `{prefix}-chart`, `{prefix}-bar-1`…
#[component]
pub fn OutputChart(
    labels: Vec<String>,
    bars: Vec<OutputBar>,
    order: Option<f64>,
    prefix: &'static str,
    title: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let top = bars
        .iter()
        .map(|b| b.completed.mean + b.completed.ci95)
        .fold(order.unwrap_or(0.0), f64::max)
        .max(1.0)
        * 1.15;
    let (left, width, base, plot_h) = (50.0, 420.0, 200.0, 180.0);
    let y = move |v: f64| base - v / top * plot_h;
    let slot = width / bars.len().max(1) as f64;
    let drawn = bars
        .into_iter()
        .zip(labels)
        .enumerate()
        .map(|(k, (bar, label))| {
            let x = left + slot * k as f64 + slot * 0.2;
            let w = slot * 0.6;
            let (e, met) = (bar.completed, bar.met);
            let mean = e.mean;
            view! {
                <g data-testid=format!("{prefix}-bar-{}", k + 1) class:met=met>
                    <rect x=x y=y(e.mean) width=w height=base - y(e.mean) class="round-bar" />
                    <line x1=x + w / 2.0 x2=x + w / 2.0 y1=y(e.mean - e.ci95) y2=y(e.mean + e.ci95) class="ci-whisker" />
                    <text x=x + w / 2.0 y=y(e.mean + e.ci95) - 6.0 text-anchor="middle" class="bar-total">
                        {move || format_number(mean, i18n.get_locale())}
                    </text>
                    <text x=x + w / 2.0 y=base + 16.0 text-anchor="middle" class="tick">{label}</text>
                </g>
            }
        })
        .collect_view();
    let order_line = order.map(|o| {
        view! {
            <line x1=left x2=left + width y1=y(o) y2=y(o) class="takt-line" />
            <text x=left + width y=y(o) - 6.0 text-anchor="end" class="takt-label">
                {move || t_string!(i18n, rounds_order, n = o)}
            </text>
        }
    });
    view! {
        <figure class="chart" data-testid=format!("{prefix}-chart")>
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox="0 0 500 230" role="img" aria-label=title>
                <line x1=left x2=left + width y1=base y2=base class="grid" />
                {drawn}
                {order_line}
            </svg>
        </figure>
    }
}

/// Downloads: the session (to continue elsewhere or hand in), the results, the KPI table
/// (in the CSV dialect of the interface language), and the result for the instructor, which
/// needs the team's name. Every file's name carries the team and the round
/// ([`download_name`]).
#[component]
pub fn Exports() -> impl IntoView {
    let i18n = use_i18n();
    let state = SessionState::get();
    // Set when a result export was refused for want of a team name.
    let team_missing = RwSignal::new(false);
    let save = move |kind: &'static str,
                     ext: &'static str,
                     mime: &'static str,
                     make: fn(&Session, &str) -> String| {
        move |_| {
            let lang = lang();
            state.session.with_untracked(|s| {
                if let Some(s) = s {
                    let name = download_name(kind, &s.team, s.rounds.len(), ext);
                    let _ = crate::platform::export::download(&name, mime, &make(s, lang));
                }
            })
        }
    };
    let export_result = move |_| {
        let named = state
            .session
            .with_untracked(|s| s.as_ref().is_some_and(|s| !s.team.trim().is_empty()));
        team_missing.set(!named);
        if !named {
            if let Some(field) = document().get_element_by_id("team") {
                use wasm_bindgen::JsCast;
                if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
                    let _ = field.focus();
                }
            }
            return;
        }
        state.session.with_untracked(|s| {
            if let Some(s) = s {
                let file = takt_core::training::result::ResultFile::of(s, &s.team)
                    .exported_at(js_sys::Date::now() as u64);
                let name = download_name("result", &s.team, s.rounds.len(), "json");
                let _ = crate::platform::export::download(
                    &name,
                    "application/json",
                    &serde_json::to_string(&file).unwrap_or_default(),
                );
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="export-title" data-testid="exports">
            <h2 id="export-title">{tx!(i18n, export_title)}</h2>
            <div class="actions">
                <button type="button" data-testid="export-session"
                    on:click=save("session", "json", "application/json", |s, _| serde_json::to_string(s).unwrap_or_default())>
                    {tx!(i18n, export_session)}
                </button>
                <button type="button" data-testid="export-results"
                    on:click=save("results", "json", "application/json", |s, _| serde_json::to_string(&s.rounds).unwrap_or_default())>
                    {tx!(i18n, export_results)}
                </button>
                <button type="button" data-testid="export-kpis"
                    on:click=save("kpis", "csv", "text/csv", |s, lang| kpi_csv(s, Dialect::of_lang(lang)))>
                    {tx!(i18n, export_kpis)}
                </button>
            </div>
            <div class="fields">
                <div class="field">
                    <label for="team">{tx!(i18n, export_team)}</label>
                    <input id="team" data-testid="team" type="text" autocomplete="off"
                        aria-invalid=move || team_missing.get().to_string()
                        aria-describedby=move || team_missing.get().then_some("team-error")
                        prop:value=move || state.session.with(|s| s.as_ref().map(|s| s.team.clone()).unwrap_or_default())
                        on:change:target=move |ev| {
                            let team = ev.target().value().trim().to_owned();
                            if !team.is_empty() { team_missing.set(false); }
                            state.update(|s| s.team = team)
                        } />
                    {move || team_missing.get().then(|| view! {
                        <p class="field-error" id="team-error" role="alert" data-testid="team-error">{tx!(i18n, export_team_required)}</p>
                    })}
                </div>
            </div>
            <div class="actions">
                <button type="button" class="primary" data-testid="export-result"
                    disabled=move || state.session.with(|s| s.as_ref().is_none_or(|s| s.rounds.is_empty()))
                    on:click=export_result>
                    {tx!(i18n, export_result)}
                </button>
            </div>
        </section>
    }
}
