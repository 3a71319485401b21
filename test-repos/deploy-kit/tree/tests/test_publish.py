import hashlib
from unittest.mock import MagicMock, patch

import pytest
from botocore.exceptions import ClientError

from kit.publish import main, publish, remote_sha256, sha256_of


def not_found() -> ClientError:
    return ClientError({"Error": {"Code": "404", "Message": "Not Found"}}, "HeadObject")


@pytest.fixture
def artifact(tmp_path):
    path = tmp_path / "deploy_kit-1.1.0-py3-none-any.whl"
    path.write_bytes(b"wheel contents")
    return path


@pytest.fixture
def s3() -> MagicMock:
    client = MagicMock(name="s3")
    client.head_object.side_effect = not_found()
    return client


def test_sha256_matches_hashlib(artifact):
    assert sha256_of(artifact) == hashlib.sha256(b"wheel contents").hexdigest()


def test_new_file_is_uploaded_with_its_digest(s3, artifact):
    [result] = publish(s3, "artifacts", "/releases/1.1.0/", [artifact])
    assert result.key == f"releases/1.1.0/{artifact.name}"
    assert not result.skipped
    s3.upload_file.assert_called_once_with(
        str(artifact),
        "artifacts",
        result.key,
        ExtraArgs={"Metadata": {"sha256": sha256_of(artifact)}},
    )


def test_identical_object_is_skipped(s3, artifact):
    s3.head_object.side_effect = None
    s3.head_object.return_value = {"Metadata": {"sha256": sha256_of(artifact)}}
    [result] = publish(s3, "artifacts", "releases/1.1.0", [artifact])
    assert result.skipped
    s3.upload_file.assert_not_called()


def test_changed_object_is_uploaded_again(s3, artifact):
    s3.head_object.side_effect = None
    s3.head_object.return_value = {"Metadata": {"sha256": "0" * 64}}
    [result] = publish(s3, "artifacts", "releases/1.1.0", [artifact])
    assert not result.skipped


def test_access_denied_is_not_mistaken_for_missing(s3):
    s3.head_object.side_effect = ClientError(
        {"Error": {"Code": "403", "Message": "Forbidden"}}, "HeadObject"
    )
    with pytest.raises(ClientError):
        remote_sha256(s3, "artifacts", "releases/x")


def test_cli_reports_failure_with_exit_code(s3, artifact, caplog):
    s3.upload_file.side_effect = ClientError(
        {"Error": {"Code": "AccessDenied", "Message": "denied"}}, "PutObject"
    )
    with patch("kit.publish.boto3.client", return_value=s3):
        code = main(["--bucket", "artifacts", "--prefix", "releases/1.1.0", str(artifact)])
    assert code == 1
    assert "upload to s3://artifacts failed" in caplog.text


def test_cli_requires_a_bucket(artifact, monkeypatch):
    monkeypatch.delenv("ARTIFACT_BUCKET", raising=False)
    with pytest.raises(SystemExit) as exc:
        main(["--prefix", "releases/1.1.0", str(artifact)])
    assert exc.value.code == 2
