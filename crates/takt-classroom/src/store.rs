//! The class's state in SQLite (WAL mode, `synchronous = FULL`): a write is on disk before
//! the server answers, so every acknowledged join, session and result survives a crash of the
//! server (`kill -9`) and is there when it starts again on the same file.
//!
//! Tables: `meta` (the instructor's token), `classes` (a scenario, its join code and the
//! round in play), `teams` (name, secret, the session as the app last saved it) and `results`
//! (each team's latest result file, with its verified score or the reason it was flagged).

use crate::token::{self, NoRandomness};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;
use std::sync::Mutex;

/// What the store could not do.
#[derive(Debug)]
pub enum StoreError {
    /// SQLite refused (the file, the disk, a constraint).
    Db(rusqlite::Error),
    /// No random bytes for a secret.
    Random(NoRandomness),
    /// A team of this name is already in the class.
    TeamTaken,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Db(e) => write!(f, "database: {e}"),
            StoreError::Random(e) => e.fmt(f),
            StoreError::TeamTaken => write!(f, "a team of this name is already in the class"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e)
    }
}

impl From<NoRandomness> for StoreError {
    fn from(e: NoRandomness) -> Self {
        StoreError::Random(e)
    }
}

/// A class as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    pub id: i64,
    pub code: String,
    /// The scenario, as the instructor sent it (canonical JSON).
    pub scenario: String,
    /// Rounds started so far (0: none yet).
    pub round: u32,
    /// Whether the last started round is still open for results.
    pub open: bool,
    /// When the open round closes by itself (Unix milliseconds), if it has a timer.
    pub deadline: Option<u64>,
}

/// A team as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub id: i64,
    pub class: i64,
    pub name: String,
    pub secret: String,
    /// The session as the app last saved it (JSON), if it has saved one.
    pub session: Option<String>,
}

/// A team's latest result, as verified.
#[derive(Debug, Clone, PartialEq)]
pub struct Submitted {
    /// The result file (JSON).
    pub file: String,
    pub rounds: u32,
    /// The verified score, or why the file was flagged.
    pub outcome: Result<f64, String>,
    /// When it came (Unix milliseconds).
    pub received: u64,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS classes (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  scenario TEXT NOT NULL,
  round INTEGER NOT NULL DEFAULT 0,
  open INTEGER NOT NULL DEFAULT 0,
  deadline INTEGER
);
CREATE TABLE IF NOT EXISTS teams (
  id INTEGER PRIMARY KEY,
  class INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  key TEXT NOT NULL,
  secret TEXT NOT NULL,
  session TEXT,
  UNIQUE (class, key)
);
CREATE TABLE IF NOT EXISTS results (
  team INTEGER PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  rounds INTEGER NOT NULL,
  score REAL,
  flag TEXT,
  received INTEGER NOT NULL
);
";

/// Whether SQLite refused a row because a UNIQUE key already has it.
fn taken(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation)
}

/// The class's database: one connection, used by one request at a time (the writes are
/// small; the heavy work, verifying a result, happens outside it).
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // A panic while holding the lock cannot leave SQLite half-written (each call is one
        // statement or one transaction), so a poisoned lock is still usable.
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&conn)
    }

    /// The instructor's token: made once, then the same on every start on this database
    /// (so the instructor's link keeps working after a restart).
    pub fn instructor_token(&self) -> Result<String, StoreError> {
        self.with(|c| {
            let found: Option<String> = c
                .query_row("SELECT value FROM meta WHERE key = 'token'", [], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(t) = found {
                return Ok(t);
            }
            let t = token::secret()?;
            c.execute("INSERT INTO meta (key, value) VALUES ('token', ?1)", [&t])?;
            Ok(t)
        })
    }

    /// A new class playing `scenario`, with a join code no other class has.
    pub fn create_class(&self, scenario: &str) -> Result<Class, StoreError> {
        self.with(|c| loop {
            let code = token::join_code()?;
            match c.execute(
                "INSERT INTO classes (code, scenario) VALUES (?1, ?2)",
                params![code, scenario],
            ) {
                Ok(_) => {
                    return Ok(Class {
                        id: c.last_insert_rowid(),
                        code,
                        scenario: scenario.to_owned(),
                        round: 0,
                        open: false,
                        deadline: None,
                    })
                }
                // Another class has this code: draw again.
                Err(e) if taken(&e) => {}
                Err(e) => return Err(e.into()),
            }
        })
    }

    const CLASS: &'static str = "SELECT id, code, scenario, round, open, deadline FROM classes";

    fn class_row(r: &rusqlite::Row) -> rusqlite::Result<Class> {
        Ok(Class {
            id: r.get(0)?,
            code: r.get(1)?,
            scenario: r.get(2)?,
            round: r.get(3)?,
            open: r.get(4)?,
            deadline: r.get(5)?,
        })
    }

    /// The class with this id.
    pub fn class(&self, id: i64) -> Result<Option<Class>, StoreError> {
        self.with(|c| {
            Ok(c.query_row(
                &format!("{} WHERE id = ?1", Self::CLASS),
                [id],
                Self::class_row,
            )
            .optional()?)
        })
    }

    /// The class with this join code.
    pub fn class_by_code(&self, code: &str) -> Result<Option<Class>, StoreError> {
        self.with(|c| {
            Ok(c.query_row(
                &format!("{} WHERE code = ?1", Self::CLASS),
                [code],
                Self::class_row,
            )
            .optional()?)
        })
    }

    /// How many classes there are.
    pub fn class_count(&self) -> Result<u64, StoreError> {
        self.with(|c| Ok(c.query_row("SELECT COUNT(*) FROM classes", [], |r| r.get(0))?))
    }

    /// Every class, the newest first.
    pub fn classes(&self) -> Result<Vec<Class>, StoreError> {
        self.with(|c| {
            let mut st = c.prepare(&format!("{} ORDER BY id DESC", Self::CLASS))?;
            let rows = st.query_map([], Self::class_row)?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Sets the round in play of class `id`.
    pub fn set_round(
        &self,
        id: i64,
        round: u32,
        open: bool,
        deadline: Option<u64>,
    ) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(
                "UPDATE classes SET round = ?2, open = ?3, deadline = ?4 WHERE id = ?1",
                params![id, round, open, deadline],
            )?;
            Ok(())
        })
    }

    /// Deletes class `id` with its teams and results.
    pub fn delete_class(&self, id: i64) -> Result<bool, StoreError> {
        self.with(|c| Ok(c.execute("DELETE FROM classes WHERE id = ?1", [id])? > 0))
    }

    /// A new team `name` in class `class`, with its own secret. Names are compared trimmed
    /// and without case, as the leaderboard compares them: "Бригада 1" and "бригада 1 " are
    /// one team.
    pub fn join(&self, class: i64, name: &str) -> Result<Team, StoreError> {
        let name = name.trim();
        let key = name.to_lowercase();
        self.with(|c| {
            let secret = token::secret()?;
            match c.execute(
                "INSERT INTO teams (class, name, key, secret) VALUES (?1, ?2, ?3, ?4)",
                params![class, name, key, secret],
            ) {
                Ok(_) => Ok(Team {
                    id: c.last_insert_rowid(),
                    class,
                    name: name.to_owned(),
                    secret,
                    session: None,
                }),
                Err(e) if taken(&e) => Err(StoreError::TeamTaken),
                Err(e) => Err(e.into()),
            }
        })
    }

    fn team_row(r: &rusqlite::Row) -> rusqlite::Result<Team> {
        Ok(Team {
            id: r.get(0)?,
            class: r.get(1)?,
            name: r.get(2)?,
            secret: r.get(3)?,
            session: r.get(4)?,
        })
    }

    /// The team with this id.
    pub fn team(&self, id: i64) -> Result<Option<Team>, StoreError> {
        self.with(|c| {
            Ok(c.query_row(
                "SELECT id, class, name, secret, session FROM teams WHERE id = ?1",
                [id],
                Self::team_row,
            )
            .optional()?)
        })
    }

    /// The teams of class `class` in the order they joined, each with its latest result.
    pub fn teams(&self, class: i64) -> Result<Vec<(Team, Option<Submitted>)>, StoreError> {
        self.with(|c| {
            let mut st = c.prepare(
                "SELECT t.id, t.class, t.name, t.secret, t.session,
                        r.file, r.rounds, r.score, r.flag, r.received
                 FROM teams t LEFT JOIN results r ON r.team = t.id
                 WHERE t.class = ?1 ORDER BY t.id",
            )?;
            let rows = st.query_map([class], |r| {
                let team = Self::team_row(r)?;
                let file: Option<String> = r.get(5)?;
                let submitted = match file {
                    None => None,
                    Some(file) => {
                        let score: Option<f64> = r.get(7)?;
                        let flag: Option<String> = r.get(8)?;
                        Some(Submitted {
                            file,
                            rounds: r.get(6)?,
                            outcome: score.ok_or_else(|| flag.unwrap_or_default()),
                            received: r.get(9)?,
                        })
                    }
                };
                Ok((team, submitted))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Keeps `session` (JSON) as team `team`'s session.
    pub fn save_session(&self, team: i64, session: &str) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(
                "UPDATE teams SET session = ?2 WHERE id = ?1",
                params![team, session],
            )?;
            Ok(())
        })
    }

    /// Keeps `submitted` as team `team`'s latest result (replacing the one before).
    pub fn save_result(&self, team: i64, submitted: &Submitted) -> Result<(), StoreError> {
        let (score, flag) = match &submitted.outcome {
            Ok(s) => (Some(*s), None),
            Err(f) => (None, Some(f.as_str())),
        };
        self.with(|c| {
            c.execute(
                "INSERT INTO results (team, file, rounds, score, flag, received)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (team) DO UPDATE SET file = excluded.file, rounds = excluded.rounds,
                   score = excluded.score, flag = excluded.flag, received = excluded.received",
                params![
                    team,
                    submitted.file,
                    submitted.rounds,
                    score,
                    flag,
                    submitted.received
                ],
            )?;
            Ok(())
        })
    }
}
