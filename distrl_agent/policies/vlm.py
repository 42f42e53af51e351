"""VLMPolicy: any Hugging Face image-text-to-text model as a phone-control policy, with LoRA.

The model is loaded by id or local path through `AutoModelForImageTextToText` and
`AutoProcessor` and wrapped with a peft LoRA adapter; only the adapter trains and only the
adapter is broadcast (`trainable_state`). The prompt is one user turn: the screenshot, the
recent actions and the goal (`distrl_agent.prompting`); the answer is an AutoUI action string
parsed by `android_gym.Action.parse`. With `constrained=True` decoding is restricted to the
AutoUI language (`autoui_grammar`), so every answer is a valid action.

The probability of an answer is that of its tokenisation (after the whitespace the chat
template puts before assistant answers) followed by the end-of-turn token, computed in one
teacher-forced forward pass. `act` samples at temperature 1 with no top-k/top-p
and then scores the sampled text with the same function `evaluate` uses, so behaviour log-probs
and learner log-probs agree exactly for the same weights. Under constrained decoding the
behaviour log-prob is still the unconstrained model probability of the (valid) answer: the
constraint acts as a filter, and the importance ratio compares unconstrained probabilities.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from peft import (
    LoraConfig,
    PeftModel,
    get_peft_model,
    get_peft_model_state_dict,
    set_peft_model_state_dict,
)
from PIL import Image
from torch import Tensor
from transformers import AutoModelForImageTextToText, AutoProcessor, GenerationConfig

from android_gym.actions import Action
from android_gym.errors import ActionParseError
from distrl_agent.policies.autoui_grammar import AutoUIConstraint, AutoUIGrammar, token_texts
from distrl_agent.policies.base import Evaluation, Info, Observation, PolicyAction, as_batch
from distrl_agent.prompting import action_prompt, chat_messages
from distrl_agent.trajectory import HISTORY_KEY

DEFAULT_TARGETS = r".*(language_model|text_model)\..*\.(q_proj|k_proj|v_proj|o_proj)"
"""LoRA goes into the attention projections of the language model (not the vision tower)."""


@dataclass
class VLMConfig:
    """LoRA, decoding and batching settings of a `VLMPolicy`."""

    lora_rank: int = 8
    lora_alpha: int = 16
    lora_dropout: float = 0.0
    target_modules: str | list[str] = DEFAULT_TARGETS
    max_new_tokens: int = 96
    constrained: bool = False
    max_text: int = 64
    history: int = 4
    image_max_side: int | None = 1024
    eval_batch_size: int = 8
    seed: int = 0


class VLMPolicy:
    """A LoRA-tuned image-text-to-text model acting in the AutoUI format (see module doc)."""

    def __init__(self, model: PeftModel, processor, config: VLMConfig | None = None) -> None:
        self.config = config or VLMConfig()
        self.model = model
        self.processor = processor
        self.tokenizer = processor.tokenizer
        text_config = model.get_base_model().config.get_text_config()
        self.features_dim = int(text_config.hidden_size)
        eos = model.get_base_model().generation_config.eos_token_id
        eos = self.tokenizer.eos_token_id if eos is None else eos
        self.stop_ids = [int(e) for e in (eos if isinstance(eos, (list, tuple)) else [eos])]
        self.pad_id = (
            self.tokenizer.pad_token_id
            if self.tokenizer.pad_token_id is not None
            else self.stop_ids[0]
        )
        self.rng = np.random.default_rng(self.config.seed)
        self.answer_lead = self._answer_lead()
        self.grammar = AutoUIGrammar(self.config.max_text, self.answer_lead)
        self._token_texts: list[str] | None = None

    @classmethod
    def from_pretrained(
        cls,
        model_id_or_path: str | Path,
        *,
        adapter: str | Path | None = None,
        config: VLMConfig | None = None,
        device: str | torch.device = "cpu",
        dtype: torch.dtype | None = None,
    ) -> VLMPolicy:
        """Loads a checkpoint (hub id or local directory) and adds a new or saved LoRA adapter."""
        config = config or VLMConfig()
        processor = AutoProcessor.from_pretrained(str(model_id_or_path))
        with torch.random.fork_rng():  # seeded LoRA init, global generator untouched
            torch.manual_seed(config.seed)
            base = AutoModelForImageTextToText.from_pretrained(
                str(model_id_or_path), dtype=dtype or torch.float32
            )
            if adapter is not None:
                model = PeftModel.from_pretrained(base, str(adapter), is_trainable=True)
            else:
                lora = LoraConfig(
                    r=config.lora_rank,
                    lora_alpha=config.lora_alpha,
                    lora_dropout=config.lora_dropout,
                    target_modules=config.target_modules,
                    bias="none",
                )
                model = get_peft_model(base, lora)
        return cls(model.to(device), processor, config)

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    # -- prompts ------------------------------------------------------------------------------

    def _answer_lead(self) -> str:
        """What the chat template puts between the generation prompt and an assistant answer
        (" " after "Assistant:" in SmolVLM's): answers are scored with it, as the model sees
        its own answers in training."""
        if not getattr(self.processor, "chat_template", None):
            return ""
        marker = "\u2063ANSWER\u2063"
        messages = chat_messages("", [])
        prompt = self.processor.apply_chat_template(messages, add_generation_prompt=True)
        turn = {"role": "assistant", "content": [{"type": "text", "text": marker}]}
        full = self.processor.apply_chat_template([*messages, turn])
        if not full.startswith(prompt) or marker not in full:
            return ""
        lead = full[len(prompt) : full.index(marker)]
        return lead if not lead.strip() else ""

    def _prompt(self, obs: Observation, info: Info) -> tuple[str, Image.Image]:
        history = (
            list(info.get(HISTORY_KEY, []))[-self.config.history :] if self.config.history else []
        )
        instruction = str(obs.get("instruction", info.get("instruction", "")))
        if getattr(self.processor, "chat_template", None):
            text = self.processor.apply_chat_template(
                chat_messages(instruction, history), add_generation_prompt=True
            )
        else:  # processors without a chat template (e.g. PaliGemma) insert image tokens themselves
            text = action_prompt(instruction, history)
        image = Image.fromarray(np.asarray(obs["screenshot"], dtype=np.uint8))
        side = self.config.image_max_side
        if side and max(image.size) > side:
            scale = side / max(image.size)
            image = image.resize(
                (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            )
        return text, image

    def _encode_prompts(
        self, obs: Sequence[Observation], info: Sequence[Info]
    ) -> dict[str, Tensor]:
        prompts, images = zip(
            *(self._prompt(o, i) for o, i in zip(obs, info, strict=True)), strict=True
        )
        self.tokenizer.padding_side = "left"
        encoded = self.processor(
            text=list(prompts), images=[[im] for im in images], padding=True, return_tensors="pt"
        )
        return {k: v.to(self.device) for k, v in encoded.items()}

    # -- scoring ------------------------------------------------------------------------------

    def _score_chunk(
        self, obs: Sequence[Observation], info: Sequence[Info], texts: Sequence[str]
    ) -> Evaluation:
        """Teacher-forced log-probs, mean per-token entropies and last-prompt-token features."""
        encoded = self._encode_prompts(obs, info)
        targets = [
            self.tokenizer(self.answer_lead + t, add_special_tokens=False)["input_ids"]
            + [self.stop_ids[0]]
            for t in texts
        ]
        longest = max(len(t) for t in targets)
        prompt_ids, prompt_mask = encoded.pop("input_ids"), encoded.pop("attention_mask")
        rows, masks = [], []
        for b, target in enumerate(targets):
            real = prompt_ids[b][prompt_mask[b].bool()]
            pad = longest - len(target) + (prompt_ids.shape[1] - len(real))
            rows.append(
                torch.cat(
                    [
                        torch.full((pad,), self.pad_id, device=self.device),
                        real,
                        torch.tensor(target, device=self.device),
                    ]
                )
            )
            masks.append(
                torch.cat(
                    [
                        torch.zeros(pad, device=self.device),
                        torch.ones(len(real) + len(target), device=self.device),
                    ]
                )
            )
        input_ids = torch.stack(rows).long()
        attention_mask = torch.stack(masks).long()
        position_ids = (attention_mask.cumsum(-1) - 1).clamp(min=0)
        out = self.model(
            input_ids=input_ids,
            attention_mask=attention_mask,
            position_ids=position_ids,
            output_hidden_states=True,
            logits_to_keep=longest + 1,
            **encoded,
        )
        logits = out.logits[:, :-1].float()  # predicts the last `longest` tokens
        log_p = F.log_softmax(logits, -1)
        target_ids = input_ids[:, -longest:]
        token_log_probs = log_p.gather(-1, target_ids[..., None]).squeeze(-1)
        token_entropy = -(log_p.exp() * log_p).sum(-1)
        lengths = torch.tensor([len(t) for t in targets], device=self.device)
        target_mask = (
            torch.arange(longest, device=self.device)[None] >= longest - lengths[:, None]
        ).float()
        log_probs = (token_log_probs * target_mask).sum(-1)
        entropies = (token_entropy * target_mask).sum(-1) / lengths
        last_prompt = input_ids.shape[1] - 1 - lengths
        features = out.hidden_states[-1][
            torch.arange(len(targets), device=self.device), last_prompt
        ].float()
        return Evaluation(log_probs, entropies, features)

    def _score(
        self, obs: Sequence[Observation], info: Sequence[Info], texts: Sequence[str]
    ) -> Evaluation:
        size = self.config.eval_batch_size
        parts = [
            self._score_chunk(obs[i : i + size], info[i : i + size], texts[i : i + size])
            for i in range(0, len(texts), size)
        ]
        return Evaluation(
            *(
                torch.cat([getattr(p, f) for p in parts])
                for f in ("log_probs", "entropies", "features")
            )
        )

    # -- Policy protocol ----------------------------------------------------------------------

    @torch.no_grad()
    def generate(
        self, obs: Sequence[Observation], info: Sequence[Info], greedy: bool = False
    ) -> tuple[list[str], int]:
        """The answer texts for a batch, and how many new tokens were generated in all."""
        encoded = self._encode_prompts(obs, info)
        generation = GenerationConfig(
            do_sample=not greedy,
            temperature=1.0,
            top_k=0,
            top_p=1.0,
            max_new_tokens=self.config.max_new_tokens,
            eos_token_id=self.stop_ids,
            pad_token_id=self.pad_id,
        )
        constraint = None
        if self.config.constrained:
            if self._token_texts is None:
                self._token_texts = token_texts(self.tokenizer)
            constraint = AutoUIConstraint(self.grammar, self._token_texts, self.stop_ids, len(obs))
        with torch.random.fork_rng(devices=[self.device] if self.device.type == "cuda" else []):
            torch.manual_seed(int(self.rng.integers(2**63 - 1)))
            output = self.model.generate(
                **encoded,
                generation_config=generation,
                logits_processor=[constraint] if constraint else None,
            )
        new_tokens = output[:, encoded["input_ids"].shape[1] :]
        generated = _generated_count(new_tokens, self.stop_ids)
        if constraint is not None:
            return constraint.finished_texts(), generated
        texts = self.tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
        return [t.strip() for t in texts], generated

    def act(
        self,
        obs: Observation | Sequence[Observation],
        info: Info | Sequence[Info],
        greedy: bool = False,
    ) -> PolicyAction | list[PolicyAction]:
        """Generates an answer per observation, parses it and scores it (behaviour log-prob)."""
        observations, infos, single = as_batch(obs, info)
        texts, _ = self.generate(observations, infos, greedy)
        with torch.no_grad():
            log_probs = self._score(observations, infos, texts).log_probs.tolist()
        results = [
            PolicyAction(_parse(t), t, float(lp)) for t, lp in zip(texts, log_probs, strict=True)
        ]
        return results[0] if single else results

    def evaluate(
        self, obs: Sequence[Observation], info: Sequence[Info], actions: Sequence[Action | str]
    ) -> Evaluation:
        """Log-probs of the answer texts (an `Action` counts as its AutoUI string), mean per-token
        entropies over the vocabulary and last-prompt-token features, with gradient."""
        texts = [a.to_autoui() if isinstance(a, Action) else a for a in actions]
        return self._score(list(obs), list(info), texts)

    def trainable_parameters(self) -> list[torch.nn.Parameter]:
        """The LoRA parameters (everything else is frozen)."""
        return [p for p in self.model.parameters() if p.requires_grad]

    def trainable_state(self) -> dict[str, Tensor]:
        """The LoRA adapter weights only: what a learner broadcasts."""
        return {
            k: v.detach().cpu().clone() for k, v in get_peft_model_state_dict(self.model).items()
        }

    def load_trainable_state(self, state: Mapping[str, Tensor]) -> None:
        """Loads adapter weights from `trainable_state` (shapes must match this adapter)."""
        result = set_peft_model_state_dict(self.model, dict(state))
        unexpected = getattr(result, "unexpected_keys", [])
        if unexpected:
            raise ValueError(f"adapter state has keys this model lacks: {unexpected[:5]}")

    def save_adapter(self, directory: str | Path) -> Path:
        """Saves the adapter (peft, safetensors); load it with `from_pretrained(adapter=...)`."""
        self.model.save_pretrained(str(directory))
        return Path(directory)


def _generated_count(new_tokens: Tensor, stop_ids: list[int]) -> int:
    """Tokens generated per row up to and including the first stop token, summed."""
    stops = torch.isin(new_tokens, torch.tensor(stop_ids, device=new_tokens.device))
    length = new_tokens.shape[1]
    first_stop = torch.where(
        stops.any(1),
        stops.float().argmax(1) + 1,
        torch.full_like(stops[:, 0], length, dtype=torch.long),
    )
    return int(first_stop.sum())


def _parse(text: str) -> Action | None:
    try:
        return Action.parse(text)
    except ActionParseError:
        return None
