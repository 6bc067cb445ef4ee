//! Result files: an honest one verifies by re-simulation, a tampered one or one from another
//! scenario is flagged, and the fingerprint ignores formatting.

mod common;

use common::play;
use takt_core::json::{FieldError, Problem};
use takt_core::model::Tool;
use takt_core::training::result::{
    fingerprint, verify, ClassSetting, Figure, Flag, ResultFile, ResultFileError,
};
use takt_core::training::session::Session;
use takt_core::training::Change;
use takt_core::training::{Reason, Refusal};
use takt_core::Scenario;

const FACTORY: &str = include_str!("../../../public/scenarios/process-factory.json");

/// The process factory as a class of 4 replications and seed 3 (fast, and not the defaults).
fn factory() -> Scenario {
    let mut sc = Scenario::from_json(FACTORY).unwrap();
    let training = sc.training.as_mut().unwrap();
    training.replications = Some(4);
    training.seed = Some(3);
    sc
}

/// A session of two rounds, played the way the app plays them.
fn played() -> Session {
    let mut s = Session::for_class("process-factory", factory());
    assert_eq!((s.replications, s.seed), (4, 3));
    for plan in [
        vec![],
        vec![Change::FiveS {
            station: "housing".into(),
            factor: None,
        }],
    ] {
        s.plan = plan;
        play(&mut s);
    }
    s
}

fn exported(s: &Session) -> ResultFile {
    let text = serde_json::to_string(&ResultFile::of(s, "Бригада 1")).unwrap();
    ResultFile::from_json(&text).unwrap()
}

#[test]
fn an_honest_result_verifies_and_replays_the_same_rounds() {
    let s = played();
    let file = exported(&s);
    assert_eq!(file.rounds.len(), 2);
    let mut seen = Vec::new();
    let v = verify(&factory(), &file, |done, all| seen.push((done, all))).unwrap();
    assert_eq!(seen, [(1, 2), (2, 2)]);
    assert_eq!(v.team, "Бригада 1");
    assert_eq!(Some(v.score), s.rounds[1].score.as_ref().map(|s| s.total));
    // The same rounds, but for the credits and the coach's ranking: they explain a round
    // and claim nothing, so the replay does not run them.
    assert!(s.rounds[1].credits.is_some() && !s.rounds[0].ranking.is_empty());
    let uncredited: Vec<_> = s
        .rounds
        .iter()
        .cloned()
        .map(|mut r| {
            r.credits = None;
            r.ranking.clear();
            r
        })
        .collect();
    assert_eq!(v.session.rounds, uncredited);
}

#[test]
fn a_tampered_claim_is_flagged_with_the_round_and_figure() {
    let mut file = exported(&played());
    file.rounds[1].score = Some(file.rounds[1].score.unwrap() + 10.0);
    match verify(&factory(), &file, |_, _| {}).unwrap_err() {
        Flag::Mismatch { round, figure, .. } => assert_eq!((round, figure), (2, Figure::Score)),
        other => panic!("{other}"),
    }
    let mut file = exported(&played());
    file.rounds[0].completed += 1.0;
    let flag = verify(&factory(), &file, |_, _| {}).unwrap_err();
    assert!(
        flag.to_string().starts_with("round 1: completed claimed"),
        "{flag}"
    );
    // Changes the team did not make cannot hide behind the claimed score either.
    let mut file = exported(&played());
    file.rounds[1].changes = vec![Change::FiveS {
        station: "kit".into(),
        factor: None,
    }];
    let flag = verify(&factory(), &file, |_, _| {}).map(|v| v.score);
    assert!(
        matches!(flag, Err(Flag::Mismatch { round: 2, .. })),
        "{flag:?}"
    );
}

/// Found by the `result_file` fuzz target: a claim nudged within the rounding tolerance
/// passed, and the leaderboard showed the nudged figure. It shows the replayed one.
#[test]
fn a_claim_nudged_within_the_tolerance_is_ranked_by_the_replayed_score() {
    let s = played();
    let honest = s.rounds[1].score.as_ref().unwrap().total;
    let mut file = exported(&s);
    let nudged = honest * (1.0 + 1e-12);
    assert_ne!(nudged, honest);
    file.rounds[1].score = Some(nudged);
    let v = verify(&factory(), &file, |_, _| {}).expect("within the tolerance");
    assert_eq!(v.score, honest);
}

#[test]
fn a_result_from_another_scenario_is_flagged() {
    let file = exported(&played());
    let kanban =
        Scenario::from_json(include_str!("../../../public/scenarios/kanban.json")).unwrap();
    assert!(matches!(
        verify(&kanban, &file, |_, _| {}),
        Err(Flag::OtherScenario { .. })
    ));
    // An altered copy of the same scenario is another scenario.
    let mut cheaper = factory();
    cheaper.training.as_mut().unwrap().budget = Some(1e9);
    assert!(matches!(
        verify(&cheaper, &file, |_, _| {}),
        Err(Flag::OtherScenario { .. })
    ));
}

#[test]
fn the_fingerprint_ignores_formatting_and_key_order() {
    let compact: serde_json::Value = serde_json::from_str(FACTORY).unwrap();
    let reformatted = Scenario::from_json(&serde_json::to_string(&compact).unwrap()).unwrap();
    let built_in = Scenario::from_json(FACTORY).unwrap();
    assert_eq!(fingerprint(&reformatted), fingerprint(&built_in));
    // The class's replications and seed are part of the scenario played.
    assert_ne!(fingerprint(&built_in), fingerprint(&factory()));
    assert_eq!(fingerprint(&factory()).len(), 64);
}

#[test]
fn refused_or_unplayable_files_are_flagged_not_run() {
    let base = exported(&played());
    let mut file = base.clone();
    file.rounds[1].changes = vec![Change::AddServer {
        station: "test".into(),
    }];
    let flag = verify(&factory(), &file, |_, _| {}).unwrap_err();
    assert_eq!(
        flag,
        Flag::Refused {
            round: 2,
            refusal: Refusal {
                change: Some(0),
                reason: Reason::NotAllowed {
                    tool: Tool::AddServer
                }
            }
        }
    );
    assert_eq!(
        flag.to_string(),
        "round 2: changes[0]: the tool 'add_server' is not allowed in this training"
    );
    let mut file = base.clone();
    file.rounds[0].changes = base.rounds[1].changes.clone();
    let flag = verify(&factory(), &file, |_, _| {}).unwrap_err();
    assert_eq!(flag, Flag::ChangedBaseline);
    assert_eq!(
        flag.to_string(),
        "round 1: round 1 runs the scenario as given, without changes"
    );
    // A class plays exactly its replications and seed: the page can produce no other.
    let mut file = base.clone();
    file.replications = 30;
    let flag = verify(&factory(), &file, |_, _| {}).unwrap_err();
    assert_eq!(
        flag,
        Flag::NotTheClass {
            setting: ClassSetting::Replications,
            found: 30,
            expected: 4
        }
    );
    assert_eq!(
        flag.to_string(),
        "replications: 30, but this class plays every round with replications 4 (the scenario's training.replications)"
    );
    let mut file = base.clone();
    file.seed = 1;
    let flag = verify(&factory(), &file, |_, _| {}).unwrap_err();
    assert_eq!(
        flag,
        Flag::NotTheClass {
            setting: ClassSetting::Seed,
            found: 1,
            expected: 3
        }
    );
    // Free practice (no `training`): any replications the page offers, the default seed.
    let mut practice = factory();
    practice.training = None;
    for reps in [0, 1_000_000] {
        let mut file = base.clone();
        file.scenario = fingerprint(&practice);
        file.replications = reps;
        let flag = verify(&practice, &file, |_, _| {}).unwrap_err();
        assert_eq!(
            flag,
            Flag::Replications {
                replications: reps,
                max: 10_000
            }
        );
        assert_eq!(
            flag.to_string(),
            format!("replications: {reps} is not between 1 and 10000")
        );
    }
    let mut file = base.clone();
    file.rounds = (0..4).map(|_| base.rounds[0].clone()).collect();
    let flag = verify(&factory(), &file, |_, _| {}).unwrap_err();
    assert_eq!(flag, Flag::Rounds { rounds: 4, max: 3 });
    assert_eq!(
        flag.to_string(),
        "rounds: 4 rounds, but this training has 1 to 3"
    );
    let e = ResultFile::from_json(
        r#"{"version":1,"team":"x","scenario":"ab","seed":1,"replications":"many","rounds":[]}"#,
    )
    .unwrap_err();
    match &e {
        ResultFileError::Unreadable(errors) => {
            let first: &FieldError = errors.iter().next().unwrap();
            assert_eq!(first.path, "replications");
            assert!(
                matches!(&first.problem, Problem::Unreadable { detail } if detail.starts_with("invalid type"))
            );
        }
        other => panic!("{other}"),
    }
    assert!(
        e.to_string().starts_with("replications: invalid type"),
        "{e}"
    );
    let e = ResultFile::from_json(
        r#"{"version":2,"team":"x","scenario":"ab","seed":1,"replications":3,"rounds":[]}"#,
    )
    .unwrap_err();
    assert_eq!(e, ResultFileError::Version { found: 2 });
    assert_eq!(e.to_string(), "version: this app reads version 1, not 2");
}
