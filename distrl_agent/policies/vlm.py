"""VLMPolicy: any Hugging Face image-text-to-text model as a phone-control policy, with LoRA.

The model is loaded by id or local path through `AutoModelForImageTextToText` and
`AutoProcessor` and wrapped with a peft LoRA adapter; only the adapter trains and only the
adapter is broadcast (`trainable_state`). The prompt is one user turn: the screenshot, the
recent actions and the goal (`distrl_agent.prompting`); the answer is an AutoUI action string
parsed by `android_gym.Action.parse`. With `constrained=True` decoding is restricted to the
AutoUI language (`autoui_grammar`), so every answer is a valid action.

Behaviour log-probs are exact (`policies.answers`): `act` samples from the model's own
next-token distribution at `VLMConfig.temperature` (1 by default; no top-k/top-p, and none of
the extras a checkpoint's generation config may carry: the policy replaces that config with one
holding only the special tokens), keeps the sampled ids (stop token included) with the action,
and records the sum of `generate`'s own transition scores over them. The learner re-scores
exactly those ids teacher-forced, under the same distribution: the softmax of the logits over
the temperature, renormalised over the grammar's allowed tokens when decoding is constrained
(log-probs and entropies both). The policy that learns is that tempered one. Demonstrations,
which have no sampled ids, are scored by their tokenised text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from peft import (
    LoraConfig,
    PeftModel,
    get_peft_model,
    get_peft_model_state_dict,
    set_peft_model_state_dict,
)
from PIL import Image
from torch import Tensor
from transformers import (
    AutoConfig,
    AutoModelForImageTextToText,
    AutoProcessor,
    GenerationConfig,
)

from android_gym.actions import Action
from android_gym.errors import ActionParseError
from distrl_agent.policies.answers import (
    Generation,
    answer_log_probs,
    grammar_allowed,
    sampled_answers,
)
from distrl_agent.policies.autoui_grammar import (
    AutoUIConstraint,
    AutoUIGrammar,
    GrammarMasks,
    token_texts,
)
from distrl_agent.policies.base import Evaluation, Info, Observation, PolicyAction, as_batch
from distrl_agent.prompting import action_prompt, chat_messages
from distrl_agent.trajectory import HISTORY_KEY

DEFAULT_TARGETS = r".*(language_model|text_model)\..*\.(q_proj|k_proj|v_proj|o_proj)"
"""LoRA goes into the attention projections of the language model (not the vision tower)."""

PER_TOKEN_KEYS = ("mm_token_type_ids",)
"""Processor outputs with one value per prompt token (Qwen2-VL's modality types), laid out
beside the answer when scoring."""

UNSUPPORTED = {
    "paligemma": "PaliGemma attends bidirectionally over its prompt (prefix-LM token types), "
    "which this policy's teacher-forced scoring does not model; tested families: Idefics3 "
    "(SmolVLM), LLaVA, Qwen2-VL, Qwen2.5-VL, Qwen3-VL",
}
"""Model types whose scoring would differ from their sampling, refused with the reason."""


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
    temperature: float = 1.0
    """The sampling temperature, which scoring applies too: the acting (and learning) policy is
    softmax(logits / temperature). Below 1 a weakly cloned model samples closer to its greedy
    answers. Greedy decoding ignores it."""

    def __post_init__(self) -> None:
        if not 0 < float(self.temperature) < float("inf"):  # NaN fails too
            raise ValueError(f"temperature must be a positive number, got {self.temperature!r}")


class VLMPolicy:
    """A LoRA-tuned image-text-to-text model acting in the AutoUI format (see module doc)."""

    def __init__(self, model: PeftModel, processor, config: VLMConfig | None = None) -> None:
        self.config = config or VLMConfig()
        self.model = model
        self.processor = processor
        self.tokenizer = processor.tokenizer
        base = model.get_base_model()
        self.features_dim = int(base.config.get_text_config().hidden_size)
        eos = base.generation_config.eos_token_id
        eos = self.tokenizer.eos_token_id if eos is None else eos
        self.stop_ids = [int(e) for e in (eos if isinstance(eos, (list, tuple)) else [eos])]
        self.pad_id = (
            self.tokenizer.pad_token_id
            if self.tokenizer.pad_token_id is not None
            else self.stop_ids[0]
        )
        base.generation_config = GenerationConfig(  # no sampling extras from the checkpoint
            bos_token_id=base.generation_config.bos_token_id,
            eos_token_id=self.stop_ids,
            pad_token_id=self.pad_id,
        )
        self.rng = np.random.default_rng(self.config.seed)
        self.answer_lead = self._answer_lead()
        self.grammar = AutoUIGrammar(self.config.max_text, self.answer_lead)
        self._grammar_masks: GrammarMasks | None = None

    @property
    def history(self) -> int:
        """How many of the episode's previous actions the prompt shows."""
        return self.config.history

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
        model_type = AutoConfig.from_pretrained(str(model_id_or_path)).model_type
        if model_type in UNSUPPORTED:
            raise ValueError(f"{model_id_or_path}: {UNSUPPORTED[model_type]}")
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

    def _text_answer(self, text: str) -> list[int]:
        """The ids of an answer given only as text (a demonstration): its tokenisation after the
        chat template's answer lead, then the end-of-turn token."""
        ids = self.tokenizer(self.answer_lead + text, add_special_tokens=False)["input_ids"]
        return [*ids, self.stop_ids[0]]

    def _score_chunk(
        self, obs: Sequence[Observation], info: Sequence[Info], answers: Sequence[Sequence[int]]
    ) -> Evaluation:
        """Teacher-forced log-probs and mean entropies of the answer ids (under the grammar's
        masks when decoding is constrained) and last-prompt-token features. Rows are
        left-padded and the model computes its own positions, as `generate` does (multimodal
        rotary models such as Qwen2-VL derive image-aware positions from the inputs)."""
        encoded = self._encode_prompts(obs, info)
        longest = max(len(a) for a in answers)
        prompt_ids, prompt_mask = encoded.pop("input_ids"), encoded.pop("attention_mask")
        per_token = {k: encoded.pop(k) for k in PER_TOKEN_KEYS if k in encoded}
        width = prompt_ids.shape[1] + longest
        input_ids = torch.full((len(answers), width), self.pad_id, device=self.device)
        attention_mask = torch.zeros_like(input_ids)
        laid_out = {k: torch.zeros_like(input_ids, dtype=v.dtype) for k, v in per_token.items()}
        for b, answer in enumerate(answers):
            real = prompt_mask[b].bool()
            row = torch.cat([prompt_ids[b][real], torch.tensor(answer, device=self.device)])
            input_ids[b, width - len(row) :] = row
            attention_mask[b, width - len(row) :] = 1
            for key, values in per_token.items():  # the answer's tokens are text (type 0)
                laid_out[key][b, width - len(row) : width - len(answer)] = values[b][real]
        out = self.model(
            input_ids=input_ids,
            attention_mask=attention_mask,
            output_hidden_states=True,
            logits_to_keep=longest + 1,
            **laid_out,
            **encoded,
        )
        # the last `longest` tokens' predictions, under the sampling temperature
        logits = out.logits[:, :-1] / self.config.temperature
        lengths = torch.tensor([len(a) for a in answers], device=self.device)
        allowed = None
        if self.config.constrained:
            allowed = grammar_allowed(self._masks(), answers, longest, logits.shape[-1])
        log_probs, entropies = answer_log_probs(logits, input_ids[:, -longest:], lengths, allowed)
        last_prompt = width - 1 - lengths
        features = out.hidden_states[-1][
            torch.arange(len(answers), device=self.device), last_prompt
        ].float()
        return Evaluation(log_probs, entropies, features)

    def _score(
        self,
        obs: Sequence[Observation],
        info: Sequence[Info],
        answers: Sequence[Sequence[int]],
    ) -> Evaluation:
        size = self.config.eval_batch_size
        parts = [
            self._score_chunk(obs[i : i + size], info[i : i + size], answers[i : i + size])
            for i in range(0, len(answers), size)
        ]
        return Evaluation.cat(parts)

    # -- Policy protocol ----------------------------------------------------------------------

    def _masks(self) -> GrammarMasks:
        """The grammar's per-state token masks (built on first use: decoding the vocabulary
        takes a moment)."""
        if self._grammar_masks is None:
            self._grammar_masks = GrammarMasks(
                self.grammar, token_texts(self.tokenizer), self.stop_ids
            )
        return self._grammar_masks

    @torch.no_grad()
    def generate(
        self, obs: Sequence[Observation], info: Sequence[Info], greedy: bool = False
    ) -> Generation:
        """Samples an answer per observation from the model's own distribution at the
        configured temperature (no top-k/top-p, nothing from the checkpoint's generation
        config; the grammar's mask when constrained): its text, sampled ids and their log-prob
        (see `Generation`)."""
        encoded = self._encode_prompts(obs, info)
        sampling = (
            {} if greedy else {"temperature": self.config.temperature, "top_k": 0, "top_p": 1.0}
        )
        generation = GenerationConfig(
            do_sample=not greedy,
            **sampling,
            max_new_tokens=self.config.max_new_tokens,
            eos_token_id=self.stop_ids,
            pad_token_id=self.pad_id,
            output_scores=True,
            return_dict_in_generate=True,
        )
        constraint = AutoUIConstraint(self._masks(), len(obs)) if self.config.constrained else None
        with torch.random.fork_rng(devices=[self.device] if self.device.type == "cuda" else []):
            torch.manual_seed(int(self.rng.integers(2**63 - 1)))
            output = self.model.generate(
                **encoded,
                generation_config=generation,
                logits_processor=[constraint] if constraint else None,
            )
        new_tokens = output.sequences[:, encoded["input_ids"].shape[1] :]
        scores = self.model.compute_transition_scores(
            output.sequences, output.scores, normalize_logits=True
        )
        ids, log_probs = sampled_answers(new_tokens, scores, self.stop_ids)
        if constraint is not None:
            texts = constraint.finished_texts()
        else:
            decoded = self.tokenizer.batch_decode(ids, skip_special_tokens=True)
            texts = [t.strip() for t in decoded]
        return Generation(texts, ids, log_probs)

    def act(
        self,
        obs: Observation | Sequence[Observation],
        info: Info | Sequence[Info],
        greedy: bool = False,
    ) -> PolicyAction | list[PolicyAction]:
        """Generates an answer per observation and parses it; the behaviour log-prob is that of
        the sampled ids under the sampling distribution (`generate`), and the ids go with it so
        the learner re-scores exactly them."""
        observations, infos, single = as_batch(obs, info)
        generation = self.generate(observations, infos, greedy)
        results = [
            PolicyAction(_parse(text), text, float(log_prob), tuple(ids))
            for text, ids, log_prob in zip(
                generation.texts, generation.tokens, generation.log_probs, strict=True
            )
        ]
        return results[0] if single else results

    def evaluate(
        self,
        obs: Sequence[Observation],
        info: Sequence[Info],
        actions: Sequence[Action | str],
        tokens: Sequence[Sequence[int] | None] | None = None,
    ) -> Evaluation:
        """Log-probs of the answers, the mean over their tokens of the next-token distribution's
        entropy, and last-prompt-token features, with gradient. An answer is scored by the ids
        `act` sampled for it (`tokens`, from `PolicyAction.tokens`) where given, else by its text
        (an `Action` counts as its AutoUI string) tokenised after the answer lead, with the
        end-of-turn token. Under constrained decoding the distribution at each token is the
        one renormalised over what the grammar allows, as in sampling."""
        texts = [a.to_autoui() if isinstance(a, Action) else a for a in actions]
        given = list(tokens) if tokens is not None else [None] * len(texts)
        answers = [
            list(ids) if ids is not None else self._text_answer(text)
            for text, ids in zip(texts, given, strict=True)
        ]
        return self._score(list(obs), list(info), answers)

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


def _parse(text: str) -> Action | None:
    try:
        return Action.parse(text)
    except ActionParseError:
        return None
