"""Random-weight image-text-to-text checkpoints, built and saved locally (no download).

`build_random_vlm(directory, preset, architecture=...)` trains a byte-level BPE tokenizer on
AutoUI-style text with the `tokenizers` library, builds an Idefics3 model (the SmolVLM
architecture: a SigLIP-like vision encoder, pixel-shuffle connector and Llama-like text model),
a LLaVA model (CLIP vision tower, MLP projector, Llama) or a Qwen2-VL / Qwen2.5-VL / Qwen3-VL
model (multimodal rotary positions; needs torchvision) of the chosen size with random weights,
and saves model, tokenizer and processor as a Hugging Face checkpoint. The embedding tables have
the preset's vocabulary size even when the small training corpus yields fewer tokens, so a
preset has the parameter count of the model it imitates. `VLMPolicy` then loads it exactly as it
loads a real checkpoint. Tests use "tiny"; the learner benchmark uses "small" on CPU and
"smolvlm-256m" (the size of SmolVLM-256M) where a GPU is available.
"""

from __future__ import annotations

from functools import partial
from importlib import import_module
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import (
    AutoModelForImageTextToText,
    CLIPImageProcessor,
    Idefics3Config,
    Idefics3Processor,
    LlavaConfig,
    LlavaProcessor,
    PretrainedConfig,
    PreTrainedTokenizerFast,
    ProcessorMixin,
)
from transformers.models.idefics3.image_processing_pil_idefics3 import Idefics3ImageProcessorPil

from android_gym.actions import ACTION_TYPES, Action, ActionType
from distrl_agent.prompting import action_prompt

SPECIAL_TOKENS = [
    "<|endoftext|>",
    "<pad>",
    "<fake_token_around_image>",
    "<image>",
    "<global-img>",
    "<end_of_utterance>",
]
CHAT_TEMPLATE = (
    "{% for message in messages %}{{ message['role'] | capitalize }}:"
    "{% for part in message['content'] %}{% if part['type'] == 'image' %}<image>"
    "{% else %} {{ part['text'] }}{% endif %}{% endfor %}<end_of_utterance>\n{% endfor %}"
    "{% if add_generation_prompt %}Assistant:{% endif %}"
)

PRESETS: dict[str, dict] = {
    "tiny": {
        "vocab_size": 512,
        "image_size": 32,
        "patch_size": 8,
        "scale_factor": 2,
        "vision": {
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
        },
        "text": {
            "hidden_size": 64,
            "intermediate_size": 128,
            "num_hidden_layers": 2,
            "num_attention_heads": 4,
            "num_key_value_heads": 2,
        },
    },
    "small": {
        "vocab_size": 4096,
        "image_size": 128,
        "patch_size": 16,
        "scale_factor": 2,
        "vision": {
            "hidden_size": 192,
            "intermediate_size": 768,
            "num_hidden_layers": 4,
            "num_attention_heads": 3,
        },
        "text": {
            "hidden_size": 384,
            "intermediate_size": 1024,
            "num_hidden_layers": 6,
            "num_attention_heads": 6,
            "num_key_value_heads": 2,
        },
    },
    "smolvlm-256m": {
        "vocab_size": 49280,
        "image_size": 512,
        "patch_size": 16,
        "scale_factor": 4,
        "vision": {
            "hidden_size": 768,
            "intermediate_size": 3072,
            "num_hidden_layers": 12,
            "num_attention_heads": 12,
        },
        "text": {
            "hidden_size": 576,
            "intermediate_size": 1536,
            "num_hidden_layers": 30,
            "num_attention_heads": 9,
            "num_key_value_heads": 3,
        },
    },
}


TASK_WORDS = (
    "search news weather Chile Paris alarm settings open google chrome bestbuy.com costco "
    "ebay walmart macbook air first entry go to what's the in for set an at show me price "
    "of cart add results page app home back"
)
"""Words the tokenizer corpus draws goals and typed text from."""


def _corpus(rng: np.random.Generator, lines: int) -> list[str]:
    """AutoUI answers and prompts over random actions and task-like words."""
    words = TASK_WORDS.split()
    out = []
    for _ in range(lines):
        kind = ACTION_TYPES[int(rng.integers(len(ACTION_TYPES)))]
        if kind is ActionType.DUAL_POINT:
            action = Action.swipe(tuple(rng.uniform(0, 1, 2)), tuple(rng.uniform(0, 1, 2)))
        elif kind is ActionType.TYPE:
            action = Action.type_text(" ".join(rng.choice(words, int(rng.integers(1, 4)))))
        else:
            action = Action.key(kind)
        goal = " ".join(rng.choice(words, int(rng.integers(3, 9))))
        out.append(action_prompt(goal, [action.to_autoui()]))
        out.append(action.to_autoui())
    return out


def train_tokenizer(vocab_size: int, *, seed: int = 0) -> PreTrainedTokenizerFast:
    """A byte-level BPE tokenizer (every string encodes) trained on AutoUI-style text."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tokenizer.train_from_iterator(_corpus(np.random.default_rng(seed), 2000), trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token="<|endoftext|>",
        eos_token="<end_of_utterance>",
        pad_token="<pad>",
    )


def _text_config(spec: dict, tokenizer: PreTrainedTokenizerFast) -> dict:
    return {
        "model_type": "llama",
        **spec["text"],
        "vocab_size": max(len(tokenizer), spec["vocab_size"]),
        "max_position_embeddings": 4096,
        "pad_token_id": tokenizer.pad_token_id,
        "bos_token_id": tokenizer.bos_token_id,
        "eos_token_id": tokenizer.eos_token_id,
    }


def _idefics3(
    spec: dict, tokenizer: PreTrainedTokenizerFast
) -> tuple[ProcessorMixin, PretrainedConfig]:
    """SmolVLM's architecture: SigLIP-like encoder, pixel-shuffle connector, Llama text model."""
    image_size, patch = spec["image_size"], spec["patch_size"]
    image_processor = Idefics3ImageProcessorPil(
        do_image_splitting=False,
        size={"longest_edge": image_size},
        max_image_size={"longest_edge": image_size},
    )
    processor = Idefics3Processor(
        image_processor=image_processor,
        tokenizer=tokenizer,
        image_seq_len=(image_size // patch) ** 2 // spec["scale_factor"] ** 2,
        chat_template=CHAT_TEMPLATE,
    )
    config = Idefics3Config(
        vision_config={**spec["vision"], "image_size": image_size, "patch_size": patch},
        text_config=_text_config(spec, tokenizer),
        scale_factor=spec["scale_factor"],
        image_token_id=tokenizer.convert_tokens_to_ids("<image>"),
    )
    return processor, config


def _llava(
    spec: dict, tokenizer: PreTrainedTokenizerFast
) -> tuple[ProcessorMixin, PretrainedConfig]:
    """LLaVA's architecture: CLIP vision tower, MLP projector, Llama text model."""
    image_size, patch = spec["image_size"], spec["patch_size"]
    image_processor = CLIPImageProcessor(
        size={"shortest_edge": image_size}, crop_size={"height": image_size, "width": image_size}
    )
    processor = LlavaProcessor(
        image_processor=image_processor,
        tokenizer=tokenizer,
        patch_size=patch,
        vision_feature_select_strategy="default",
        num_additional_image_tokens=1,
        image_token="<image>",
        chat_template=CHAT_TEMPLATE,
    )
    config = LlavaConfig(
        vision_config={
            "model_type": "clip_vision_model",
            **spec["vision"],
            "image_size": image_size,
            "patch_size": patch,
        },
        text_config=_text_config(spec, tokenizer),
        image_token_id=tokenizer.convert_tokens_to_ids("<image>"),
        vision_feature_select_strategy="default",
        vision_feature_layer=-1,
    )
    return processor, config


QWEN_VISION_TOKENS = ["<|vision_start|>", "<|vision_end|>", "<|image_pad|>", "<|video_pad|>"]
QWEN_CLASSES = {
    "qwen2_vl": (
        ("qwen2_vl", "Qwen2VLConfig"),
        ("qwen2_vl", "Qwen2VLProcessor"),
        ("qwen2_vl.video_processing_qwen2_vl", "Qwen2VLVideoProcessor"),
    ),
    "qwen2_5_vl": (
        ("qwen2_5_vl", "Qwen2_5_VLConfig"),
        ("qwen2_5_vl", "Qwen2_5_VLProcessor"),
        ("qwen2_vl.video_processing_qwen2_vl", "Qwen2VLVideoProcessor"),
    ),
    "qwen3_vl": (
        ("qwen3_vl", "Qwen3VLConfig"),
        ("qwen3_vl", "Qwen3VLProcessor"),
        ("qwen3_vl.video_processing_qwen3_vl", "Qwen3VLVideoProcessor"),
    ),
}
"""(module under transformers.models, class) of each Qwen family's config, processor and video
processor (imported on use: the video processors need torchvision)."""


def _qwen_vl(
    family: str, spec: dict, tokenizer: PreTrainedTokenizerFast
) -> tuple[ProcessorMixin, PretrainedConfig]:
    """Qwen2-VL, Qwen2.5-VL or Qwen3-VL: a ViT over merged patches and a Qwen text model with
    multimodal rotary positions (time, height and width sections of each head). Their
    processors carry a video processor, which transformers builds only with torchvision."""
    from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import (
        Qwen2VLImageProcessorPil,
    )

    config_class, processor_class, video_class = (
        getattr(import_module(f"transformers.models.{module}"), name)
        for module, name in QWEN_CLASSES[family]
    )
    tokenizer.add_special_tokens({"additional_special_tokens": QWEN_VISION_TOKENS})
    size, patch, merge = spec["image_size"], spec["patch_size"], spec["scale_factor"]
    geometry = {"patch_size": patch, "merge_size": merge, "temporal_patch_size": 2}
    processor = processor_class(
        image_processor=Qwen2VLImageProcessorPil(
            size={"shortest_edge": size * size, "longest_edge": size * size}, **geometry
        ),
        tokenizer=tokenizer,
        video_processor=video_class(**geometry),
        chat_template=CHAT_TEMPLATE.replace(
            "<image>", "<|vision_start|><|image_pad|><|vision_end|>"
        ),
    )
    text = _text_config(spec, tokenizer)
    half = text["hidden_size"] // text["num_attention_heads"] // 2
    section = 3 * half // 8
    rope = {"rope_type": "default", "rope_theta": 10000.0}
    rope["mrope_section"] = [half - 2 * section, section, section]
    if family == "qwen3_vl":
        rope["mrope_interleaved"] = True
    vision, width = spec["vision"], spec["text"]["hidden_size"]
    common = {
        "depth": vision["num_hidden_layers"],
        "num_heads": vision["num_attention_heads"],
        "spatial_merge_size": merge,
        **{k: v for k, v in geometry.items() if k != "merge_size"},
    }
    if family == "qwen2_vl":
        vision_config = {
            **common,
            "embed_dim": vision["hidden_size"],
            "hidden_size": width,
            "mlp_ratio": vision["intermediate_size"] // vision["hidden_size"],
        }
    else:
        vision_config = {
            **common,
            "hidden_size": vision["hidden_size"],
            "intermediate_size": vision["intermediate_size"],
            "out_hidden_size": width,
        }
        vision_config.update(
            {"window_size": 2 * patch * merge, "fullatt_block_indexes": [common["depth"] - 1]}
            if family == "qwen2_5_vl"
            else {"num_position_embeddings": (size // patch) ** 2, "deepstack_visual_indexes": [0]}
        )
    config = config_class(
        text_config={**text, "model_type": f"{family}_text", "rope_parameters": rope},
        vision_config=vision_config,
        **{
            f"{name}_token_id": tokenizer.convert_tokens_to_ids(token)
            for name, token in zip(
                ("vision_start", "vision_end", "image", "video"), QWEN_VISION_TOKENS, strict=True
            )
        },
    )
    return processor, config


ARCHITECTURES = {
    "idefics3": _idefics3,
    "llava": _llava,
    **{family: partial(_qwen_vl, family) for family in ("qwen2_vl", "qwen2_5_vl", "qwen3_vl")},
}


def build_random_vlm(
    directory: str | Path,
    preset: str = "tiny",
    *,
    architecture: str = "idefics3",
    seed: int = 0,
    init_std: float | None = None,
) -> Path:
    """Writes a random-weight checkpoint (model, tokenizer, processor) to `directory`.

    `init_std` sets the standard deviation of the text model's random weights (default: the
    architecture's, 0.02, under which a tiny model's outputs barely depend on positions; tests
    of positions raise it)."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose one of {sorted(PRESETS)}")
    if architecture not in ARCHITECTURES:
        raise ValueError(
            f"unknown architecture {architecture!r}; choose one of {sorted(ARCHITECTURES)}"
        )
    spec = PRESETS[preset]
    tokenizer = train_tokenizer(spec["vocab_size"], seed=seed)
    processor, config = ARCHITECTURES[architecture](spec, tokenizer)
    if init_std is not None:
        config.get_text_config().initializer_range = init_std
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        model = AutoModelForImageTextToText.from_config(config)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.bos_token_id = tokenizer.bos_token_id
    path = Path(directory)
    model.save_pretrained(path)
    processor.save_pretrained(path)
    return path
