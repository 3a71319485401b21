"""Upload release artifacts to S3 with their SHA-256, skipping files already there.

python -m kit.publish --bucket deploy-kit-artifacts --prefix releases/1.1.0 dist/*
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Uploaded:
    """What happened to one file."""

    key: str
    sha256: str
    skipped: bool


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def remote_sha256(s3: Any, bucket: str, key: str) -> str | None:
    """The sha256 metadata of an existing object, or None if there is no object."""
    try:
        head = s3.head_object(Bucket=bucket, Key=key)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
            return None
        raise
    digest = head.get("Metadata", {}).get("sha256")
    return str(digest) if digest is not None else None


def publish(s3: Any, bucket: str, prefix: str, paths: list[Path]) -> list[Uploaded]:
    """Upload each file to s3://bucket/prefix/name unless an identical copy is there."""
    results = []
    for path in paths:
        key = f"{prefix.strip('/')}/{path.name}"
        digest = sha256_of(path)
        if remote_sha256(s3, bucket, key) == digest:
            log.info("s3://%s/%s is up to date", bucket, key)
            results.append(Uploaded(key, digest, skipped=True))
            continue
        s3.upload_file(str(path), bucket, key, ExtraArgs={"Metadata": {"sha256": digest}})
        log.info("uploaded %s to s3://%s/%s", path, bucket, key)
        results.append(Uploaded(key, digest, skipped=False))
    return results


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; AWS credentials come from the usual boto3 chain."""
    parser = argparse.ArgumentParser(prog="kit.publish")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--bucket", default=os.environ.get("ARTIFACT_BUCKET"))
    parser.add_argument("--prefix", required=True, help="e.g. releases/1.1.0")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    if not args.bucket:
        parser.error("--bucket or ARTIFACT_BUCKET is required")
    missing = [str(p) for p in args.files if not p.is_file()]
    if missing:
        parser.error(f"not files: {', '.join(missing)}")

    try:
        publish(boto3.client("s3"), args.bucket, args.prefix, args.files)
    except (BotoCoreError, ClientError):
        log.exception("upload to s3://%s failed", args.bucket)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
