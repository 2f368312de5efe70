"""Small trainable checkpoints and invented review sets for the fine-tuning tests.

The session fixtures in ``tiny_models`` are random models with a vocabulary of a dozen reviews
and very large initial weights, which suit inference tests but learn poorly. The checkpoints
built here have one token per character of the texts they will see and standard BERT
initialisation, so a few seconds of training on a CPU teach them something.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

POSITIVE = "긍정"
NEGATIVE = "부정"
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

# Invented short shopping reviews; none of them is copied from a real shop.
POSITIVE_REVIEWS = [
    "배송이 하루 만에 와서 좋았어요",
    "품질이 훌륭하고 가격도 착해요",
    "생각보다 튼튼하고 좋네요",
    "색상이 화면이랑 똑같아서 만족해요",
    "포장이 꼼꼼해서 좋았어요",
    "사이즈가 딱 맞고 편해요",
    "재구매 의사 있어요 추천합니다",
    "아이가 너무 좋아해요",
    "조립이 쉬워서 금방 끝났어요",
    "향이 좋고 오래가요",
    "가성비 최고예요 만족합니다",
    "디자인이 예쁘고 마음에 들어요",
    "친절하게 안내해 주셔서 좋았어요",
    "소리가 조용해서 만족해요",
    "두 번째 구매인데 역시 좋네요",
    "선물했는데 다들 좋아해요",
    "가볍고 튼튼해서 좋아요",
    "배송 빠르고 상품도 좋아요",
    "기대 이상으로 훌륭해요",
    "설명대로 잘 작동해요 만족",
    "마감이 깔끔하고 예뻐요",
    "품질 좋고 배송도 빨라요",
    "냄새도 없고 깨끗해요",
    "사진이랑 똑같고 예뻐요",
    "편하게 잘 쓰고 있어요",
    "가격 대비 아주 좋아요",
    "튼튼하고 마음에 들어요",
    "또 살게요 최고예요",
    "색깔이 예쁘고 만족스러워요",
    "사용하기 편하고 좋네요",
    "빠른 배송 감사합니다 좋아요",
    "꼼꼼한 포장 감사해요 만족",
    "딱 원하던 제품이에요 좋아요",
    "부모님이 좋아하셔서 만족해요",
    "성능이 훌륭하고 조용해요",
    "예쁘고 튼튼해요 추천",
    "잘 맞고 편해서 좋아요",
    "정말 만족스러운 구매예요",
    "품질이 좋아서 재구매했어요",
    "깔끔하고 좋네요 추천해요",
]
NEGATIVE_REVIEWS = [
    "배송이 일주일이나 늦었어요",
    "하루 만에 고장났어요",
    "사진이랑 색상이 너무 달라요",
    "냄새가 심해서 못 쓰겠어요",
    "마감이 엉성해요 실망이에요",
    "사이즈가 작아서 반품했어요",
    "고객센터는 전화를 안 받아요",
    "상자가 다 찢어져서 왔어요",
    "가격에 비해 품질이 별로예요",
    "주문한 것과 다른 제품이 왔어요",
    "배터리가 너무 빨리 닳아요",
    "불량품이 와서 환불했어요",
    "최악이에요 다시는 안 사요",
    "소리가 시끄러워서 별로예요",
    "금방 부서졌어요 실망",
    "설명과 달라서 반품해요",
    "작동이 안 돼요 불량이에요",
    "실밥이 풀려 있어서 실망했어요",
    "포장이 엉망이라 별로예요",
    "냄새가 나고 품질이 별로예요",
    "늦게 오고 고장까지 났어요",
    "돈 아까워요 비추천",
    "색이 바래서 실망했어요",
    "사이즈가 안 맞아서 반품",
    "연결이 자꾸 끊겨요 별로",
    "기대 이하라 실망했어요",
    "쓰자마자 고장났어요 환불",
    "마감 불량이 심해요",
    "배송이 늦고 상자도 찢어졌어요",
    "품질이 나빠요 비추",
    "교환도 안 해주고 최악이에요",
    "작고 불편해요 별로예요",
    "얼룩이 있어서 반품했어요",
    "두 번 쓰고 고장 났어요",
    "설명서와 달라서 실망",
    "너무 약해서 금방 망가져요",
    "응대가 불친절해서 별로예요",
    "냄새 때문에 환불했어요",
    "가격만 비싸고 별로예요",
    "불량이 와서 너무 실망이에요",
]


def build_trainable_checkpoint(
    folder: Path,
    vocabulary_texts: list[str],
    id2label: dict[int, str] | None = None,
    *,
    layers: int = 1,
    hidden_size: int = 48,
    seed: int = 0,
) -> Path:
    """Write a small randomly initialised BERT classifier whose vocabulary covers the characters of ``vocabulary_texts``."""
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(seed)
    # One token per character (and its "##" continuation form): deterministic, unlike a trained
    # WordPiece vocabulary whose ties may break differently from run to run.
    characters = sorted({character for text in vocabulary_texts for character in text if not character.isspace()})
    tokens = SPECIAL_TOKENS + characters + [f"##{character}" for character in characters]
    (folder / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    tokenizer_config = {"tokenizer_class": "BertTokenizer", "do_lower_case": False, "strip_accents": False, "model_max_length": 64}
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config), encoding="utf-8")
    tokenizer = AutoTokenizer.from_pretrained(folder)

    id2label = id2label or {0: NEGATIVE, 1: POSITIVE}
    config = BertConfig(
        vocab_size=len(tokenizer), hidden_size=hidden_size, num_hidden_layers=layers, num_attention_heads=2,
        intermediate_size=hidden_size * 2, max_position_embeddings=64, num_labels=len(id2label),
        id2label=id2label, label2id={name: index for index, name in id2label.items()},
    )
    model = BertForSequenceClassification(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
