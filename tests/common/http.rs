//! A tiny HTTP server on loopback for tests that talk to an API or a
//! smart-HTTP remote: it answers from a table and records what it saw.

use std::net::TcpListener;

/// (path prefix, status line, headers, body) of one recorded answer.
pub type Recorded = (&'static str, String, Vec<(String, String)>, String);

/// A tiny HTTP server on loopback that answers from a table of recorded
/// responses, and records the requests it saw.
pub fn serve(responses: Vec<Recorded>) -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = std::sync::Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut request = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                request.push_str(&line);
            }
            let path = request.split_whitespace().nth(1).unwrap_or("").to_owned();
            log.lock().expect("lock").push(request.clone());
            let (status, body, headers) = responses
                .iter()
                .find(|(prefix, _, _, _)| path.starts_with(prefix))
                .map(|(_, status, headers, body)| (status.clone(), body.clone(), headers.clone()))
                .unwrap_or(("404 Not Found".to_owned(), "{}".to_owned(), vec![]));
            let mut stream = stream;
            let mut head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                // Recorded links name the server as PORT.
                head.push_str(&format!(
                    "{k}: {}\r\n",
                    v.replace("PORT", &port.to_string())
                ));
            }
            let _ = stream.write_all(format!("{head}\r\n{body}").as_bytes());
        }
    });
    (port, seen)
}
