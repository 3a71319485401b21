from unittest import mock

import pytest
import requests

from pipeline.download import EXPORT_URL, download_day


def test_download_writes_the_export(tmp_path):
    fake = mock.Mock(status_code=200, content=b"station_id,timestamp\n")
    with mock.patch("pipeline.download.requests.get", return_value=fake) as get:
        path = download_day("2023-10-01", tmp_path)
    get.assert_called_once_with(EXPORT_URL.format(day="2023-10-01"), timeout=30.0)
    assert path.read_bytes() == b"station_id,timestamp\n"


def test_download_raises_on_server_errors(tmp_path):
    fake = mock.Mock()
    fake.raise_for_status.side_effect = requests.HTTPError("503")
    with mock.patch("pipeline.download.requests.get", return_value=fake):
        with pytest.raises(requests.HTTPError):
            download_day("2023-10-01", tmp_path)
