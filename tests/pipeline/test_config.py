"""Configuration: typed settings, paths relative to the file, errors naming the key."""

from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "claimlog.toml"
    p.write_text(text, "utf-8")
    return p


def test_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    cfg = write(tmp_path, 'vault = "v"\n[[feeds]]\nname = "a"\nurl = "feeds/a.xml"\nlang = "zh"\n'
                          '[[feeds]]\nname = "b"\nurl = "https://x.example/rss"\n[aliases]\nGoogle = ["谷歌"]\n')
    s = load_settings(cfg)
    assert s.vault == tmp_path / "v"
    assert s.database == tmp_path / "claimlog.db"
    assert s.feeds[0].url == str(tmp_path / "feeds/a.xml") and s.feeds[0].is_local
    assert s.feeds[1].url == "https://x.example/rss" and not s.feeds[1].is_local
    assert s.aliases == {"Google": ["谷歌"]}


@pytest.mark.parametrize(("text", "key"), [
    ('database = "x.db"\n', "vault"),
    ('vault = 3\n', "vault"),
    ('vault = "v"\n[[feeds]]\nurl = "u"\n', "feeds[0].name"),
    ('vault = "v"\n[[feeds]]\nname = "a"\nurl = "u"\nlang = "fr"\n', "feeds[0].lang"),
    ('vault = "v"\n[[feeds]]\nname = "a"\nurl = "u"\n[[feeds]]\nname = "a"\nurl = "w"\n', "feeds[1].name"),
    ('vault = "v"\n[[feeds]]\nname = "a"\nurl = "u"\nencoding = "klingon"\n', "feeds[0].encoding"),
    ('vault = "v"\n[aliases]\nGoogle = "Alphabet"\n', "aliases.Google"),
    ('vault = "v"\n[fetch]\ntimeout = -1\n', "fetch.timeout"),
    ('vault = "v"\n[[feeds]]\nname = "a"\nurl = "u"\ncurrency = "ntd"\n', "feeds[0].currency"),
    ('vault = "v"\n[[feeds]]\nname = "a"\nurl = "u"\ncurrency = 3\n', "feeds[0].currency"),
])
def test_errors_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, text))
    assert f"[{key}]" in str(err.value)
    assert "claimlog.toml" in str(err.value)


def test_missing_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "vault = \n"))


def test_errors_survive_pickling() -> None:
    import pickle

    from pipeline.errors import FeedParseError, FetchError, InputError, NoteChangedError

    for err in (ConfigError("bad", "c.toml", "vault"), FetchError("f", "HTTP 500", 500),
                FeedParseError("f", "not a feed"), NoteChangedError("n.md", "changed"), InputError(3, "bad json")):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and str(back) == str(err)


def test_a_feed_currency_is_read(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path, 'vault = "v"\n[[feeds]]\nname = "a"\nurl = "u"\ncurrency = "TWD"\n'
                                      '[[feeds]]\nname = "b"\nurl = "w"\n'))
    assert [f.currency for f in s.feeds] == ["TWD", None]


@pytest.mark.parametrize(("text", "message"), [
    ('vault = "v"\n[[feeds]]\nname = "a"\nurl = "u"\n[[feeds]]\nname = "b"\nurl = "u"\n[[feeds]]\nname = "c"\nurl = "u"\nlangg = "en"\n',
     "unknown key feeds[2].langg"),
    ('vault = "v"\nvaults = "w"\n', "unknown key vaults"),
    ('vault = "v"\n[fetch]\ntimout = 5\n', "unknown key fetch.timout"),
    ('vault = "v"\n[log]\nfiles = "x.log"\n', "unknown key log.files"),
    ('vault = "v"\n[fetch]\ntimeout = "5"\n', "[fetch.timeout] must be a number, not a string"),
    ('vault = "v"\n[fetch]\nretries = true\n', "[fetch.retries] must be an integer, not a boolean"),
    ('vault = "v"\n[fetch]\nrun_deadline = -3\n', "[fetch.run_deadline] must not be negative"),
    ('vault = "v"\n[review]\ntoken = 12\n', "[review.token] must be a string, not an integer"),
    ('vault = "v"\n[aliases]\nGoogle = ["Alphabet", 3]\n', "[aliases.Google[1]] must be a string, not an integer"),
    ('vault = "v"\nfeeds = ["x"]\n', "[feeds[0]] must be a table, not a string"),
    ('vault = "v"\n[[feeds]]\nname = "a"\nurl = "u"\nfetch_linked = "yes"\n',
     "[feeds[0].fetch_linked] must be true or false, not a string"),
    ('vault = "v"\n[log]\nmax_bytes = 0\n', "[log.max_bytes] must be more than 0"),
])
def test_unknown_keys_and_wrong_types_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, text))
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_defaults_and_every_fetch_and_log_key(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path, 'vault = "v"\n'))
    assert (s.timeout, s.deadline, s.run_deadline, s.retries, s.log_file) == (20.0, 60.0, 120.0, 3, None)
    s = load_settings(write(tmp_path, 'vault = "v"\ndatabase = "/tmp/x.db"\n[fetch]\ntimeout = 5\ndeadline = 30\n'
                                      'run_deadline = 45.5\nmax_body_bytes = 100\nconcurrency = 2\nper_host = 1\n'
                                      'retries = 0\nmax_redirects = 1\nallow_private_links = true\n'
                                      '[review]\ntoken = "t"\nhost = "h.example"\n'
                                      '[log]\nfile = "logs/claimlog.log"\nmax_bytes = 5000\nbackups = 2\n'))
    assert (s.timeout, s.deadline, s.run_deadline, s.max_body_bytes, s.concurrency, s.per_host, s.retries,
            s.max_redirects, s.allow_private_links) == (5.0, 30.0, 45.5, 100, 2, 1, 0, 1, True)
    assert (s.review_token, s.review_host) == ("t", "h.example")
    assert s.database == Path("/tmp/x.db")
    assert (s.log_file, s.log_max_bytes, s.log_backups) == (tmp_path / "logs/claimlog.log", 5000, 2)


def test_a_config_error_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    cfg = write(tmp_path, 'vault = "v"\n[[feeds]]\nname = "a"\nurl = "u"\nlangg = "en"\n')
    for args in (["run"], ["feeds"], ["notes", "scan"]):
        done = run_cli(*args, "--config", str(cfg))
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.strip().count("\n") == 0 and "unknown key feeds[0].langg" in done.stderr
        assert "Traceback" not in done.stderr
