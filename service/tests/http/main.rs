//! The reference service over a real socket: a server on 127.0.0.1 and an HTTP/1.1
//! client that reads every byte it answers. One test binary.

mod binary;
mod bounds;
mod endpoints;
mod openapi;
mod property;
mod support;
