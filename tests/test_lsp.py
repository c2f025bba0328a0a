"""What an editor shows on a file `assess init` wrote: a small LSP client over stdio against
yaml-language-server (the server VS Code, Neovim and Helix use for YAML), which the Makefile
installs from the npm registry. It completes choice ids, flags a wrong choice and an unknown
question, and shows the question's text on hover, all through the schema the template's first
line points to, beside the file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assess.cli import main

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / ".venv" / "lsp" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
TIMEOUT = 60.0

if shutil.which("node") is None:
    pytest.skip("node is not installed", allow_module_level=True)
if not SERVER.is_file():
    pytest.skip(
        "yaml-language-server is not installed (`make setup` installs it with npm when the registry is "
        "reachable; rm .venv/.lsp to try again)",
        allow_module_level=True,
    )


class Client:
    """Just enough of the Language Server Protocol: requests, notifications, and answers to the
    server's own requests (its configuration, capability registration)."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            ["node", str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=root,
        )
        self.next_id = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.settings = {
            "validate": True,
            "completion": True,
            "hover": True,
            "schemaStore": {"enable": False},
            "format": {"enable": False},
        }

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.process.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the language server stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        self._handle(message)
        return message

    def _handle(self, message: dict[str, Any]) -> None:
        if message.get("method") == "textDocument/publishDiagnostics":
            params = message["params"]
            self.diagnostics[params["uri"]] = params["diagnostics"]
        elif "method" in message and "id" in message:  # a request from the server
            result: Any = None
            if message["method"] == "workspace/configuration":
                result = [
                    self.settings if i.get("section") == "yaml" else None for i in message["params"]["items"]
                ]
            self.send({"id": message["id"], "result": result})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            message = self.receive()
            if message.get("id") == wanted and "method" not in message:
                assert "error" not in message, message
                return message.get("result")
        raise TimeoutError(method)

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def wait_for_diagnostics(self, uri: str, count: int) -> list[dict[str, Any]]:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = self.diagnostics.get(uri, [])
            if len(found) >= count:
                return found
            self.receive()
        return self.diagnostics.get(uri, [])

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (OSError, EOFError, TimeoutError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[Client]:
    client = Client(tmp_path)
    client.request(
        "initialize",
        {
            "processId": None,
            "rootUri": tmp_path.as_uri(),
            "capabilities": {
                "workspace": {"configuration": True},
                "textDocument": {
                    "completion": {"completionItem": {"snippetSupport": False}},
                    "hover": {"contentFormat": ["plaintext", "markdown"]},
                    "publishDiagnostics": {},
                },
            },
        },
    )
    client.notify("initialized", {})
    client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": client.settings}})
    yield client
    client.close()


def test_an_editor_completes_choices_and_flags_wrong_ones_in_a_file_init_wrote(
    editor: Client, tmp_path: Path
) -> None:
    path = tmp_path / "team" / "payments.yaml"
    path.parent.mkdir()
    assert main(["--quiet", "init", "--team", "Payments", "-o", str(path)]) == 0
    # The file moves with its schema, as a shared folder does: the relative modeline still works.
    moved = tmp_path / "elsewhere"
    shutil.move(path.parent, moved)
    path = moved / "payments.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    wrong = lines.index("  slo.defined:")
    lines[wrong] = "  slo.defined: measured-everything"
    unknown = wrong + 1
    lines.insert(unknown, "  slo.bogus: none")
    typing = lines.index("  slo.targets:")
    lines[typing] = "  slo.targets: "
    text = "\n".join(lines) + "\n"
    uri = path.as_uri()
    editor.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )

    found = editor.wait_for_diagnostics(uri, 2)
    by_line = {d["range"]["start"]["line"]: d["message"] for d in found}
    assert set(by_line) == {wrong, unknown}, found
    assert by_line[wrong].startswith("Value is not accepted. Valid values:") and '"agreed"' in by_line[wrong]
    assert "slo.bogus" in by_line[unknown] and "not allowed" in by_line[unknown]

    completion = editor.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": typing, "character": len(lines[typing])}},
    )
    items = completion["items"] if isinstance(completion, dict) else completion
    labels = {item["label"] for item in items}
    assert {"perfection", "arbitrary", "history", "user-need", "tuned", "unsure"} <= labels, labels
    assert "n/a" not in labels  # slo.targets does not allow it

    hover = editor.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": wrong, "character": 4}}
    )
    shown = json.dumps(hover)
    assert "service level objectives" in shown
