//! The coach: its hints name the station a sensitivity run confirms and go deeper hint by
//! hint; the instructor allows them per round and decides what they cost; a result file
//! carries them and its score is checked with them.

mod common;

use common::{built_in, close, play};
use takt_core::json::Problem;
use takt_core::model::{Coach, Tool};
use takt_core::sim::Control;
use takt_core::training::coach::{hint_on, largest_loss, sensitivity, Loss};
use takt_core::training::result::{verify, Figure, Flag, ResultFile};
use takt_core::training::session::Session;
use takt_core::view::rounds::credit_view;
use takt_core::Scenario;

/// The process factory with a coach of `hints` a round at `points` each (none: no coach).
fn factory(coach: Option<(u32, f64)>) -> Scenario {
    let mut sc = built_in("process-factory");
    sc.training.as_mut().unwrap().coach = coach.map(|(hints, points)| Coach { hints, points });
    sc
}

/// Round 1 played, as a class plays it.
fn after_round_one(sc: Scenario) -> Session {
    let mut s = Session::for_class("process-factory", sc);
    play(&mut s);
    s
}

fn sensitivity_of(s: &Session) -> takt_core::training::coach::Sensitivity {
    sensitivity(&s.line(), s.seed, s.replications, |_| Control::Continue).unwrap()
}

#[test]
fn the_first_hint_names_the_station_whose_speed_up_raises_the_output_most() {
    let s = after_round_one(factory(Some((2, 1.0))));
    let run = sensitivity_of(&s);
    assert_eq!(run.gains.len(), s.line().stations.len());
    let best = run
        .gains
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _)| id.clone())
        .unwrap();
    // The round ran the same sensitivity run after its own and kept the ranking.
    let bottleneck = &s.rounds[0].analysis.report.bottleneck;
    assert_eq!(s.rounds[0].ranking, run.ranked(bottleneck));
    let hint = s.next_hint().unwrap();
    assert_eq!(hint.station, best);
    assert_eq!((hint.depth, hint.loss, hint.tools.len()), (1, None, 0));
    assert!(hint.waiting > 0.0, "stock waits in front of it: {hint:?}");
    // In the process factory's round 1 that is the bottleneck the analysis names.
    assert_eq!(&hint.station, bottleneck);
    // Its gain is a real one.
    let gain = |id: &str| run.gains.iter().find(|g| g.0 == id).unwrap().1;
    assert!(gain(&best) > 0.0, "{:?}", run.gains);
}

#[test]
fn a_round_ranks_the_stations_only_when_a_hint_can_follow_it() {
    // Without a coach, and in the last round (no improve step after it), nothing is run.
    let mut s = Session::for_class("process-factory", factory(None));
    let job = s.job().unwrap();
    assert!(!job.coach);
    play(&mut s);
    assert!(s.rounds[0].ranking.is_empty());
    let mut s = Session::for_class("process-factory", factory(Some((2, 1.0))));
    let job = s.job().unwrap();
    assert!(job.coach);
    // The run's replications: the round's 30, and 10 for each of six stations sped up.
    assert_eq!(job.total_replications(), 30 + 6 * 10);
    play(&mut s);
    play(&mut s);
    assert!(!s.job().unwrap().coach, "round 3 is the last");
    // A round stored without a ranking (an older session): the bottleneck comes first.
    let mut old = after_round_one(factory(Some((2, 1.0))));
    old.rounds[0].ranking.clear();
    let hint = old.next_hint().unwrap();
    assert_eq!(hint.station, old.rounds[0].analysis.report.bottleneck);
}

#[test]
fn hints_go_deeper_on_one_station_then_on_to_the_next_in_the_ranking() {
    let mut s = after_round_one(factory(Some((10, 0.0))));
    let ranked = s.rounds[0].ranking.clone();
    assert_eq!(ranked.len(), 6);
    let mut given = Vec::new();
    while let Some(hint) = s.next_hint() {
        given.push(hint.clone());
        assert!(s.take_hint(hint, 1_000 + given.len() as u64));
    }
    // Ten allowed, and six stations have three hints each: all ten are given.
    assert_eq!(given.len(), 10);
    assert_eq!(s.hints_left(), 0);
    for (k, hint) in given.iter().enumerate() {
        assert_eq!(usize::from(hint.depth), k % 3 + 1, "hint {k}");
        assert_eq!(hint.station, ranked[k / 3], "hint {k}");
    }
    // The 2nd says the largest loss there, the 3rd which tools address it, among those the
    // training allows.
    let line = s.line();
    let analysis = &s.rounds[0].analysis;
    let loss = largest_loss(&line, analysis, &ranked[0]);
    assert_eq!((given[1].loss, given[1].tools.len()), (Some(loss), 0));
    assert_eq!(given[2].loss, Some(loss));
    let tools = &given[2].tools;
    assert!(!tools.is_empty());
    let training = line.training.as_ref().unwrap();
    assert!(tools
        .iter()
        .all(|&t| training.allows(t) && loss.tools().contains(&t)));
    // Recorded: which hint (station and depth) and when; in full again from the line.
    assert_eq!((s.hints[3].depth, s.hints[3].at), (1, 1_004));
    assert_eq!(s.hints[3].station, ranked[1]);
    assert_eq!(s.hint(2).as_ref(), Some(&given[2]));
}

#[test]
fn the_largest_loss_follows_the_station_s_own_figures() {
    // Defects at a station that reworks half its units: poka-yoke is the answer there.
    let sc = Scenario::from_json(
        r#"{"format": 2, "name": "two", "time_unit": "s", "horizon": 3600,
            "stations": [{"id": "cut", "process": 10},
                         {"id": "weld", "process": 12, "defects": {"rate": 0.5, "action": "rework"}}],
            "demand": {"quantity": 100},
            "training": {"tools": {"poka_yoke": {}, "five_s": {}}}}"#,
    )
    .unwrap();
    let a = takt_core::lean::analyze(&sc, 1, 5).unwrap();
    assert_eq!(largest_loss(&sc, &a, "weld"), Loss::Defects);
    let hint = hint_on(&sc, &a, "weld", 3);
    assert_eq!(
        (hint.loss, hint.tools),
        (Some(Loss::Defects), vec![Tool::PokaYoke])
    );
    // Changeovers, where a station spends its time changing over.
    let sc = Scenario::from_json(
        r#"{"name": "setups", "time_unit": "s", "horizon": 3600,
            "products": [{"id": "a", "share": 0.5}, {"id": "b", "share": 0.5}],
            "stations": [{"id": "press", "process": 5, "setup": {"time": 30, "on_change": true}}]}"#,
    )
    .unwrap();
    let a = takt_core::lean::analyze(&sc, 1, 3).unwrap();
    assert_eq!(largest_loss(&sc, &a, "press"), Loss::Changeovers);
}

#[test]
fn no_hint_without_a_coach_before_round_one_or_once_the_round_s_hints_are_used() {
    let s = after_round_one(factory(None));
    assert_eq!(s.hints_left(), 0);
    assert_eq!(s.next_hint(), None);
    // A coach of 0 hints is no coach.
    let s = after_round_one(factory(Some((0, 1.0))));
    assert_eq!((s.coach(), s.next_hint()), (None, None));
    // Before round 1 there is nothing to look at yet.
    let mut fresh = Session::for_class("process-factory", factory(Some((2, 1.0))));
    assert_eq!(fresh.hints_left(), 0);
    let any = hint_on(
        &fresh.scenario,
        &after_round_one(factory(None)).rounds[0].analysis,
        "gauge",
        1,
    );
    assert!(!fresh.take_hint(any, 0));
    // Two a round: the third is refused, and the next round has two again.
    let mut s = after_round_one(factory(Some((2, 1.0))));
    for _ in 0..2 {
        let hint = s.next_hint().unwrap();
        assert!(s.take_hint(hint, 0));
    }
    assert_eq!(s.hints_left(), 0);
    assert_eq!(s.next_hint(), None);
    let spare = s.hint(0).unwrap();
    assert!(!s.take_hint(spare, 0));
    play(&mut s);
    assert_eq!(
        s.rounds[1].hints.len(),
        2,
        "the round keeps the hints asked for it"
    );
    assert!(s.hints.is_empty());
    assert_eq!(s.hints_left(), 2);
}

#[test]
fn hints_cost_their_points_in_this_round_s_score_and_every_later_one() {
    let plan = || {
        takt_core::training::parse_changes(r#"[{"tool": "five_s", "station": "housing"}]"#).unwrap()
    };
    let with = |points: f64, hints: usize| {
        let mut s = after_round_one(factory(Some((2, points))));
        for _ in 0..hints {
            let hint = s.next_hint().unwrap();
            s.take_hint(hint, 0);
        }
        s.plan = plan();
        play(&mut s);
        s.plan = Vec::new();
        play(&mut s);
        s
    };
    let free = with(1.5, 0);
    let paid = with(1.5, 2);
    let total = |s: &Session, r: usize| s.rounds[r - 1].score.as_ref().unwrap().total;
    for round in [2, 3] {
        close(total(&paid, round), total(&free, round) - 3.0);
        let score = paid.rounds[round - 1].score.as_ref().unwrap();
        assert_eq!((score.hints, score.hint_points), (2, 3.0));
        let score = free.rounds[round - 1].score.as_ref().unwrap();
        assert_eq!((score.hints, score.hint_points), (0, 0.0));
    }
    // The instructor may let hints cost nothing: they are still counted.
    let costless = with(0.0, 1);
    assert_eq!(total(&costless, 2), total(&free, 2));
    assert_eq!(costless.rounds[1].score.as_ref().unwrap().hints, 1);
    // Credits explain the KPIs' points; the hints are a line of their own, and the page's
    // lines add up to the round's own points.
    let c = paid.rounds[1].credits.as_ref().unwrap();
    close(c.total.points, total(&paid, 2) + 3.0);
    let v = credit_view(&paid, 2).unwrap();
    assert_eq!(v.hints, Some((2, 3.0)));
    let credited: f64 = v
        .changes
        .iter()
        .filter_map(|c| c.figures)
        .map(|f| f.points)
        .sum();
    close(credited + v.interaction.points - 3.0, v.own_points);
    close(v.own_points, total(&paid, 2));
    let later = credit_view(&paid, 3).unwrap();
    assert_eq!(
        later.hints, None,
        "round 3's own points lose nothing to round 2's hints"
    );
    close(later.own_points, later.interaction.points);
    assert!(credit_view(&paid, 1).is_none() && credit_view(&paid, 4).is_none());
}

#[test]
fn a_result_file_carries_the_hints_and_its_score_is_checked_with_them() {
    let sc = factory(Some((2, 2.0)));
    let mut s = after_round_one(sc.clone());
    let hint = s.next_hint().unwrap();
    s.take_hint(hint, 1_700_000_000_000);
    play(&mut s);
    let file =
        ResultFile::from_json(&serde_json::to_string(&ResultFile::of(&s, "A")).unwrap()).unwrap();
    assert_eq!(file.rounds[1].hints, s.rounds[1].hints);
    let v = verify(&sc, &file, |_, _| {}).unwrap();
    assert_eq!(v.session.rounds[1].hints, s.rounds[1].hints);
    assert_eq!(Some(v.score), s.rounds[1].score.as_ref().map(|s| s.total));
    // A hint struck from the file: the score it claims no longer reproduces.
    let mut struck = file.clone();
    struck.rounds[1].hints.clear();
    match verify(&sc, &struck, |_, _| {}).unwrap_err() {
        Flag::Mismatch { round, figure, .. } => assert_eq!((round, figure), (2, Figure::Score)),
        other => panic!("{other}"),
    }
    // More hints than the round allows, or any in round 1.
    let mut greedy = file.clone();
    greedy.rounds[1].hints = vec![file.rounds[1].hints[0].clone(); 3];
    assert_eq!(
        verify(&sc, &greedy, |_, _| {}).unwrap_err(),
        Flag::Hints {
            round: 2,
            used: 3,
            allowed: 2
        }
    );
    let mut early = file.clone();
    early.rounds[0].hints = file.rounds[1].hints.clone();
    assert_eq!(
        verify(&sc, &early, |_, _| {}).unwrap_err(),
        Flag::Hints {
            round: 1,
            used: 1,
            allowed: 0
        }
    );
    // A file without hints (as every file before the coach) reads as before.
    let text = serde_json::to_string(&ResultFile::of(&after_round_one(sc), "B")).unwrap();
    assert!(!text.contains("hints"));
}

#[test]
fn the_coach_is_a_format_2_setting_checked_field_by_field() {
    let line = |format: u32, coach: &str| {
        Scenario::from_json(&format!(
            r#"{{"format": {format}, "name": "one", "time_unit": "s", "horizon": 60,
                "stations": [{{"id": "a", "process": 1}}], "training": {{"coach": {coach}}}}}"#
        ))
    };
    let problems = |e: takt_core::Errors| -> Vec<(String, Problem)> {
        e.iter()
            .map(|f| (f.path.clone(), f.problem.clone()))
            .collect()
    };
    assert!(line(2, r#"{"hints": 3, "points": 0.5}"#).is_ok());
    assert!(line(2, r#"{"hints": 0}"#).is_ok(), "points default to 0");
    assert_eq!(
        problems(line(1, r#"{"hints": 3, "points": 1}"#).unwrap_err()),
        [("training.coach".into(), Problem::NeedsFormat { format: 2 })]
    );
    assert_eq!(
        problems(line(2, r#"{"hints": 11, "points": -1}"#).unwrap_err()),
        [
            (
                "training.coach.hints".into(),
                Problem::Between {
                    min: 0.0,
                    max: 10.0
                }
            ),
            (
                "training.coach.points".into(),
                Problem::Between {
                    min: 0.0,
                    max: 1000.0
                }
            ),
        ]
    );
    let e = line(2, r#"{"hints": 2, "tip": 1}"#).unwrap_err();
    assert!(
        e.iter().any(|f| f.path.starts_with("training.coach")),
        "{e}"
    );
}
