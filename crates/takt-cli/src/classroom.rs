//! `takt classroom`: the live classroom's server (crate `takt-classroom`) in the foreground.

use std::io::Write;

/// Starts the server, prints its links, and serves until Ctrl-C (or SIGTERM).
pub fn serve(options: takt_classroom::Options) -> Result<String, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start: {e}"))?;
    runtime.block_on(async {
        let classroom = takt_classroom::Classroom::start(&options)
            .await
            .map_err(|e| e.to_string())?;
        let (instructor, teams) = classroom.links();
        let mut out = std::io::stdout().lock();
        // Printed at once (a script or a test waits for these lines).
        let _ = writeln!(out, "takt classroom on http://{}", classroom.addr);
        let _ = writeln!(out, "instructor (keep this link to yourself): {instructor}");
        let _ = writeln!(out, "teams: {teams}");
        let _ = out.flush();
        drop(out);
        classroom
            .run(stopped())
            .await
            .map_err(|e| format!("the server stopped: {e}"))?;
        Ok("takt classroom stopped; the class is kept in the database".to_owned())
    })
}

/// Ctrl-C, or on Unix a SIGTERM.
async fn stopped() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
