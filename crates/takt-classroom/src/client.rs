//! A minimal blocking HTTP/1.1 client for the server's own tests and its load bench: one
//! request per connection, bodies with a stated length. Deliberately small and
//! deliberately able to send what a browser would not (a promised length with no body), so
//! that the tests can check the server's limits.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The server at `addr` (`host:port`).
#[derive(Debug, Clone)]
pub struct Client {
    pub addr: String,
}

/// A response: its status and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    /// The status line and the headers, as received.
    pub head: String,
    pub body: String,
}

impl Reply {
    /// The value of the header `name` (any case), if it was sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    /// The body as JSON (`null` when empty).
    pub fn json(&self) -> serde_json::Value {
        if self.body.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&self.body).unwrap_or_else(|e| {
                serde_json::Value::String(format!("not JSON ({e}): {}", self.body))
            })
        }
    }
}

impl Client {
    pub fn new(addr: impl Into<String>) -> Client {
        Client { addr: addr.into() }
    }

    /// A connection with a read timeout of `seconds`.
    pub fn connect(&self, seconds: u64) -> std::io::Result<TcpStream> {
        let stream = TcpStream::connect(&self.addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(seconds)))?;
        Ok(stream)
    }

    /// `method path` with `auth` as its bearer token and `body` as JSON.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        auth: Option<&str>,
        body: Option<&str>,
    ) -> std::io::Result<Reply> {
        let mut stream = self.connect(60)?;
        let body = body.unwrap_or("");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        if let Some(a) = auth {
            head += &format!("Authorization: Bearer {a}\r\n");
        }
        head += "\r\n";
        stream.write_all(head.as_bytes())?;
        stream.write_all(body.as_bytes())?;
        read_reply(&mut stream)
    }
}

/// Reads a whole response from a connection the server closes after it.
pub fn read_reply(stream: &mut TcpStream) -> std::io::Result<Reply> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok(Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    })
}

/// Reads lines of an open event stream until one is `event: <name>`; what was read.
pub fn wait_for_event(reader: &mut BufReader<TcpStream>, name: &str) -> std::io::Result<String> {
    let mut heard = String::new();
    let wanted = format!("event: {name}");
    while !heard.lines().any(|l| l == wanted) {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                heard,
            ));
        }
        heard += &line;
    }
    Ok(heard)
}

/// `takt classroom` running as a process on a free port of 127.0.0.1; killed (SIGKILL, no
/// shutdown of any kind) when dropped.
pub struct Process {
    child: std::process::Child,
    /// Where it listens (`127.0.0.1:port`).
    pub addr: String,
    /// The instructor's token, read off the instructor's link it printed.
    pub token: String,
    /// The teams' link it printed.
    pub teams: String,
}

impl Process {
    /// Starts `takt` (the binary at `takt`) as `takt classroom --port 0 --dist DIST --db DB`
    /// and reads the links it prints.
    pub fn spawn(
        takt: &std::path::Path,
        dist: &std::path::Path,
        db: &std::path::Path,
    ) -> std::io::Result<Process> {
        use std::process::{Command, Stdio};
        let mut child = Command::new(takt)
            .args(["classroom", "--port", "0", "--dist"])
            .arg(dist)
            .arg("--db")
            .arg(db)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| std::io::Error::other("no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        let mut next = || -> std::io::Result<String> {
            lines.next().unwrap_or_else(|| {
                Err(std::io::Error::other(
                    "takt classroom stopped before printing its links",
                ))
            })
        };
        let bad = |line: &str| std::io::Error::other(format!("unexpected line: {line}"));
        let first = next()?;
        let addr = first
            .strip_prefix("takt classroom on http://")
            .ok_or_else(|| bad(&first))?
            .to_owned();
        let instructor = next()?;
        let token = instructor
            .split("classroom.html#token=")
            .nth(1)
            .ok_or_else(|| bad(&instructor))?
            .to_owned();
        let teams_line = next()?;
        let teams = teams_line
            .strip_prefix("teams: ")
            .ok_or_else(|| bad(&teams_line))?
            .to_owned();
        Ok(Process {
            child,
            addr,
            token,
            teams,
        })
    }

    /// The process id (for its CPU time and memory).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A client of it.
    pub fn client(&self) -> Client {
        Client::new(self.addr.clone())
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
