//! Hygiene classifiers: junk categories and their reported roots, fixture
//! paths, .env values and key files (src/facts/hygiene.rs).

#[test]
fn junk_is_reported_by_its_top_folder_for_every_category() {
    use portfolio_audit::facts::hygiene::{JunkCategory as J, junk_of};
    let cases: &[(&str, Option<(J, &str)>)] = &[
        ("venv/pyvenv.cfg", Some((J::Virtualenv, "venv/"))),
        (
            "venv/Lib/site-packages/a.py",
            Some((J::Virtualenv, "venv/")),
        ),
        (
            "lib/python3.11/site-packages/a.py",
            Some((J::Virtualenv, "lib/python3.11/site-packages/")),
        ),
        (
            "site-packages/a.py",
            Some((J::Virtualenv, "site-packages/")),
        ),
        ("venv/bin/activate", Some((J::Virtualenv, "venv/"))),
        (
            "x/y/venv/bin/activate.fish",
            Some((J::Virtualenv, "x/y/venv/")),
        ),
        ("src/bin/main.py", None),
        ("bin/activate", None),
        ("tools/activate.py", None),
        ("a/b.pyc", Some((J::Bytecode, "a/b.pyc"))),
        ("b.pyo", Some((J::Bytecode, "b.pyo"))),
        ("a/.DS_Store", Some((J::OsFiles, "a/.DS_Store"))),
        ("Thumbs.db", Some((J::OsFiles, "Thumbs.db"))),
        (".pytest_cache/v/x", Some((J::ToolCaches, ".pytest_cache/"))),
        ("sub/.tox/py311/log", Some((J::ToolCaches, "sub/.tox/"))),
        ("mlruns/0/meta.yaml", Some((J::RunArtifacts, "mlruns/"))),
        (
            "exp/wandb/run-1/files/x",
            Some((J::RunArtifacts, "exp/wandb/")),
        ),
        ("pkg/wandb/__init__.py", None),
        ("scripts/wandb", None),
        ("train.log", Some((J::RunArtifacts, "train.log"))),
        ("logs/nohup.out", Some((J::RunArtifacts, "logs/nohup.out"))),
        (".coverage", Some((J::ToolCaches, ".coverage"))),
        (
            ".coverage.host.123",
            Some((J::ToolCaches, ".coverage.host.123")),
        ),
        ("coverage.py", None),
        (
            "dist/pkg-1.0-py3-none-any.whl",
            Some((J::BuildOutput, "dist/")),
        ),
        ("dist/pkg-1.0.tar.gz", Some((J::BuildOutput, "dist/"))),
        ("dist/pkg-1.0.egg", Some((J::BuildOutput, "dist/"))),
        ("dist/notes.md", None),
        ("src/dist/pkg.whl", None),
        ("build/lib/pkg/mod.py", Some((J::BuildOutput, "build/"))),
        (
            "build/bdist.linux-x86_64/x",
            Some((J::BuildOutput, "build/")),
        ),
        ("build/scripts/make.py", None),
        ("build/lib", None),
        ("app/main.py", None),
    ];
    for (path, want) in cases {
        let want = want.map(|(c, p)| (c, p.to_owned()));
        assert_eq!(junk_of(path), want, "{path}");
    }
}

#[test]
fn fixture_paths_are_test_inputs_by_name_or_folder() {
    use portfolio_audit::facts::hygiene::is_fixture_path;
    for yes in [
        "test_app.py",
        "pkg/app_test.py",
        "conftest.py",
        "app/tests.py",
        "tests/settings.py",
        "src/test/config.py",
        "docs/conf.py",
        "examples/demo/settings.py",
        "tutorial/step1.py",
    ] {
        assert!(is_fixture_path(yes), "{yes}");
    }
    for no in [
        "app/settings.py",
        "src/tests",
        "contest.py",
        "latest_app.py",
        "app/testsuite.py",
    ] {
        assert!(!is_fixture_path(no), "{no}");
    }
}

#[test]
fn env_pairs_keep_real_values_with_their_lines() {
    use portfolio_audit::facts::hygiene::{env_pairs, env_values};
    let text = "# comment=1\nA=1\nexport B = \"two\"\nC='three'\nMY-KEY=4\n=5\nD=\nE=changeme\n F_1 =six\nno equals\n";
    let pairs = env_pairs(text);
    let want: Vec<(u32, String, String)> = vec![
        (2, "A".into(), "1".into()),
        (3, "B".into(), "two".into()),
        (4, "C".into(), "three".into()),
        (9, "F_1".into(), "six".into()),
    ];
    assert_eq!(pairs, want);
    // `A=1` is a switch, not a setting anyone owns.
    assert_eq!(
        env_values(text),
        vec![
            (3, "B".to_owned()),
            (4, "C".to_owned()),
            (9, "F_1".to_owned())
        ]
    );
}

/// Killers for the fourth run's survivors in `config_pairs`: a key is
/// letters, digits, `_` and `-`, and nothing else is read as one.
#[test]
fn config_pairs_read_keys_of_letters_digits_underscore_and_dash() {
    use portfolio_audit::facts::hygiene::config_pairs;
    let text = "# host: no\n; user = no\ndb_host: localhost\n- db-user = 'app'\nPASSWORD=\"s3cret\",\n\
                a key: spaced\nurl.host: dotted\n: empty\n\"\" = quoted-empty\nnothing here\n";
    let pairs = config_pairs(text);
    let want: Vec<(u32, String, String)> = vec![
        (3, "db_host".into(), "localhost".into()),
        (4, "db-user".into(), "app".into()),
        (5, "PASSWORD".into(), "s3cret".into()),
    ];
    assert_eq!(pairs, want);
}

#[test]
fn key_files_are_opened_by_name_or_extension() {
    use portfolio_audit::facts::hygiene::may_hold_key;
    for yes in [
        "id_rsa",
        "home/.ssh/id_dsa",
        "id_ecdsa.pub",
        "id_ed25519",
        "certs/server.pem",
        "a.key",
        "settings.py",
        "config.yaml",
        ".env",
        ".env.local",
    ] {
        assert!(may_hold_key(yes), "{yes}");
    }
    for no in ["photo.png", "README.md", "id.txtx", ".environment"] {
        assert!(!may_hold_key(no), "{no}");
    }
}
