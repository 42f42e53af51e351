"""An agent served by an OpenAI-compatible chat-completions endpoint (vLLM, llama.cpp's
server, SGLang, ...): each step sends the screenshot (a base64 PNG `image_url`) and the AutoUI
prompt of `android_gym.prompting`, and returns the model's answer text for the environment to
parse. Standard library only (urllib); nothing is installed for it.
"""

from __future__ import annotations

import base64
import io
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

import numpy as np
from PIL import Image

from android_gym.prompting import action_prompt

HISTORY = 4
"""Previous actions shown in the prompt (as the distrl VLM policy shows them)."""


class EndpointError(RuntimeError):
    """The endpoint could not be reached or answered something that is not a chat completion."""


class OpenAIChatAgent:
    """`act(obs, info) -> str` through `POST {base_url}/chat/completions`.

    `model` defaults to the first one `GET {base_url}/models` lists. Greedy (temperature 0)
    unless `temperature` says otherwise. `reset()` starts a new episode (clears the history).
    """

    def __init__(
        self,
        base_url: str,
        model: str | None = None,
        *,
        temperature: float = 0.0,
        max_tokens: int = 128,
        timeout_s: float = 120.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.model = model or self._first_model()
        self.history: list[str] = []

    def reset(self) -> None:
        self.history = []

    def act(self, obs: Mapping[str, Any], info: Mapping[str, Any]) -> str:
        prompt = action_prompt(str(obs["instruction"]), self.history[-HISTORY:])
        body = {
            "model": self.model,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {
                            "type": "image_url",
                            "image_url": {"url": png_data_url(obs["screenshot"])},
                        },
                        {"type": "text", "text": prompt},
                    ],
                }
            ],
        }
        answer = self._request("/chat/completions", body)
        try:
            text = answer["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise EndpointError(
                f"{self.base_url}/chat/completions answered without choices[0].message.content: "
                f"{json.dumps(answer)[:200]}"
            ) from None
        text = str(text or "")
        self.history.append(text)
        return text

    def _first_model(self) -> str:
        listing = self._request("/models", None)
        try:
            return str(listing["data"][0]["id"])
        except (KeyError, IndexError, TypeError):
            raise EndpointError(
                f"{self.base_url}/models lists no model; name one: openai:{self.base_url}#MODEL"
            ) from None

    def _request(self, path: str, body: dict[str, Any] | None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            self.base_url + path, data=data, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:200]
            raise EndpointError(f"{self.base_url}{path}: HTTP {exc.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise EndpointError(f"{self.base_url}{path}: {exc}") from None
        except json.JSONDecodeError:
            raise EndpointError(f"{self.base_url}{path} did not answer JSON") from None


def png_data_url(screenshot: np.ndarray) -> str:
    """The screenshot as a `data:image/png;base64,...` URL."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(screenshot, dtype=np.uint8)).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
