//! A class's rounds: the scenario's `training` fixes the replications and seed of every
//! team's session, and a scenario without `training` leaves the replications to the team.

use takt_core::json::Problem;
use takt_core::model::{
    ClassRun, DEFAULT_REPLICATIONS, DEFAULT_SEED, MAX_ROUND_REPLICATIONS, MAX_TRAINING_SEED,
};
use takt_core::training::session::Session;
use takt_core::Scenario;

const KANBAN: &str = include_str!("../../../public/scenarios/kanban.json");

fn kanban() -> Scenario {
    Scenario::from_json(KANBAN).unwrap()
}

#[test]
fn a_class_session_takes_the_training_replications_and_seed_and_keeps_them() {
    let mut sc = kanban();
    let t = sc.training.as_mut().unwrap();
    t.replications = Some(12);
    t.seed = Some(42);
    let mut s = Session::for_class("kanban", sc.clone());
    assert_eq!((s.replications, s.seed), (12, 42));
    assert_eq!(
        s.class_run(),
        ClassRun {
            replications: 12,
            seed: 42,
            fixed: true
        }
    );
    // The team cannot choose other replications in a class.
    assert!(!s.choose_replications(5));
    assert_eq!(s.replications, 12);
    let job = s.job().unwrap();
    assert_eq!((job.replications, job.seed), (12, 42));

    // A session stored by an older page with the team's own choice follows the class
    // before its first round, and never rewrites rounds already played.
    let mut old = Session::new("kanban", sc, 1);
    old.replications = 5;
    assert!(old.follow_class());
    assert_eq!((old.replications, old.seed), (12, 42));
    assert!(!old.follow_class());
}

#[test]
fn the_class_defaults_are_the_cli_defaults() {
    let mut sc = kanban();
    let t = sc.training.as_mut().unwrap();
    t.replications = None;
    t.seed = None;
    let run = ClassRun::of(sc.training.as_ref());
    assert_eq!(
        (run.replications, run.seed, run.fixed),
        (DEFAULT_REPLICATIONS, DEFAULT_SEED, true)
    );
    assert!(run.accepts(DEFAULT_REPLICATIONS) && !run.accepts(DEFAULT_REPLICATIONS + 1));
}

#[test]
fn free_practice_lets_the_team_choose_replications_in_range() {
    let mut sc = kanban();
    sc.training = None;
    let mut s = Session::for_class("custom", sc);
    assert_eq!(
        (s.replications, s.seed),
        (DEFAULT_REPLICATIONS, DEFAULT_SEED)
    );
    assert!(!s.class_run().fixed);
    assert!(s.choose_replications(3));
    assert_eq!(s.replications, 3);
    assert!(!s.choose_replications(0));
    assert!(!s.choose_replications(MAX_ROUND_REPLICATIONS + 1));
    assert!(s.choose_replications(MAX_ROUND_REPLICATIONS));
    assert!(!s.follow_class());
}

#[test]
fn the_training_seed_is_read_validated_and_written_back() {
    let mut json: serde_json::Value = serde_json::from_str(KANBAN).unwrap();
    json["training"]["seed"] = serde_json::json!(7);
    let sc = Scenario::from_json(&json.to_string()).unwrap();
    assert_eq!(sc.training.as_ref().unwrap().seed, Some(7));
    let written: serde_json::Value = serde_json::from_str(&sc.to_json()).unwrap();
    assert_eq!(written["training"]["seed"], 7);

    json["training"]["seed"] = serde_json::json!(MAX_TRAINING_SEED + 1);
    let errors = Scenario::from_json(&json.to_string()).unwrap_err();
    let e = errors.iter().next().unwrap();
    assert_eq!(e.path, "training.seed");
    assert_eq!(
        e.problem,
        Problem::Between {
            min: 0.0,
            max: MAX_TRAINING_SEED as f64
        }
    );
    json["training"]["seed"] = serde_json::json!(-1);
    let errors = Scenario::from_json(&json.to_string()).unwrap_err();
    assert_eq!(errors.iter().next().unwrap().path, "training.seed");
}
