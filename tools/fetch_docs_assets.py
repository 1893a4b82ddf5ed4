"""Fetch the files of the API's docs pages (/docs: Swagger UI, /redoc: ReDoc) into `api/static/`.

The app serves them itself, so the docs work with no network. They come from the npm packages
pinned below, downloaded from the npm registry and checked against the registry's sha512 integrity
before anything is written; `api/static/README.md` (written here) says what came from where, under
which licence, and what `changes` edits where a file would still reach another host (ReDoc's logo).
To move to another version, change `version` and `integrity` (both from
`npm view PACKAGE@VERSION version dist.integrity`) and run:

    .venv/bin/python tools/fetch_docs_assets.py
"""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "api" / "static"
REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Change:
    """A change made to a file as it is written; `text` must be in it once."""

    file: str
    text: bytes
    replacement: bytes
    why: str


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str  # the registry's dist.integrity, "sha512-<base64>"
    licence: str
    homepage: str
    files: dict[str, str]  # path in the package → file name in api/static/
    changes: tuple[Change, ...] = ()

    @property
    def tarball(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name}-{self.version}.tgz"


PACKAGES = [
    NpmPackage(
        name="swagger-ui-dist",
        version="5.36.0",
        integrity="sha512-Lt6/Kb0gXmLdiabLhvso4VdJP9V7qJWB0zh0gzeXUV3+CMOTzMmvpJRSXN7EAjfwixwmoi9ezDbLHiexC7lA9A==",
        licence="Apache-2.0",
        homepage="https://github.com/swagger-api/swagger-ui",
        files={
            "swagger-ui-bundle.js": "swagger-ui-bundle.js",
            "swagger-ui-bundle.js.LICENSE.txt": "swagger-ui-bundle.js.LICENSE.txt",
            "swagger-ui.css": "swagger-ui.css",
            "favicon-32x32.png": "favicon-32x32.png",
            "LICENSE": "swagger-ui-dist.LICENSE",
            "NOTICE": "swagger-ui-dist.NOTICE",
        },
    ),
    NpmPackage(
        name="redoc",
        version="2.5.4",
        integrity="sha512-M6jWhG1qoBnH6TFmzJnstyCZ87HmOY/UzDm78mHiYihEdlV/YcS9ogOo1NlElnJMeLsyxHFe2yFc4sNjHTrABQ==",
        licence="MIT",
        homepage="https://github.com/Redocly/redoc",
        files={
            "bundles/redoc.standalone.js": "redoc.standalone.js",
            "bundles/redoc.standalone.js.LICENSE.txt": "redoc.standalone.js.LICENSE.txt",
            "LICENSE": "redoc.LICENSE",
        },
        changes=(
            Change(
                "redoc.standalone.js",
                b'src:"https://cdn.redoc.ly/redoc/logo-mini.svg"',
                b'src:""',
                why="the sidebar's link to Redocly shows their logo from their CDN, and no option turns it "
                "off; with no address the image is not requested and the link stays as text",
            ),
        ),
    ),
]

README = """# The API docs' own files

`/docs` (Swagger UI) and `/redoc` (ReDoc) load these from the app (`/static/...`), not from a CDN, so
the docs work with no network. Written by `tools/fetch_docs_assets.py` (do not edit by hand); to update,
change the versions pinned there and run it again.

| file | from the npm package | version | licence |
|---|---|---|---|
{rows}

Each package's licence is here as it ships (`*.LICENSE`, and swagger-ui's `swagger-ui-dist.NOTICE`);
the `*.js.LICENSE.txt` files list the licences of what the bundles include.

The files are as published, but for these changes, so that the pages load nothing from other hosts:
{changes}
"""


def download(package: NpmPackage) -> bytes:
    with urllib.request.urlopen(package.tarball, timeout=120) as answer:
        data: bytes = answer.read()
    algorithm, expected = package.integrity.split("-", 1)
    got = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if got != expected:
        raise SystemExit(f"{package.tarball}: {algorithm} is {got}, not the pinned {expected}")
    return data


def unpack(package: NpmPackage, data: bytes) -> list[str]:
    """Write the package's files into OUT; the rows of the README table for them."""
    rows = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for inside, name in package.files.items():
            member = archive.extractfile(f"package/{inside}")
            if member is None:
                raise SystemExit(f"{package.tarball} has no file {inside}")
            (OUT / name).write_bytes(changed(package, name, member.read()))
            rows.append(
                f"| `{name}` | [{package.name}]({package.homepage}) `{inside}` "
                f"| {package.version} | {package.licence} |"
            )
    return rows


def changed(package: NpmPackage, name: str, data: bytes) -> bytes:
    for change in package.changes:
        if change.file == name:
            if data.count(change.text) != 1:
                where = f"{package.name} {package.version} {name}"
                raise SystemExit(f"{where}: {change.text!r} is not there once")
            data = data.replace(change.text, change.replacement)
    return data


def change_lines() -> str:
    return "\n".join(
        f"- `{c.file}`: `{c.text.decode()}` becomes `{c.replacement.decode()}`: {c.why}"
        for package in PACKAGES
        for c in package.changes
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for package in PACKAGES:
        rows += unpack(package, download(package))
        print(f"{package.name} {package.version}: {', '.join(package.files.values())}")
    readme = README.format(rows="\n".join(rows), changes=change_lines())
    (OUT / "README.md").write_text(readme, encoding="utf-8")
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
