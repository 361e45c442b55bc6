"""Live servers for the tests that need them (marker `live`), found once per session.

Per dialect, in this order:
1. a URL from the environment: SCHEMAGEN_TEST_POSTGRES_URL, SCHEMAGEN_TEST_MYSQL_URL,
   SCHEMAGEN_TEST_MARIADB_URL;
2. a testcontainers container (postgres:16, mysql:8.4, mariadb:11) when a Docker engine
   answers;
3. the local server: PostgreSQL on 127.0.0.1:5432 (user postgres) and MariaDB on
   127.0.0.1:3306 (user root). There is no local MySQL 8: the mysql dialect needs 1 or 2.

Without a server a live test skips, saying how to provide one. REQUIRE_LIVE_DB=1 makes that
a failure for postgres and mariadb; REQUIRE_MYSQL=1 makes it one for mysql too, so a
machine without MySQL 8 can require the servers it has. docs/live-testing.md says more.
"""

from __future__ import annotations

import os
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from collections.abc import Callable, Iterator

import pytest

from generator.live.connect import LiveError, redact, scratch_database, server_version
from generator.live.quirks import SERVERS, flavor_of

ENVIRONMENT = {"postgres": "SCHEMAGEN_TEST_POSTGRES_URL", "mysql": "SCHEMAGEN_TEST_MYSQL_URL",
               "mariadb": "SCHEMAGEN_TEST_MARIADB_URL"}
IMAGES = {"postgres": "postgres:16", "mysql": "mysql:8.4", "mariadb": "mariadb:11"}
LOCAL = {"postgres": "postgresql://postgres@127.0.0.1:5432/postgres",
         "mariadb": "mysql://root@127.0.0.1:3306/"}
CONTAINER_PASSWORD = "schemagen"


@dataclass(frozen=True)
class Found:
    """A usable server URL, or why there is none."""

    url: str | None
    reason: str = ""


def required(dialect: str) -> bool:
    """Whether a missing server fails the test rather than skipping it."""
    if dialect == "mysql":  # no MySQL 8 on a machine without Docker: opt in separately
        return os.environ.get("REQUIRE_MYSQL") == "1"
    return os.environ.get("REQUIRE_LIVE_DB") == "1"


class Servers:
    """Finds each dialect's server on first use and keeps containers up for the session."""

    def __init__(self, stack: ExitStack):
        self._stack = stack
        self._found: dict[str, Found] = {}
        self._docker: bool | None = None

    def find(self, dialect: str) -> Found:
        if dialect not in self._found:
            self._found[dialect] = self._discover(dialect)
        return self._found[dialect]

    def _discover(self, dialect: str) -> Found:
        variable = ENVIRONMENT[dialect]
        if os.environ.get(variable):
            return _usable(os.environ[variable], dialect, f"${variable}")
        if self._docker_answers():
            return self._container(dialect)
        if dialect in LOCAL:
            return _usable(LOCAL[dialect], dialect, "the local server")
        return Found(None, f"no {dialect} server: set {variable}=mysql://user:pass@host:port/ "
                           "to a MySQL 8 server, or run a Docker engine for testcontainers")

    def _docker_answers(self) -> bool:
        if self._docker is None:
            try:
                import docker

                docker.from_env().ping()  # raises at once when no engine is there
                self._docker = True
            except Exception:  # noqa: BLE001 - docker's errors vary with what is missing
                self._docker = False
        return self._docker

    def _container(self, dialect: str) -> Found:
        try:
            url = self._stack.enter_context(_started(dialect))
        except Exception as error:  # noqa: BLE001 - a pull or start failure of any kind
            return Found(None, f"Docker answers but {IMAGES[dialect]} did not start: {error}")
        return _usable(url, dialect, IMAGES[dialect])


def _usable(url: str, dialect: str, source: str) -> Found:
    """The URL if its server answers and is the server the dialect targets."""
    try:
        version = server_version(url, dialect)
    except LiveError as error:
        return Found(None, f"{source} ({redact(url)}) does not answer: {error} "
                           f"Set {ENVIRONMENT[dialect]} to a reachable server.")
    if SERVERS[dialect].driver == "pymysql" and flavor_of(version).dialect != dialect:
        return Found(None, f"{source} ({redact(url)}) is {version}, not a {dialect} server; "
                           f"set {ENVIRONMENT[dialect]} to one.")
    return Found(url)


@contextmanager
def _started(dialect: str) -> Iterator[str]:
    """Start the dialect's container; yield a URL with the superuser, who may create
    databases; stop it when the session ends."""
    postgres = SERVERS[dialect].driver == "psycopg"
    with _container_for(dialect, postgres) as container:
        host = container.get_container_host_ip()
        if postgres:
            port = container.get_exposed_port(5432)
            yield f"postgresql://postgres:{CONTAINER_PASSWORD}@{host}:{port}/postgres"
        else:
            port = container.get_exposed_port(3306)
            yield f"{dialect}://root:{CONTAINER_PASSWORD}@{host}:{port}/"


def _container_for(dialect: str, postgres: bool):
    try:  # testcontainers 4.9+ keeps the modules under community/
        from testcontainers.community.mysql import MySqlContainer
        from testcontainers.community.postgres import PostgresContainer
    except ImportError:
        from testcontainers.mysql import MySqlContainer
        from testcontainers.postgres import PostgresContainer

    if postgres:
        return PostgresContainer(IMAGES[dialect], username="postgres",
                                 password=CONTAINER_PASSWORD, dbname="postgres", driver=None)
    # MySqlContainer runs MariaDB images too: both read MYSQL_ROOT_PASSWORD.
    return MySqlContainer(IMAGES[dialect], root_password=CONTAINER_PASSWORD)


@pytest.fixture(scope="session")
def _servers() -> Iterator[Servers]:
    with ExitStack() as stack:
        yield Servers(stack)


@pytest.fixture
def live_server(_servers: Servers) -> Callable[[str], str]:
    """`live_server("postgres")` is the URL of a server for that dialect, or the test
    skips (fails under REQUIRE_LIVE_DB=1 / REQUIRE_MYSQL=1) saying how to provide one."""

    def find(dialect: str) -> str:
        found = _servers.find(dialect)
        if found.url is not None:
            return found.url
        message = f"live {dialect} test: {found.reason}"
        if required(dialect):
            pytest.fail(message + " (required: REQUIRE_LIVE_DB=1"
                        + (" and REQUIRE_MYSQL=1)" if dialect == "mysql" else ")"),
                        pytrace=False)
        pytest.skip(message)
        raise AssertionError("unreachable")  # pytest.skip raises

    return find


@pytest.fixture
def fresh_database(live_server: Callable[[str], str]) -> Iterator[Callable[..., str]]:
    """`fresh_database("mariadb")` is the URL of a new empty database, dropped after the
    test. `prefix=` starts its name (default `sg_test_`): each suite its own."""
    with ExitStack() as stack:

        def create(dialect: str, prefix: str = "sg_test_") -> str:
            server = live_server(dialect)
            return stack.enter_context(scratch_database(server, dialect, prefix))

        yield create
