"""``review-labeler finetune``: fine-tune a model headless and save the checkpoint.

The input is a labelled table, where every row with a label trains, or a project file. From a
project, the rows the analyst corrected or accepted train. With ``--include-known``, rows whose
known label the project's saved mapping maps to a label train too. A project is opened read-only.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .cli_project_source import read_project_source
from .column_guess import guess_label_column, guess_review_column
from .errors import ColumnError, FinetuneError, ProjectError
from .finetune import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_EPOCHS,
    DEFAULT_LEARNING_RATE,
    DEFAULT_SEED,
    FinetuneResult,
    FinetuneSettings,
    ReplayCandidates,
    TrainingProgress,
    finetune,
    save_result,
)
from .finetune_data import DEFAULT_VALIDATION_SHARE, encode_labels
from .finetune_replay import bundled_replay_file, read_replay_file
from .inference import classify_texts
from .label_mapping import direct_label_mapping
from .messages import text
from .model_loading import LoadedModel, load_model
from .project_store import PROJECT_SUFFIX, ProjectStore, SourceStatus
from .project_training import labelled_rows, project_model_reference, replay_candidates
from .table_reader import ReadOptions, read_table
from .text_cleaning import is_blank

log = logging.getLogger(__name__)

COMMAND = "finetune"
# Unlabelled rows of the input that the old model classifies to offer replay rows; a sample
# keeps the extra classification short on large files.
REPLAY_POOL_ROWS = 2000


def register(subparsers: argparse._SubParsersAction, korean: bool) -> None:
    def h(english: str, korean_text: str) -> str:
        return korean_text if korean else english

    parser = subparsers.add_parser(
        COMMAND,
        help=h("fine-tune a model on a labelled table and save the new checkpoint",
               "라벨이 있는 표로 모델을 재학습해 새 체크포인트를 저장합니다"),
    )
    parser.add_argument("input", type=Path, help=h("labelled CSV, TSV, TXT or XLSX file, or a project file (.rlproj)",
                                                   "라벨이 있는 CSV, TSV, TXT, XLSX 파일 또는 프로젝트 파일(.rlproj)"))
    parser.add_argument("--output", "-o", type=Path, required=True,
                        help=h("folder for the fine-tuned checkpoint (written atomically)", "재학습한 체크포인트를 쓸 폴더(원자적으로 기록)"))
    parser.add_argument("--model", help=h("checkpoint folder or hub id to start from (default: the project's active version, "
                                          "else the bundled Korean model)",
                                          "시작할 체크포인트 폴더 또는 허브 ID(기본값: 프로젝트의 활성 버전, 없으면 내장 한국어 모델)"))
    parser.add_argument("--column", help=h("review text column (default: guessed)", "리뷰 텍스트 열(기본값: 자동 추정)"))
    parser.add_argument("--label-column", help=h("label column with the model's label names or ids (default: guessed); "
                                                 "rows with an empty label are not trained on",
                                                 "모델 라벨 이름 또는 id가 든 라벨 열(기본값: 자동 추정). 라벨이 빈 행은 학습하지 않습니다"))
    parser.add_argument("--sheet", help=h("worksheet name for XLSX input (default: first)", "XLSX 시트 이름(기본값: 첫 시트)"))
    parser.add_argument("--encoding", help=h("text encoding, e.g. utf-8 or cp949 (default: detected)",
                                             "텍스트 인코딩, 예: utf-8, cp949(기본값: 자동 감지)"))
    parser.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS,
                        help=h("maximum passes over the training rows; early stopping may end sooner (default: %(default)s)",
                               "학습 행 전체를 도는 최대 횟수. 조기 종료로 더 일찍 끝날 수 있습니다(기본값: %(default)s)"))
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help=h("rows per optimizer step (default: %(default)s)", "최적화 단계당 행 수(기본값: %(default)s)"))
    parser.add_argument("--learning-rate", type=float, default=DEFAULT_LEARNING_RATE,
                        help=h("peak AdamW learning rate (default: %(default)s)", "AdamW 최대 학습률(기본값: %(default)s)"))
    parser.add_argument("--validation-share", type=float, default=DEFAULT_VALIDATION_SHARE,
                        help=h("share of each label's rows held out for validation (default: %(default)s)",
                               "라벨별로 검증용으로 떼어 둘 행의 비율(기본값: %(default)s)"))
    parser.add_argument("--replay-file", type=Path,
                        help=h("CSV/XLSX of rows the model already gets right (text and label columns), mixed in so it does "
                               "not forget; default: the model's own replay sample, else confident predictions on the "
                               "input's unlabelled rows",
                               "모델이 이미 맞히는 행의 CSV/XLSX(텍스트와 라벨 열). 기존 지식을 잊지 않도록 섞습니다. 기본값: 모델에 든 "
                               "재사용 표본, 없으면 입력 파일의 라벨 없는 행에 대한 확신도 높은 예측"))
    parser.add_argument("--include-known", action="store_true",
                        help=h("project input: also train on rows whose known label the project's saved label mapping maps "
                               "to a model label (corrected and accepted rows always train)",
                               "프로젝트 입력: 저장된 라벨 매핑으로 알려진 라벨이 모델 라벨에 대응되는 행도 학습합니다"
                               "(교정·수락한 행은 항상 학습)"))
    parser.add_argument("--source", type=Path,
                        help=h("project input: source table to read instead of the path recorded in the project",
                               "프로젝트 입력: 프로젝트에 기록된 경로 대신 읽을 원본 표"))
    parser.add_argument("--rematch-by-position", action="store_true",
                        help=h("project input: if the source file changed, attach the saved labels to rows by position",
                               "프로젝트 입력: 원본 파일이 바뀌었으면 저장된 라벨을 행 위치대로 붙입니다"))
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"], help=h("where to train", "학습할 장치"))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=h("random seed (default: %(default)s)", "난수 시드(기본값: %(default)s)"))
    parser.add_argument("--overwrite", action="store_true",
                        help=h("replace the output folder if it exists", "출력 폴더가 있으면 바꿔 씁니다"))
    parser.add_argument("--allow-pickle", action="store_true",
                        help=h("allow pytorch_model.bin weights (runs code from the file; trusted sources only)",
                               "pytorch_model.bin 가중치 허용(파일 안의 코드가 실행될 수 있으니 믿을 수 있는 출처만)"))
    parser.add_argument("--quiet", "-q", action="store_true", help=h("no progress bar", "진행 표시줄 숨기기"))
    parser.set_defaults(func=run_finetune)


def run_finetune(arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    if arguments.output.exists() and any(arguments.output.iterdir()) and not arguments.overwrite:
        raise FinetuneError(text("finetune.output_exists", folder=str(arguments.output)))
    if arguments.input.suffix.lower() == PROJECT_SUFFIX:
        return run_project_finetune(arguments, started)

    table = read_table(arguments.input, ReadOptions(encoding=arguments.encoding, sheet=arguments.sheet))
    for warning in table.warnings:
        sys.stderr.write(text("cli.warning", message=warning) + "\n")
    column = arguments.column or guess_review_column(table)
    if column is None:
        raise ColumnError(text("column.none_textual", file=arguments.input.name))
    label_column = arguments.label_column or guess_label_column(table, column)
    if label_column is None or label_column == column:
        raise FinetuneError(text("finetune.no_label_column", file=arguments.input.name, columns=", ".join(table.columns)))
    for name in (column, label_column):
        if name not in table.columns:
            raise ColumnError(text("column.not_found", column=name, file=arguments.input.name, columns=", ".join(table.columns)))

    loaded = load_model(arguments.model, device=arguments.device, allow_pickle=arguments.allow_pickle, precision="fp32")
    texts = table.column_values(column)
    label_ids = _label_ids(table.column_values(label_column), loaded.label_names)
    labelled = np.flatnonzero((label_ids >= 0) & ~np.array([is_blank(value) for value in texts], dtype=bool))
    unlabelled = np.flatnonzero((label_ids < 0) & ~np.array([is_blank(value) for value in texts], dtype=bool))
    log.info("%d labelled and %d unlabelled rows in %s", len(labelled), len(unlabelled), arguments.input)

    replay = _replay_candidates(arguments, loaded, [texts[i] for i in unlabelled], column, label_column)
    return finetune_rows(arguments, loaded, [texts[i] for i in labelled], label_ids[labelled], replay, started)


def run_project_finetune(arguments: argparse.Namespace, started: float) -> int:
    """Fine-tune on a project's corrected and accepted rows, with its predictions as replay candidates."""
    with ProjectStore.open(arguments.input, read_only=True) as store:
        table, check = read_project_source(store, arguments.source, arguments.rematch_by_position)
        changed = check.status == SourceStatus.CHANGED
        if changed:
            annotations = store.load_annotations_by_position(table.row_count)
        else:
            annotations = store.load_annotations(table.row_count)
        info = store.info
        mapping = store.label_mapping() if arguments.include_known else None

    if info.review_column not in table.columns:
        raise ProjectError(text("project.column_missing", column=info.review_column, file=check.path.name))
    texts = table.column_values(info.review_column)
    known_ids = None
    if mapping is not None and info.label_column in table.columns:
        known_ids = mapping.known_label_ids(table.column_values(info.label_column))
    elif arguments.include_known:
        sys.stderr.write(text("cli.note", message=text("finetune.project_no_mapping", file=arguments.input.name)) + "\n")
    chosen = labelled_rows(annotations, known_ids)
    log.info("Project %s: %d corrected, %d accepted and %d known-label rows", arguments.input,
             chosen.count("correction"), chosen.count("accepted"), chosen.count("known"))

    reference = arguments.model or project_model_reference(arguments.input, info)
    loaded = load_model(reference, device=arguments.device, allow_pickle=arguments.allow_pickle, precision="fp32")
    # Project label ids become names first, so the model's own label2id numbers them.
    project_labels = annotations.label_names
    label_ids = encode_labels([project_labels[int(label_id)] for label_id in chosen.label_ids], loaded.label_names)

    replay_file = arguments.replay_file or bundled_replay_file(loaded.source)
    if replay_file is not None:
        replay = read_replay_file(replay_file, loaded.label_names)
    else:
        replay = _renumber(replay_candidates(annotations, texts, chosen.rows), project_labels, loaded.label_names)
    return finetune_rows(arguments, loaded, [texts[row] for row in chosen.rows], label_ids, replay, started,
                         kinds=list(chosen.kinds))


def _renumber(replay: ReplayCandidates, from_labels: list[str], to_labels: list[str]) -> ReplayCandidates:
    """Map replay label ids from the project's label list to the model's; rows of unknown labels are dropped."""
    index = {name: position for position, name in enumerate(to_labels)}
    mapped = np.array([index.get(from_labels[int(label_id)], -1) for label_id in replay.label_ids], dtype=np.int64)
    keep = np.flatnonzero(mapped >= 0)
    return ReplayCandidates.build([replay.texts[i] for i in keep], mapped[keep], replay.confidences[keep])


def finetune_rows(
    arguments: argparse.Namespace,
    loaded: LoadedModel,
    texts: list[str],
    label_ids: np.ndarray,
    replay: ReplayCandidates | None,
    started: float,
    kinds: list[str] | str = "known",
) -> int:
    """Fine-tune ``loaded`` on ``texts`` with ``label_ids``, save the checkpoint and print a summary."""
    settings = FinetuneSettings(
        epochs=arguments.epochs,
        batch_size=arguments.batch_size,
        learning_rate=arguments.learning_rate,
        validation_share=arguments.validation_share,
        seed=arguments.seed,
    )
    with tqdm(total=0, unit="step", disable=arguments.quiet, file=sys.stderr) as bar:
        def report(event: TrainingProgress) -> None:
            bar.total = event.total_steps
            bar.set_postfix(loss=f"{event.loss:.4f}", refresh=False)
            bar.update(event.step - bar.n)

        result = finetune(loaded, texts, label_ids, kinds=kinds, replay=replay, settings=settings, progress=report)

    try:
        save_result(result, arguments.output, overwrite=arguments.overwrite)
    except OSError as error:
        detail = error.strerror or str(error)
        raise FinetuneError(text("finetune.save_failed", folder=str(arguments.output), detail=detail)) from error
    _print_summary(arguments, loaded, result, time.perf_counter() - started)
    return 0


def _label_ids(values: list[str], label_names: list[str]) -> np.ndarray:
    """Map label cells to the model's ids; empty cells give -1 and an unknown label raises FinetuneError."""
    mapping = direct_label_mapping(values, label_names)
    ids = np.full(len(values), -1, dtype=np.int64)
    for position, value in enumerate(values):
        if not value.strip():
            continue
        if value not in mapping:
            raise FinetuneError(text("finetune.unknown_label", label=value, labels=", ".join(label_names)))
        ids[position] = mapping[value]
    return ids


def _replay_candidates(
    arguments: argparse.Namespace, loaded: LoadedModel, unlabelled_texts: list[str], column: str, label_column: str
) -> ReplayCandidates | None:
    replay_file = arguments.replay_file or bundled_replay_file(loaded.source)
    if replay_file is not None:
        return read_replay_file(replay_file, loaded.label_names, text_column=column, label_column=label_column)
    if not unlabelled_texts:
        return None

    rng = np.random.default_rng(arguments.seed)
    pool = rng.permutation(len(unlabelled_texts))[:REPLAY_POOL_ROWS]
    pool_texts = [unlabelled_texts[i] for i in pool]
    predictions = classify_texts(loaded, pool_texts)
    return ReplayCandidates.build(pool_texts, predictions.label_ids, predictions.confidence)


def _print_summary(arguments: argparse.Namespace, loaded: LoadedModel, result: FinetuneResult, seconds: float) -> None:
    counts = result.row_counts
    steps = text("finetune.summary.steps", done=result.steps_done, planned=result.total_steps, epochs=result.epochs_run,
                 best=result.best_epoch)
    if result.stopped_early:
        steps += text("finetune.summary.stopped_early")
    lines = [
        text("finetune.summary.input", file=arguments.input),
        text("finetune.summary.model", source=loaded.source, labels=loaded.label_names, device=result.device),
        text("finetune.summary.rows", train=counts.get("train", 0), replay=counts.get("replay", 0),
             validation=counts.get("validation", 0), reference=counts.get("reference", 0)),
        steps,
    ]
    for name in ("validation", "reference"):
        before, after = result.before.get(name), result.after.get(name)
        if before is None or after is None:
            continue
        lines.append(text("finetune.summary.check", set=text(f"finetune.summary.set.{name}"), before=before.accuracy,
                          after=after.accuracy, f1_before=before.macro_f1, f1_after=after.macro_f1, rows=before.rows))
    lines.append(text("finetune.summary.worse" if result.is_worse else "finetune.summary.not_worse"))
    lines.append(text("finetune.summary.seconds", total=seconds, training=result.train_seconds))
    lines.append(text("finetune.summary.output", folder=arguments.output))
    sys.stdout.write("\n".join(lines) + "\n")
    for note in result.messages + result.verdict:
        sys.stderr.write(text("cli.note", message=note) + "\n")
