"""Train the small demo models (SentencePiece + MarianMT on CPU) and package them for Argos.

Needs the train extra (`pip install -r requirements/train.txt`); the runtime never imports this module.
The checkpoint goes through `translators.convert` — the same converter `kazwire models convert` uses.
"""
from __future__ import annotations

import json
import math
import random
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from translators.corpus import Split, Triple, corpus_hash, load_corpus, split
from translators.glossary import PLACEHOLDERS, Glossary, load_glossary


@dataclass(frozen=True)
class TrainSettings:
    vocab_size: int = 4000
    d_model: int = 256
    layers: int = 3
    heads: int = 4
    ffn: int = 1024
    epochs: int = 30
    batch_tokens: int = 1500
    lr: float = 1e-3
    warmup_steps: int = 200
    label_smoothing: float = 0.1
    dropout: float = 0.1
    seed: int = 13
    threads: int = 1
    max_len: int = 128


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def mask_numbers(texts: dict[str, str], free: list[str]) -> dict[str, str]:
    """Numbers present once in each language (1,5 = 1.5) become the same placeholder everywhere."""
    from translators.pipeline import NUMBER

    def values(text: str) -> list[str]:
        return [m.group().replace(",", ".") for m in NUMBER.finditer(text)]

    shared = [v for v in dict.fromkeys(values(texts["ru"])) if all(values(t).count(v) == 1 for t in texts.values())]
    for value, token in zip(shared, free):
        for lang in list(texts):
            m = next(m for m in NUMBER.finditer(texts[lang]) if m.group().replace(",", ".") == value)
            texts[lang] = texts[lang][:m.start()] + token + texts[lang][m.end():]
    return texts


def mask_triple(triple: Triple, glossary: Glossary, rng: random.Random) -> Triple | None:
    """The triple with names (and numbers) found in all three languages replaced by placeholders.

    Russian loses its case ending with the name; Kazakh and English keep theirs after the
    placeholder (⟦2⟧тың, ⟦2⟧'s), so the model learns to inflect around a copied token.
    """
    found = {lang: glossary.find(triple.text(lang), lang, protected_only=True) for lang in ("ru", "en", "kk")}
    keyed = {lang: {glossary.canonical(m.entry).id: m for m in ms} for lang, ms in found.items()}
    shared = [glossary.canonical(m.entry).id for m in found["ru"]
              if glossary.canonical(m.entry).id in keyed["en"] and glossary.canonical(m.entry).id in keyed["kk"]]
    shared = list(dict.fromkeys(shared))[: len(PLACEHOLDERS)]
    numbers = rng.sample(PLACEHOLDERS, len(PLACEHOLDERS))
    texts = {}
    for lang in ("ru", "en", "kk"):
        text = triple.text(lang)
        for key, token in sorted(zip(shared, numbers[: len(shared)]), key=lambda p: -keyed[lang][p[0]].start):
            m = keyed[lang][key]
            matched = text[m.start:m.end]
            form = m.entry.form(lang)
            suffix = matched[len(form):] if lang != "ru" and matched.startswith(form) else ""
            text = text[:m.start] + token + suffix + text[m.end:]
        texts[lang] = text
    texts = mask_numbers(texts, numbers[len(shared):])
    if texts == {lang: triple.text(lang) for lang in ("ru", "en", "kk")}:
        return None
    return Triple(texts["ru"], texts["en"], texts["kk"], triple.origin + "+masked")


def training_pairs(data: Split, target: str, glossary: Glossary, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pairs = [(t.ru, t.text(target)) for t in data.train]
    for t in data.train:
        masked = mask_triple(t, glossary, rng)
        if masked is not None:
            pairs.append((masked.ru, masked.text(target)))
    return pairs


def train_sentencepiece(pairs: list[tuple[str, str]], out_dir: Path, s: TrainSettings) -> Path:
    import sentencepiece as spm

    text_file = out_dir / "sp-input.txt"
    text_file.write_text("\n".join(x for pair in pairs for x in pair) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(text_file), model_prefix=str(out_dir / "sp"), vocab_size=s.vocab_size,
        model_type="unigram", character_coverage=1.0, unk_id=0, eos_id=1, bos_id=-1, pad_id=-1,
        hard_vocab_limit=False, user_defined_symbols=list(PLACEHOLDERS), num_threads=s.threads,
        minloglevel=2)
    return out_dir / "sp.model"


def save_marian_tokenizer(sp_model: Path, checkpoint: Path, source: str, target: str) -> int:
    """Write the files MarianTokenizer (and so the CTranslate2 converter) reads; returns the pad id."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    pad_id = len(vocab)
    vocab["<pad>"] = pad_id  # Marian's decoder start token; the converter drops it again
    checkpoint.mkdir(parents=True, exist_ok=True)
    (checkpoint / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        shutil.copyfile(sp_model, checkpoint / name)
    (checkpoint / "tokenizer_config.json").write_text(json.dumps({
        "tokenizer_class": "MarianTokenizer", "source_lang": source, "target_lang": target,
        "unk_token": "<unk>", "eos_token": "</s>", "pad_token": "<pad>", "model_max_length": 512,
    }), encoding="utf-8")
    return pad_id


def train_model(pairs: list[tuple[str, str]], checkpoint: Path, sp_model: Path, pad_id: int,
                s: TrainSettings) -> dict:
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel

    torch.manual_seed(s.seed)
    torch.set_num_threads(s.threads)
    rng = random.Random(s.seed)
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    eos = 1
    data = [(sp.encode(a)[: s.max_len - 1] + [eos], sp.encode(b)[: s.max_len - 1] + [eos]) for a, b in pairs]
    config = MarianConfig(
        vocab_size=pad_id + 1, d_model=s.d_model, encoder_layers=s.layers, decoder_layers=s.layers,
        encoder_attention_heads=s.heads, decoder_attention_heads=s.heads, encoder_ffn_dim=s.ffn,
        decoder_ffn_dim=s.ffn, activation_function="swish", max_position_embeddings=s.max_len * 2,
        pad_token_id=pad_id, eos_token_id=eos, decoder_start_token_id=pad_id, forced_eos_token_id=eos,
        dropout=s.dropout, attention_dropout=0.0, scale_embedding=True, share_encoder_decoder_embeddings=True,
        tie_word_embeddings=True, num_beams=4, max_length=s.max_len,
    )
    model = MarianMTModel(config)
    params = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.AdamW(model.parameters(), lr=s.lr, betas=(0.9, 0.98), weight_decay=0.0)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / s.warmup_steps, math.sqrt(s.warmup_steps / (step + 1))))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=s.label_smoothing)
    batches = _batches(data, s.batch_tokens)
    log(f"  {len(data)} pairs, {len(batches)} batches/epoch, {params / 1e6:.2f}M parameters")
    started, step, history = time.monotonic(), 0, []
    model.train()
    for epoch in range(1, s.epochs + 1):
        rng.shuffle(batches)
        total, tokens = 0.0, 0
        for batch in batches:
            src, dec_in, labels = _tensors(batch, pad_id, torch)
            logits = model(input_ids=src, attention_mask=src.ne(pad_id), decoder_input_ids=dec_in).logits
            loss = loss_fn(logits.view(-1, logits.size(-1)), labels.view(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            with torch.no_grad():  # CTranslate2 starts Marian's decoder from a zero embedding
                model.model.shared.weight[pad_id].zero_()
            step += 1
            n = int(labels.ne(-100).sum())
            total, tokens = total + float(loss) * n, tokens + n
        history.append(round(total / tokens, 4))
        log(f"  epoch {epoch}/{s.epochs}: loss {history[-1]:.3f}, {time.monotonic() - started:.0f} s")
    model.eval()
    model.save_pretrained(checkpoint)
    return {"parameters": params, "steps": step, "seconds": round(time.monotonic() - started),
            "loss_per_epoch": history}


def _batches(data: list[tuple[list[int], list[int]]], batch_tokens: int) -> list[list[tuple[list[int], list[int]]]]:
    ordered = sorted(data, key=lambda p: (len(p[0]), len(p[1])))
    batches, current, longest = [], [], 0
    for pair in ordered:
        longest_next = max(longest, len(pair[0]), len(pair[1]))
        if current and longest_next * (len(current) + 1) > batch_tokens:
            batches.append(current)
            current, longest_next = [], max(len(pair[0]), len(pair[1]))
        current.append(pair)
        longest = longest_next
    if current:
        batches.append(current)
    return batches


def _tensors(batch, pad_id: int, torch):
    src_len = max(len(a) for a, _ in batch)
    tgt_len = max(len(b) for _, b in batch)
    src = torch.full((len(batch), src_len), pad_id, dtype=torch.long)
    dec_in = torch.full((len(batch), tgt_len), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), tgt_len), -100, dtype=torch.long)
    for i, (a, b) in enumerate(batch):
        src[i, : len(a)] = torch.tensor(a)
        labels[i, : len(b)] = torch.tensor(b)
        dec_in[i, 1: len(b)] = torch.tensor(b[:-1])
    return src, dec_in, labels


def score(package: Path, held_out: tuple[Triple, ...], target: str) -> dict:
    """chrF and BLEU (sacrebleu) of a packaged model on the held-out split."""
    import sacrebleu

    from translators.engine import ArgosModel

    model = ArgosModel.from_archive(package)
    hyps = model.translate([t.ru for t in held_out])
    refs = [[t.text(target) for t in held_out]]
    chrf, bleu = sacrebleu.CHRF(), sacrebleu.BLEU()
    chrf_score, bleu_score = chrf.corpus_score(hyps, refs), bleu.corpus_score(hyps, refs)
    return {"sentences": len(held_out), "chrF": round(chrf_score.score, 2), "BLEU": round(bleu_score.score, 2),
            "chrF_signature": str(chrf.get_signature()), "BLEU_signature": str(bleu.get_signature())}


def build(corpus_dir: Path, target: str, out: Path, version: str, work: Path, s: TrainSettings,
          glossary_path: Path | None = None) -> Path:
    """Corpus → SentencePiece → MarianMT → CTranslate2 int8 → `out` (.argosmodel) with scores in metadata."""
    from translators.convert import convert_checkpoint, write_metadata
    from translators.packages import make_archive

    triples = load_corpus(corpus_dir)
    data = split(triples)
    glossary = load_glossary(glossary_path) if glossary_path else load_glossary()
    pairs = training_pairs(data, target, glossary, s.seed)
    log(f"ru→{target}: {len(triples)} triples, {len(data.train)} train, {len(data.held_out)} held out")
    work.mkdir(parents=True, exist_ok=True)
    sp_model = train_sentencepiece(pairs, work, s)
    checkpoint = work / "hf"
    pad_id = save_marian_tokenizer(sp_model, checkpoint, "ru", target)
    stats = train_model(pairs, checkpoint, sp_model, pad_id, s)
    training = {"corpus_sha256": corpus_hash(triples), "corpus_triples": len(triples),
                "train_pairs": len(pairs), "held_out": len(data.held_out), "glossary_version": glossary.version,
                "settings": asdict(s), **stats}
    meta = {"model_id": f"kazwire-demo-ru_{target}-{version}", "demo_grade": True,
            "description": f"kazwire demo model ru→{target}: tiny MarianMT trained on the project's corpus",
            "training": training}
    convert_checkpoint(checkpoint, out, "ru", target, version, extra_metadata=meta)
    scores = score(out, data.held_out, target)
    log(f"  held-out chrF {scores['chrF']}, BLEU {scores['BLEU']}")
    # Re-pack with the scores: they can only be measured on the converted model.
    unpacked = work / "package"
    shutil.rmtree(unpacked, ignore_errors=True)
    import zipfile

    with zipfile.ZipFile(out) as zf:
        zf.extractall(unpacked)
    package_dir = next(unpacked.iterdir())
    metadata = json.loads((package_dir / "metadata.json").read_text(encoding="utf-8"))
    metadata["held_out_scores"] = scores
    write_metadata(package_dir, metadata)
    return make_archive(package_dir, out)
