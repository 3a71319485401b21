use super::*;

fn analyse(path: &str, src: &str, test: bool) -> FileFacts {
    PyAnalyzer::new().expect("grammar").analyse(path, src, test)
}

#[test]
fn counts_pytest_and_unittest_tests_with_assertions() {
    let src = r#"
import pytest
from unittest import mock

@pytest.fixture
def user():
    return 1

@pytest.mark.parametrize("x", [1, 2])
def test_add(x, user):
    assert x + user > 1

def helper():
    pass

class TestThings:
    def test_one(self):
        with pytest.raises(ValueError):
            int("x")

class ModelTests(TestCase):
    def test_two(self):
        self.assertEqual(1, 1)
    def setUp(self):
        pass
"#;
    let f = analyse("tests/test_x.py", src, true);
    let names: Vec<&str> = f.tests.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["test_add", "test_one", "test_two"]);
    assert!(f.tests.iter().all(|t| t.assertions == 1));
    assert_eq!(
        (f.fixtures, f.parametrized),
        (2, 1),
        "@pytest.fixture and setUp"
    );
    assert!(f.mocks);
}

#[test]
fn a_test_file_that_is_a_script_has_no_tests() {
    let f = analyse(
        "test_api.py",
        "import requests\nprint(requests.get('http://x').status_code)\n",
        true,
    );
    assert!(f.tests.is_empty());
    let stub = analyse(
        "app/tests.py",
        "from django.test import TestCase\n\n# Create your tests here.\n",
        true,
    );
    assert!(stub.django_stub);
}

#[test]
fn docstrings_types_and_error_handling() {
    let src = r#""""Module doc."""
import logging

def typed(a: int, b: str = "x") -> bool:
    """Doc."""
    return True

def untyped(a, b):
    try:
        return a / b
    except:
        pass

class Service:
    def run(self, n: int) -> None:
        try:
            pass
        except Exception as e:
            pass
        print("done")
"#;
    let f = analyse("app/service.py", src, false);
    assert_eq!(f.public_defs, 5);
    assert_eq!(f.documented, 2);
    assert_eq!((f.functions, f.typed_functions), (3, 2));
    assert_eq!(f.bare_excepts, vec![11]);
    assert_eq!(f.swallowed_exceptions, vec![11, 18]);
    assert_eq!(f.prints, vec![20]);
    assert!(f.uses_logging);
}

#[test]
fn env_reads_and_credentials() {
    let src = r#"
import os
from pydantic_settings import BaseSettings
KEY = os.getenv("API_KEY")
DB = os.environ["DATABASE_URL"]
PAGER = os.environ.get("PAGER")
SECRET_KEY = "django-insecure-abc123xyz"
PASSWORD = "changeme"
token = f"{KEY}"
class Settings(BaseSettings):
    debug: bool = False
"#;
    let f = analyse("app/settings.py", src, false);
    let names: Vec<Option<&str>> = f.env_reads.iter().map(|(_, n)| n.as_deref()).collect();
    assert_eq!(names, [Some("API_KEY"), Some("DATABASE_URL"), None]);
    assert_eq!(
        f.credentials,
        vec![(7, "development credential SECRET_KEY".to_owned())]
    );
}

#[test]
fn python_2_print_is_not_python_3() {
    assert_eq!(
        analyse("old.py", "name = 'x'\nprint \"Hello, \" + name\n", false).syntax_error,
        Some(2)
    );
    assert_eq!(analyse("new.py", "print('x')\n", false).syntax_error, None);
}

#[test]
fn broken_source_still_counts() {
    let f = analyse(
        "app/broken.py",
        "import os\ndef f(:\n    pass\nprint('x')\n",
        false,
    );
    assert!(f.syntax_error.is_some());
    assert!(f.imports.contains(&"os".to_owned()));
}

#[test]
fn wsgi_environ_and_framework_config_are_not_env_vars() {
    let src = r#"
def app(environ, start_response):
    path = environ["PATH_INFO"]
    host = environ.get("HTTP_HOST")
    debug = config("DEBUG")
    return [path, host, debug]
"#;
    let f = analyse("app/wsgi.py", src, false);
    assert!(f.env_reads.is_empty(), "{:?}", f.env_reads);
    let src = "from os import environ\nfrom decouple import config\nA = environ[\"API_URL\"]\nB = environ.get(\"B_URL\")\nC = config(\"SECRET\")\n";
    let f = analyse("app/settings.py", src, false);
    let names: Vec<Option<&str>> = f.env_reads.iter().map(|(_, n)| n.as_deref()).collect();
    assert_eq!(names, [Some("API_URL"), Some("B_URL"), Some("SECRET")]);
}

#[test]
fn placeholder_tests_are_not_tests() {
    let src = "def test_math():\n    assert 1 + 1 == 2\n\n\ndef test_not():\n    assert not (False and 0 < 1)\n\n\ndef test_stub():\n    assert True\n\n\ndef test_todo():\n    \"\"\"Later.\"\"\"\n    pass\n\n\ndef test_dots():\n    ...\n\n\ndef test_real():\n    assert add(1, 2) == 3\n\n\ndef test_calls():\n    run()\n";
    let f = analyse("tests/test_app.py", src, true);
    let names: Vec<&str> = f.tests.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["test_real", "test_calls"]);
    // Poetry's scaffold checks the version string it was generated with.
    let scaffold = "from pkg import __version__\nimport pkg\n\n\ndef test_version():\n    assert __version__ == '0.1.0'\n\n\ndef test_attr():\n    assert pkg.__version__ == \"0.1.0\"\n\n\ndef test_parse():\n    assert parse(__version__) == (0, 1, 0)\n";
    let f = analyse("tests/test_pkg.py", scaffold, true);
    let names: Vec<&str> = f.tests.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["test_parse"]);
}

#[test]
fn a_connection_string_password_is_found_whatever_the_name() {
    let src = "app.config['SQLALCHEMY_DATABASE_URI'] = 'mysql+pymysql://user1:s3cretPw@db.university.edu/main'\nLOCAL = 'postgresql://app:s3cretPw@postgres:5432/app'\n";
    let f = analyse("app.py", src, false);
    let found: Vec<&str> = f.credentials.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(found, ["password in a URL"], "{found:?}");
}

#[test]
fn django_quick_start_secret_key_is_a_development_key() {
    let src = "# Quick-start development settings - unsuitable for production\nSECRET_KEY = '4o0(y15#k-+6+kln0pc4-=)!8()hgbeb)4cjibblzj^7qe3hzv'\n";
    let f = analyse("School/settings.py", src, false);
    assert_eq!(f.credentials.len(), 1);
    assert!(
        f.credentials[0]
            .1
            .starts_with(crate::facts::secrets::DEV_KEY),
        "{:?}",
        f.credentials
    );
    let fake = "FAKE_SECRET_TOKEN = 'coneofsilence'\n";
    assert!(analyse("main.py", fake, false).credentials.is_empty());
}

#[test]
fn a_database_password_beside_a_local_host_is_a_throwaway() {
    let local = "DATABASES = {'default': {'USER': 'kishor', 'PASSWORD': 'kish12345', 'HOST': 'localhost'}}\n";
    assert!(
        analyse("hotel/settings.py", local, false)
            .credentials
            .is_empty()
    );
    let remote = "DATABASES = {'default': {'USER': 'kishor', 'PASSWORD': 'kish12345', 'HOST': 'db.example.com'}}\n";
    assert_eq!(
        analyse("hotel/settings.py", remote, false)
            .credentials
            .len(),
        1
    );
    let maps = "GOOGLE_MAP_API_KEY = 'AIzaSyD31CT9P9KxvNUJOwDq2kcFEIG8ADgaFgw'\n";
    assert!(
        analyse("site/settings.py", maps, false)
            .credentials
            .is_empty()
    );
}

#[test]
fn a_password_literal_passed_to_login_is_a_credential() {
    let src = "import smtplib, os\nserver = smtplib.SMTP('smtp.gmail.com', 587)\nserver.login(\"me@gmail.com\", \"Tr0ub4dor&3x\")\nserver.login(USER, os.environ['SMTP_PASSWORD'])\nftp.login('anonymous', 'password')\nclient.login(username='u', password=pw)\n";
    let f = analyse("app/app.py", src, false);
    let found: Vec<(u32, &str)> = f
        .credentials
        .iter()
        .map(|(l, w)| (*l, w.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, crate::facts::secrets::LOGIN_FINDING),
            (5, "development credential passed to login()"),
        ],
        "{found:?}"
    );
}

#[test]
fn a_password_literal_typed_into_a_password_field_is_a_credential() {
    let src = "from selenium.webdriver.common.by import By\n\
password_input = wait.until(ready((By.NAME, 'usr_password')))\n\
user_name_input.send_keys('lakshmi.r')\n\
password_input.send_keys('Tr0ub4dor3x')\n\
driver.find_element(By.ID, 'password').send_keys(\"Tr0ub4dor3x\")\n\
page.fill('#password', 'Tr0ub4dor3x')\n\
page.fill('#search', 'Tr0ub4dor3x')\n\
password_input.send_keys(os.environ['SITE_PASSWORD'])\n\
page.locator('#pwd').fill('secret_sauce')\n\
page.locator('#password').fill('Password@123')\n\
payload = {'password': 'Password@123'}\n";
    let f = analyse("bot/scrape.py", src, false);
    let found: Vec<(u32, &str)> = f
        .credentials
        .iter()
        .map(|(l, w)| (*l, w.as_str()))
        .collect();
    let typed = crate::facts::secrets::TYPED_FINDING;
    assert_eq!(
        found,
        [
            (4, typed),
            (5, typed),
            (6, typed),
            (9, "development credential typed into a password field"),
            // A word and a number is a stand-in in a payload, but typed
            // into a login form it is an account's password.
            (10, typed),
        ],
        "{found:?}"
    );
}

#[test]
fn a_password_set_beside_a_local_host_or_its_own_user_is_a_throwaway() {
    let local = "def connect():\n    username = 'user-service-user'\n    password = 'user-service-user'\n    host = 'db.internal.example.org'\n";
    assert!(
        analyse("src/database.py", local, false)
            .credentials
            .is_empty()
    );
    let localhost = "class Db:\n    DB_HOST = 'localhost'\n    DB_PASSWORD = 'kish12345pw'\n";
    assert!(
        analyse("src/db.py", localhost, false)
            .credentials
            .is_empty()
    );
    let remote = "def connect():\n    user = 'reporting'\n    password = 'Xk92!mPq7rT'\n    host = 'db.internal.example.org'\n";
    assert_eq!(
        analyse("src/database.py", remote, false).credentials.len(),
        1
    );
}

#[test]
fn example_data_for_an_api_schema_is_not_a_credential() {
    let schema = "class UserLogin(BaseModel):\n    password: str\n\n    class Config:\n        schema_extra = {\"example\": {\"username\": \"user\", \"password\": \"weakpassword\"}}\n";
    assert!(
        analyse("main/schemas/user.py", schema, false)
            .credentials
            .is_empty()
    );
    let v2 = "model_config = ConfigDict(json_schema_extra={\"examples\": [{\"password\": \"s3cretPassw0rd\"}]})\n";
    assert!(analyse("app/schemas.py", v2, false).credentials.is_empty());
    let real = "CONFIG = {\"password\": \"s3cretPassw0rd\"}\n";
    assert_eq!(analyse("app/config.py", real, false).credentials.len(), 1);
}

#[test]
fn a_login_given_beside_a_local_endpoint_is_a_container_s() {
    let minio = "s3 = boto3.resource(\n    service_name='s3',\n    endpoint_url='http://minio:9000',\n    aws_secret_access_key='minio123abc',\n)\n";
    assert!(analyse("dags/load.py", minio, false).credentials.is_empty());
    let block =
        "conn_type = 'aws'\nsecret_key = 'minio123abc'\nendpoint_url = 'http://minio:9000'\n";
    assert!(
        analyse("setup_conn.py", block, false)
            .credentials
            .is_empty()
    );
    let aws = "s3 = boto3.resource(\n    service_name='s3',\n    endpoint_url='https://s3.eu-west-1.amazonaws.com',\n    aws_secret_access_key='wJalrXUtnFEMIK7MDENGbPxRfiCY',\n)\n";
    assert_eq!(analyse("dags/load.py", aws, false).credentials.len(), 1);
    let django = "SECRET_KEY = '44ebca61af08a6763399c71acbb84ccb25233357cc4afa46c427c4e381eff78d'\nSTATIC_URL = 'static/'\n";
    assert_eq!(
        analyse("blog/settings.py", django, false).credentials.len(),
        1
    );
}

#[test]
fn imports_under_an_import_error_guard_are_optional() {
    let src = "import requests\ntry:\n    import nltk\n    import requests\nexcept ImportError:\n    nltk = None\ntry:\n    import numpy\nexcept ValueError:\n    pass\ntry:\n    import ujson as json\nexcept (ModuleNotFoundError, OSError):\n    import json\n";
    let f = analyse("pkg/text.py", src, false);
    assert!(f.imports.contains(&"nltk".to_owned()));
    assert_eq!(
        f.guarded_imports,
        vec!["nltk".to_owned(), "ujson".to_owned(), "json".to_owned()]
    );
}

#[test]
fn a_generated_key_set_by_subscript_is_a_credential() {
    let src = "app.config['SECRET_KEY'] = 'a147395982125e9268226cd2889bd10f'\napp.config['SECRET_KEY'] = 'helloworld'\nos.environ['AWS_SECRET_ACCESS_KEY'] = 'testing'\n";
    let f = analyse("run.py", src, false);
    assert_eq!(f.credentials, vec![(1, "hard-coded SECRET_KEY".to_owned())]);
}

#[test]
fn a_credential_its_author_marked_for_the_scanners_is_left_out() {
    let src = "USERNAME = \"a11y\"\nPASSWORD = \"A11yProbe!2026\"  # noqa: S105 throwaway account\nAPI_TOKEN = \"q8Zr2LmX7vK1pT9sW4nB\"\n";
    let f = analyse("scripts/probe.py", src, false);
    let lines: Vec<u32> = f.credentials.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [3], "{:?}", f.credentials);
}

#[test]
fn imports_for_the_type_checker_are_optional() {
    let src = "from typing import TYPE_CHECKING\nimport attrs\nif TYPE_CHECKING:\n    from typing_extensions import Self\nif typing.TYPE_CHECKING:\n    import numpy\nif DEBUG:\n    import rich\n";
    let f = analyse("pkg/core.py", src, false);
    assert!(f.imports.contains(&"typing_extensions".to_owned()));
    assert_eq!(
        f.guarded_imports,
        vec!["typing_extensions".to_owned(), "numpy".to_owned()]
    );
}
