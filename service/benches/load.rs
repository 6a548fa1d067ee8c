//! A bounded load run on 127.0.0.1: a fixed number of `new_from_opportunity` requests
//! for the documented sample, through the service, and through an echo server that
//! does the same work but the library's (the same token and row lookups, the rows
//! answered as they are stored). Each server is a child process of this program, so
//! that its CPU time is its own; the client keeps its connections alive.
//!
//! `cargo bench -p contract-draft-service --bench load` prints requests/s, the median
//! and p99 latency of each, the server's CPU time per request, and the library's part
//! of it (the conversion and its response bytes, timed in this process on the same
//! records). Figures in BENCHMARKS.md, "The reference service".

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::get;
use contract_draft::request::Authorization;
use contract_draft::{Bundle, CompanySettings, Converter, Envelope};
use contract_draft_service::seed::{COMPANY_ID, OPPORTUNITY_ID, USER_ID};
use contract_draft_service::store::Store;
use contract_draft_service::{app, seed, server, tokens};

/// Requests per run, and connections they are spread over.
const REQUESTS: usize = 20_000;
const CONNECTIONS: usize = 4;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mode, database) = (args.next(), args.next());
    let store = || Store::open(database.as_deref().unwrap().as_ref()).unwrap();
    match mode.as_deref() {
        Some("serve-library") => serve(app::router(store())),
        Some("serve-echo") => serve(echo_router(store())),
        // `cargo bench` passes `--bench`; anything else runs the comparison.
        _ => compare(),
    }
}

/// Answers on a port of 127.0.0.1, printed on the first line of standard output.
fn serve(router: Router) {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("{}", listener.local_addr().unwrap());
        server::serve(listener, router, server::Bounds::default(), std::future::pending()).await;
    });
}

/// The same token and row lookups as the service's, answering the rows as stored.
fn echo_router(store: Store) -> Router {
    async fn echo(State(store): State<Arc<std::sync::Mutex<Store>>>, headers: HeaderMap) -> Vec<u8> {
        tokio::task::spawn_blocking(move || {
            let store = store.lock().unwrap();
            let header = headers.get("authorization").and_then(|value| value.to_str().ok());
            let token = Authorization::parse(header).unwrap().token().to_owned();
            let caller = store.caller(&tokens::digest(&token)).unwrap().unwrap();
            store.settings(caller.company_id).unwrap().unwrap();
            let mut body =
                store.opportunity(caller.company_id, OPPORTUNITY_ID).unwrap().unwrap().into_bytes();
            body.extend(store.customer(caller.company_id, 23_481_906).unwrap().unwrap().into_bytes());
            body.extend(caller.user.into_bytes());
            body
        })
        .await
        .unwrap()
    }
    Router::new()
        .route("/api/v2/contracts/new_from_opportunity", get(echo))
        .with_state(Arc::new(std::sync::Mutex::new(store)))
}

/// A server child process, killed when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
}

impl Server {
    fn start(mode: &str, database: &str) -> Self {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([mode, database])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        Self { child, address: line.trim().parse().unwrap() }
    }

    /// The child's CPU time so far (user and system), from /proc.
    fn cpu_time(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap();
        let fields: Vec<&str> = stat.rsplit_once(')').unwrap().1.split_whitespace().collect();
        let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
        // Linux reports CPU time in clock ticks of 1/100 s (USER_HZ).
        Duration::from_millis(ticks * 10)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One keep-alive connection's requests; each one's latency.
fn client(address: SocketAddr, request: &[u8], count: usize) -> Vec<Duration> {
    let mut stream = BufReader::new(TcpStream::connect(address).unwrap());
    stream.get_ref().set_nodelay(true).unwrap();
    let mut latencies = Vec::with_capacity(count);
    let mut body = Vec::new();
    for _ in 0..count {
        let start = Instant::now();
        stream.get_mut().write_all(request).unwrap();
        let mut length = 0;
        let mut line = String::new();
        loop {
            line.clear();
            stream.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length: ") {
                length = value.trim().parse().unwrap();
            }
        }
        body.resize(length, 0);
        stream.read_exact(&mut body).unwrap();
        latencies.push(start.elapsed());
    }
    latencies
}

/// Requests/s, median, p99 and server CPU per request of one run.
fn run(server: &Server, token: &str) -> (f64, Duration, Duration, Duration) {
    let request = Arc::new(
        format!(
            "GET /api/v2/contracts/new_from_opportunity?opportunity_id={OPPORTUNITY_ID} HTTP/1.1\r\nHost: {}\r\n\
             Authorization: Token token={token}, device=open_api, version_code=9.9.9\r\n\r\n",
            server.address
        )
        .into_bytes(),
    );
    let cpu = server.cpu_time();
    let start = Instant::now();
    let clients: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (address, request) = (server.address, Arc::clone(&request));
            std::thread::spawn(move || client(address, &request, REQUESTS / CONNECTIONS))
        })
        .collect();
    let mut latencies: Vec<Duration> =
        clients.into_iter().flat_map(|client| client.join().unwrap()).collect();
    let elapsed = start.elapsed();
    let cpu = server.cpu_time().saturating_sub(cpu);
    latencies.sort_unstable();
    let count = u32::try_from(latencies.len()).unwrap();
    (
        f64::from(count) / elapsed.as_secs_f64(),
        latencies[latencies.len() / 2],
        latencies[latencies.len() * 99 / 100],
        cpu / count,
    )
}

/// The library's part of one request: converting the stored records and writing the
/// response bytes, timed here on the same rows.
fn library_time() -> Duration {
    let settings = CompanySettings::from_json(include_bytes!("../../fixtures/settings.json")).unwrap();
    let converter = Converter::new(&settings).unwrap();
    let bundle = Bundle::from_json(include_bytes!("../../fixtures/bundle.json")).unwrap();
    let rows = (bundle.opportunity.to_json(), bundle.customer.to_json(), bundle.user.to_json());
    let rounds = 20_000;
    let start = Instant::now();
    for _ in 0..rounds {
        let opportunity = contract_draft::Opportunity::from_json(&rows.0).unwrap();
        let customer = contract_draft::Customer::from_json(&rows.1).unwrap();
        let user = contract_draft::User::from_json(&rows.2).unwrap();
        let conversion = converter.convert_owned(opportunity, customer, user).unwrap();
        std::hint::black_box(Envelope::new(&conversion.draft).to_json().unwrap());
    }
    start.elapsed() / rounds
}

fn compare() {
    let database = std::env::temp_dir().join(format!("contract-draft-load-{}.db", std::process::id()));
    let store = Store::open(&database).unwrap();
    seed::seed(&store).unwrap();
    let token = tokens::new_token().unwrap();
    store.add_token(USER_ID, &tokens::digest(&token)).unwrap();
    drop(store);
    let path = database.to_str().unwrap();
    assert_eq!(COMPANY_ID, 49);

    println!("{REQUESTS} requests on {CONNECTIONS} keep-alive connections, server on one worker thread");
    let mut rows = Vec::new();
    // Interleaved, twice each; the better of the two runs is reported.
    for round in 0..2 {
        for mode in ["serve-library", "serve-echo"] {
            let server = Server::start(mode, path);
            run(&server, &token); // warm-up
            let measured = run(&server, &token);
            println!(
                "round {round} {mode:13}: {:8.0} requests/s, median {:6.0} µs, p99 {:6.0} µs, server CPU {:5.0} µs/request",
                measured.0,
                measured.1.as_secs_f64() * 1e6,
                measured.2.as_secs_f64() * 1e6,
                measured.3.as_secs_f64() * 1e6
            );
            rows.push((mode, measured));
        }
    }
    let library = library_time();
    let best = |mode: &str| {
        rows.iter()
            .filter(|(name, _)| *name == mode)
            .map(|(_, measured)| *measured)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap()
    };
    let (service, echo) = (best("serve-library"), best("serve-echo"));
    println!(
        "library: {:.1} µs a request = {:.0} % of the service's server CPU per request ({:.0} µs); echo {:.0} µs",
        library.as_secs_f64() * 1e6,
        100.0 * library.as_secs_f64() / service.3.as_secs_f64(),
        service.3.as_secs_f64() * 1e6,
        echo.3.as_secs_f64() * 1e6
    );
    println!("service/echo throughput: {:.2}", service.0 / echo.0);
    for ending in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{ending}"));
    }
}
