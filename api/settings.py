"""Server settings, read from ``SILKGRAPH_*`` environment variables (pydantic-settings).

Every limit the endpoint enforces lives here, so an operator tunes one place:

>>> Settings(query_timeout_s=2.5).query_timeout_s
2.5
>>> import os; os.environ["SILKGRAPH_MAX_ROWS"] = "500"; Settings().max_rows
500
>>> del os.environ["SILKGRAPH_MAX_ROWS"]

Folders of extra canned queries are a path list, as ``PATH`` is (or a JSON array):

>>> os.environ["SILKGRAPH_QUERY_FOLDERS"] = os.pathsep.join(["/srv/queries", "more"])
>>> [str(folder) for folder in Settings().query_folders]
['/srv/queries', 'more']
>>> del os.environ["SILKGRAPH_QUERY_FOLDERS"]
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


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
    #: Folders of the operator's own canned queries (``*.rq``), served beside the built-ins at
    #: ``/queries``; a query named like a built-in replaces it. Checked at start-up.
    query_folders: Annotated[tuple[Path, ...], NoDecode] = ()

    @field_validator("query_folders", mode="before")
    @classmethod
    def _path_list(cls, value: object) -> object:
        """An environment string is a JSON array or an ``os.pathsep``-separated list."""
        if not isinstance(value, str):
            return value
        if value.lstrip().startswith("["):
            return json.loads(value)
        return tuple(part for part in value.split(os.pathsep) if part.strip())
