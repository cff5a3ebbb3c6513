"""The scaled deployment holds together: docker-compose.yml, .env.example and the production settings.

There is no Docker engine in the test run, so the compose file is checked as data: the promises the README
makes about it (healthy dependencies before start, one beat, a required secret, every variable
documented). `manage.py check --deploy` runs for real against the settings a deployment would get.
"""

from __future__ import annotations

import importlib
import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from uvicorn_worker import UvicornWorker

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
BASE_SETTINGS = ROOT / "workspace" / "settings" / "base.py"

APP_SERVICES = ("web", "worker", "beat")
LONG_RUNNING_WITH_HEALTHCHECK = ("postgres", "redis", "web", "worker")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    found = compose["services"]
    assert isinstance(found, dict)
    return found


def documented_variables() -> set[str]:
    """Names in .env.example, set (`NAME=`) or shown commented out with their default (`# NAME=`)."""
    pattern = re.compile(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)
    return set(pattern.findall(ENV_EXAMPLE.read_text(encoding="utf-8")))


def environment_of(service: dict[str, Any]) -> dict[str, Any]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    assert isinstance(environment, dict)
    return environment


def depends_on(service: dict[str, Any]) -> dict[str, str]:
    """Dependency name -> condition ("service_started" for the short list form)."""
    raw = service.get("depends_on") or {}
    if isinstance(raw, list):
        return dict.fromkeys(raw, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in raw.items()}


def command_text(service: dict[str, Any]) -> str:
    command = service.get("command") or ""
    return " ".join(command) if isinstance(command, list) else str(command)


def test_compose_defines_database_redis_web_worker_and_beat(services: dict[str, Any]) -> None:
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")


@pytest.mark.parametrize("name", LONG_RUNNING_WITH_HEALTHCHECK)
def test_long_running_service_has_a_healthcheck(services: dict[str, Any], name: str) -> None:
    healthcheck = services[name].get("healthcheck")
    assert healthcheck, f"{name} has no healthcheck"
    assert not healthcheck.get("disable")
    assert healthcheck["test"][0] in {"CMD", "CMD-SHELL"}


def test_web_healthcheck_asks_the_health_endpoint(services: dict[str, Any]) -> None:
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_starts_only_when_postgres_and_redis_are_healthy(services: dict[str, Any], name: str) -> None:
    conditions = depends_on(services[name])
    assert conditions.get("postgres") == "service_healthy"
    assert conditions.get("redis") == "service_healthy"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_starts_after_migrations_completed(services: dict[str, Any], name: str) -> None:
    assert depends_on(services[name]).get("migrate") == "service_completed_successfully"
    migrate = command_text(services["migrate"])
    assert "migrate" in migrate
    assert "collectstatic" in migrate


def test_web_worker_and_beat_run_the_same_image(services: dict[str, Any]) -> None:
    images = {(services[name].get("image"), str(services[name].get("build"))) for name in (*APP_SERVICES, "migrate")}
    assert len(images) == 1, images
    image, build = images.pop()
    assert image
    assert build not in {"", "None"}


def test_web_serves_asgi_with_several_gunicorn_workers(services: dict[str, Any]) -> None:
    command = command_text(services["web"])
    assert command.startswith("gunicorn workspace.asgi:application")
    worker_class = re.search(r"--worker-class[ =](\S+)", command)
    assert worker_class is not None
    module, _, name = worker_class.group(1).rpartition(".")
    worker = getattr(importlib.import_module(module), name)
    assert issubclass(worker, UvicornWorker)
    # Live rooms send many tiny frames; compressing each one was their largest cost (bench/doc_bench.py).
    assert worker.CONFIG_KWARGS["ws_per_message_deflate"] is False
    workers = re.search(r"(?:-w|--workers)[ =](\d+)", command)
    assert workers is not None and int(workers.group(1)) > 1


def test_worker_uses_prefork_and_exactly_one_service_runs_beat(services: dict[str, Any]) -> None:
    assert "--pool=prefork" in command_text(services["worker"])
    beat_services = [name for name, service in services.items() if re.search(r"\bbeat\b", command_text(service))]
    assert beat_services == ["beat"]
    beat = services["beat"]
    assert int((beat.get("deploy") or {}).get("replicas", 1)) == 1
    assert int(beat.get("scale", 1)) == 1


def test_secret_key_is_required_not_defaulted(services: dict[str, Any]) -> None:
    for name in (*APP_SERVICES, "migrate"):
        value = environment_of(services[name]).get("DJANGO_SECRET_KEY")
        # `${VAR:?message}` makes compose refuse to start without it; `${VAR:-x}` would ship a default.
        assert isinstance(value, str) and re.fullmatch(r"\$\{DJANGO_SECRET_KEY:\?[^}]+\}", value), (name, value)


def test_deployment_runs_with_debug_off(services: dict[str, Any]) -> None:
    for name in (*APP_SERVICES, "migrate"):
        assert str(environment_of(services[name]).get("DJANGO_DEBUG")).lower() == "false", name


def test_volumes_in_use_are_declared_and_data_is_kept(compose: dict[str, Any], services: dict[str, Any]) -> None:
    declared = set(compose.get("volumes") or {})
    mounts: dict[str, set[str]] = {}
    for name, service in services.items():
        for volume in service.get("volumes") or []:
            source, target = volume.split(":")[:2] if isinstance(volume, str) else (volume["source"], volume["target"])
            if not source.startswith((".", "/", "~")):
                assert source in declared, f"{name} mounts undeclared volume {source}"
                mounts.setdefault(name, set()).add(f"{source}:{target}")
    assert any(mount.endswith(":/var/lib/postgresql/data") for mount in mounts["postgres"])
    # The worker writes reports and extracts uploads that web serves: both see the same media volume.
    media = {mount for mount in mounts["web"] if mount.startswith("media:")}
    assert media and media <= mounts["worker"]
    assert {"postgres-data", "media", "static"} <= declared


def test_every_variable_compose_reads_is_documented(services: dict[str, Any]) -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    # `$$` is compose's escape for a literal dollar (evaluated inside the container, not by compose).
    interpolated = set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", text))
    passed_through = {
        key for service in services.values() for key, value in environment_of(service).items() if value is None
    }
    assert interpolated, "expected compose to read settings from the environment"
    missing = (interpolated | passed_through) - documented_variables()
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_every_setting_base_py_reads_is_documented() -> None:
    source = BASE_SETTINGS.read_text(encoding="utf-8")
    read = set(
        re.findall(
            r"""(?:os\.environ\.get|os\.getenv|os\.environ\[|env_[a-z]+)\(?\s*["']([A-Z][A-Z0-9_]*)["']""",
            source,
        )
    )
    assert {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_DEBUG"} <= read, "the pattern lost track"
    missing = read - documented_variables()
    assert not missing, f"add to .env.example: {sorted(missing)}"


def check_deploy(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    """`manage.py check --deploy` as a deployment would run it, with the test run's database and Redis."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        # Only the machine's basics; no setting of this process may leak into "production".
        if not key.startswith(("DJANGO_", "EMAIL_", "CELERY_", "ROUNDTABLE_", "SECURE_"))
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "workspace.settings.base",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "roundtable.example.org",
        "ROUNDTABLE_DATA_DIR": str(tmp_path),
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checklist(tmp_path: Path) -> None:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    secret_key = "".join(secrets.choice(alphabet) for _ in range(60))

    result = check_deploy(tmp_path, DJANGO_SECRET_KEY=secret_key)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_deployment_checklist_rejects_the_built_in_secret_key(tmp_path: Path) -> None:
    result = check_deploy(tmp_path)

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
