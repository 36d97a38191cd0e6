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
    ('vault = "v"\n[[feeds]]\nurl = "u"\n', "feeds[0]"),
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
