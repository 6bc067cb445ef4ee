//! Browser tests of the app, run in headless Chromium by wasm-bindgen-test
//! (see README, "Running one test"). Keep browser tests in this one file (each test
//! binary is linked on its own); only the panic boundary has its own (`boundary.rs`),
//! because it leaves its wasm instance dead.

#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::task::tick;
use takt_app::fmt::format_number;
use takt_app::i18n::Locale;
use takt_app::trainee::calculator::{takt_from_input, InputError};
use takt_app::{App, LOCALE_KEY};
use takt_core::lean::formulas::LeanError;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The app mounted into its own fresh element, removed again on drop.
struct Mounted {
    root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    async fn new() -> Self {
        let document = web_sys::window().unwrap().document().unwrap();
        let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = mount_to(root.clone(), App);
        settle().await;
        Self {
            root,
            _handle: Box::new(handle),
        }
    }

    fn find(&self, test_id: &str) -> Option<Element> {
        self.root
            .query_selector(&format!("[data-testid='{test_id}']"))
            .unwrap()
    }

    #[track_caller]
    fn get(&self, test_id: &str) -> Element {
        self.find(test_id)
            .unwrap_or_else(|| panic!("no element with data-testid={test_id}"))
    }

    #[track_caller]
    fn text(&self, test_id: &str) -> String {
        self.get(test_id).text_content().unwrap_or_default()
    }

    async fn click(&self, test_id: &str) {
        self.get(test_id).unchecked_into::<HtmlElement>().click();
        settle().await;
    }

    async fn type_into(&self, test_id: &str, value: &str) {
        let input: HtmlInputElement = self.get(test_id).unchecked_into();
        input.set_value(value);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        settle().await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Lets effects and scheduled reactive updates run.
async fn settle() {
    for _ in 0..3 {
        tick().await;
    }
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn html_lang() -> Option<String> {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap()
        .get_attribute("lang")
}

#[wasm_bindgen_test]
async fn renders_header_and_russian_by_default() {
    storage().clear().unwrap();
    let app = Mounted::new().await;

    assert_eq!(app.text("app-title"), "Takt");
    assert_eq!(app.text("calc-title"), "Время такта");
    assert_eq!(app.text("app-tagline"), "тренажёр бережливого производства");
    assert_eq!(html_lang().as_deref(), Some("ru"));
    assert_eq!(
        app.get("lang-ru").get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(app.text("core-version").contains(takt_core::VERSION));
    // Nothing is stored until the user picks a language.
    assert_eq!(LOCALE_KEY.load(), None);
}

#[wasm_bindgen_test]
async fn shows_takt_time_computed_by_the_core() {
    storage().clear().unwrap();
    let app = Mounted::new().await;

    // Defaults: 480 min, 240 units.
    assert_eq!(app.text("takt-result"), "2 мин на единицу (120 с)");

    app.type_into("takt-available", "450").await;
    app.type_into("takt-demand", "200").await;
    assert_eq!(app.text("takt-result"), "2,25 мин на единицу (135 с)");
    assert!(app.find("takt-no-result").is_none());
}

#[wasm_bindgen_test]
async fn zero_demand_shows_an_inline_error() {
    storage().clear().unwrap();
    let app = Mounted::new().await;

    app.type_into("takt-demand", "0").await;
    assert_eq!(
        app.text("demand-error"),
        "Спрос должен быть не меньше одной единицы."
    );
    assert_eq!(
        app.get("takt-demand")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(app.find("takt-result").is_none());
    assert!(app.find("available-error").is_none());

    app.type_into("takt-available", "много").await;
    assert_eq!(app.text("available-error"), "Введите число, например 480.");

    app.type_into("takt-available", "480").await;
    app.type_into("takt-demand", "240").await;
    assert!(app.find("demand-error").is_none());
    assert_eq!(app.get("takt-demand").get_attribute("aria-invalid"), None);
    assert_eq!(app.text("takt-result"), "2 мин на единицу (120 с)");
}

#[wasm_bindgen_test]
async fn switching_language_translates_and_is_remembered() {
    storage().clear().unwrap();
    let app = Mounted::new().await;

    app.click("lang-en").await;
    assert_eq!(app.text("calc-title"), "Takt time");
    assert_eq!(app.text("takt-result"), "2 min per unit (120 s)");
    assert_eq!(html_lang().as_deref(), Some("en"));
    assert_eq!(
        app.get("lang-en").get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(LOCALE_KEY.load(), Some(Locale::en));
    drop(app);

    // A new visit starts in English.
    let app = Mounted::new().await;
    assert_eq!(app.text("calc-title"), "Takt time");

    app.click("lang-ru").await;
    assert_eq!(app.text("calc-title"), "Время такта");
    assert_eq!(html_lang().as_deref(), Some("ru"));
    assert_eq!(LOCALE_KEY.load(), Some(Locale::ru));
}

#[wasm_bindgen_test]
async fn garbage_in_storage_falls_back_to_russian() {
    storage().clear().unwrap();
    storage()
        .set_item(&LOCALE_KEY.storage_name(), "tlh-Klingon")
        .unwrap();
    let app = Mounted::new().await;
    assert_eq!(app.text("calc-title"), "Время такта");
}

#[wasm_bindgen_test]
fn parses_inputs_and_reports_which_is_wrong() {
    assert_eq!(takt_from_input("480", "240"), Ok(2.0));
    assert_eq!(takt_from_input(" 7,5 ", " 3 "), Ok(2.5));
    assert_eq!(takt_from_input("", "240"), Err(InputError::NotANumber));
    assert_eq!(takt_from_input("inf", "240"), Err(InputError::NotANumber));
    assert_eq!(
        takt_from_input("480", "-1"),
        Err(InputError::NotAWholeNumber)
    );
    assert_eq!(
        takt_from_input("480", "2.5"),
        Err(InputError::NotAWholeNumber)
    );
    assert_eq!(
        takt_from_input("0", "240"),
        Err(InputError::Lean(LeanError::AvailableTime(0.0)))
    );
    assert_eq!(
        takt_from_input("480", "0"),
        Err(InputError::Lean(LeanError::Demand))
    );
}

#[wasm_bindgen_test]
fn formats_numbers_per_locale() {
    assert_eq!(format_number(2.0, Locale::ru), "2");
    assert_eq!(format_number(2.25, Locale::ru), "2,25");
    assert_eq!(format_number(2.5, Locale::en), "2.5");
    assert_eq!(format_number(480.0 / 7.0, Locale::en), "68.57");
    assert_eq!(format_number(120.0, Locale::en), "120");
    // Minus zero (an empty sum) and a negative that rounds to zero print as 0.
    assert_eq!(format_number(-0.0, Locale::ru), "0");
    assert_eq!(format_number(-0.001, Locale::en), "0");
    assert_eq!(format_number(-0.5, Locale::en), "-0.5");
    assert_eq!(format_number(-0.004_999, Locale::ru), "0");
    assert_eq!(format_number(-1e-12, Locale::en), "0");
    assert_eq!(format_number(0.1 + 0.2 - 0.3, Locale::en), "0");
    assert_eq!(format_number(-0.006, Locale::ru), "-0,01");
    assert_eq!(takt_app::fmt::with_ci(-0.001, 0.0, Locale::ru), "0");
    assert_eq!(takt_app::fmt::with_ci(-0.001, 0.5, Locale::en), "0 ± 0.5");
}

#[path = "../crates/takt-core/tests/common/determinism.rs"]
mod determinism;

/// The engine in WebAssembly gives the same bytes as natively: the report and the analysis
/// of every case, recorded by the native test `crates/takt-core/tests/determinism.rs`, are
/// reproduced here, in Chromium.
#[wasm_bindgen_test]
fn the_engine_in_wasm_reproduces_the_native_bytes() {
    macro_rules! recorded {
        ($name:literal) => {
            (
                include_str!(concat!(
                    "../crates/takt-core/tests/fixtures/determinism/",
                    $name,
                    ".report.json"
                )),
                include_str!(concat!(
                    "../crates/takt-core/tests/fixtures/determinism/",
                    $name,
                    ".analysis.json"
                )),
            )
        };
    }
    let recorded = [
        recorded!("fixture"),
        recorded!("process-factory"),
        recorded!("kanban"),
        recorded!("breakdowns-setups"),
    ];
    for ((name, scenario), (report, analysis)) in determinism::CASES.into_iter().zip(recorded) {
        let (own_report, own_analysis) = determinism::bytes(scenario);
        assert!(
            own_report == report,
            "{name}: the report differs from the native one"
        );
        assert!(
            own_analysis == analysis,
            "{name}: the analysis differs from the native one"
        );
    }
}

/// Measures (prints, does not assert) a live what-if in the browser: one shift of each
/// built-in scenario simulated and analysed, the median of 21 runs. Issue 5 asks for < 5 ms.
#[wasm_bindgen_test]
fn a_single_shift_what_if_is_measured_for_each_built_in_scenario() {
    let performance = web_sys::window().unwrap().performance().unwrap();
    for (id, scenario) in takt_app::library::scenarios() {
        let mut times = Vec::new();
        let mut completed = 0.0;
        for _ in 0..21 {
            let t0 = performance.now();
            let analysis = takt_core::lean::analyze(&scenario, 1, 1).expect("runs");
            times.push(performance.now() - t0);
            completed = analysis.kpis.completed.mean;
        }
        times.sort_by(f64::total_cmp);
        assert!(completed > 0.0, "{id}: the shift produced nothing");
        let build = if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        };
        console_log!(
            "what-if {id}: simulate + analyze of one shift, median {:.2} ms ({build} build)",
            times[10]
        );
    }
}

/// The median of `runs` timings of `f` in milliseconds (the page's clock), and its last value.
/// Ten runs first are not timed: V8 runs a function in its baseline compiler's code until
/// it has been called often enough to be optimised.
fn median_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let performance = web_sys::window().unwrap().performance().unwrap();
    for _ in 0..10 {
        f();
    }
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t0 = performance.now();
        last = Some(f());
        times.push(performance.now() - t0);
    }
    times.sort_by(f64::total_cmp);
    (times[runs / 2], last.expect("at least one run"))
}

/// Which build the figures are from: the test profile (`dev`, the core at opt-level 2) or
/// `--release` / `--profile web` (no debug assertions).
fn build_name() -> &'static str {
    if cfg!(debug_assertions) {
        "test profile, core opt-level 2"
    } else {
        "optimised profile"
    }
}

/// Measures (prints, does not assert) what the web worker does for a round (issue 17's
/// "one round in one frame"): round 1 of the process factory, 30 replications played and
/// analysed (`RoundJob::play`), then the reply written and read as the worker's message.
#[wasm_bindgen_test]
fn a_round_in_the_worker_is_measured() {
    use takt_app::platform::worker::{Reply, RoundReply};
    use takt_core::sim::Control;
    let (_, scenario) = takt_app::library::scenarios()
        .into_iter()
        .find(|(id, _)| *id == "process-factory")
        .expect("the process factory ships");
    let mut session = takt_core::training::session::Session::for_class("process-factory", scenario);
    session.replications = 30;
    let job = session.job().expect("round 1 can be played");
    let (play, outcome) = median_ms(7, || job.play(|_| Control::Continue).expect("plays"));
    assert!(outcome.analysis.kpis.completed.mean > 0.0);
    let reply: RoundReply = Reply::Done(Box::new(outcome));
    let (write, text) = median_ms(7, || serde_json::to_string(&reply).unwrap());
    let (read, back) = median_ms(7, || serde_json::from_str::<RoundReply>(&text).unwrap());
    assert_eq!(back, reply);
    console_log!(
        "round (process-factory, 30 replications + analysis): play median {play:.2} ms; reply {} KB written in {write:.2} ms, read in {read:.2} ms ({})",
        text.len() / 1024,
        build_name()
    );
}

/// Measures (prints, does not assert) the engine alone on the benchmark's six-station line
/// (`bench/line6.json`): ms per replication and ns per event, to set against the native
/// figure of `bench/compare.py` (the wasm / native ratio).
#[wasm_bindgen_test]
fn the_engine_alone_is_measured_on_the_six_station_line() {
    use takt_core::sim::{run_replications, RunOptions};
    let line = takt_core::Scenario::from_json(include_str!("../bench/line6.json")).unwrap();
    const REPLICATIONS: u64 = 200;
    let (ms, runs) = median_ms(5, || {
        run_replications(&line, 1, REPLICATIONS, &RunOptions::default()).expect("runs")
    });
    let events: u64 = runs.iter().map(|r| r.events).sum();
    assert!(events > 0);
    console_log!(
        "engine (bench/line6.json, {REPLICATIONS} replications): median {:.3} ms per replication, {:.0} events per replication, {:.1} ns per event ({})",
        ms / REPLICATIONS as f64,
        events as f64 / REPLICATIONS as f64,
        ms * 1e6 / events as f64,
        build_name()
    );
}

/// Measures (prints, does not assert) the improve step's forecast (`view::forecast`, 30
/// replications) of each built-in scenario: it runs in the page once a frame while an
/// element is dragged, so it should take well under 16 ms.
#[wasm_bindgen_test]
fn the_forecast_is_measured_for_each_built_in_scenario() {
    for (id, scenario) in takt_app::library::scenarios() {
        let (ms, f) = median_ms(11, || {
            takt_core::view::forecast::forecast(&scenario, 1, 30).expect("runs")
        });
        assert!(f.completed.mean > 0.0 && f.completed.ci95 > 0.0);
        console_log!(
            "forecast {id} (30 replications): median {ms:.2} ms ({})",
            build_name()
        );
    }
}

/// The class handed from the classroom mode to the desk comes back as it was left, each
/// document on one line even when the server kept it written over several, and only once.
#[wasm_bindgen_test]
fn a_live_class_is_handed_to_the_desk_once_and_whole() {
    use takt_app::desk::classroom::handover::Handover;
    let pretty = "{\n  \"team\": \"Бригада 1\",\n  \"note\": \"a\\nb\"\n}";
    let left = Handover {
        code: "K7M2QX".into(),
        scenario: "{\"id\":\"x\"}".into(),
        results: vec![pretty.into(), "{\"team\":\"B\"}".into()],
    };
    let text = left.to_text();
    assert_eq!(text.lines().count(), 5, "{text}");
    let back = Handover::from_text(&text).expect("a handover");
    assert_eq!(back.code, "K7M2QX");
    assert_eq!(back.scenario, left.scenario);
    let first: serde_json::Value = serde_json::from_str(&back.results[0]).unwrap();
    assert_eq!(
        first,
        serde_json::from_str::<serde_json::Value>(pretty).unwrap()
    );
    assert_eq!(back.results[1], "{\"team\":\"B\"}");
    assert_eq!(Handover::from_text("{\"id\":\"x\"}"), None);

    left.leave().expect("stored");
    assert_eq!(Handover::take(), Some(back));
    assert_eq!(Handover::take(), None);
}
