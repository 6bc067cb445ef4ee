//! Property tests on random lines: conservation, time accounting, clock order, causality,
//! capacities and determinism hold for every scenario the generator makes.

use proptest::prelude::*;
use takt_core::invariants::{check_analysis, check_run};
use takt_core::model::dist::Dist;
use takt_core::model::time::TimeUnit;
use takt_core::model::*;
use takt_core::sim::{run, RunOptions};

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
        // A floor plan (every station placed, with a shipping area) and a logistician who
        // carries one station's batches.
        prop::option::weighted(
            0.3,
            (
                0usize..6,
                prop::collection::vec((0f64..20.0, 0f64..20.0), 7),
            ),
        ),
    )
        .prop_map(
            |(gens, assembly, arrivals, policy, limit, crew, horizon, warm, products, plan)| {
                let n = gens.len();
                let mut stations: Vec<Station> = gens
                    .iter()
                    .enumerate()
                    .map(|(i, g)| {
                        let id = format!("s{i}");
                        let (process, elements) = if g.split {
                            let half = |d: &Dist, k| Element {
                                id: None,
                                name: format!("{id}-e{k}").into(),
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
                        limits: takt_core::json::Map::from([(
                            "s0".to_string(),
                            limit.max(stations[0].batch),
                        )]),
                    },
                    _ => Release::Push,
                };
                let mut operators = crew
                    .map(|(tends, walk)| {
                        let mut ids: Vec<String> =
                            tends.iter().map(|k| format!("s{}", k % n)).collect();
                        ids.dedup();
                        vec![Operator {
                            id: "op".into(),
                            name: None,
                            stations: ids,
                            carries: vec![],
                            walk,
                        }]
                    })
                    .unwrap_or_default();
                let products = products
                    .map(|k| {
                        (0..k)
                            .map(|p| Product {
                                id: format!("p{p}"),
                                name: None,
                                share: 1.0 + p as f64,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let layout = plan.map(|(carried, places)| {
                    operators.push(Operator {
                        id: "log".into(),
                        name: None,
                        stations: vec![],
                        carries: vec![format!("s{}", carried % n)],
                        walk: None,
                    });
                    let spots = (0..n).map(|i| (format!("s{i}"), [places[i].0, places[i].1]));
                    takt_core::model::Layout {
                        speed: 1.0,
                        stations: spots.collect(),
                        shipping: Some([places[6].0, places[6].1]),
                    }
                });
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
                    layout,
                    demand: None,
                    costs: Costs::default(),
                    training: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, max_global_rejects: 1_000_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_random_lines(sc in scenario(), seed in 0u64..1000) {
        prop_assume!(sc.validate().is_ok());
        let opts = RunOptions { seed, log_limit: 20_000, record_units: true, ..RunOptions::default() };
        let r = run(&sc, opts.clone()).expect("a valid scenario runs");
        check_run(&sc, &r).map_err(TestCaseError::fail)?;
        check_analysis(&sc, std::slice::from_ref(&r)).map_err(TestCaseError::fail)?;
        // Determinism: the same scenario and seed give the same bytes.
        let again = run(&sc, opts).expect("runs");
        prop_assert_eq!(serde_json::to_string(&r).unwrap(), serde_json::to_string(&again).unwrap());
        // The scenario survives its canonical JSON form.
        prop_assert_eq!(Scenario::from_json(&sc.to_json()).unwrap(), sc);
    }
}

fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        // Quotes, backslashes, brackets, commas, colons, controls and non-ASCII inside strings.
        "[\"\\\\{}\\[\\],: a-zé€😀\\n\\t\\u{1}]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z\"\\\\:,{]{0,5}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn pretty_json_matches_serde_json(v in json()) {
        let compact = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(
            takt_core::json::pretty_json(&compact),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }
}
