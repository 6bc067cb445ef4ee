//! Everything the app refuses or cannot do, in words of the interface language: the core's
//! typed refusals (a scenario's problems, a refused plan, an unreadable session or result
//! file, a flagged result, a run that failed) and the platform's (a share link, storage,
//! a picked file, the web worker).
//!
//! Each error is a value with its data; [`Explain::explain`] words it from `locales/`, so
//! that no English text of the core reaches the Russian interface. Call it inside a
//! reactive closure (`move || e.explain()`): it follows the language. Field paths
//! (`stations[2].process.mean`) and ids are shown as written; serde's text of a structural
//! error (`Problem::Unreadable`) is shown as its detail after a translated lead-in.

use crate::fmt::format_number;
use crate::i18n::{t_string, use_i18n, Locale};
use crate::names::{kpi_name, param_label, tool_label};
use crate::platform::export::FileError;
use crate::platform::share::ShareError;
use crate::platform::storage::SaveError;
use crate::platform::worker::Failure;
use takt_core::json::{number_text, FieldError, Problem, Shape};
use takt_core::model::Kpi;
use takt_core::sim::SimError;
use takt_core::training::result::{ClassSetting, Figure, Flag, ResultFileError, RESULT_VERSION};
use takt_core::training::session::{SessionError, SESSION_VERSION};
use takt_core::training::{Reason, Refusal, Unplayed};
use takt_core::Errors;

/// An error worded in the interface language.
pub trait Explain {
    /// The error in the current language (reads the language: call it where it is shown).
    fn explain(&self) -> String;
}

/// A limit as the core writes it (`1000`, `0.001`, `1e9`), with the locale's decimal mark.
fn limit(x: f64, locale: Locale) -> String {
    let text = number_text(x);
    match locale {
        Locale::ru => text.replace('.', ","),
        Locale::en => text,
    }
}

/// Megabytes with one decimal, in the locale's unit: `17,0 МБ`, `17.0 MB`.
fn megabytes(bytes: u64, locale: Locale) -> String {
    let mb = format!("{:.1}", bytes as f64 / f64::from(1u32 << 20));
    match locale {
        Locale::ru => format!("{} МБ", mb.replace('.', ",")),
        Locale::en => format!("{mb} MB"),
    }
}

/// Names as a list: `` `a`, `b` `` in English (as the core writes them), `a, b` in Russian.
fn names(list: &[String], locale: Locale) -> String {
    match locale {
        Locale::ru => list.join(", "),
        Locale::en => list
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

impl Explain for Shape {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        match self {
            Shape::Plan => t_string!(i18n, shape_plan),
            Shape::ChangeList => t_string!(i18n, shape_change_list),
            Shape::Change => t_string!(i18n, shape_change),
            Shape::Number => t_string!(i18n, shape_number),
            Shape::Count => t_string!(i18n, shape_count),
            Shape::Limit => t_string!(i18n, shape_limit),
            Shape::Text => t_string!(i18n, shape_text),
            Shape::Ids => t_string!(i18n, shape_ids),
        }
        .to_string()
    }
}

impl Explain for Problem {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        let locale = i18n.get_locale();
        let n = |x: f64| limit(x, locale);
        match self {
            Problem::Unreadable { detail } => {
                t_string!(i18n, problem_unreadable, detail = detail).to_string()
            }
            Problem::TooLarge { size, limit } => t_string!(
                i18n,
                problem_too_large,
                size = megabytes(*size, locale),
                limit = megabytes(*limit, locale)
            )
            .to_string(),
            Problem::MissingField { field } => {
                t_string!(i18n, problem_missing_field, field = field).to_string()
            }
            Problem::UnknownField { field, expected } => t_string!(
                i18n,
                problem_unknown_field,
                field = field,
                expected = names(expected, locale)
            )
            .to_string(),
            Problem::Expected { shape, got: None } => {
                t_string!(i18n, problem_expected, shape = shape.explain()).to_string()
            }
            Problem::Expected {
                shape,
                got: Some(got),
            } => t_string!(
                i18n,
                problem_expected_got,
                shape = shape.explain(),
                got = got
            )
            .to_string(),
            Problem::UnknownTool { name, known } => t_string!(
                i18n,
                problem_unknown_tool,
                name = name,
                known = names(known, locale)
            )
            .to_string(),
            Problem::UnknownFormat { known } => {
                t_string!(i18n, problem_unknown_format, known = known).to_string()
            }
            Problem::NeedsFormat { format } => {
                t_string!(i18n, problem_needs_format, format = format).to_string()
            }
            Problem::ReplacedByCards => t_string!(i18n, problem_replaced_by_cards).to_string(),
            Problem::Empty => t_string!(i18n, problem_empty).to_string(),
            Problem::TooLong { max } => t_string!(i18n, problem_too_long, max = max).to_string(),
            Problem::Between { min, max } => {
                t_string!(i18n, problem_between, min = n(*min), max = n(*max)).to_string()
            }
            Problem::Positive => t_string!(i18n, problem_positive).to_string(),
            Problem::NonNegative => t_string!(i18n, problem_non_negative).to_string(),
            Problem::FiniteAtMost { max } => {
                t_string!(i18n, problem_finite_at_most, max = n(*max)).to_string()
            }
            Problem::Finite => t_string!(i18n, problem_finite).to_string(),
            Problem::Fraction => t_string!(i18n, problem_fraction).to_string(),
            Problem::WarmupTooLong => t_string!(i18n, problem_warmup_too_long).to_string(),
            Problem::MaxBelowMin => t_string!(i18n, problem_max_below_min).to_string(),
            Problem::ModeOutside => t_string!(i18n, problem_mode_outside).to_string(),
            Problem::NoWorkTime => t_string!(i18n, problem_no_work_time).to_string(),
            Problem::NoStations => t_string!(i18n, problem_no_stations).to_string(),
            Problem::NameAStation => t_string!(i18n, problem_name_a_station).to_string(),
            Problem::TendsAndCarries => t_string!(i18n, problem_tends_and_carries).to_string(),
            Problem::ProcessAndElements => {
                t_string!(i18n, problem_process_and_elements).to_string()
            }
            Problem::NoProcess => t_string!(i18n, problem_no_process).to_string(),
            Problem::SetupWhen => t_string!(i18n, problem_setup_when).to_string(),
            Problem::NeedsTwoProducts => t_string!(i18n, problem_needs_two_products).to_string(),
            Problem::OnlyForRework => t_string!(i18n, problem_only_for_rework).to_string(),
            Problem::ReworkForward => t_string!(i18n, problem_rework_forward).to_string(),
            Problem::KanbanOnLast => t_string!(i18n, problem_kanban_on_last).to_string(),
            Problem::BelowBatch { batch } => {
                t_string!(i18n, problem_below_batch, batch = batch).to_string()
            }
            Problem::LastFeeds => t_string!(i18n, problem_last_feeds).to_string(),
            Problem::UnknownStation { id } => {
                t_string!(i18n, problem_unknown_station, id = id).to_string()
            }
            Problem::DuplicateId { id, also: None } => {
                t_string!(i18n, problem_duplicate_id, id = id).to_string()
            }
            Problem::DuplicateId {
                id,
                also: Some(also),
            } => t_string!(i18n, problem_duplicate_id_also, id = id, also = also).to_string(),
            Problem::DuplicateElement { name, also } => {
                t_string!(i18n, problem_duplicate_element, name = name, also = also).to_string()
            }
            Problem::NotUpstream { id } => {
                t_string!(i18n, problem_not_upstream, id = id).to_string()
            }
            Problem::ListedTwice { id } => {
                t_string!(i18n, problem_listed_twice, id = id).to_string()
            }
            Problem::AlreadyFeeds { from, to } => {
                t_string!(i18n, problem_already_feeds, from = from, to = to).to_string()
            }
            Problem::GoesNowhere { station, next } => {
                t_string!(i18n, problem_goes_nowhere, station = station, next = next).to_string()
            }
            Problem::BatchNeverFits {
                batch,
                station,
                room,
            } => t_string!(
                i18n,
                problem_batch_never_fits,
                batch = batch,
                station = station,
                room = room
            )
            .to_string(),
            Problem::AssemblyRoom { qty, from } => {
                t_string!(i18n, problem_assembly_room, qty = qty, from = from).to_string()
            }
        }
    }
}

impl Explain for FieldError {
    /// `path: problem` (the path as written in the file), or the problem alone for the
    /// document as a whole.
    fn explain(&self) -> String {
        if self.path.is_empty() {
            self.problem.explain()
        } else {
            format!("{}: {}", self.path, self.problem.explain())
        }
    }
}

impl Explain for Errors {
    /// Every problem, separated by `; `.
    fn explain(&self) -> String {
        self.iter()
            .map(FieldError::explain)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl Explain for Reason {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        let locale = i18n.get_locale();
        let n = |x: f64| limit(x, locale);
        match self {
            Reason::NotAllowed { tool } => {
                t_string!(i18n, reason_not_allowed, tool = tool_label(*tool)).to_string()
            }
            Reason::OverBudget { cost, budget } => t_string!(
                i18n,
                reason_over_budget,
                cost = format_number(*cost, locale),
                budget = format_number(*budget, locale)
            )
            .to_string(),
            Reason::InvalidLine(errors) => {
                t_string!(i18n, reason_invalid_line, problems = errors.explain()).to_string()
            }
            Reason::AllPlayed => t_string!(i18n, reason_all_played).to_string(),
            Reason::NoStation { id } => {
                t_string!(i18n, problem_unknown_station, id = id).to_string()
            }
            Reason::NoOperator { id } => t_string!(i18n, reason_no_operator, id = id).to_string(),
            Reason::NoElement { name } => {
                t_string!(i18n, reason_no_element, name = name).to_string()
            }
            Reason::AlreadyThere { element, station } => t_string!(
                i18n,
                reason_already_there,
                element = element,
                station = station
            )
            .to_string(),
            Reason::SingleProcess { station } => {
                t_string!(i18n, reason_single_process, station = station).to_string()
            }
            Reason::OnlyWork { element, station } => {
                t_string!(i18n, reason_only_work, element = element, station = station).to_string()
            }
            Reason::UsesConwip => t_string!(i18n, reason_uses_conwip).to_string(),
            Reason::UsesKanban => t_string!(i18n, reason_uses_kanban).to_string(),
            Reason::NoChangeovers { station } => {
                t_string!(i18n, reason_no_changeovers, station = station).to_string()
            }
            Reason::NoWaste { station } => {
                t_string!(i18n, reason_no_waste, station = station).to_string()
            }
            Reason::NoDefects { station } => {
                t_string!(i18n, reason_no_defects, station = station).to_string()
            }
            Reason::NoBreakdowns { station } => {
                t_string!(i18n, reason_no_breakdowns, station = station).to_string()
            }
            Reason::NoTransport { station } => {
                t_string!(i18n, reason_no_transport, station = station).to_string()
            }
            Reason::NotPlaced { station } => {
                t_string!(i18n, reason_not_placed, station = station).to_string()
            }
            Reason::NoWalk { operator } => {
                t_string!(i18n, reason_no_walk, operator = operator).to_string()
            }
            Reason::OperatorExists { id } => {
                t_string!(i18n, reason_operator_exists, id = id).to_string()
            }
            Reason::OneServer { station } => {
                t_string!(i18n, reason_one_server, station = station).to_string()
            }
            Reason::CardSets { field, card, got } => t_string!(
                i18n,
                reason_card_sets,
                field = param_label(field),
                card = n(*card),
                got = n(*got)
            )
            .to_string(),
            Reason::OutOfBounds {
                field,
                got,
                min,
                max,
            } => {
                let bound = |b: &Option<u32>| b.map_or("—".to_owned(), |b| b.to_string());
                let got = got.map_or_else(
                    || t_string!(i18n, reason_unlimited).to_string(),
                    |g| g.to_string(),
                );
                t_string!(
                    i18n,
                    reason_out_of_bounds,
                    field = param_label(field),
                    min = bound(min),
                    max = bound(max),
                    got = got
                )
                .to_string()
            }
            Reason::CardUsed { tool, round, .. } => t_string!(
                i18n,
                reason_card_used,
                tool = tool_label(*tool),
                round = *round
            )
            .to_string(),
            Reason::Repeated { tool, first, .. } => t_string!(
                i18n,
                reason_repeated,
                tool = tool_label(*tool),
                first = first + 1
            )
            .to_string(),
        }
    }
}

impl Explain for Refusal {
    /// The reason, after the number of the change at fault (counted from 1) when there is one.
    fn explain(&self) -> String {
        let i18n = use_i18n();
        match self.change {
            Some(k) => t_string!(
                i18n,
                refusal_change,
                n = k + 1,
                reason = self.reason.explain()
            )
            .to_string(),
            None => self.reason.explain(),
        }
    }
}

impl Explain for SimError {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        match self {
            SimError::Invalid(errors) => errors.explain(),
            SimError::TooManyEvents { limit, at } => t_string!(
                i18n,
                sim_too_many_events,
                limit = limit,
                at = format_number(*at, i18n.get_locale())
            )
            .to_string(),
        }
    }
}

impl Explain for Unplayed {
    fn explain(&self) -> String {
        match self {
            Unplayed::Cancelled => t_string!(use_i18n(), round_cancelled).to_string(),
            Unplayed::Failed(e) => e.explain(),
        }
    }
}

/// "This app reads version `known`, not `found`."
fn version(found: u32, known: u32) -> String {
    t_string!(use_i18n(), document_version, found = found, known = known).to_string()
}

impl Explain for SessionError {
    fn explain(&self) -> String {
        match self {
            SessionError::Unreadable(errors) => errors.explain(),
            SessionError::Version { found } => version(*found, SESSION_VERSION),
            SessionError::Scenario(errors) => {
                t_string!(use_i18n(), session_scenario, problems = errors.explain()).to_string()
            }
        }
    }
}

impl Explain for ResultFileError {
    fn explain(&self) -> String {
        match self {
            ResultFileError::Unreadable(errors) => errors.explain(),
            ResultFileError::Version { found } => version(*found, RESULT_VERSION),
        }
    }
}

impl Explain for Flag {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        let locale = i18n.get_locale();
        let in_round = |round: usize, reason: String| {
            t_string!(i18n, flag_round, round = round, reason = reason).to_string()
        };
        match self {
            Flag::OtherScenario { fingerprint } => {
                t_string!(i18n, flag_other_scenario, fingerprint = fingerprint).to_string()
            }
            Flag::ChangedBaseline => t_string!(i18n, flag_changed_baseline).to_string(),
            Flag::Refused { round, refusal } => in_round(*round, refusal.explain()),
            Flag::Mismatch {
                round,
                figure,
                claimed,
                actual,
            } => {
                let figure = match figure {
                    Figure::Completed => kpi_name(Kpi::Completed),
                    Figure::Score => t_string!(i18n, figure_score).to_string(),
                };
                let value =
                    |x: &Option<f64>| x.map_or("—".to_owned(), |x| format_number(x, locale));
                t_string!(
                    i18n,
                    flag_mismatch,
                    round = round,
                    figure = figure,
                    claimed = value(claimed),
                    actual = value(actual)
                )
                .to_string()
            }
            Flag::Rounds { rounds, max } => {
                t_string!(i18n, flag_rounds, rounds = rounds, max = max).to_string()
            }
            Flag::Replications { replications, max } => t_string!(
                i18n,
                flag_replications,
                replications = replications,
                max = max
            )
            .to_string(),
            Flag::NotTheClass {
                setting: ClassSetting::Replications,
                found,
                expected,
            } => t_string!(
                i18n,
                flag_class_replications,
                found = found,
                expected = expected
            )
            .to_string(),
            Flag::NotTheClass {
                setting: ClassSetting::Seed,
                found,
                expected,
            } => t_string!(i18n, flag_class_seed, found = found, expected = expected).to_string(),
            Flag::Failed { round, error } => in_round(*round, error.explain()),
            Flag::Hints {
                round,
                used,
                allowed,
            } => t_string!(
                i18n,
                flag_hints,
                round = round,
                used = used,
                allowed = allowed
            )
            .to_string(),
        }
    }
}

impl Explain for ShareError {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        match self {
            ShareError::Compress => t_string!(i18n, share_compress).to_string(),
            ShareError::Damaged => t_string!(i18n, share_damaged).to_string(),
            ShareError::Invalid(errors) => errors.explain(),
        }
    }
}

impl Explain for SaveError {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        match self {
            SaveError::Unavailable => t_string!(i18n, save_unavailable).to_string(),
            SaveError::Refused { detail } => {
                t_string!(i18n, save_refused, detail = detail).to_string()
            }
        }
    }
}

impl Explain for takt_core::lean::TimeStudyError {
    fn explain(&self) -> String {
        use takt_core::lean::TimeStudyError as E;
        let i18n = use_i18n();
        match self {
            E::Station(id) => t_string!(i18n, sheets_no_station, id = id.clone()).to_string(),
            E::Cycles(_) => t_string!(
                i18n,
                study_cycles_wrong,
                max = takt_core::lean::time_study::MAX_CYCLES
            )
            .to_string(),
            E::NoCycles => t_string!(i18n, study_no_cycles).to_string(),
        }
    }
}

impl Explain for takt_core::lean::spaghetti::SpaghettiError {
    fn explain(&self) -> String {
        use takt_core::lean::spaghetti::SpaghettiError as E;
        let i18n = use_i18n();
        match self {
            E::NoLayout => t_string!(i18n, spaghetti_no_layout).to_string(),
            E::NoLog => t_string!(i18n, spaghetti_no_log).to_string(),
        }
    }
}

impl Explain for takt_core::lean::standard_work::CombinationError {
    fn explain(&self) -> String {
        use takt_core::lean::standard_work::CombinationError as E;
        let i18n = use_i18n();
        match self {
            E::Operator(id) => t_string!(i18n, sheets_no_operator, id = id.clone()).to_string(),
            E::NoCycle => t_string!(i18n, sw_no_cycle).to_string(),
        }
    }
}

impl Explain for FileError {
    fn explain(&self) -> String {
        match self {
            FileError::TooLarge { size, limit } => Problem::TooLarge {
                size: *size,
                limit: *limit,
            }
            .explain(),
            FileError::NotText => t_string!(use_i18n(), file_not_text).to_string(),
        }
    }
}

impl Explain for Failure {
    fn explain(&self) -> String {
        let i18n = use_i18n();
        match self {
            Failure::Round(e) => e.explain(),
            Failure::Stopped { detail } => {
                t_string!(i18n, worker_stopped, detail = detail).to_string()
            }
            Failure::NotLoaded => t_string!(i18n, worker_not_loaded).to_string(),
            Failure::NotStarted { detail } => {
                t_string!(i18n, worker_not_started, detail = detail).to_string()
            }
            Failure::NoModule { selector } => {
                t_string!(i18n, worker_no_module, selector = selector).to_string()
            }
            Failure::Garbled { detail } => {
                t_string!(i18n, worker_garbled, detail = detail).to_string()
            }
            Failure::Unanswered => t_string!(i18n, worker_unanswered).to_string(),
        }
    }
}
