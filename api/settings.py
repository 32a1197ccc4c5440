"""Server settings, read from ``SILKGRAPH_*`` environment variables (pydantic-settings).

Every limit the endpoint enforces lives here, so an operator tunes one place:

>>> Settings(query_timeout_s=2.5).query_timeout_s
2.5
>>> import os; os.environ["SILKGRAPH_MAX_ROWS"] = "500"; Settings().max_rows
500
>>> del os.environ["SILKGRAPH_MAX_ROWS"]
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """What the HTTP server needs to know; the defaults are the documented limits."""

    model_config = SettingsConfigDict(env_prefix="SILKGRAPH_", frozen=True)

    #: The store folder or the symbolic link a build swaps; resolved ONCE at start-up.
    store: Path = Path("data/store")
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    #: Wall-clock budget of one query, waiting for a free worker included; the worker is killed
    #: when it runs out (pyoxigraph cannot cancel a running query).
    query_timeout_s: float = Field(10.0, gt=0)
    #: Largest accepted POST body (query text or form), checked on Content-Length and while reading.
    max_body_bytes: int = Field(1_000_000, gt=0)
    #: Most SELECT rows / CONSTRUCT triples returned; more are cut and the response says so.
    max_rows: int = Field(10_000, gt=0)
    #: Query worker processes; with two, one runaway query never blocks a quick one.
    workers: int = Field(2, ge=1)
    #: Origins allowed by CORS. Credentials are never allowed, so "*" is safe here.
    cors_origins: list[str] = ["*"]
    base_iri: str = "https://silkgraph.org/id/"
