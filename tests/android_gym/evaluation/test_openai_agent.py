"""The OpenAI-compatible endpoint agent against a real local HTTP server that answers as vLLM
does (`GET /v1/models`, `POST /v1/chat/completions`)."""

from __future__ import annotations

import base64
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from PIL import Image

from android_gym.__main__ import main
from android_gym.evaluation import read_results
from android_gym.evaluation.results import EPISODES_FILE

COMPLETE = (
    'Action Decision: "action_type": "STATUS_TASK_COMPLETE", "touch_point": "[-1.0, -1.0]", '
    '"lift_point": "[-1.0, -1.0]", "typed_text": ""'
)


class FakeVLLM(BaseHTTPRequestHandler):
    """vLLM's answers: a model list, and chat completions that say "task complete" (or fail
    with HTTP 500 while `failing` is set). Every chat request body is kept in `requests`."""

    requests: ClassVar[list[dict]] = []
    failing = False

    def _send(self, code: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/v1/models":
            self._send(200, {"object": "list", "data": [{"id": "tiny-vlm", "object": "model"}]})
        else:
            self._send(404, {"error": "not found"})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        if type(self).failing:
            self._send(500, {"object": "error", "message": "CUDA out of memory"})
            return
        self._send(
            200,
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": COMPLETE},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30},
            },
        )

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    FakeVLLM.requests, FakeVLLM.failing = [], False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeVLLM)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_endpoint_gets_screenshot_and_instruction_and_its_answer_acts(
    server: str, tmp_path: Path
) -> None:
    out = tmp_path / "vlm"
    argv = ["evaluate", "--agent", f"openai:{server}", "--tasks", "2", "--out", str(out)]
    assert main([*argv, "--quiet"]) == 0
    results = read_results(out)
    assert results["agent"]["kind"] == "openai" and results["agent"]["model"] == "tiny-vlm"
    lines = [json.loads(x) for x in (out / EPISODES_FILE).read_text().splitlines()]
    assert [r["episode_length"] for r in lines] == [1, 1]  # "task complete" ended each
    assert results["metrics"]["invalid_action_rate"] == 0.0
    first = FakeVLLM.requests[0]
    assert first["model"] == "tiny-vlm" and first["temperature"] == 0.0
    image, text = first["messages"][0]["content"]
    assert text["type"] == "text" and lines[0]["goal"] in text["text"]
    assert "Action Decision" in text["text"]
    url = image["image_url"]["url"]
    assert url.startswith("data:image/png;base64,")
    png = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    assert png.format == "PNG" and png.size[0] > 100


def test_endpoint_errors_are_failed_episodes_and_a_dead_endpoint_exits_2(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    FakeVLLM.failing = True
    out = tmp_path / "failing"
    argv = ["evaluate", "--agent", f"openai:{server}#tiny-vlm", "--tasks", "2", "--quiet"]
    assert main([*argv, "--out", str(out)]) == 0
    metrics = read_results(out)["metrics"]
    assert metrics["errored"] == 2 and metrics["success_rate"] == 0.0
    lines = [json.loads(x) for x in (out / EPISODES_FILE).read_text().splitlines()]
    assert all("HTTP 500" in r["exception_info"] for r in lines)
    dead = ["evaluate", "--agent", "openai:http://127.0.0.1:9/v1", "--out", str(tmp_path / "d")]
    assert main(dead) == 2
    assert "127.0.0.1:9/v1/models" in capsys.readouterr().err
