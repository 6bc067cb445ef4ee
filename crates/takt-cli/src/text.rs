//! `takt analyze --format text`: the analysis as readable tables.
//!
//! Stations and operators are listed by id, the column a script reads; when the scenario
//! gives them display names, a `name` column beside the id shows them in the language asked
//! for (`--lang`), as does the title line.

use std::fmt::Write;
use takt_core::lean::{Analysis, Estimate, Waste};
use takt_core::Scenario;

/// The analysis of `sc` as tables: KPIs, stations (cycle time against takt, state and
/// bottleneck shares, OEE), line balance, operators, wastes ranked by money. Display names
/// in `lang` (`"ru"` or `"en"`).
pub fn render(sc: &Scenario, a: &Analysis, lang: &str) -> String {
    let r = &a.report;
    let k = &a.kpis;
    let unit = r.time_unit.symbol();
    // Whether stations and operators have display names: then a `name` column after the id.
    let named_stations = sc.stations.iter().any(|s| s.name.is_some());
    let named_operators = sc.operators.iter().any(|o| o.name.is_some());
    let station = |id: &str| sc.station_label(id, lang).to_owned();
    // A station in prose: its id, and its name in brackets when it has one.
    let station_in_text = |id: &str| match sc.station_label(id, lang) {
        name if name == id => id.to_owned(),
        name => format!("{id} ({name})"),
    };
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!(
        "{} — {} replication(s), seed {}; times in {unit}, money in roubles; ± is the 95 % CI half-width",
        sc.title_in(lang),
        r.replications,
        r.seed
    ));
    line(String::new());
    let lead = match (
        &k.lead_time,
        r.lead_time.p50,
        r.lead_time.p90,
        r.lead_time.p95,
    ) {
        (Some(m), Some(p50), Some(p90), Some(p95)) => format!(
            "{} (p50 {}, p90 {}, p95 {})",
            est(m),
            num(p50),
            num(p90),
            num(p95)
        ),
        _ => "—".into(),
    };
    let opt = |x: &Option<Estimate>, f: fn(&Estimate) -> String| x.as_ref().map_or("—".into(), f);
    let rows = vec![
        vec!["output / выработка".into(), est(&k.completed)],
        vec!["order / заказ".into(), opt(&k.order, est)],
        vec![
            "plan attainment / выполнение плана".into(),
            opt(&k.plan_attainment, pct_est),
        ],
        vec![format!("throughput, per {unit}"), est(&k.throughput)],
        vec!["lead time / время протекания процесса".into(), lead],
        vec!["WIP / НЗП".into(), est(&k.wip)],
        vec!["takt time / время такта".into(), opt(&k.takt_time, est)],
        vec![
            "value-added ratio / доля добавленной ценности".into(),
            opt(&k.value_added_ratio, pct_est),
        ],
        vec![
            "first-pass yield / выход годных с первого раза".into(),
            pct_est(&k.first_pass_yield),
        ],
        vec!["scrapped / брак".into(), est(&k.scrapped)],
        vec!["sent to rework / на доработку".into(), est(&k.reworked)],
        vec!["revenue / выручка".into(), est(&k.revenue)],
        vec!["material / материалы".into(), est(&k.material_cost)],
        vec!["labour / труд".into(), est(&k.labour_cost)],
        vec!["holding / хранение".into(), est(&k.holding_cost)],
        vec!["unit cost / себестоимость".into(), opt(&k.unit_cost, est)],
        vec!["profit / прибыль".into(), est(&k.profit)],
    ];
    line(table(
        "Line KPIs / показатели линии",
        &["KPI", "value"],
        1,
        rows,
    ));
    line(format!(
        "Little's law self-check: WIP {} vs throughput × lead time {} (gap {})",
        num(k.little.wip.mean),
        num(k.little.throughput_x_lead_time.mean),
        pct(k.little.gap.mean)
    ));
    line(String::new());

    let takt = a
        .balance
        .takt_time
        .map_or(String::new(), |t| format!(" (takt {})", num(t)));
    let rows = a
        .balance
        .stations
        .iter()
        .zip(&a.stations)
        .zip(&r.stations)
        .map(|((plan, obs), st)| {
            with_name(
                named_stations,
                station(&plan.id),
                vec![
                    plan.id.clone(),
                    plan.servers.to_string(),
                    num(plan.cycle_time),
                    obs.cycle_time.as_ref().map_or("—".into(), est),
                    plan.takt_ratio.map_or("—".into(), num),
                    pct(st.utilization),
                    pct(st.setup),
                    pct(st.down),
                    pct(st.starved),
                    pct(st.blocked),
                    pct(st.off),
                    pct(st.bottleneck.sole),
                    pct(st.bottleneck.shifting),
                    pct(st.primary),
                ],
            )
        })
        .collect();
    let header = [
        "station",
        "servers",
        "cycle plan",
        "cycle run",
        "plan/takt",
        "working",
        "setup",
        "down",
        "starved",
        "blocked",
        "off",
        "bn sole",
        "bn shift",
        "primary",
    ];
    line(table(
        &format!("Stations: cycle time / время цикла per unit{takt}, time shares, bottleneck (active period method)"),
        &with_name(named_stations, "name", header.to_vec()),
        1 + usize::from(named_stations),
        rows,
    ));
    line(format!(
        "Primary bottleneck: {}. A high working share alone does not make a bottleneck: stations \
         upstream of it are mostly blocked, downstream mostly starved.",
        station_in_text(&r.bottleneck)
    ));
    line(String::new());

    let rows = a
        .stations
        .iter()
        .map(|s| {
            with_name(
                named_stations,
                station(&s.id),
                vec![
                    s.id.clone(),
                    pct_est(&s.oee.availability),
                    pct_est(&s.oee.performance),
                    pct_est(&s.oee.quality),
                    pct_est(&s.oee.oee),
                ],
            )
        })
        .collect();
    line(table(
        "OEE / ОЕЕ = availability × performance × quality",
        &with_name(
            named_stations,
            "name",
            vec!["station", "availability", "performance", "quality", "OEE"],
        ),
        1 + usize::from(named_stations),
        rows,
    ));

    let b = &a.balance;
    line(format!(
        "Line balance: Σt {} over {} stations, longest C {} ({}); efficiency Σt ÷ (N·C) {}, balance loss {}{}",
        num(b.total_cycle_time),
        b.stations.len(),
        num(b.cycle_time),
        station_in_text(&b.bottleneck),
        pct(b.efficiency),
        pct(b.loss),
        match (b.min_stations, b.takt_time) {
            (Some(n), Some(t)) => format!(
                "; minimum stations ⌈{} ÷ {}⌉ = {n}",
                num(b.work_content),
                num(t)
            ),
            _ => String::new(),
        }
    ));
    line(String::new());

    if !a.operators.is_empty() {
        let rows = a
            .operators
            .iter()
            .map(|o| {
                with_name(
                    named_operators,
                    sc.operator_label(&o.id, lang).to_owned(),
                    vec![
                        o.id.clone(),
                        pct_est(&o.utilization),
                        pct_est(&o.walking),
                        pct_est(&o.idle),
                        est(&o.walks),
                    ],
                )
            })
            .collect();
        line(table(
            "Operators / операторы",
            &with_name(
                named_operators,
                "name",
                vec!["operator", "utilization", "walking", "idle", "walks"],
            ),
            1 + usize::from(named_operators),
            rows,
        ));
    }

    let rows = Waste::ALL
        .iter()
        .map(|&w| {
            let f = a.wastes.get(w);
            vec![
                format!("{} / {}", w.en(), w.ru()),
                est(&f.time),
                est(&f.money),
            ]
        })
        .collect();
    line(table(
        "The 7 wastes / 7 видов потерь (GOST R 56908), whole line",
        &["waste", "time", "money"],
        1,
        rows,
    ));
    let rows = a
        .money
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut row = vec![
                (i + 1).to_string(),
                m.station.clone().unwrap_or_else(|| "(line)".into()),
                format!("{} / {}", m.waste.en(), m.waste.ru()),
                num(m.time),
                num(m.money),
                pct(m.share),
            ];
            if named_stations {
                row.insert(2, m.station.as_deref().map(station).unwrap_or_default());
            }
            row
        })
        .collect();
    let mut header = vec!["#", "station", "waste", "time", "money", "share"];
    if named_stations {
        header.insert(2, "name");
    }
    line(table(
        "Where the money goes / куда уходят деньги",
        &header,
        3 + usize::from(named_stations),
        rows,
    ));
    out.trim_end().to_string()
}

/// `row` with `name` inserted after its first cell (the id), when `named`.
fn with_name<T>(named: bool, name: T, mut row: Vec<T>) -> Vec<T> {
    if named {
        row.insert(1, name);
    }
    row
}

/// A titled table: the first `left` columns left-aligned, the others right-aligned.
fn table(title: &str, header: &[&str], left: usize, rows: Vec<Vec<String>>) -> String {
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([header[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let fmt_row = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, c) in cells.enumerate() {
            let pad = " ".repeat(widths[i] - c.chars().count());
            if i < left {
                let _ = write!(s, "  {c}{pad}");
            } else {
                let _ = write!(s, "  {pad}{c}");
            }
        }
        s.trim_end().to_string()
    };
    let mut out = format!("{title}\n");
    out += &fmt_row(&mut header.iter().copied());
    for r in &rows {
        out.push('\n');
        out += &fmt_row(&mut r.iter().map(String::as_str));
    }
    out.push('\n');
    out
}

/// A number with about four significant digits.
fn num(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let decimals = (3 - x.abs().log10().floor() as i32).clamp(0, 6) as usize;
    format!("{x:.decimals$}")
}

/// A fraction as a percentage.
fn pct(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

/// Mean ± CI half-width (just the mean when the half-width is 0).
fn est(e: &Estimate) -> String {
    if e.ci95 > 0.0 {
        format!("{} ± {}", num(e.mean), num(e.ci95))
    } else {
        num(e.mean)
    }
}

/// A fraction's mean ± CI half-width, as percentages.
fn pct_est(e: &Estimate) -> String {
    if e.ci95 > 0.0 {
        format!("{:.1} ± {:.1} %", e.mean * 100.0, e.ci95 * 100.0)
    } else {
        pct(e.mean)
    }
}
