"""Self-contained text features: word spans, stable hashing, embeddings."""

from __future__ import annotations

import zlib

import torch
from hypothesis import given
from hypothesis import strategies as st

from distrl_agent.features import HashedTextEncoder, normalise, text_ids, word_ids, words_with_spans


@given(st.text(max_size=60))
def test_word_spans_point_into_the_text(text):
    for word, start, end in words_with_spans(text):
        assert text[start:end] == word and word.strip() == word and word


def test_words_keep_urls_contractions_and_times():
    words = [w for w, _, _ in words_with_spans("What's on bestbuy.com at 6:30?")]
    assert words == ["What's", "on", "bestbuy.com", "at", "6:30", "?"]
    assert normalise("  News   in CHILE ") == "news in chile"


def test_hashing_is_crc32_so_stable_across_processes():
    # Python's hash() is salted per process; CRC32 is not, so workers and learners agree.
    assert word_ids("Chile", 4096)[0] == zlib.crc32(b"w:chile") % 4096
    assert word_ids("Chile", 4096)[1] == zlib.crc32(b"c:<ch") % 4096
    assert word_ids("Chile", 4096) == word_ids("chile", 4096)  # case-insensitive
    assert len(text_ids("", 4096)) == 1


def test_encoder_embeds_similar_spellings_closer():
    encoder = HashedTextEncoder(64, 1 << 14)
    with torch.no_grad():
        a, b, c = encoder(["weather", "weathers", "costco"])
    cos = torch.nn.functional.cosine_similarity
    assert cos(a, b, dim=0) > cos(a, c, dim=0)
    assert encoder([]).shape == (0, 64)
