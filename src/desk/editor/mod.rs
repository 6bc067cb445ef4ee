//! The instructor's scenario editor. The scenario is edited as a JSON document: form fields
//! for the settings used most (line, briefing, stations, crew, order, training) and the whole
//! document as text for everything else; both edit the same draft. The core's validator runs
//! on every change and each error is shown next to its field. The draft and its undo history
//! are kept in browser storage as they change ([`crate::desk::draft`]), so leaving the page
//! and coming back loses nothing. A preview run, import and export as a file, a share link
//! with its QR code, and "open in the trainee view".
//!
//! - [`doc`]: paths in the document, reading and writing the value at a path;
//! - [`fields`]: one form control per kind of value (number, text, name, select, checklist);
//! - [`time`]: a time, a constant or a distribution;
//! - [`lists`]: the stations and the lists of the document (operators, inputs, elements);
//! - [`tools`]: the training's tools, costs, targets and weights;
//! - [`share`]: the share link, its QR code and the projector view of it.

/// A label that follows the interface language: `label!(ed, editor_horizon)`.
macro_rules! label {
    ($ed:expr, $key:ident) => {
        $crate::desk::editor::fields::label_of($ed.i18n, |locale| {
            $crate::i18n::td_string!(locale, $key)
        })
    };
}

mod doc;
mod fields;
mod lists;
pub(crate) mod share;
mod time;
mod tools;

use crate::desk::best::BestPlanFinder;
use crate::desk::draft::Draft;
use crate::fmt::{format_number, unit_symbol, with_ci};
use crate::i18n::{t_string, use_i18n, Locale};
use crate::library;
use crate::platform::export::{take_picked, FileError};
use crate::platform::storage::{SaveError, Stored};
use crate::refusals::Explain;
use doc::{get, set};
use fields::{field, name_field, select_field, text_area, Kind};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use serde_json::Value;
use std::cell::RefCell;
use std::sync::Arc;
use takt_core::json::from_json_text;
use takt_core::json::Problem;
use takt_core::model::DEFAULT_SEED;
use takt_core::model::MAX_SCENARIO_BYTES;
use takt_core::sim::SimError;
use takt_core::{Errors, FieldError, Scenario};

/// Replications of the editor's preview run.
const PREVIEW_REPLICATIONS: u64 = 10;

/// A blank line to start from: one station, an order and a shift.
const BLANK: &str = r#"{"name": {"ru": "Новая линия", "en": "New line"}, "time_unit": "s", "horizon": 28800,
 "stations": [{"id": "s1", "name": {"ru": "Участок 1", "en": "Station 1"}, "process": 60}],
 "demand": {"quantity": 400, "price": 1000},
 "training": {"rounds": 3}}"#;

thread_local! {
    /// The draft as the editor left it on this page, for when storage could not keep it:
    /// going to the desk and back (the same page) still finds it.
    static LIVE: RefCell<Option<Draft>> = const { RefCell::new(None) };
}

/// Why an imported file did not replace the draft: it could not be read, or it is not a
/// scenario at all (a scenario with mistakes to fix is loaded, its mistakes at their fields).
#[derive(Debug, Clone, PartialEq)]
enum ImportError {
    File(FileError),
    Scenario(Errors),
}

impl Explain for ImportError {
    fn explain(&self) -> String {
        match self {
            ImportError::File(e) => e.explain(),
            ImportError::Scenario(e) => e.explain(),
        }
    }
}

/// `text` in the newest scenario format when it is a format-1 document with tools to
/// migrate; otherwise `text` as it is.
fn migrated(text: String) -> String {
    let Ok(mut doc) = serde_json::from_str::<Value>(&text) else {
        return text;
    };
    if Scenario::migrate_document(&mut doc) {
        pretty(&doc)
    } else {
        text
    }
}

/// The document as the editor writes it into the draft (pretty JSON).
fn pretty(v: &Value) -> String {
    takt_core::json::pretty_json(&v.to_string())
}

/// The editor's state, shared by its parts: the draft (with its history), the draft read as
/// JSON and as a scenario, and whether the last change could be stored.
#[derive(Clone, Copy)]
pub(super) struct Ed {
    pub i18n: leptos_i18n::I18nContext<Locale>,
    draft: RwSignal<Draft>,
    /// The current text of the draft.
    pub text: Memo<String>,
    /// The draft as JSON (`None` while the text is not JSON).
    pub doc: Memo<Option<Value>>,
    /// The draft as a scenario, or every problem at its field.
    pub checked: Memo<Result<Scenario, Errors>>,
    /// Why the last change could not be stored, if it could not.
    pub unsaved: RwSignal<Option<SaveError>>,
}

impl Ed {
    fn new(i18n: leptos_i18n::I18nContext<Locale>, start: Draft) -> Ed {
        let draft = RwSignal::new(start);
        let text = Memo::new(move |_| draft.with(|d| d.current().to_owned()));
        Ed {
            i18n,
            draft,
            text,
            doc: Memo::new(move |_| text.with(|t| serde_json::from_str::<Value>(t).ok())),
            checked: Memo::new(move |_| text.with(|t| Scenario::from_json(t))),
            unsaved: RwSignal::new(None),
        }
    }

    /// Stores the draft (and keeps it for this page whatever storage says).
    fn store(self) {
        let result = self.draft.with_untracked(|d| {
            LIVE.with(|l| *l.borrow_mut() = Some(d.clone()));
            d.save()
        });
        self.unsaved.set(result.err());
    }

    /// Makes `text` the draft (an undoable change) and stores it. A format-1 document is
    /// written in the newest format ([`Scenario::migrate_document`]: its tools become cards).
    pub fn commit(self, text: String) {
        let text = migrated(text);
        let mut changed = false;
        self.draft.update(|d| changed = d.commit(text));
        if changed {
            self.store();
        }
    }

    fn undo(self) {
        let mut changed = false;
        self.draft.update(|d| changed = d.undo());
        if changed {
            self.store();
        }
    }

    fn redo(self) {
        let mut changed = false;
        self.draft.update(|d| changed = d.redo());
        if changed {
            self.store();
        }
    }

    /// Changes the document with `change` (only while the text is JSON).
    pub fn change(self, change: impl FnOnce(&mut Value)) {
        if let Some(mut d) = self.doc.get_untracked() {
            change(&mut d);
            self.commit(pretty(&d));
        }
    }

    /// Sets (or with `None` removes) the value at `path`. Clearing the key a group cannot be
    /// without (a station's defect rate, changeover time, time between breakdowns or repair
    /// time) removes the group, so the draft stays valid.
    pub fn edit(self, path: &str, value: Option<Value>) {
        const GROUPS: [(&str, &str); 4] = [
            ("defects", "rate"),
            ("setup", "time"),
            ("breakdowns", "between"),
            ("breakdowns", "repair"),
        ];
        self.change(|d| {
            let cleared = value.is_none();
            if path.starts_with("training.tools.") {
                tools::seed_cards(d);
            }
            set(d, path, value);
            for (group, key) in GROUPS {
                let suffix = format!(".{group}.{key}");
                if let Some(parent) = path.strip_suffix(&suffix).filter(|_| cleared) {
                    set(d, &format!("{parent}.{group}"), None);
                }
            }
        });
    }

    /// The value at `path` (tracked).
    pub fn value(self, path: &str) -> Option<Value> {
        self.doc
            .with(|d| d.as_ref().and_then(|d| get(d, path)).cloned())
    }

    /// The validator's messages for `path` and the fields inside it (tracked when called).
    pub fn errors_at(self, p: String) -> impl Fn() -> Vec<Problem> + Clone + Send + Sync {
        move || {
            self.checked.with(|c| {
                c.as_ref()
                    .err()
                    .map(|e| {
                        e.iter()
                            .filter(|e| {
                                e.path == p
                                    || e.path.strip_prefix(p.as_str()).is_some_and(|rest| {
                                        rest.starts_with('.') || rest.starts_with('[')
                                    })
                            })
                            .map(|e| e.problem.clone())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        }
    }
}

/// The draft to start from: the stored one (with its history); else the one this page kept;
/// else a blank line. A stored draft that cannot be read is kept aside and reported
/// (its detail, and the storage key of its copy).
/// Whether the draft came from this page's copy (storage did not have it).
fn starting_draft() -> (Draft, Option<(String, String)>, bool) {
    let live = LIVE.with(|l| l.borrow().clone());
    let from_page = live.is_some();
    let blank = || Draft::new(pretty(&serde_json::from_str(BLANK).unwrap_or_default()));
    match Draft::load() {
        Stored::Found(d) => (d, None, false),
        Stored::Absent => (live.unwrap_or_else(blank), None, from_page),
        Stored::Corrupt { error, copy } => (
            live.unwrap_or_else(blank),
            Some((error.to_string(), copy)),
            from_page,
        ),
    }
}

#[component]
pub fn Editor() -> impl IntoView {
    let i18n = use_i18n();
    let (start, corrupt, from_page) = starting_draft();
    let ed = Ed::new(i18n, start);
    // A draft stored before the cards is carried into format 2 (an undoable change).
    let text = ed.text.get_untracked();
    if migrated(text.clone()) != text {
        ed.commit(text);
    }
    // A draft that storage did not keep is tried again (and reported again if it still fails).
    if from_page {
        ed.store();
    }
    // Leaving the page while the draft could not be stored asks first.
    let guard = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if ed.unsaved.get_untracked().is_some() {
            ev.prevent_default();
            ev.set_return_value("unsaved");
        }
    });
    on_cleanup(move || guard.remove());

    // The preview's analysis and the line it ran (its stations named in the current language).
    let preview = RwSignal::new(None::<Result<(takt_core::lean::Analysis, Scenario), SimError>>);
    let errors = move || -> Vec<FieldError> {
        ed.checked.with(|c| {
            c.as_ref()
                .err()
                .map(|e| e.iter().cloned().collect())
                .unwrap_or_default()
        })
    };

    let scenarios = StoredValue::new(library::scenarios());
    let load_builtin = move |k: usize| {
        let text = scenarios.with_value(|l| l.get(k).map(|(_, sc)| sc.to_json()));
        if let Some(text) = text {
            ed.commit(text);
        }
    };
    // An imported file replaces the draft (undo brings the old one back) when it is a
    // scenario, even one with errors to fix; a file that is not one at all (too large, not
    // JSON, not a scenario's shape) is refused with the reason, and the draft is kept.
    let import_error = RwSignal::new(None::<(String, ImportError)>);
    let import = move |files: web_sys::FileList| {
        let Some(file) = files.item(0) else { return };
        leptos::task::spawn_local(async move {
            let read = crate::platform::export::read_text(&file, MAX_SCENARIO_BYTES).await;
            let read = read.map_err(ImportError::File).and_then(|text| {
                match from_json_text::<Scenario>(&text) {
                    Ok(_) => Ok(text),
                    Err(e) => Err(ImportError::Scenario(e)),
                }
            });
            match read {
                Ok(text) => {
                    import_error.set(None);
                    ed.commit(text);
                }
                Err(e) => import_error.set(Some((file.name(), e))),
            }
        });
    };
    let run_preview = move |_| {
        if let Ok(sc) = ed.checked.get_untracked() {
            preview.set(Some(
                takt_core::lean::analyze(&sc, DEFAULT_SEED, PREVIEW_REPLICATIONS).map(|a| (a, sc)),
            ));
        }
    };
    let keys = move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() {
            match ev.key().as_str() {
                "z" if ev.shift_key() => ed.redo(),
                "z" => ed.undo(),
                "y" => ed.redo(),
                _ => return,
            }
            ev.prevent_default();
        }
    };
    let preview_view = move || {
        let locale = i18n.get_locale();
        preview.get().map(|p| match p {
            Err(e) => view! { <p class="field-error" role="alert" data-testid="ed-preview-error">{e.explain()}</p> }.into_any(),
            Ok((a, line)) => {
                let k = a.kpis;
                let bottleneck = line.station_label(&a.report.bottleneck, locale.as_str()).to_owned();
                let unit = unit_symbol(a.report.time_unit, locale);
                view! {
                    <dl class="facts" data-testid="ed-preview">
                        <div><dt>{tx!(i18n, kpi_completed)}</dt><dd data-testid="ed-preview-completed">{with_ci(k.completed.mean, k.completed.ci95, locale)}</dd></div>
                        <div><dt>{format!("{}, {unit}", t_string!(i18n, kpi_lead_time))}</dt><dd>{k.lead_time.map_or("—".into(), |e| with_ci(e.mean, e.ci95, locale))}</dd></div>
                        <div><dt>{tx!(i18n, kpi_wip)}</dt><dd>{format_number(k.wip.mean, locale)}</dd></div>
                        <div><dt>{tx!(i18n, result_bottleneck)}</dt><dd data-testid="ed-preview-bottleneck" data-station=a.report.bottleneck.clone()>{bottleneck}</dd></div>
                    </dl>
                }
                .into_any()
            }
        })
    };
    let valid = move || ed.checked.with(Result::is_ok);
    // The best plan of the draft (emptied as the draft changes).
    let best = RwSignal::new(None::<takt_core::view::best::BestView>);
    let best_line = Memo::new(move |_| ed.checked.with(|c| c.as_ref().ok().cloned()));
    let can_undo = move || ed.draft.with(Draft::can_undo);
    let can_redo = move || ed.draft.with(Draft::can_redo);
    let time_units = Arc::new(move || {
        let locale = i18n.get_locale();
        use takt_core::model::TimeUnit;
        [TimeUnit::Seconds, TimeUnit::Minutes, TimeUnit::Hours]
            .map(|u| (u.symbol().to_owned(), unit_symbol(u, locale).to_owned()))
            .to_vec()
    });
    let release_label = label!(ed, editor_release);

    view! {
        <section class="card editor" aria-labelledby="editor-title" data-testid="editor" on:keydown=keys>
            <h2 id="editor-title">{tx!(i18n, editor_title)}</h2>
            {corrupt.map(|(detail, copy)| view! {
                <p class="notice warning" role="alert" data-testid="ed-draft-corrupt">
                    {move || t_string!(i18n, editor_draft_corrupt, copy = copy.clone(), detail = detail.clone()).to_string()}
                </p>
            })}
            <p class="notice warning" role="alert" data-testid="ed-draft-unsaved" hidden=move || ed.unsaved.with(Option::is_none)>
                {move || ed.unsaved.get().map(|e| t_string!(i18n, editor_draft_unsaved, reason = e.explain()).to_string())}
            </p>
            <div class="actions">
                <button type="button" data-testid="ed-undo" disabled=move || !can_undo() on:click=move |_| ed.undo()>{tx!(i18n, editor_undo)}</button>
                <button type="button" data-testid="ed-redo" disabled=move || !can_redo() on:click=move |_| ed.redo()>{tx!(i18n, editor_redo)}</button>
                <select data-testid="ed-load" aria-label=move || t_string!(i18n, editor_load)
                    on:change:target=move |ev| {
                        let v = ev.target().value();
                        if v == "blank" { ed.commit(pretty(&serde_json::from_str(BLANK).unwrap_or_default())) } else if let Ok(k) = v.parse() { load_builtin(k) }
                        ev.target().set_value("");
                    }>
                    <option value="">{tx!(i18n, editor_load)}</option>
                    <option value="blank">{tx!(i18n, editor_blank)}</option>
                    {move || scenarios.with_value(|l| library::options(l, i18n.get_locale()))}
                </select>
            </div>
            <div class="fields">
                {name_field(ed, label!(ed, editor_name), "name".into())}
                <p class="hint">{tx!(i18n, editor_name_hint)}</p>
                {select_field(ed, label!(ed, editor_time_unit), "time_unit".into(), time_units, None)}
                {field(ed, label!(ed, editor_horizon), "horizon".into(), Kind::Number)}
                {field(ed, label!(ed, editor_warmup), "warmup".into(), Kind::Number)}
                {field(ed, label!(ed, editor_order), "demand.quantity".into(), Kind::Number)}
                {field(ed, label!(ed, editor_price), "demand.price".into(), Kind::Number)}
                {time::time_field(ed, label!(ed, editor_arrivals), "arrivals".into())}
            </div>
            <h3>{tx!(i18n, editor_briefing)}</h3>
            <p class="hint">{tx!(i18n, editor_briefing_hint)}</p>
            <div class="fields wide">
                {text_area(ed, label!(ed, editor_briefing_ru), "briefing.ru".into(), "ru")}
                {text_area(ed, label!(ed, editor_briefing_en), "briefing.en".into(), "en")}
            </div>
            <h3>{tx!(i18n, editor_stations)}</h3>
            {lists::stations(ed)}
            <div class="actions">
                <button type="button" data-testid="ed-add-station" on:click=move |_| lists::add_station(ed)>{tx!(i18n, editor_add_station)}</button>
            </div>
            <h3>{tx!(i18n, editor_operators)}</h3>
            {lists::operators(ed)}
            <h3>{tx!(i18n, editor_flow)}</h3>
            <div class="fields">
                <div class="field">
                    <label for="ed-release">{move || release_label()}</label>
                    <select id="ed-release" data-testid="ed-release"
                        prop:value=move || ed.value("release.policy").and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_else(|| "push".into())
                        on:change:target=move |ev| {
                            let v = match ev.target().value().as_str() {
                                "conwip" => Some(serde_json::json!({"policy": "conwip", "limit": 10})),
                                "kanban" => Some(serde_json::json!({"policy": "kanban", "limits": {}})),
                                _ => None,
                            };
                            ed.edit("release", v);
                        }>
                        <option value="push">{tx!(i18n, editor_push)}</option>
                        <option value="conwip">"CONWIP"</option>
                        <option value="kanban">{tx!(i18n, tool_kanban)}</option>
                    </select>
                </div>
                {field(ed, label!(ed, editor_conwip_limit), "release.limit".into(), Kind::Number)}
                {field(ed, label!(ed, editor_material), "costs.material".into(), Kind::Number)}
                {field(ed, label!(ed, editor_labour), "costs.labour_per_hour".into(), Kind::Number)}
                {field(ed, label!(ed, editor_holding), "costs.holding_per_hour".into(), Kind::Number)}
            </div>
            <h3>{tx!(i18n, editor_training)}</h3>
            <div class="fields">
                {field(ed, label!(ed, editor_rounds), "training.rounds".into(), Kind::Number)}
                {field(ed, label!(ed, editor_budget), "training.budget".into(), Kind::Number)}
                {field(ed, label!(ed, replications_label), "training.replications".into(), Kind::Number)}
                {field(ed, label!(ed, editor_seed), "training.seed".into(), Kind::Number)}
            </div>
            {tools::tools(ed)}
            <h3>{tx!(i18n, editor_json)}</h3>
            <p class="hint">{tx!(i18n, editor_json_hint)}</p>
            <textarea class="json" data-testid="ed-json" rows="16" spellcheck="false"
                aria-label=move || t_string!(i18n, editor_json)
                prop:value=move || ed.text.get()
                on:change:target=move |ev| ed.commit(ev.target().value())></textarea>
            <div data-testid="ed-errors" aria-live="polite">
                {move || {
                    let list = errors();
                    if list.is_empty() {
                        view! { <p class="ok" data-testid="ed-valid">{tx!(i18n, editor_valid)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="errors">
                                {list.into_iter().map(|e| view! { <li class="field-error"><code>{e.path.clone()}</code>" "{e.problem.explain()}</li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </div>
            <div class="actions">
                <button type="button" class="primary" data-testid="ed-preview-run" disabled=move || !valid() on:click=run_preview>
                    {tx!(i18n, editor_preview)}
                </button>
                <button type="button" data-testid="ed-open" disabled=move || !valid() on:click=move |_| share::open_in_trainee(ed)>
                    {tx!(i18n, editor_open)}
                </button>
                <button type="button" data-testid="ed-export" disabled=move || !valid()
                    on:click=move |_| {
                        if let Ok(sc) = ed.checked.get_untracked() {
                            let _ = crate::platform::export::download("takt-scenario.json", "application/json", &sc.to_json());
                        }
                    }>
                    {tx!(i18n, editor_export)}
                </button>
            </div>
            <div class="field">
                <label for="ed-import">{tx!(i18n, editor_import)}</label>
                <input id="ed-import" data-testid="ed-import" type="file" accept=".json,application/json"
                    aria-describedby="ed-import-error"
                    on:change:target=move |ev| take_picked(&ev.target(), import) />
                <p id="ed-import-error" class="field-error" role="alert" data-testid="ed-import-error"
                    hidden=move || import_error.with(Option::is_none)>
                    {move || import_error.get().map(|(name, e)| view! { {tx!(i18n, editor_import_refused)}" "{format!("{name}: {}", e.explain())} })}
                </p>
            </div>
            {share::share_card(ed)}
            {preview_view}
            <BestPlanFinder scenario=Signal::from(best_line) found=best />
        </section>
    }
}
