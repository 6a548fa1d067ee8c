//! Serving the routes over TCP with the bounds a public service needs: at most
//! [`MAX_CONNECTIONS`] connections at once (more wait in the listen backlog), and each
//! connection closed when a request's head (or, between requests, the next one) has not
//! arrived within [`HEAD_TIMEOUT`], so that idle or stalled clients cannot hold the
//! server's sockets and memory.
//!
//! hyper's HTTP/1 header-read timeout is what closes them; since hyper 1.6 it also
//! covers a kept-alive connection waiting for its next request (hyper pull request
//! 3828).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// The most connections served at once, by default.
pub const MAX_CONNECTIONS: usize = 1024;

/// How long a request's head may take to arrive, or a kept-alive connection may wait
/// for its next request, by default.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The bounds of a server: [`MAX_CONNECTIONS`] and [`HEAD_TIMEOUT`] by default.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// The most connections served at once.
    pub max_connections: usize,
    /// How long a request's head may take, or an idle connection may wait.
    pub head_timeout: Duration,
}

impl Default for Bounds {
    fn default() -> Self {
        Self { max_connections: MAX_CONNECTIONS, head_timeout: HEAD_TIMEOUT }
    }
}

/// Serves `router` on `listener` within `bounds` until `shutdown` completes;
/// connections being served then are dropped.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    bounds: Bounds,
    shutdown: impl Future<Output = ()>,
) {
    let connections = Arc::new(Semaphore::new(bounds.max_connections));
    let accept = async {
        loop {
            let Ok(permit) = Arc::clone(&connections).acquire_owned().await else { return };
            // A failed accept (a connection reset before it was taken, no file
            // descriptor left) is the client's or passing: the next one is waited for.
            let Ok((stream, _)) = listener.accept().await else {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            };
            let service = TowerToHyperService::new(router.clone());
            tokio::spawn(async move {
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(bounds.head_timeout)
                    .serve_connection(TokioIo::new(stream), service);
                // A connection that ends in an error (reset, timed out) has no one to
                // tell.
                let _ = connection.await;
                drop(permit);
            });
        }
    };
    tokio::select! {
        () = accept => {}
        () = shutdown => {}
    }
}
