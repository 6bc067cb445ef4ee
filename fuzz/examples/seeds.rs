//! Writes the seed corpus of the fuzz targets (`fuzz/seeds/<target>`) (`cargo run --example seeds` in `fuzz/`):
//! the scenarios the app ships and their invalid neighbours for `scenario`, a few byte
//! strings for `engine`, and real result files (honest, tampered, foreign) of sessions on
//! the tiny training line for `result_file`.

#[path = "../../crates/takt-core/tests/common/mod.rs"]
mod common;

use common::play;
use std::fs;
use std::path::Path;
use takt_core::training::parse_changes;
use takt_core::training::result::ResultFile;
use takt_core::training::session::Session;
use takt_core::Scenario;

fn write(target: &str, name: &str, bytes: &[u8]) {
    let dir = Path::new("seeds").join(target);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(name), bytes).unwrap();
}

fn main() {
    for (k, base) in takt_fuzz::BASES
        .iter()
        .chain([&takt_fuzz::TINY])
        .enumerate()
    {
        write("scenario", &format!("valid-{k}.json"), base.as_bytes());
        // Invalid neighbours: a missing station reference, a zero horizon, a cut-off file.
        let bad_ref = base.replacen("\"id\": \"", "\"id\": \"x", 1);
        write("scenario", &format!("bad-ref-{k}.json"), bad_ref.as_bytes());
        let mut v: serde_json::Value = serde_json::from_str(base).unwrap();
        v["horizon"] = 0.into();
        write(
            "scenario",
            &format!("zero-horizon-{k}.json"),
            v.to_string().as_bytes(),
        );
        write(
            "scenario",
            &format!("cut-{k}.json"),
            &base.as_bytes()[..base.len() / 2],
        );
    }
    write(
        "scenario",
        "changes.json",
        br#"[{"tool": "smed", "station": "a", "factor": 0.5}]"#,
    );
    for k in 0u8..8 {
        let bytes: Vec<u8> = (0..96u32)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(k * 17))
            .collect();
        write("engine", &format!("bytes-{k}"), &bytes);
    }
    let sc = Scenario::from_json(takt_fuzz::TINY).unwrap();
    let mut s = Session::new("tiny", sc, 7);
    play(&mut s);
    write(
        "result_file",
        "one-round.json",
        serde_json::to_string_pretty(&ResultFile::of(&s, "Ones"))
            .unwrap()
            .as_bytes(),
    );
    s.plan = parse_changes(r#"[{"tool": "move_element", "element": "drill", "to": "c"}, {"tool": "buffer", "station": "b", "buffer": 8}]"#).unwrap();
    play(&mut s);
    s.plan =
        parse_changes(r#"[{"tool": "tpm", "station": "b", "between": 2, "repair": 0.5}]"#).unwrap();
    play(&mut s);
    let honest = serde_json::to_string_pretty(&ResultFile::of(&s, "Team \"A\"")).unwrap();
    write("result_file", "three-rounds.json", honest.as_bytes());
    let mut tampered: serde_json::Value = serde_json::from_str(&honest).unwrap();
    tampered["rounds"][2]["score"] = 99.into();
    write(
        "result_file",
        "tampered.json",
        tampered.to_string().as_bytes(),
    );
    let mut foreign = tampered.clone();
    foreign["scenario"] = "0".repeat(64).into();
    write(
        "result_file",
        "foreign.json",
        foreign.to_string().as_bytes(),
    );
}
