"""`tidings serve` refuses unusable security settings before it listens."""

from __future__ import annotations

from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()


def test_serve_refuses_a_short_token(tmp_path):
    result = runner.invoke(
        app, ["serve", "--db", str(tmp_path / "t.db")], env={"TIDINGS_API_TOKEN": "short"}
    )
    assert result.exit_code == 2
    assert "at least 16" in result.output
    assert not (tmp_path / "t.db").exists()


def test_serve_refuses_a_bad_port(tmp_path):
    result = runner.invoke(
        app, ["serve", "--db", str(tmp_path / "t.db")], env={"TIDINGS_PORT": "eighty"}
    )
    assert result.exit_code == 2
    assert "environment" in result.output


def test_serve_refuses_a_non_ascii_token(tmp_path):
    token = "jeton-sécurisé-" + "x" * 20
    # An address no server can bind: had the token been taken, the command fails at once.
    env = {"TIDINGS_API_TOKEN": token, "TIDINGS_HOST": "256.0.0.1"}
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "t.db")], env=env)
    assert result.exit_code == 2
    assert "visible ASCII at position 8" in result.output
    assert token not in result.output
