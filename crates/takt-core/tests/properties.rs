//! Property tests on random lines: conservation, time accounting, clock order, causality,
//! capacities and determinism hold for every scenario the generator makes.

use proptest::prelude::*;
use std::collections::BTreeMap;
use takt_core::analysis::{Analysis, RunAnalysis, Waste};
use takt_core::dist::Dist;
use takt_core::engine::{run, RunOptions, RunResult};
use takt_core::scenario::*;
use takt_core::time::TimeUnit;

fn dist() -> impl Strategy<Value = Dist> {
    prop_oneof![
        (0.5f64..5.0).prop_map(Dist::constant),
        (0.5f64..5.0).prop_map(|mean| Dist::Exponential { mean }),
        (0.2f64..2.0, 0.0f64..3.0).prop_map(|(min, w)| Dist::Uniform { min, max: min + w }),
        (0.2f64..2.0, 0.0f64..1.0, 0.0f64..2.0).prop_map(|(min, a, b)| Dist::Triangular {
            min,
            mode: min + a,
            max: min + a + b
        }),
        (0.5f64..5.0, 0.0f64..1.0).prop_map(|(mean, cv)| Dist::Normal {
            mean,
            sd: mean * cv
        }),
        (0.5f64..5.0, 0.0f64..1.5).prop_map(|(mean, cv)| Dist::Lognormal {
            mean,
            sd: mean * cv
        }),
    ]
}

#[derive(Debug, Clone)]
struct Gen {
    servers: u32,
    process: Dist,
    split: bool,
    buffer: Option<u32>,
    defect: Option<(f64, bool, usize)>,
    breakdown: Option<(Dist, Dist)>,
    setup: Option<(u32, Dist)>,
    batch: u32,
    transport: Option<Dist>,
}

fn station() -> impl Strategy<Value = Gen> {
    (
        1u32..3,
        dist(),
        any::<bool>(),
        prop::option::of(0u32..4),
        prop::option::weighted(0.3, (0.0f64..0.4, any::<bool>(), 0usize..8)),
        prop::option::weighted(0.3, (dist(), dist())),
        prop::option::weighted(0.3, (1u32..6, dist())),
        prop_oneof![3 => Just(1u32), 1 => 2u32..4],
        prop::option::weighted(0.3, dist()),
    )
        .prop_map(
            |(servers, process, split, buffer, defect, breakdown, setup, batch, transport)| Gen {
                servers,
                process,
                split,
                buffer,
                defect,
                breakdown,
                setup,
                batch,
                transport,
            },
        )
}

#[allow(clippy::type_complexity)]
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(station(), 1..6),
        any::<bool>(),
        prop::option::weighted(0.4, 0.5f64..4.0),
        0u8..3,
        1u32..8,
        prop::option::weighted(
            0.3,
            (
                prop::collection::vec(0usize..6, 1..3),
                prop::option::of(dist()),
            ),
        ),
        50f64..600.0,
        any::<bool>(),
        prop::option::weighted(0.3, 2usize..4),
    )
        .prop_map(
            |(gens, assembly, arrivals, policy, limit, crew, horizon, warm, products)| {
                let n = gens.len();
                let mut stations: Vec<Station> = gens
                    .iter()
                    .enumerate()
                    .map(|(i, g)| {
                        let id = format!("s{i}");
                        let (process, elements) = if g.split {
                            let half = |d: &Dist, k| Element {
                                name: format!("{id}-e{k}"),
                                time: d.clone(),
                                value_added: k == 0,
                            };
                            (
                                None,
                                vec![half(&g.process, 0), half(&Dist::constant(0.3), 1)],
                            )
                        } else {
                            (Some(g.process.clone()), vec![])
                        };
                        Station {
                            id: id.clone(),
                            name: None,
                            servers: g.servers,
                            process,
                            elements,
                            buffer: g.buffer,
                            inputs: vec![],
                            defects: g.defect.map(|(rate, rework, to)| Defects {
                                rate,
                                action: if rework {
                                    DefectAction::Rework
                                } else {
                                    DefectAction::Scrap
                                },
                                to: rework.then(|| format!("s{}", to % (i + 1))),
                            }),
                            breakdowns: g.breakdown.clone().map(|(b, r)| Breakdowns {
                                between: Dist::Exponential {
                                    mean: b.mean() * 20.0,
                                },
                                repair: r,
                            }),
                            setup: g.setup.clone().map(|(every, time)| Setup {
                                time,
                                every: Some(every),
                                on_change: false,
                            }),
                            batch: g.batch,
                            transport: g.transport.clone(),
                        }
                    })
                    .collect();
                if assembly && n >= 3 {
                    let last = n - 1;
                    stations[last].inputs = vec![
                        Input {
                            from: format!("s{}", n - 3),
                            qty: 1,
                        },
                        Input {
                            from: format!("s{}", n - 2),
                            qty: 2,
                        },
                    ];
                    stations[last].buffer = stations[last].buffer.map(|b| b.max(2));
                }
                let release = match policy {
                    1 => Release::Conwip { limit: limit + 2 },
                    2 if n > 1 => Release::Kanban {
                        limits: BTreeMap::from([("s0".to_string(), limit.max(stations[0].batch))]),
                    },
                    _ => Release::Push,
                };
                let operators = crew
                    .map(|(tends, walk)| {
                        let mut ids: Vec<String> =
                            tends.iter().map(|k| format!("s{}", k % n)).collect();
                        ids.dedup();
                        vec![Operator {
                            id: "op".into(),
                            name: None,
                            stations: ids,
                            walk,
                        }]
                    })
                    .unwrap_or_default();
                let products = products
                    .map(|k| {
                        (0..k)
                            .map(|p| Product {
                                id: format!("p{p}"),
                                share: 1.0 + p as f64,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Scenario {
                    format: 1,
                    name: "random".into(),
                    description: None,
                    title: Default::default(),
                    briefing: Default::default(),
                    time_unit: TimeUnit::Seconds,
                    horizon,
                    warmup: if warm { horizon / 10.0 } else { 0.0 },
                    arrivals: arrivals.map(|mean| Dist::Exponential { mean }),
                    release,
                    products,
                    stations,
                    operators,
                    demand: None,
                    costs: Costs::default(),
                    training: None,
                }
            },
        )
}

fn check(sc: &Scenario, r: &RunResult) -> Result<(), TestCaseError> {
    let span = r.horizon - r.warmup;
    // Conservation: what was in or came in is finished, scrapped, absorbed by assembly or still in.
    prop_assert_eq!(
        r.wip_start + r.released,
        r.completed + r.scrapped + r.merged + r.wip_end
    );
    // Every server is in exactly one state at every instant.
    for (s, def) in r.stations.iter().zip(&sc.stations) {
        let total: f64 = s.state_time.iter().sum();
        let want = f64::from(def.servers) * span;
        prop_assert!(
            (total - want).abs() <= 1e-6 * want.max(1.0),
            "{}: {} vs {}",
            s.id,
            total,
            want
        );
        prop_assert!(s.state_time.iter().all(|t| *t >= 0.0));
        // Capacities: a finite buffer never holds more than its places (plus units handed
        // straight to a free server in the same instant).
        if let Some(cap) = def.buffer {
            let queues = def.inputs.len().max(1) as u32;
            prop_assert!(
                s.queue_max <= cap * queues + def.servers,
                "{}: {} in a buffer of {}",
                s.id,
                s.queue_max,
                cap
            );
        }
        let mut last_end = r.warmup;
        for &(a, b) in &s.active_periods {
            prop_assert!(a >= last_end && b > a && b <= r.horizon);
            last_end = b;
        }
    }
    for o in &r.operators {
        prop_assert!((o.working + o.walking + o.idle - span).abs() <= 1e-6 * span);
    }
    if let Release::Conwip { limit } = sc.release {
        prop_assert!(r.wip_max <= u64::from(limit));
    }
    // Clock order and causality.
    prop_assert!(r.log.windows(2).all(|w| w[0].t() <= w[1].t()));
    prop_assert!(r.log.iter().all(|e| e.t() <= r.horizon));
    // The logged line WIP ends where the run's count ends.
    let last_wip = r.log.iter().rev().find_map(|e| match e {
        takt_core::engine::LogEvent::Wip { units, .. } => Some(*units),
        _ => None,
    });
    if !r.log_truncated {
        if let Some(units) = last_wip {
            prop_assert_eq!(units, r.wip_end);
        }
    }
    prop_assert!(r.lead_times.iter().all(|t| *t >= 0.0 && *t <= r.horizon));
    for u in &r.units {
        prop_assert!(u.release <= u.finish && u.finish >= r.warmup && u.finish <= r.horizon);
        prop_assert!(u.value_added <= u.processing + 1e-9);
        if sc.stations.iter().all(|s| s.inputs.len() < 2) {
            // Without assembly a unit is processed one step at a time.
            prop_assert!(u.processing <= u.finish - u.release + 1e-6);
        }
    }
    prop_assert!(r.wip_mean >= 0.0 && r.wip_mean <= r.wip_max as f64 + 1e-9);
    Ok(())
}

/// The lean analysis of any run: every figure is a number (the summary would refuse a NaN),
/// shares and OEE factors are in range, and the line's wastes are its parts' sum.
fn check_analysis(sc: &Scenario, r: &RunResult) -> Result<(), TestCaseError> {
    let summary = Analysis::of(sc, std::slice::from_ref(r));
    prop_assert!(summary.balance.efficiency > 0.0 && summary.balance.efficiency <= 1.0 + 1e-12);
    let an = RunAnalysis::of(sc, r);
    for s in &an.stations {
        let o = s.oee;
        prop_assert!((0.0..=1.0 + 1e-9).contains(&o.availability), "{:?}", o);
        prop_assert!((0.0..=1.0).contains(&o.quality), "{:?}", o);
        prop_assert!(o.performance >= 0.0 && o.oee >= 0.0, "{:?}", o);
    }
    for w in Waste::ALL {
        let parts: f64 = an
            .stations
            .iter()
            .map(|s| s.wastes.get(w).money)
            .sum::<f64>()
            + an.line_wastes.get(w).money;
        let total = an.wastes.get(w).money;
        prop_assert!(total >= 0.0 && (parts - total).abs() <= 1e-9 * total.max(1.0));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, max_global_rejects: 1_000_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_random_lines(sc in scenario(), seed in 0u64..1000) {
        prop_assume!(sc.validate().is_ok());
        let opts = RunOptions { seed, log_limit: 20_000, record_units: true, ..RunOptions::default() };
        let r = run(&sc, opts.clone()).expect("a valid scenario runs");
        check(&sc, &r)?;
        check_analysis(&sc, &r)?;
        // Determinism: the same scenario and seed give the same bytes.
        let again = run(&sc, opts).expect("runs");
        prop_assert_eq!(serde_json::to_string(&r).unwrap(), serde_json::to_string(&again).unwrap());
        // The scenario survives its canonical JSON form.
        prop_assert_eq!(Scenario::from_json(&sc.to_json()).unwrap(), sc);
    }
}
