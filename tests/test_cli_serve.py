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
