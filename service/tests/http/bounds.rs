//! The server's bounds: a connection whose request head does not arrive in time is
//! closed, and connections beyond the limit wait until one ends.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use contract_draft_service::server::Bounds;

use crate::support::{Database, Server};

fn bounded(max_connections: usize) -> Server {
    let database = Database::new();
    contract_draft_service::seed::seed(&database.store()).unwrap();
    Server::bounded(database, Bounds { max_connections, head_timeout: Duration::from_millis(300) })
}

#[test]
fn a_stalled_request_head_is_closed_in_time() {
    let server = bounded(8);
    let mut stalled = TcpStream::connect(server.address).unwrap();
    stalled.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    stalled.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let start = Instant::now();
    let mut reply = Vec::new();
    // The server closes the connection (with or without a 408 of its own).
    stalled.read_to_end(&mut reply).unwrap();
    assert!(start.elapsed() < Duration::from_secs(3), "{:?}", start.elapsed());
}

#[test]
fn an_idle_connection_is_closed_in_time() {
    let server = bounded(8);
    let mut idle = TcpStream::connect(server.address).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let start = Instant::now();
    let read = idle.read(&mut [0; 64]).unwrap();
    assert_eq!(read, 0);
    assert!(start.elapsed() < Duration::from_secs(3), "{:?}", start.elapsed());
}

#[test]
fn connections_beyond_the_limit_wait_for_one_to_end() {
    let server = bounded(2);
    let holders: Vec<TcpStream> = (0..2).map(|_| TcpStream::connect(server.address).unwrap()).collect();
    // Give the server time to take the two connections.
    std::thread::sleep(Duration::from_millis(100));
    let start = Instant::now();
    let reply = server.get("/api/v2/contracts/none", None);
    assert_eq!(reply.status, 404);
    // Answered only once the held connections timed out.
    assert!(start.elapsed() >= Duration::from_millis(150), "{:?}", start.elapsed());
    drop(holders);
}
