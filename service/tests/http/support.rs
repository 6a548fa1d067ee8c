//! A service on 127.0.0.1 over a database file of its own, and a plain HTTP/1.1 client.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use contract_draft_service::store::Store;
use contract_draft_service::{app, seed, server, tokens};

/// A database file removed when dropped.
pub struct Database {
    pub path: PathBuf,
}

impl Database {
    /// A new, empty database file.
    pub fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "contract-draft-service-{}-{}.db",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        remove(&path);
        Self { path }
    }

    /// A connection of the test's own, beside the server's.
    pub fn store(&self) -> Store {
        Store::open(&self.path).unwrap()
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        remove(&self.path);
    }
}

fn remove(path: &Path) {
    for ending in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(ending);
        let _ = std::fs::remove_file(file);
    }
}

/// The service, answering on a port of 127.0.0.1 until dropped.
pub struct Server {
    pub address: SocketAddr,
    pub database: Database,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    /// The service over a new database seeded with the documented sample.
    pub fn seeded() -> Self {
        let database = Database::new();
        seed::seed(&database.store()).unwrap();
        Self::on(database)
    }

    /// The service over `database`.
    pub fn on(database: Database) -> Self {
        Self::bounded(database, server::Bounds::default())
    }

    /// The service over `database`, within `bounds`.
    pub fn bounded(database: Database, bounds: server::Bounds) -> Self {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let address = listener.local_addr().unwrap();
        let router = app::router(database.store());
        runtime.spawn(server::serve(listener, router, bounds, std::future::pending()));
        Self { address, database, _runtime: runtime }
    }

    /// A new token of `user`, as the `token` command makes one.
    pub fn token(&self, user: u64) -> String {
        let token = tokens::new_token().unwrap();
        self.database.store().add_token(user, &tokens::digest(&token)).unwrap();
        token
    }

    /// `GET target` with `authorization`.
    pub fn get(&self, target: &str, authorization: Option<&str>) -> Reply {
        self.send("GET", target, authorization, b"")
    }

    /// `POST target` with `authorization` and `body`.
    pub fn post(&self, target: &str, authorization: Option<&str>, body: &[u8]) -> Reply {
        self.send("POST", target, authorization, body)
    }

    /// One request on a connection of its own; the whole reply.
    pub fn send(&self, method: &str, target: &str, authorization: Option<&str>, body: &[u8]) -> Reply {
        request(self.address, method, target, authorization, body)
    }
}

/// One request to `address` on a connection of its own; the whole reply.
pub fn request(
    address: SocketAddr,
    method: &str,
    target: &str,
    authorization: Option<&str>,
    body: &[u8],
) -> Reply {
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(authorization) = authorization {
        write!(head, "Authorization: {authorization}\r\n").unwrap();
    }
    head.push_str("\r\n");
    let mut stream = TcpStream::connect(address).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    Reply::parse(&reply)
}

/// The `Authorization` header of `token`, as ikcrm's clients send it.
pub fn authorization(token: &str) -> String {
    format!("Token token={token}, device=open_api, version_code=9.9.9")
}

/// An HTTP reply.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
}

impl Reply {
    /// Reads a whole reply, its body as long as `Content-Length` says.
    fn parse(reply: &[u8]) -> Self {
        let end = reply.windows(4).position(|window| window == b"\r\n\r\n").expect("a reply has a head");
        let head = std::str::from_utf8(&reply[..end]).unwrap();
        let body = &reply[end + 4..];
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers: Vec<(String, &str)> = lines
            .map(|line| line.split_once(": ").unwrap())
            .map(|(name, value)| (name.to_ascii_lowercase(), value))
            .collect();
        let header = |name: &str| headers.iter().find(|(known, _)| known == name).map(|(_, value)| *value);
        let length: usize = header("content-length").expect("every reply says its length").parse().unwrap();
        assert_eq!(body.len(), length, "the body is as long as the reply says");
        Self {
            status,
            content_type: header("content-type").map(str::to_owned),
            body: String::from_utf8(body.to_vec()).unwrap(),
        }
    }
}
