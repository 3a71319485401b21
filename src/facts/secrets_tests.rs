//! Tests of the secret scan.
use super::*;

#[test]
fn secrets() {
    let s = find_secrets("settings.py", "AWS = 'AKIAABCDEFGHIJKLMNOP'\nx = 1\n");
    assert_eq!(s, vec![(1, "AWS access key".to_owned())]);
    assert!(find_secrets(".env", "DEBUG=true\n").is_empty());
    let s = find_secrets(".env", "DEBUG=true\nSTRIPE_API_KEY=abc123def456\n");
    assert_eq!(s, vec![(2, ".env secret STRIPE_API_KEY".to_owned())]);
    // Settings about a credential are not one: how long a token lives,
    // how passwords are hashed, where a secret file is.
    let about = "ACCESS_TOKEN_EXPIRE_MINUTES=30\nPASSWORD_HASH_ALGORITHM=bcrypt\nDB_PASSWORD_FILE=/run/secrets/db\nJWT_SECRET=Xq82Lw0pZk3vN5\n";
    assert_eq!(
        find_secrets(".env", about),
        vec![(4, ".env secret JWT_SECRET".to_owned())]
    );
    let s = find_secrets(
        "app/settings.py",
        "SECRET_KEY = 'django-insecure-8x#k2!p'\n",
    );
    assert_eq!(s, vec![(1, format!("{DEV_KEY} SECRET_KEY"))]);
    assert!(find_secrets("app/settings.py", "SECRET_KEY = 'changethis'\n").is_empty());
}

#[test]
fn development_credentials_are_a_note() {
    // A key its framework marks insecure, a stock local password.
    let s = find_secrets(
        "app/settings.yml",
        "secret_key: 'django-insecure-8x#k2!p'\n",
    );
    assert_eq!(
        category("app/settings.yml", &s[0].1),
        JunkCategory::DevSecret
    );
    let s = find_secrets("compose.yml", "      POSTGRES_PASSWORD: \"postgres\"\n");
    assert_eq!(s, vec![(1, format!("{DEV_KEY} POSTGRES_PASSWORD"))]);
    // A local container's password equal to its user name.
    let env = "POSTGRES_USER=shop\nPOSTGRES_PASSWORD=shop\nSTRIPE_API_KEY=q8Zr2LmX0pVt\n";
    let s = find_secrets("docker/.env", env);
    assert!(s[0].1.starts_with(DEV_KEY), "{s:?}");
    assert_eq!(s[1].1, ".env secret STRIPE_API_KEY");
    // AWS's documented example key, and a `>>>` example in a docs page.
    assert!(find_secrets("deploy/aws.yml", "key: AKIAIOSFODNN7EXAMPLE\n").is_empty());
    assert!(token_kind("AKIAIOSFODNN7EXAMPLE").is_none());
    let doc = ">>> client = Client(api_key='sk-proj-abcdefghijklmnopqrstuvwx')\n";
    assert!(find_secrets("docs/index.md", doc).is_empty());
    // A real-looking provider key stays a leak, even marked dev.
    let text = "DEV_API_KEY = '3f8a91c2d47be6059a1f7c3e28d4b6a0'\n";
    let found = find_secrets("config/dev.py", text);
    assert_eq!(category("config/dev.py", &found[0].1), JunkCategory::Secret);
}

#[test]
fn a_value_that_spells_its_own_name_is_a_label() {
    assert!(is_own_name("HTPASSWD", "htpasswd"));
    assert!(is_own_name("API_KEY", "api-key"));
    assert!(!is_own_name("API_KEY", "api-key-2"));
    // A value that is another word of its name is a typed stand-in; a
    // password named after its service is the stock login, judged apart.
    assert!(is_own_name("K3S_TOKEN", "k3s"));
    assert!(!is_own_name("K3S_TOKEN", "token"));
    assert!(!is_own_name("K3S_TOKEN", "k3s9f8Xq2"));
    assert!(!is_own_name("POSTGRES_PASSWORD", "postgres"));
    // The name's last words in another case: an API's field name.
    assert!(is_own_name("AWS_SECRET_ACCESS_KEY", "SecretAccessKey"));
    assert!(is_own_name("AWSSESSIONTOKEN", "SessionToken"));
    assert!(!is_own_name("AWSSESSIONTOKEN", "Sessiontoken"));
    assert!(!is_own_name("AWS_SECRET_ACCESS_KEY", "Key"));
    assert!(!is_own_name("AWS_SECRET_ACCESS_KEY", "AccessKey9"));
    assert!(find_secrets(".env", "K3S_TOKEN=k3s\n").is_empty());
    assert_eq!(find_secrets(".env", "K3S_TOKEN=Xq7vR2pLm9\n").len(), 1);
    assert!(find_secrets("auth.cfg", "HTPASSWD = \"htpasswd\"\n").is_empty());
    // Sentinels are no values at all.
    assert!(is_placeholder("UNDEFINED"));
}

#[test]
fn a_name_can_say_the_value_is_fake_public_or_for_development() {
    assert_eq!(named_as("FAKE_SECRET_TOKEN"), NamedAs::StandIn);
    assert_eq!(named_as("docsearch_api_key"), NamedAs::StandIn);
    assert_eq!(named_as("STRIPE_PUBLISHABLE_KEY"), NamedAs::StandIn);
    assert_eq!(named_as("DEFAULT_BOT_API_KEY"), NamedAs::Development);
    assert_eq!(named_as("API_KEY"), NamedAs::Unmarked);
    assert_eq!(named_as("LATEST_TOKEN"), NamedAs::Unmarked);
    let fake = "FAKE_SECRET_TOKEN = \"coneofsilence\"\n";
    assert!(find_secrets("main.py", fake).is_empty());
    let default = "DEFAULT_ADMIN_PASSWORD = \"hunter2hunter2\"\n";
    let found = find_secrets("manage.py", default);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.starts_with(DEV_KEY), "{found:?}");
    // A real-looking provider key stays a leak, whatever the name says.
    let real = "DEFAULT_BOT_API_KEY = \"3f8a91c2d47be6059a1f7c3e28d4b6a0\"\n";
    assert_eq!(
        find_secrets("manage.py", real)[0].1,
        format!("{REAL_KEY} DEFAULT_BOT_API_KEY")
    );
}

#[test]
fn django_quick_start_keys_are_development_keys() {
    let text = format!(
        "# {DJANGO_QUICK_START}\nSECRET_KEY = \"4o0(y15#k-+6+kln0pc4-=)!8()hgbeb)4cjibblzj^7qe3hzv\"\n"
    );
    let found = find_secrets("School/settings.py", &text);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.starts_with(DEV_KEY), "{found:?}");
    let bare = "SECRET_KEY = \"4o0(y15#k-+6+kln0pc4-=)!8()hgbeb)4cjibblzj^7qe3hzv\"\n";
    assert!(
        !find_secrets("School/settings.py", bare)[0]
            .1
            .starts_with(DEV_KEY)
    );
}

#[test]
fn a_database_host_without_a_dot_is_a_local_service() {
    let ci = "AIRFLOW_CONN=postgresql+psycopg2://airflow_user:s3cr3t_Pw@airflow_db:5432/airflow\n";
    assert!(find_secrets(".github/workflows/ci.yml", ci).is_empty());
    let real = "DB=postgresql://app:s3cr3t_Pw@db.example-corp.net:5432/app\n";
    assert_eq!(find_secrets("deploy/settings.yml", real).len(), 1);
    // A URL built from variables is a template.
    let f = "url = f\"postgresql://{self.user}:{self.password}@db.example.com/app\"\n";
    assert!(find_secrets("etl/config.py", f).is_empty());
    // A .env file holds a deployment's real values, whatever the host.
    let env = "DATABASE_URL=postgres://admin:hunter2@db/prod\n";
    assert_eq!(find_secrets(".env", env).len(), 1);
    assert_eq!(find_secrets(".envs/.production/.django", env).len(), 1);
    // ...unless a local-development folder holds it (cookiecutter-django's
    // `.envs/.local/`): a compose service's throwaway, as in a config file.
    let broker = "CELERY_BROKER_URL=amqp://admin:Xq7vR2pLm9@rabbit:5672\n";
    assert!(find_secrets(".envs/.local/.amqp", broker).is_empty());
    assert!(find_secrets("config/dev/.env", broker).is_empty());
    assert_eq!(find_secrets(".envs/.production/.amqp", broker).len(), 1);
    // A real host is real anywhere.
    let remote = "DB=postgres://app:Xq7vR2pLm9@db.example-corp.net/app\n";
    assert_eq!(find_secrets(".envs/.local/.django", remote).len(), 1);
    // cookiecutter-django's generated local database password: the
    // container's, beside a compose service host.
    let pg = "POSTGRES_HOST=postgres\nPOSTGRES_USER=nKgWznFwShIsaFJb\nPOSTGRES_PASSWORD=Hn48gCO7GYaydEmtEXjquK2FzMo0d9Tk\n";
    let found = find_secrets(".envs/.local/.postgres", pg);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.starts_with(DEV_KEY), "{found:?}");
    let found = find_secrets(".envs/.production/.postgres", pg);
    assert_eq!(found, vec![(3, ".env secret POSTGRES_PASSWORD".to_owned())]);
}

#[test]
fn a_value_that_names_a_credential_setting_is_not_one() {
    assert!(is_placeholder("entropy_data_api_key"));
    assert!(is_placeholder("db_admin_password"));
    // Two words, digits, capitals or a non-credential last word: a value.
    assert!(!is_placeholder("api_key"));
    assert!(!is_placeholder("secret_sauce_2024"));
    assert!(!is_placeholder("Prod_Admin_Password"));
    assert!(!is_placeholder("secret_sauce"));
    // Only the words for a credential, joined: an example's stand-in.
    assert!(is_placeholder("secret_pass"));
    assert!(is_placeholder("super-secret-password"));
    // One such word alone is typed where a value has to go.
    assert!(is_placeholder("secret"));
    // The same with the app's name in it; not with a number.
    assert!(is_placeholder("super-secret-kubemate"));
    assert!(!is_placeholder("secret-kubemate"));
    assert!(!is_placeholder("super-secret-2024"));
    let text = "MANAGER_API_KEY = \"entropy_data_api_key\"\n";
    assert!(find_secrets("pkg/settings.py", text).is_empty());
    let live = "MANAGER_API_KEY = \"q8Zr2LmX7vK1pT9sW4nB6cY3\"\n";
    assert_eq!(find_secrets("pkg/settings.py", live).len(), 1);
}

#[test]
fn placeholders_and_docs_are_not_leaks() {
    for value in [
        "fake_api_key_for_tests",
        "development-key",
        "changeme123",
        "testpassword",
        "supersecret",
    ] {
        let text = format!("app.config['SECRET_KEY'] = '{value}'\n");
        assert!(find_secrets("tests/app.py", &text).is_empty(), "{value}");
    }
    // A value someone chose is not a stand-in, even when it has a word.
    let chosen = "SECRET_KEY = 'testpass9Xq2Lw'\n";
    assert_eq!(find_secrets("app.py", chosen).len(), 1);
    // For a real host's login in a URL the same words are still the
    // password someone chose.
    let url = "DB = 'mysql+pymysql://ann:testpwd@db.cs.example-univ.edu/flash'\n";
    assert_eq!(find_secrets("app.py", url).len(), 1);
    // A key header with its body elided documents the shape of a setting.
    let shape = "responder_key=\"-----BEGIN PRIVATE KEY-----\\n...\",\n";
    assert!(find_secrets("ca/conf.py", shape).is_empty());
    let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n";
    assert_eq!(find_secrets("deploy/id_rsa", pem).len(), 1);
    // A token-format example in a docstring documents the API.
    let doc = "def f():\n    \"\"\"\n    >>> Client(api_key='sk-proj-abcdefghijklmnopqrstuvwx')\n    \"\"\"\n";
    assert!(find_secrets("lib/client.py", doc).is_empty());
    // Nor is a URL broken into its parts in a docstring...
    let url_doc = "class URL:\n    \"\"\"\n       https://jo%40mail.com:a%20secret@example.org:1234/p\n    \"\"\"\n";
    assert!(find_secrets("pkg/_urls.py", url_doc).is_empty());
    // ...while the same URL in code still is.
    let url_code = "DB = 'https://jo%40mail.com:a%20secret@example.org:1234/p'\n";
    assert_eq!(find_secrets("pkg/db.py", url_code).len(), 1);
    assert_eq!(
        category("docs_src/tutorial/app.py", "hard-coded api_key"),
        JunkCategory::FixtureSecret
    );
}

#[test]
fn a_real_looking_provider_key_is_a_leak_anywhere() {
    let text = "API_KEY = '3f8a91c2d47be6059a1f7c3e28d4b6a0'\n";
    let found = find_secrets("test_weather.py", text);
    assert_eq!(found, vec![(1, format!("{REAL_KEY} API_KEY"))]);
    assert_eq!(
        category("test_weather.py", &found[0].1),
        JunkCategory::Secret
    );
    // A typed password is not a provider key.
    assert!(!is_real_key("password", "3f8a91c2d47be6059a1f7c3e28d4b6a0"));
    assert!(!is_real_key("api_key", "aaaaaaaaaaaaaaaaaaaaaaaa1"));
}

#[test]
fn categories() {
    assert_eq!(
        category("tests/fixtures/key.pem", "private key"),
        JunkCategory::FixtureSecret
    );
    assert_eq!(
        category("deploy/key.pem", "private key"),
        JunkCategory::PrivateKey
    );
    assert_eq!(
        category("app/settings.py", "hard-coded SECRET_KEY"),
        JunkCategory::Secret
    );
}
/// The prefilter never hides a finding the plain scan makes: lines
/// built from each check's example, noise, docstring quotes and
/// Unicode case folds give the same findings both ways, from text
/// and from bytes.
mod prefilter_agrees {
    use super::super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "AWS = 'AKIAABCDEFGHIJKLMNOP'",
        "k = \"ASIA0123456789ABCDEF\"",
        "t = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'",
        "github_pat_abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz",
        "OPENAI = 'sk-proj-abcdefghijklmnopqrstuvwx'",
        "slack: xoxb-1234567890-abcdef",
        "sk_live_abcdefghijklmnop1234",
        "AIzaSyA1234567890abcdefghijklmnopqrstuv",
        "gdrive_client_secret = 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",
        "-----BEGIN RSA PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----",
        "DB = 'postgres://admin:s3cr3tPa55@db.example.org/app'",
        "u = 'redis://u:u@localhost'",
        "SECRET_KEY = 'django-insecure-8x#k2!p'",
        "API_KEY = '3f8a91c2d47be6059a1f7c3e28d4b6a0'",
        "password: 'hunter2hunter2'",
        "\u{17F}ecret = 'abcdefgh12345'",
        "to\u{212A}en = \"abcdefgh12345\"",
        "AccessKey = 'Zx9Qw8Er7Ty6Ui5Op4'",
        "\"\"\"",
        "'''",
        "def f():",
        "    return 1",
        "# just a comment",
        "x = 1",
        "\r",
    ];

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => proptest::sample::select(PIECES).prop_map(str::to_owned),
            1 => "[ -~]{0,40}",
            1 => "\\PC{0,12}",
        ]
    }

    proptest! {
        #[test]
        fn same_findings_as_the_plain_scan(
            lines in proptest::collection::vec(line(), 0..12),
            crlf in any::<bool>(),
            upper in any::<bool>(),
            path in proptest::sample::select(vec!["app.py", "config.yml", "settings.ini", ".env"]),
        ) {
            let mut text = lines.join(if crlf { "\r\n" } else { "\n" });
            if upper {
                text = text.to_uppercase();
            }
            let plain = scan_lines(path, &text);
            prop_assert_eq!(&find_secrets(path, &text), &plain);
            prop_assert_eq!(&find_secrets_in_bytes(path, text.as_bytes()), &plain);
        }
    }
}

#[test]
fn a_map_key_is_public_by_design_in_head_and_history_alike() {
    let line = "GOOGLE_MAP_API_KEY = \"AIzaSyD31CT9P9KxvNUJOwDq2kcFEIG8ADgaFgw\"\n";
    assert!(find_secrets("bakerydemo/settings/base.py", line).is_empty());
    let other = "GOOGLE_API_KEY = \"AIzaSyD31CT9P9KxvNUJOwDq2kcFEIG8ADgaFgw\"\n";
    assert!(!find_secrets("bakerydemo/settings/base.py", other).is_empty());
}

#[test]
fn practice_site_passwords_are_not_leaks() {
    // The password Sauce Labs prints on its demo shop's login page.
    let text = "STANDARD_USER = \"standard_user\"\nSTANDARD_PASSWORD = \"secret_sauce\"\n";
    let found = find_secrets("utils/creds.py", text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with(DEV_KEY), "{found:?}");
    // Any other password under the same name is still hard-coded.
    let other = "STANDARD_PASSWORD = \"Tr0ub4dor&3x\"\n";
    assert!(
        find_secrets("utils/creds.py", other)[0]
            .1
            .starts_with("hard-coded")
    );
}

#[test]
fn a_password_passed_to_login_is_hard_coded() {
    let text = "server = smtplib.SMTP('smtp.gmail.com', 587)\nserver.login(\"me@gmail.com\", \"Tr0ub4dor&3x\")\n";
    assert_eq!(
        find_secrets("app/app.py", text),
        vec![(2, LOGIN_FINDING.to_owned())]
    );
    // Read from the environment, or a placeholder: nothing committed.
    for line in [
        "server.login(user, os.environ['SMTP_PASSWORD'])\n",
        "server.login(EMAIL, PASSWORD)\n",
        "server.login(\"me@gmail.com\", \"your_password\")\n",
    ] {
        assert!(find_secrets("app.py", line).is_empty(), "{line}");
    }
    // A stock password is a development credential.
    let stock = find_secrets("app.py", "ftp.login('anonymous', 'password')\n");
    assert!(stock[0].1.starts_with(DEV_KEY), "{stock:?}");
}

#[test]
fn a_substitution_marker_is_no_value() {
    for line in [
        "    _BOTTLE_PATH_TOKEN = \"%BOTTLE_PATH%\"\n",
        "API_KEY = \"<API_KEY>\"\n",
        "SECRET_TOKEN = '__SECRET_TOKEN__'\n",
        "password = \"[PASSWORD]\"\n",
    ] {
        assert!(find_secrets("app/backup.py", line).is_empty(), "{line}");
    }
    // Delimiters around a real-looking value do not make it a marker.
    let real = find_secrets("app/backup.py", "API_TOKEN = \"%a8Fq2zLm9Xw4Pt7%\"\n");
    assert_eq!(real.len(), 1, "{real:?}");
}

#[test]
fn a_password_typed_into_a_password_field_is_hard_coded() {
    let typed = [
        "password_input.send_keys(\"Tr0ub4dor3x\")\n",
        "driver.find_element(By.ID, \"password\").send_keys('Tr0ub4dor3x')\n",
        "page.locator(\"#user-pwd\").fill(\"Tr0ub4dor3x\")\n",
        "page.fill('input[name=\"password\"]', 'Tr0ub4dor3x')\n",
        // A word and a number typed into a real site's login form is that
        // account's password, though the same value in a payload is not.
        "page.locator(\"#password\").fill(\"Password@123\")\n",
    ];
    for line in typed {
        assert_eq!(
            find_secrets("bot/scrape.py", line),
            vec![(1, TYPED_FINDING.to_owned())],
            "{line}"
        );
    }
    // A variable, a user name field, a placeholder: nothing typed in.
    for line in [
        "password_input.send_keys(os.environ[\"SITE_PASSWORD\"])\n",
        "password_input.send_keys(password)\n",
        "username_input.send_keys(\"lakshmi.r\")\n",
        "page.fill(\"#password\", \"your_password\")\n",
        "search_box.send_keys(\"Tr0ub4dor3x\")\n",
    ] {
        assert!(find_secrets("bot/scrape.py", line).is_empty(), "{line}");
    }
    // One credential word, with or without a number: a stand-in anywhere
    // but a login.
    for (path, text) in [
        (
            "api/clients.py",
            "payload = {\"password\": \"Password123!\"}\n",
        ),
        ("web-variables.env", "JWT_SECRET_KEY=SECRET\n"),
        (
            ".env.staging",
            "DATABASE_URL=postgresql://app:secure_password@db.example.com/app\n",
        ),
    ] {
        assert!(find_secrets(path, text).is_empty(), "{text}");
    }
    // A practice site's published password is a development credential.
    let practice = find_secrets("tests/test_login.py", "pwd.send_keys(\"secret_sauce\")\n");
    assert!(practice[0].1.starts_with(DEV_KEY), "{practice:?}");
}

#[test]
fn a_config_password_for_a_local_service_is_a_development_credential() {
    // Great Expectations' config_variables.yml for a compose database.
    let yml = "STORE:\n    drivername: postgresql+psycopg2\n    host: \"postgres-store\"\n    username: \"storedb1\"\n    password: \"Xq7vLp2mZ9\"\n";
    let found = find_secrets("great_expectations/uncommitted/config_variables.yml", yml);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with(DEV_KEY), "{found:?}");
    // The same password for a real host is hard-coded.
    let real = yml.replace("postgres-store", "db.prod.example.com");
    let found = find_secrets("config.yml", &real);
    assert!(found[0].1.starts_with("hard-coded"), "{found:?}");
    // A password equal to its user name is a container's stock setup.
    let same =
        "db:\n  host: db.internal.example.com\n  user: \"sourcedb1\"\n  password: \"sourcedb1\"\n";
    let found = find_secrets("settings.yaml", same);
    assert!(found[0].1.starts_with(DEV_KEY), "{found:?}");
}

#[test]
fn a_label_that_spells_its_name_is_no_password() {
    // jrnl's message table: the prompt text for the password field.
    assert!(is_own_name("Password", "Password:"));
    assert!(is_own_name("API_TOKEN", "api-token?"));
    assert!(!is_own_name("Password", "Password1:"));
    assert!(find_secrets("jrnl/messages/MsgText.py", "    Password = \"Password:\"\n").is_empty());
}

#[test]
fn a_travis_slack_token_in_the_clear_is_a_secret() {
    let yml = "language: python\nscript:\n  - pytest\nnotifications:\n  slack: watchteam:rQoT5kJJakPqwLSKuez6ob4C\n";
    let s = find_secrets(".travis.yml", yml);
    assert_eq!(s, vec![(5, TRAVIS_SLACK_FINDING.to_owned())]);
    assert_eq!(category(".travis.yml", &s[0].1), JunkCategory::Secret);
    let rooms =
        "notifications:\n  slack:\n    rooms:\n      - watchteam:rQoT5kJJakPqwLSKuez6ob4C#builds\n";
    assert_eq!(find_secrets(".travis.yml", rooms).len(), 1);
    // Encrypted as Travis documents it, or a placeholder: nothing.
    let secure = "notifications:\n  slack:\n    secure: bG9uZ2VuY3J5cHRlZHN0cmluZw==\n";
    assert!(find_secrets(".travis.yml", secure).is_empty());
    let other = "python:\n  - \"3.8\"\nnotifications:\n  slack: team:your-slack-token\n";
    assert!(find_secrets(".travis.yml", other).is_empty());
    // Only Travis's file carries this form.
    assert!(find_secrets("notes.yml", yml).is_empty());
}

#[test]
fn a_generated_key_set_by_subscript_is_a_leak() {
    let py =
        "app = Flask(__name__)\napp.config['SECRET_KEY'] = 'a147395982125e9268226cd2889bd10f'\n";
    let s = find_secrets("run.py", py);
    assert_eq!(s, vec![(2, "hard-coded SECRET_KEY".to_owned())]);
    assert_eq!(category("run.py", &s[0].1), JunkCategory::Secret);
    // Judged by where it sits: in a test it is a fixture's value.
    assert_eq!(
        category("tests/test_mail.py", &s[0].1),
        JunkCategory::FixtureSecret
    );
    // A typed phrase or a test's stand-in is not.
    for line in [
        "app.config['SECRET_KEY'] = 'hasd8dsfsdoifj'\n",
        "app.config[\"SECRET_KEY\"] = \"secret-key-goes-here\"\n",
        "os.environ[\"AWS_SECRET_ACCESS_KEY\"] = \"testing\"\n",
        "settings['FAKE_API_KEY'] = 'a147395982125e9268226cd2889bd10f'\n",
    ] {
        assert!(find_secrets("app.py", line).is_empty(), "{line}");
    }
}

#[test]
fn a_contract_address_is_public() {
    let py = "USDC_TOKEN = \"0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48\"\n";
    assert!(find_secrets("monitor/main.py", py).is_empty());
    // A private key's 64 hex digits are a secret.
    let key = "WALLET_PRIVATE_KEY = \"0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318\"\n";
    assert!(!find_secrets("monitor/main.py", key).is_empty());
}

#[test]
fn a_password_under_a_short_key_in_a_config_file_is_found() {
    let yml = "server:\n  host: 'smtp.example-mail.com'\naccount:\n  user: 'alerts@example-corp.com'\n  pass: 'Crspn123'\n";
    assert_eq!(
        find_secrets("config.yaml", yml),
        vec![(5, "hard-coded pass".to_owned())]
    );
    // A local service's login, a stand-in, or a Python file: not this.
    let local = "db:\n  host: localhost\n  db_pass: Crspn123\n";
    assert_eq!(
        category("config.yaml", &find_secrets("config.yaml", local)[0].1),
        JunkCategory::DevSecret
    );
    assert!(find_secrets("config.yaml", "account:\n  pass: 'changeme'\n").is_empty());
    assert!(find_secrets("app.py", "def f():\n    pass\n").is_empty());
}

#[test]
fn tool_credential_files_and_dbt_tokens_are_leaks() {
    let kaggle = "{\"username\":\"someone\",\"key\":\"9ef7a1c2d3b4e5f60718293a4b5c6d7e\"}";
    assert_eq!(
        find_secrets("airflow/dags/.kaggle/kaggle.json", kaggle),
        vec![(1, "Kaggle API key".to_owned())]
    );
    // Kaggle's documented stand-in, and the same key in another JSON file.
    let stand_in = "{\"username\":\"someone\",\"key\":\"00000000000000000000000000000000\"}";
    assert!(find_secrets("kaggle.json", stand_in).is_empty());
    assert!(find_secrets("data/meta.json", kaggle).is_empty());
    // A dbt Cloud token inside a connection's JSON extra.
    let conn = "dbt_default:\n  conn_type: dbt_cloud\n  extra: '{\"account_id\": \"7047\", \"token\": \"dbtu_GuSo0c8frrSbxzlcFAVgxKFkUZ6hKFJjszYfI3ZB2cBNfA7nRo\"}'\n";
    assert_eq!(
        find_secrets("secrets/connections.yaml", conn),
        vec![(3, "dbt Cloud token".to_owned())]
    );
}

#[test]
fn marked_stand_ins_examples_and_test_env_files_are_not_leaks() {
    // An author's reviewed marker, in the scanners' own words.
    assert!(marked_not_secret(
        "PASSWORD = \"A11yProbe!2026\"  # noqa: S105 throwaway"
    ));
    assert!(marked_not_secret("token = 'ab12cd34ef56'  # nosec"));
    assert!(marked_not_secret("key: 'x'  # pragma: allowlist secret"));
    assert!(!marked_not_secret(
        "PASSWORD = \"A11yProbe!2026\"  # noqa: E501"
    ));
    assert!(!marked_not_secret("PASSWORD = \"nosec-A11yProbe!2026\""));
    let yaml = "db:\n  password: \"Xq7vR2pLm9kT\"  # gitleaks:allow\n";
    assert!(find_secrets("config/app.yml", yaml).is_empty());
    // The shape of a key with words where its secret goes.
    let example = "{\"openai\": {\"api_key\": \"sk-your-openai-api-key-here\"}}";
    assert!(find_secrets("config/api_keys.json", example).is_empty());
    assert!(hygiene::is_fixture_path("config/api_keys.example.json"));
    // A translation table's word is a label.
    assert!(is_placeholder("Κωδικός"));
    // A test run's env file holds the suite's values: fixtures.
    let env = "SECRET_KEY=secret_key\nSECURITY_PASSWORD_SALT=security_password_salt\nTEST_USER_PASSWORD=Hello_World_123\n";
    let found = find_secrets(".env.test", env);
    assert_eq!(
        found,
        vec![(3, ".env secret TEST_USER_PASSWORD".to_owned())]
    );
    assert_eq!(
        category(".env.test", &found[0].1),
        JunkCategory::FixtureSecret
    );
    assert_eq!(category(".env", &found[0].1), JunkCategory::Secret);
    assert!(hygiene::is_fixture_path("data/factories.py"));
    assert!(!hygiene::is_fixture_path("app/factory.py"));
}

#[test]
fn a_google_app_password_is_a_leak_even_in_an_example_env_file() {
    let env = "MAIL_SERVER=smtp.gmail.com\nMAIL_PASSWORD=qwhz mlpt vrax kebn\n";
    let found = find_secrets("backend/.env.example", env);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with(REAL_KEY), "{found:?}");
    let py = "EMAIL_HOST_PASSWORD = 'qwhz mlpt vrax kebn'  # app password\n";
    assert_eq!(find_secrets("mysite/settings.py", py).len(), 1);
    // An example file's typed values are stand-ins, a provider token is not.
    assert!(find_secrets(".env_example", "SECRET_KEY='secret_key_phrase_9'\n").is_empty());
    let token = "GITHUB_TOKEN=ghp_Zx8Kq2Lm9Vb4Nc7Jd1Hf6Gs3Ta5Yw0Re2Uo4\n";
    assert_eq!(find_secrets(".env.sample", token).len(), 1);
    // A compose file's container login is the container's throwaway.
    let compose = "services:\n  mq:\n    image: rabbitmq:3\n    environment:\n      RABBITMQ_DEFAULT_USER: app\n      RABBITMQ_DEFAULT_PASS: logpass123\n";
    let found = find_secrets("docker-compose.services.yml", compose);
    assert!(
        found.iter().all(|(_, k)| k.starts_with(DEV_KEY)),
        "{found:?}"
    );
    assert_eq!(find_secrets("deploy/settings.yml", compose).len(), 1);
    // A throttle rate is no token.
    assert!(find_secrets("settings.yml", "token: \"5/minute\"\n").is_empty());
    assert!(is_real_key("password", "qwhz mlpt vrax kebn"));
    assert!(!is_real_key("username", "qwhz mlpt vrax kebn"));
    // Pasted without its spaces; a typed 16-letter password is not one.
    let smtp = "    SMTP_PASSWORD = \"qwhzmlptvraxkebn\"\n";
    let found = find_secrets("app/settings.py", smtp);
    assert!(
        found.len() == 1 && found[0].1.starts_with(REAL_KEY),
        "{found:?}"
    );
    assert!(!is_real_key("password", "mysecretpassword"));
    // Beside a local host it is still no local database's login.
    let settings = "class Settings:\n    APP_HOST = \"localhost\"\n    SMTP_PASSWORD = \"qwhzmlptvraxkebn\"\n    DB_PASSWORD = \"devpass1\"\n";
    let f = crate::facts::pysrc::PyAnalyzer::new()
        .expect("grammar")
        .analyse("app/settings.py", settings, false);
    assert_eq!(f.credentials.len(), 1, "{:?}", f.credentials);
    assert!(
        f.credentials[0].1.starts_with(REAL_KEY),
        "{:?}",
        f.credentials
    );
    assert!(!is_real_key("password", "correcthorsebatt"));
    // The documented shapes are not.
    for shape in [
        "xxxx xxxx xxxx xxxx",
        "abcd efgh ijkl mnop",
        "your pass word here",
    ] {
        let env = format!("MAIL_PASSWORD={shape}\n");
        assert!(find_secrets(".env.example", &env).is_empty(), "{shape}");
    }
}

#[test]
fn a_key_inside_a_string_literal_is_not_an_assignment() {
    // A connection string built by concatenation: `+password_sql+` is
    // code between two literals, not a value.
    let text = "conn = pyodbc.connect('UID='+login_sql+';' 'PWD='+password_sql+';')\n";
    assert!(find_secrets("Notifs.py", text).is_empty());
    // A quote of the other kind earlier on the line changes nothing.
    let text = "msg = \"it's\"; password = \"Tr0ub4dor3x\"\n";
    assert_eq!(find_secrets("app.py", text).len(), 1);
}

#[test]
fn a_stock_password_under_a_password_name_stays_a_development_credential() {
    // The same word that is a stand-in under another name.
    let compose = "services:\n  db:\n    environment:\n      MYSQL_ROOT_PASSWORD: 'password'\n";
    let found = find_secrets("docker-compose.yaml", compose);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with(DEV_KEY), "{found:?}");
    let rabbit = "services:\n  mq:\n    environment:\n      RABBITMQ_DEFAULT_PASS: password\n";
    let found = find_secrets("rabbitmq.yml", rabbit);
    assert!(
        found.len() == 1 && found[0].1.starts_with(DEV_KEY),
        "{found:?}"
    );
    assert!(find_secrets("settings.py", "JWT_SECRET_KEY = \"SECRET\"\n").is_empty());
}

#[test]
fn a_redacted_value_or_a_secret_reference_is_no_leak() {
    let yaml = "pricing:\n  db_password: \"secret://pricing-db-password-dev\"\n";
    assert!(find_secrets("config/dev.yaml", yaml).is_empty());
    let py = "ENV = {\"AGENT_ENV_GOOGLE_API_KEY\": \"REDACTED\"}\n";
    assert!(find_secrets("deploy.py", py).is_empty());
}

#[test]
fn google_oauth_client_secret_in_a_dvc_remote_is_found() {
    let text = "['remote \"gdrive\"']\n    url = gdrive://1-abc\n    gdrive_client_secret = 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\n";
    assert_eq!(
        find_secrets(".dvc/config", text),
        vec![(3, "Google OAuth client secret".to_owned())]
    );
    // The prefix alone, as a docs page shows the format, is no secret.
    assert!(find_secrets(".dvc/config", "client_secret = GOCSPX-...\n").is_empty());
}
