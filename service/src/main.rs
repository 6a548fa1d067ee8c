//! `contract-draft-service`: the reference service's program. `serve` answers HTTP on
//! an address; `token` makes a user's access token. Both create the database, seeded
//! with the documented sample, when it does not exist.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use contract_draft_service::store::Store;
use contract_draft_service::{app, seed, server, tokens};

/// ikcrm's contract endpoints over HTTP, answered by contract-draft from an SQLite
/// database.
#[derive(Debug, Parser)]
#[command(name = "contract-draft-service", version)]
struct Options {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Answers HTTP requests on ADDR until interrupted.
    Serve {
        /// The address to listen on, such as 127.0.0.1:8080.
        #[arg(long, value_name = "ADDR")]
        listen: SocketAddr,
        /// The SQLite database file; created and seeded with the documented sample when
        /// it does not exist.
        #[arg(long, value_name = "FILE")]
        database: PathBuf,
    },
    /// Makes a new access token for a user and prints it; the database keeps only its
    /// digest.
    Token {
        /// The SQLite database file; created and seeded when it does not exist.
        #[arg(long, value_name = "FILE")]
        database: PathBuf,
        /// The user's id (the sample's user is 364513).
        #[arg(long, value_name = "ID")]
        user: u64,
    },
}

fn main() -> ExitCode {
    let options = Options::parse();
    let done = match options.command {
        Command::Serve { listen, database } => serve(listen, &database),
        Command::Token { database, user } => token(&database, user),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("contract-draft-service: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// The database at `path`, created and seeded when new.
fn open(path: &Path) -> Result<Store, String> {
    let store = Store::open(path).map_err(|error| format!("{}: {error}", path.display()))?;
    seed::seed(&store).map_err(|error| format!("{}: seeding the sample: {error}", path.display()))?;
    Ok(store)
}

fn token(database: &Path, user: u64) -> Result<(), String> {
    let store = open(database)?;
    if !store.has_user(user).map_err(|error| error.to_string())? {
        return Err(format!("{} has no user {user}", database.display()));
    }
    let token = tokens::new_token().map_err(|error| format!("no randomness for a token: {error}"))?;
    store.add_token(user, &tokens::digest(&token)).map_err(|error| error.to_string())?;
    println!("{token}");
    Ok(())
}

fn serve(listen: SocketAddr, database: &Path) -> Result<(), String> {
    let store = open(database)?;
    let runtime = tokio::runtime::Runtime::new().map_err(|error| format!("starting the runtime: {error}"))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|error| format!("listening on {listen}: {error}"))?;
        eprintln!("contract-draft-service: listening on http://{}", listener.local_addr().unwrap_or(listen));
        let shutdown = async {
            // Without a signal handler the process runs until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        server::serve(listener, app::router(store), server::Bounds::default(), shutdown).await;
        Ok(())
    })
}
