//! `docker run` of an image the same CI job built from the repository:
//! what runs is the Dockerfile's ENTRYPOINT (and CMD, unless the run gives
//! arguments). Selenium and API test suites often ship as an image whose
//! entrypoint is pytest; the CI line only names the image.

use super::CiCommand;

/// An instruction's line and its command.
type Located = (u32, String);

/// An image CI builds: its tag, the Dockerfile and the `--target` stage.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Build {
    tag: String,
    file: String,
    target: Option<String>,
}

/// What the `docker run` lines among `commands` run, for images that a
/// `docker build -t TAG` among them builds from a Dockerfile `read` can
/// open. Each result carries the Dockerfile as `via`.
pub fn handoffs(
    commands: &[CiCommand],
    read: &mut dyn FnMut(&str) -> Option<String>,
) -> Vec<CiCommand> {
    let builds: Vec<Build> = commands
        .iter()
        .flat_map(|c| c.text.lines())
        .filter_map(build_of)
        .collect();
    if builds.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for line in commands.iter().flat_map(|c| c.text.lines()) {
        let Some((image, entrypoint, args)) = run_of(line) else {
            continue;
        };
        let Some(build) = builds.iter().find(|b| b.tag == image) else {
            continue;
        };
        let Some(text) = read(&build.file) else {
            continue;
        };
        let (ep, cmd) = resolve(&text, build.target.as_deref());
        let ep_line = ep.as_ref().map(|(l, _)| *l);
        let entry = entrypoint.or(ep.map(|(_, e)| e));
        let (line_no, command) = match (entry, args.is_empty()) {
            (Some(e), true) => (1, join(&[e, cmd.map(|(_, c)| c).unwrap_or_default()])),
            (Some(e), false) => (1, join(&[e, args])),
            (None, true) => match cmd {
                Some((l, c)) => (l, c),
                None => continue,
            },
            // Arguments with no entrypoint replace CMD: the line itself
            // already shows what runs.
            (None, false) => continue,
        };
        let line_no = ep_line.unwrap_or(line_no);
        out.push(CiCommand {
            line: line_no,
            text: command,
            via: Some(format!("{} (image {image})", build.file)),
            name: false,
            handed_off: false,
        });
    }
    out
}

fn join(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `docker build -t TAG [-f FILE] [--target T] .`
fn build_of(line: &str) -> Option<Build> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.windows(2).position(|w| w == ["docker", "build"])?;
    let (mut tag, mut file, mut target) = (None, None, None);
    let mut i = at + 2;
    while i < words.len() {
        let (flag, inline) = match words[i].split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f, Some(v)),
            _ => (words[i], None),
        };
        let value = || inline.or_else(|| words.get(i + 1).copied());
        match flag {
            "-t" | "--tag" => tag = value(),
            "-f" | "--file" => file = value(),
            "--target" => target = value(),
            _ => {
                i += 1;
                continue;
            }
        }
        i += if inline.is_some() { 1 } else { 2 };
    }
    let tag = tag?.trim_matches(['"', '\'']);
    Some(Build {
        tag: tag.split(':').next().unwrap_or(tag).to_owned(),
        file: file
            .map_or("Dockerfile", |f| f.trim_matches(['"', '\'']))
            .trim_start_matches("./")
            .to_owned(),
        target: target.map(str::to_owned),
    })
}

/// `docker run [OPTIONS] IMAGE [ARGS]`: the image (without its tag), an
/// `--entrypoint` override, and the arguments.
fn run_of(line: &str) -> Option<(String, Option<String>, String)> {
    const VALUE_OPTIONS: &[&str] = &[
        "-e",
        "--env",
        "-v",
        "--volume",
        "-p",
        "--publish",
        "--name",
        "--network",
        "--net",
        "-w",
        "--workdir",
        "-u",
        "--user",
        "--env-file",
        "--mount",
        "--platform",
        "-m",
        "--memory",
        "--shm-size",
        "--cpus",
        "-h",
        "--hostname",
        "--add-host",
        "--label",
        "-l",
        "--link",
        "--ipc",
        "--pid",
        "--cap-add",
        "--ulimit",
        "--device",
        "--gpus",
        "--restart",
        "--log-driver",
    ];
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.windows(2).position(|w| w == ["docker", "run"])?;
    let mut entrypoint = None;
    let mut i = at + 2;
    while i < words.len() {
        let w = words[i];
        if let Some(v) = w.strip_prefix("--entrypoint=") {
            entrypoint = Some(v.to_owned());
            i += 1;
        } else if w == "--entrypoint" {
            entrypoint = words.get(i + 1).map(|s| (*s).to_owned());
            i += 2;
        } else if VALUE_OPTIONS.contains(&w) {
            i += 2;
        } else if w.starts_with('-') {
            i += 1;
        } else {
            let image = w.trim_matches(['"', '\'']);
            let image = image.split(':').next().unwrap_or(image).to_owned();
            let args: Vec<&str> = words[i + 1..]
                .iter()
                .take_while(|a| !a.starts_with(['&', ';', '|']))
                .copied()
                .collect();
            return Some((image, entrypoint, args.join(" ")));
        }
    }
    None
}

/// The ENTRYPOINT and CMD (each with its line) of a Dockerfile's stage
/// (`target`, else the last), inherited from the stage it starts from.
fn resolve(text: &str, target: Option<&str>) -> (Option<Located>, Option<Located>) {
    struct Stage {
        name: Option<String>,
        from: String,
        entrypoint: Option<Located>,
        cmd: Option<Located>,
    }
    let mut stages: Vec<Stage> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("FROM ") {
            let words: Vec<&str> = line.split_whitespace().collect();
            let name = words
                .iter()
                .position(|w| w.eq_ignore_ascii_case("as"))
                .and_then(|p| words.get(p + 1))
                .map(|n| n.to_ascii_lowercase());
            let from = words
                .iter()
                .skip(1)
                .find(|w| !w.starts_with("--"))
                .map_or(String::new(), |f| f.to_ascii_lowercase());
            stages.push(Stage {
                name,
                from,
                entrypoint: None,
                cmd: None,
            });
        } else if let Some(stage) = stages.last_mut() {
            let number = i as u32 + 1;
            if upper.starts_with("ENTRYPOINT ") {
                stage.entrypoint = Some((number, exec_form(&line["ENTRYPOINT ".len()..])));
            } else if upper.starts_with("CMD ") {
                stage.cmd = Some((number, exec_form(&line["CMD ".len()..])));
            }
        }
    }
    let mut at = match target {
        Some(t) => stages
            .iter()
            .position(|s| s.name.as_deref() == Some(&t.to_ascii_lowercase())),
        None => stages.len().checked_sub(1),
    };
    let (mut entrypoint, mut cmd) = (None, None);
    // Follow FROM to the stages it builds on, a bounded number of times.
    for _ in 0..stages.len() {
        let Some(i) = at else { break };
        let stage = &stages[i];
        entrypoint = entrypoint.or_else(|| stage.entrypoint.clone());
        cmd = cmd.or_else(|| stage.cmd.clone());
        at = stages[..i]
            .iter()
            .position(|s| s.name.as_deref() == Some(stage.from.as_str()));
    }
    (entrypoint, cmd)
}

/// `["python3", "-m", "pytest"]` or a shell-form line, as one command.
fn exec_form(value: &str) -> String {
    let v = value.trim();
    match serde_json::from_str::<Vec<String>>(v) {
        Ok(words) => words.join(" "),
        Err(_) => v.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(text: &str) -> CiCommand {
        CiCommand {
            line: 1,
            text: text.to_owned(),
            via: None,
            name: false,
            handed_off: false,
        }
    }

    #[test]
    fn a_run_of_an_image_built_in_ci_runs_its_entrypoint() {
        let dockerfile = "FROM python:3.10-slim as base\nRUN pip install -r r.txt\n\
                          ENTRYPOINT [\"python3\", \"-m\", \"pytest\"]\n\nFROM base as chrome_last\n\
                          RUN apt-get install chrome\n\nFROM base AS api\nCMD [\"uvicorn\", \"app:app\"]\n";
        let mut read = |p: &str| (p == "Dockerfile").then(|| dockerfile.to_owned());
        let commands = [
            cmd("docker build -t chrome-last --target chrome_last ."),
            cmd("docker run --rm --shm-size='4g' chrome-last --browser chrome -n 2"),
        ];
        let found = handoffs(&commands, &mut read);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "python3 -m pytest --browser chrome -n 2");
        assert_eq!(found[0].line, 3);
        assert_eq!(
            found[0].via.as_deref(),
            Some("Dockerfile (image chrome-last)")
        );
        // A public image, or one this job did not build, hands off nothing.
        let public = [
            cmd("docker build -t app ."),
            cmd("docker run -d -p 5432:5432 postgres:16"),
        ];
        assert!(handoffs(&public, &mut read).is_empty());
        // Without arguments the entrypoint runs with the stage's CMD.
        let served = [
            cmd("docker build --tag=svc:ci --target api -f ./Dockerfile ."),
            cmd("docker run svc:ci"),
        ];
        assert_eq!(
            handoffs(&served, &mut read)[0].text,
            "python3 -m pytest uvicorn app:app"
        );
        // An --entrypoint given on the run wins.
        let over = [
            cmd("docker build -t t ."),
            cmd("docker run --entrypoint ruff t check ."),
        ];
        assert_eq!(handoffs(&over, &mut read)[0].text, "ruff check .");
    }
}
