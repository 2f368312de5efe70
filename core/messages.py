"""User-facing message catalogue for the GUI-free core, in English and Korean.

The core cannot use Qt's ``tr()``, so messages that the core raises or prints (errors, command-line
summaries, export column headers) live here as one English and one Korean template per key. The
GUI calls :func:`set_language` with the language of its interface, the command line with the
system locale or ``--lang``.
"""

from __future__ import annotations

import locale
import os
import threading

SUPPORTED_LANGUAGES = ("ko", "en")

_state = threading.local()
_default_language: str | None = None

# key: (English, Korean). Templates use str.format fields.
CATALOGUE: dict[str, tuple[str, str]] = {
    # Reading tables
    "read.not_found": (
        "File not found: {file}",
        "파일을 찾을 수 없습니다: {file}",
    ),
    "read.not_a_file": (
        "{file} is a folder, not a file.",
        "{file}은(는) 파일이 아니라 폴더입니다.",
    ),
    "read.not_regular": (
        "{file} is not a regular file (it is a pipe or a device). Choose a CSV, TSV, TXT or XLSX file.",
        "{file}은(는) 일반 파일이 아닙니다(파이프나 장치). CSV, TSV, TXT, XLSX 파일을 고르세요.",
    ),
    "read.permission": (
        "Permission denied while reading {file}. Close the program that has it open or copy it elsewhere, then try again.",
        "{file} 파일을 읽을 권한이 없습니다. 파일을 연 프로그램을 닫거나 다른 곳에 복사한 뒤 다시 시도하세요.",
    ),
    "read.empty_file": (
        "{file} is empty.",
        "{file} 파일이 비어 있습니다.",
    ),
    "read.unsupported": (
        "{file} is not a CSV, TSV, TXT or XLSX table ({detail}).",
        "{file}은(는) CSV, TSV, TXT, XLSX 표 파일이 아닙니다 ({detail}).",
    ),
    "read.too_large": (
        "{file} is {size}; Review Labeler opens files of up to {limit}. Split it into smaller files (for example by month) "
        "and open them one at a time.",
        "{file}의 크기는 {size}입니다. 리뷰 라벨러는 {limit}까지의 파일만 엽니다. 파일을 월별 등으로 나눠 하나씩 여세요.",
    ),
    "read.not_enough_memory": (
        "Not enough memory to read {file} ({size}): reading it needs about {needed}, but only {available} is free. "
        "Close other programs, or split the file into smaller files. Nothing was loaded.",
        "{file}({size})을(를) 읽을 메모리가 부족합니다. 약 {needed}가 필요한데 남은 메모리는 {available}입니다. "
        "다른 프로그램을 닫거나 파일을 작게 나누세요. 아무것도 불러오지 않았습니다.",
    ),
    "read.out_of_memory": (
        "Ran out of memory while reading {file} ({size}). Close other programs, or split the file into smaller files. "
        "Nothing was loaded.",
        "{file}({size})을(를) 읽다가 메모리가 부족해졌습니다. 다른 프로그램을 닫거나 파일을 작게 나누세요. "
        "아무것도 불러오지 않았습니다.",
    ),
    "read.binary": (
        "{file} looks like a binary file (an image or a program), not a text table.",
        "{file}은(는) 표가 아니라 이진 파일(이미지나 프로그램)로 보입니다.",
    ),
    "read.encoding_mixed": (
        "{file}: line {line} is not valid UTF-8, although earlier lines are UTF-8; the file mixes encodings. "
        "Re-save it as UTF-8, or choose an encoding and allow a lossy load.",
        "{file}: {line}번째 줄이 UTF-8이 아닙니다. 앞의 줄은 UTF-8이므로 인코딩이 섞인 파일입니다. "
        "UTF-8로 다시 저장하거나, 인코딩을 직접 골라 손실 허용으로 여세요.",
    ),
    "read.encoding_mixed_cp949": (
        "{file}: line {line} is UTF-8, although earlier lines are CP949 (EUC-KR); the file mixes encodings. "
        "Re-save it in one encoding, or choose an encoding and allow a lossy load.",
        "{file}: {line}번째 줄은 UTF-8인데 앞의 줄은 CP949(EUC-KR)이므로 인코딩이 섞인 파일입니다. "
        "한 가지 인코딩으로 다시 저장하거나, 인코딩을 직접 골라 손실 허용으로 여세요.",
    ),
    "read.encoding_unknown": (
        "{file}: line {line} is neither UTF-8 nor CP949 (EUC-KR). Choose the encoding by hand.",
        "{file}: {line}번째 줄이 UTF-8도 CP949(EUC-KR)도 아닙니다. 인코딩을 직접 선택하세요.",
    ),
    "read.encoding_forced": (
        "{file}: line {line} cannot be decoded as {encoding}. Choose another encoding or allow a lossy load.",
        "{file}: {line}번째 줄을 {encoding}(으)로 읽을 수 없습니다. 다른 인코딩을 고르거나 손실 허용으로 여세요.",
    ),
    "read.encoding_invalid": (
        "Unknown encoding name: {encoding}",
        "알 수 없는 인코딩 이름입니다: {encoding}",
    ),
    "read.csv_parse": (
        "{file}: cannot parse the table near line {line}: {detail}",
        "{file}: {line}번째 줄 근처에서 표를 해석할 수 없습니다: {detail}",
    ),
    "read.unterminated_quote": (
        "{file}: a quoted cell that starts on line {line} is never closed. Check the quotation marks in that row.",
        "{file}: {line}번째 줄에서 시작한 따옴표가 닫히지 않았습니다. 그 행의 따옴표를 확인하세요.",
    ),
    "read.no_header": (
        "{file} has no header row.",
        "{file}에 머리글 행이 없습니다.",
    ),
    "read.xlsx_password": (
        "{file} is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook) and save it again.",
        "{file}은(는) 암호로 보호된 파일입니다. Excel에서 열어 암호를 해제(파일 > 정보 > 통합 문서 보호)한 뒤 다시 저장하세요.",
    ),
    "read.xlsx_corrupt": (
        "{file} is not a readable Excel workbook ({detail}).",
        "{file}은(는) 읽을 수 있는 Excel 통합 문서가 아닙니다 ({detail}).",
    ),
    "read.sheet_not_found": (
        "{file} has no sheet named \"{sheet}\". Sheets: {sheets}",
        "{file}에 \"{sheet}\" 시트가 없습니다. 시트 목록: {sheets}",
    ),
    "read.no_sheets": (
        "{file} contains no worksheets.",
        "{file}에 워크시트가 없습니다.",
    ),
    "warn.formula_without_value": (
        "{count} formula cell(s) have no saved result and were read as empty: {cells}. "
        "Open the file in Excel, let it recalculate and save it again.",
        "수식 셀 {count}개에 저장된 결과값이 없어 빈 셀로 읽었습니다: {cells}. "
        "Excel에서 파일을 열어 다시 계산한 뒤 저장하세요.",
    ),
    "warn.lossy_rows": (
        "{count} row(s) contained bytes that are not valid {encoding} and were replaced with \ufffd: rows {rows}",
        "{count}개 행에 {encoding}(으)로 읽을 수 없는 바이트가 있어 \ufffd(으)로 바꿨습니다: {rows}행",
    ),
    "warn.duplicate_headers": (
        "Duplicate column names were renamed: {names}",
        "중복된 열 이름을 바꿨습니다: {names}",
    ),
    "warn.excel_error_cells": (
        "{count} cell(s) contain Excel errors such as #REF!: {cells}",
        "{count}개 셀에 #REF! 같은 Excel 오류값이 있습니다: {cells}",
    ),
    "warn.long_rows": (
        "{file}: {count} row(s) have more cells than the header; the extra cells were kept in added columns (rows {rows}).",
        "{file}: {count}개 행이 머리글보다 셀이 많아 남는 셀을 추가 열에 보관했습니다({rows}행).",
    ),
    "warn.title_rows_skipped": (
        "Skipped {count} title row(s) above the header: {rows}",
        "머리글 위의 제목 행 {count}개를 건너뛰었습니다: {rows}",
    ),
    "column.unnamed": (
        "Column {number}",
        "열 {number}",
    ),
    "column.not_found": (
        "Column \"{column}\" not found in {file}. Columns: {columns}",
        "{file}에 \"{column}\" 열이 없습니다. 열 목록: {columns}",
    ),
    "column.none_textual": (
        "{file} has no column with review text.",
        "{file}에 리뷰 텍스트 열이 없습니다.",
    ),
    # Models
    "model.not_found": (
        "Model not found: {model}. Give a folder that contains config.json, or a Hugging Face hub id while online.",
        "모델을 찾을 수 없습니다: {model}. config.json이 들어 있는 폴더를 고르거나, 온라인 상태에서 Hugging Face 허브 ID를 입력하세요.",
    ),
    "model.offline": (
        "Model \"{model}\" is not in the local cache and the hub cannot be reached: {detail}",
        "\"{model}\" 모델이 로컬 캐시에 없고 허브에 연결할 수 없습니다: {detail}",
    ),
    "model.pickle_refused": (
        "{model} contains only pickle weights (pytorch_model.bin), which can run arbitrary code when loaded. "
        "Ask for a safetensors version, or enable \"Allow pickle weights\" if you trust the source.",
        "{model}에는 pickle 가중치(pytorch_model.bin)만 있습니다. pickle 파일은 불러올 때 임의의 코드를 실행할 수 있습니다. "
        "safetensors 버전을 받거나, 출처를 신뢰한다면 \"pickle 가중치 허용\"을 켜세요.",
    ),
    "model.pickle_unsafe": (
        "{model}: the pickle weights hold more than plain tensors (possibly code to run), so they were not loaded, "
        "even though pickle weights were allowed. Ask for a safetensors version of the model.",
        "{model}: pickle 가중치에 일반 텐서 말고 다른 것(실행될 수 있는 코드일 수 있음)이 들어 있어, pickle 가중치를 "
        "허용했는데도 불러오지 않았습니다. 모델의 safetensors 버전을 받으세요.",
    ),
    "model.no_config": (
        "{model} contains no config.json, so it is not a Hugging Face checkpoint folder. "
        "Choose the folder that contains config.json and the model weights.",
        "{model}에 config.json이 없어 Hugging Face 체크포인트 폴더가 아닙니다. "
        "config.json과 모델 가중치가 들어 있는 폴더를 고르세요.",
    ),
    "model.no_weights": (
        "{model} contains no weights file (model.safetensors).",
        "{model}에 가중치 파일(model.safetensors)이 없습니다.",
    ),
    "model.no_tokenizer": (
        "{model} contains no tokenizer files (tokenizer.json, vocab.txt, vocab.json or a SentencePiece model). "
        "Copy the tokenizer files of the model it was trained from into the folder.",
        "{model}에 토크나이저 파일(tokenizer.json, vocab.txt, vocab.json 또는 SentencePiece 모델)이 없습니다. "
        "학습에 쓴 원래 모델의 토크나이저 파일을 폴더에 복사하세요.",
    ),
    "model.weights_damaged": (
        "The weights file of {model} is damaged or incomplete ({detail}). Copy the model folder again.",
        "{model}의 가중치 파일이 손상되었거나 일부만 있습니다({detail}). 모델 폴더를 다시 복사하세요.",
    ),
    "model.custom_code": (
        "{model} needs its own Python code to load (auto_map in config.json). Review Labeler never runs code "
        "that comes with a model; use a checkpoint of a standard architecture such as BERT, ELECTRA or RoBERTa.",
        "{model}은(는) 불러오려면 모델에 딸린 Python 코드가 필요합니다(config.json의 auto_map). 리뷰 라벨러는 모델과 함께 온 "
        "코드를 실행하지 않습니다. BERT, ELECTRA, RoBERTa 같은 표준 구조의 체크포인트를 쓰세요.",
    ),
    "model.head_mismatch": (
        "{model}: the classification head in the weights has a different number of outputs than config.json has labels "
        "(id2label). Fix config.json, or use the weights that belong to it.",
        "{model}: 가중치의 분류 헤드 출력 수가 config.json의 라벨 수(id2label)와 다릅니다. "
        "config.json을 고치거나, 그 설정에 맞는 가중치를 쓰세요.",
    ),
    "model.not_classifier": (
        "{model} is not a sequence-classification checkpoint: {detail}",
        "{model}은(는) 문장 분류(sequence classification) 체크포인트가 아닙니다: {detail}",
    ),
    "model.label_count": (
        "{model}: the config says num_labels = {num_labels}, but id2label has {id2label_count} entries. Fix config.json.",
        "{model}: config의 num_labels는 {num_labels}인데 id2label 항목은 {id2label_count}개입니다. config.json을 고치세요.",
    ),
    "model.tokenizer_mismatch": (
        "{model}: the tokenizer produces token ids up to {max_id}, but the model's vocabulary has only {vocab_size} entries. "
        "The tokenizer does not belong to this model.",
        "{model}: 토크나이저가 만드는 토큰 id가 {max_id}까지인데 모델 어휘 크기는 {vocab_size}입니다. "
        "이 모델의 토크나이저가 아닙니다.",
    ),
    "model.load_failed": (
        "Could not load the model from {model}: {detail}",
        "{model}에서 모델을 불러오지 못했습니다: {detail}",
    ),
    "model.cuda_unavailable": (
        "CUDA was requested, but no CUDA GPU is available. Use the CPU device.",
        "CUDA를 요청했지만 사용할 수 있는 CUDA GPU가 없습니다. CPU로 실행하세요.",
    ),
    "model.bad_device": (
        "Unknown device \"{device}\". Use auto, cpu or cuda.",
        "알 수 없는 장치 \"{device}\"입니다. auto, cpu, cuda 중 하나를 쓰세요.",
    ),
    "inference.count_mismatch": (
        "The model returned {got} predictions for {expected} rows; the table was left unchanged.",
        "{expected}개 행에 대해 예측이 {got}개 나왔습니다. 표는 바꾸지 않았습니다.",
    ),
    "inference.oom_row": (
        "Out of GPU memory even for row {row} alone. Run on the CPU or lower the maximum length.",
        "{row}행 하나만으로도 GPU 메모리가 부족합니다. CPU로 실행하거나 최대 길이를 줄이세요.",
    ),
    "predict.no_rows": (
        "{file} contains no data rows, so there is nothing to classify. No output file was written.",
        "{file}에 데이터 행이 없어 분류할 리뷰가 없습니다. 결과 파일은 만들지 않았습니다.",
    ),
    "cli.positive_int": (
        "invalid value {value}: expected a whole number of 1 or more",
        "잘못된 값 {value}: 1 이상의 정수를 입력하세요",
    ),
    # Command-line output: prefixes of stderr lines, and the summary that predict prints
    "cli.warning": ("warning: {message}", "경고: {message}"),
    "cli.note": ("note: {message}", "참고: {message}"),
    "cli.interrupted": ("interrupted", "중단했습니다"),
    "cli.help.usage": ("usage: ", "사용법: "),
    "cli.help.positionals": ("positional arguments", "위치 인자"),
    "cli.help.options": ("options", "옵션"),
    "cli.help.help": ("show this help message and exit", "이 도움말을 보여 주고 끝냅니다"),
    "predict.summary.input": (
        "input: {file} (column \"{column}\", encoding {encoding}, sheet {sheet})",
        "입력: {file} (열 \"{column}\", 인코딩 {encoding}, 시트 {sheet})",
    ),
    "predict.summary.model": ("model: {labels} on {device}", "모델: {labels}, 장치 {device}"),
    "predict.summary.rows": ("rows: {count}", "행 수: {count}"),
    "predict.summary.classified": ("classified: {count}", "분류한 행: {count}"),
    "predict.summary.skipped": ("skipped: {count} (no text: {no_text})", "건너뛴 행: {count} (텍스트 없음: {no_text})"),
    "predict.summary.truncated": ("truncated: {count}", "잘린 리뷰: {count}"),
    "predict.summary.seconds": (
        "seconds: {total:.2f} (model {model:.2f})",
        "소요 시간: {total:.2f}초 (모델 {model:.2f}초)",
    ),
    "predict.summary.accuracy": (
        "accuracy: {accuracy:.4f} on {rows} rows with a known label ({unmapped} rows had no usable known label)",
        "정확도: {accuracy:.4f} (정답 라벨이 있는 {rows}행 기준, 쓸 수 있는 정답 라벨이 없는 행 {unmapped}개)",
    ),
    "predict.summary.macro_f1": ("macro F1: {f1:.4f}", "매크로 F1: {f1:.4f}"),
    "predict.summary.no_accuracy": (
        "accuracy: - (no value of column \"{column}\" is a label name of the model {labels} or a label id)",
        "정확도: - (\"{column}\" 열에 모델의 라벨 이름 {labels}이나 라벨 id인 값이 없습니다)",
    ),
    "predict.summary.output": ("output: {file}", "출력 파일: {file}"),
    "predict.summary.parts": ("parts: {files}", "나눠 쓴 파일: {files}"),
    "inference.no_rows": (
        "There are no rows to classify.",
        "분류할 행이 없습니다.",
    ),
    # Labels
    "label.unknown": (
        "Label \"{label}\" is not one of the model's labels: {labels}",
        "\"{label}\"은(는) 모델의 라벨이 아닙니다. 모델 라벨: {labels}",
    ),
    # Export
    "export.too_many_rows": (
        "{rows} rows do not fit into an Excel sheet (at most {limit} data rows). Export as CSV, or split the export into several files.",
        "{rows}개 행은 Excel 시트 하나에 들어가지 않습니다(최대 {limit}행). CSV로 내보내거나 여러 파일로 나눠 내보내세요.",
    ),
    "export.cell_too_long": (
        "{count} cell(s) are longer than Excel's limit of {limit} characters (first: row {row}, column \"{column}\"). "
        "Export as CSV to keep them whole.",
        "{count}개 셀이 Excel 한도인 {limit}자를 넘습니다(첫 번째: {row}행 \"{column}\" 열). 잘리지 않게 하려면 CSV로 내보내세요.",
    ),
    "export.permission": (
        "Permission denied while writing {file}. Choose another folder, or close the file if it is open in Excel.",
        "{file}에 쓸 권한이 없습니다. 다른 폴더를 고르거나, Excel에서 열려 있다면 닫으세요.",
    ),
    "export.disk_full": (
        "The disk is full; {file} was not written. Free some space or choose another drive.",
        "디스크가 가득 차서 {file}을(를) 쓰지 못했습니다. 공간을 비우거나 다른 드라이브를 고르세요.",
    ),
    "export.failed": (
        "Could not write {file}: {detail}. No file was created.",
        "{file}을(를) 쓰지 못했습니다: {detail}. 파일은 만들어지지 않았습니다.",
    ),
    "export.bad_format": (
        "Unknown export format for {file}. Use a .xlsx, .csv or .tsv file name.",
        "{file}의 내보내기 형식을 알 수 없습니다. 파일 이름을 .xlsx, .csv, .tsv로 끝내세요.",
    ),
    "export.same_as_source": (
        "{file} is the source file. Choose another name so the original stays untouched.",
        "{file}은(는) 원본 파일입니다. 원본이 바뀌지 않도록 다른 이름을 고르세요.",
    ),
    "export.cleaned_cells": (
        "{count} cell(s) contained control characters that XLSX cannot store; they were removed (rows {rows}).",
        "{count}개 셀에 XLSX에 저장할 수 없는 제어 문자가 있어 제거했습니다({rows}행).",
    ),
    "export.neutralised_cells": (
        "{count} cell(s) start with =, +, -, @, tab or CR; an apostrophe was put in front so that Excel does not run them as formulas.",
        "{count}개 셀이 =, +, -, @, 탭, CR로 시작해서 Excel이 수식으로 실행하지 않도록 앞에 작은따옴표(')를 붙였습니다.",
    ),
    # Export column headers
    "header.predicted": ("predicted_label", "예측_라벨"),
    "header.confidence": ("confidence", "신뢰도"),
    "header.corrected": ("corrected_label", "수정_라벨"),
    "header.final": ("final_label", "최종_라벨"),
    "header.status": ("status", "상태"),
    "header.truncated": ("truncated", "잘림"),
    # Row status words
    "status.ok": ("classified", "분류됨"),
    "status.no_text": ("no text", "텍스트 없음"),
    "status.not_run": ("not classified", "미분류"),
    "status.truncated": ("truncated", "잘림"),
    # Project files
    "project.not_found": (
        "Project file not found: {file}",
        "프로젝트 파일을 찾을 수 없습니다: {file}",
    ),
    "project.not_a_project": (
        "{file} is not a Review Labeler project file.",
        "{file}은(는) 리뷰 라벨러 프로젝트 파일이 아닙니다.",
    ),
    "project.permission": (
        "Permission denied while opening the project {file}.",
        "프로젝트 {file}을(를) 열 권한이 없습니다.",
    ),
    "project.newer_version": (
        "{file} was saved by a newer version of Review Labeler (project format {version}; this version reads format {supported}). "
        "Update Review Labeler to open it.",
        "{file}은(는) 더 새로운 리뷰 라벨러에서 저장한 프로젝트입니다(프로젝트 형식 {version}, 이 버전은 형식 {supported}까지 읽음). "
        "리뷰 라벨러를 업데이트한 뒤 여세요.",
    ),
    "project.unknown_version": (
        "{file} has an unknown project format version ({version}) and cannot be opened.",
        "{file}의 프로젝트 형식 버전({version})을 알 수 없어 열 수 없습니다.",
    ),
    "project.invalid": (
        "{file} is not a valid project file: {detail}",
        "{file}은(는) 올바른 프로젝트 파일이 아닙니다: {detail}",
    ),
    "project.damaged": (
        "The project file {file} is damaged ({detail}). Restore it from a backup.",
        "프로젝트 파일 {file}이(가) 손상되었습니다({detail}). 백업에서 복원하세요.",
    ),
    "project.open_failed": (
        "Could not open the project {file}: {detail}",
        "프로젝트 {file}을(를) 열지 못했습니다: {detail}",
    ),
    "project.write_failed": (
        "Could not save to the project {file}: {detail}. The last change was not saved.",
        "프로젝트 {file}에 저장하지 못했습니다: {detail}. 마지막 변경은 저장되지 않았습니다.",
    ),
    "project.exists": (
        "{file} already exists. Choose another name, or open the existing project.",
        "{file}이(가) 이미 있습니다. 다른 이름을 고르거나 기존 프로젝트를 여세요.",
    ),
    "project.not_writable": (
        "The project {file} is write-protected on disk. Open it read-only, or copy it to a folder you can write to.",
        "프로젝트 {file}이(가) 쓰기 금지 파일입니다. 읽기 전용으로 열거나, 쓸 수 있는 폴더로 복사하세요.",
    ),
    "project.read_only": (
        "The project {file} is open read-only, so it cannot be changed.",
        "프로젝트 {file}을(를) 읽기 전용으로 열어서 바꿀 수 없습니다.",
    ),
    "project.no_labels": (
        "The model has no labels, so no project can be made for it.",
        "모델에 라벨이 없어 프로젝트를 만들 수 없습니다.",
    ),
    "project.column_missing": (
        "The review column \"{column}\" recorded in the project is not in {file}.",
        "프로젝트에 기록된 리뷰 열 \"{column}\"이(가) {file}에 없습니다.",
    ),
    "project.row_count_mismatch": (
        "The project {file} has {project_rows} rows, but the table has {table_rows}. "
        "Re-match the rows by position, or open the file the project was made from.",
        "프로젝트 {file}은(는) {project_rows}행인데 표는 {table_rows}행입니다. "
        "행 위치로 다시 맞추거나, 프로젝트를 만든 원본 파일을 여세요.",
    ),
    "project.label_mismatch": (
        "The labels {got} do not match the project's labels {expected}.",
        "라벨 {got}이(가) 프로젝트의 라벨 {expected}과(와) 다릅니다.",
    ),
    "project.labels_in_use": (
        "The project {file} already has corrections for the labels {expected}, so a model with the labels {got} cannot replace it. "
        "Create a new project for that model.",
        "프로젝트 {file}에는 이미 라벨 {expected}에 대한 교정이 있어 라벨이 {got}인 모델로 바꿀 수 없습니다. "
        "그 모델로는 새 프로젝트를 만드세요.",
    ),
    "project.source_unreadable": (
        "Could not read the source file {file}: {detail}",
        "원본 파일 {file}을(를) 읽지 못했습니다: {detail}",
    ),
    "project.source_missing": (
        "The source file {file} recorded in the project was not found. Pass its new location with --source.",
        "프로젝트에 기록된 원본 파일 {file}을(를) 찾을 수 없습니다. --source로 새 위치를 지정하세요.",
    ),
    "project.source_changed": (
        "The source file {file} changed since the project was saved ({old_size} bytes then, {new_size} bytes now). "
        "Restore the original file, or run again with --rematch-by-position to attach the saved labels to rows by position.",
        "원본 파일 {file}이(가) 프로젝트 저장 이후 바뀌었습니다(저장 당시 {old_size}바이트, 지금 {new_size}바이트). "
        "원본 파일을 되돌리거나, --rematch-by-position으로 다시 실행해 저장된 라벨을 행 위치대로 붙이세요.",
    ),
    "project.rematch_note": (
        "Re-matched by position: {matching} of {rows} row(s) still have the review text they had when the project was saved "
        "(the project has {project_rows} rows, the file {table_rows}).",
        "행 위치로 다시 맞췄습니다: {rows}행 중 {matching}행의 리뷰 텍스트가 프로젝트 저장 당시와 같습니다"
        "(프로젝트 {project_rows}행, 파일 {table_rows}행).",
    ),
    "project.exported": (
        "Exported {rows} row(s) to {file}: {corrected} corrected, {accepted} accepted, {unreviewed} not reviewed.",
        "{rows}행을 {file}(으)로 내보냈습니다: 수정 {corrected}행, 수락 {accepted}행, 미검토 {unreviewed}행.",
    ),
    # Known-label mapping
    "mapping.unmapped": ("unmapped", "매핑 안 함"),
    "mapping.scale.label_names": (
        "The values are the model's label names.",
        "값이 모델의 라벨 이름입니다.",
    ),
    "mapping.scale.sentiment_words": (
        "The values are sentiment words such as 긍정/부정 or Positive/Negative.",
        "값이 긍정/부정, Positive/Negative 같은 감성 단어입니다.",
    ),
    "mapping.scale.unknown": (
        "No rating scale or sentiment words were recognised; map the values by hand.",
        "평점 척도나 감성 단어를 알아보지 못했습니다. 값을 직접 매핑하세요.",
    ),
    "mapping.scale.binary": (
        "0/1 codes: 0 → {negative}, 1 → {positive}.",
        "0/1 코드: 0 → {negative}, 1 → {positive}.",
    ),
    "mapping.scale.three_codes": (
        "0/1/2 codes: 0 → {negative}, {positive_code} → {positive}, {neutral_code} → {neutral}. "
        "Which of 1 and 2 means positive is a guess (the more frequent one, because shop reviews are mostly positive); check it.",
        "0/1/2 코드: 0 → {negative}, {positive_code} → {positive}, {neutral_code} → {neutral}. "
        "1과 2 중 어느 쪽이 긍정인지는 추정입니다(쇼핑 리뷰는 대부분 긍정이라 더 많은 쪽을 긍정으로 봄). 확인하세요.",
    ),
    "mapping.scale.stars": ("Star ratings ({low}–{high})", "별점({low}~{high})"),
    "mapping.scale.zero_to_four": (
        "Ratings from 0 to 4 (label codes 0–4 look the same, so check that this column is a rating)",
        "0~4 평점(0~4 라벨 코드와 구별되지 않으니 이 열이 평점인지 확인하세요)",
    ),
    "mapping.scale.ten_point": ("10-point ratings ({low}–{high})", "10점 만점 평점({low}~{high})"),
    "mapping.scale.hundred_point": ("100-point scores ({low}–{high})", "100점 만점 점수({low}~{high})"),
    "mapping.scale.out_of": (
        "Scores written as \"N점 만점에 M점\", compared as a share of the maximum",
        "\"N점 만점에 M점\" 형식의 점수(만점 대비 비율로 비교)",
    ),
    "mapping.written_out_of": (
        "{scale}, written as \"N점 만점에 M점\"",
        "{scale}, \"N점 만점에 M점\" 형식",
    ),
    "mapping.rule.thresholds": (
        "{scale}: {negative_max} or less → {negative}, {positive_min} or more → {positive}, in between → {middle}.",
        "{scale}: {negative_max} 이하 → {negative}, {positive_min} 이상 → {positive}, 그 사이 → {middle}.",
    ),
    # Fine-tuning
    "finetune.unknown_label": (
        "The labelled rows use the label \"{label}\", which the model does not have. Model labels: {labels}. "
        "Adding a label is not supported; change those rows to one of the model's labels.",
        "학습할 행에 모델에 없는 라벨 \"{label}\"이(가) 있습니다. 모델 라벨: {labels}. "
        "라벨 추가는 지원하지 않으니 해당 행을 모델 라벨 중 하나로 바꾸세요.",
    ),
    "finetune.bad_label_id": (
        "Label id {label_id} is not one of the model's label ids (0 to {last}).",
        "라벨 id {label_id}은(는) 모델의 라벨 id(0~{last})가 아닙니다.",
    ),
    "finetune.single_class": (
        "The corrections contain only one label ({label}). Training on them would push the model towards that label. "
        "Correct or accept some rows of another label as well, then train again.",
        "교정 데이터가 한 종류뿐입니다({label}). 이대로 학습하면 모델이 그 라벨 쪽으로 치우칩니다. "
        "다른 라벨의 행도 교정하거나 수락한 뒤 다시 학습하세요.",
    ),
    "finetune.too_few_rows": (
        "Only {count} labelled row(s) can be used; fine-tuning needs at least {minimum}. Correct or accept more rows first.",
        "학습에 쓸 수 있는 라벨 행이 {count}개뿐입니다. 재학습에는 최소 {minimum}개가 필요합니다. 먼저 행을 더 교정하거나 수락하세요.",
    ),
    "finetune.conflicting_texts": (
        "{count} review text(s) appear in several rows with different labels and were left out of training.",
        "같은 리뷰 텍스트가 여러 행에서 서로 다른 라벨을 가진 경우 {count}건은 학습에서 뺐습니다.",
    ),
    "finetune.class_not_validated": (
        "Label \"{label}\" has only {count} labelled row(s), so all of them are used for training and none are held out for validation.",
        "\"{label}\" 라벨의 행이 {count}개뿐이라 모두 학습에 쓰고 검증용으로는 남기지 않았습니다.",
    ),
    "finetune.no_replay": (
        "No replay rows were available, so nothing reminds the model of what it already knew; check the result carefully.",
        "재사용(replay)할 행이 없어 모델이 기존에 알던 것을 잊을 수 있습니다. 결과를 꼼꼼히 확인하세요.",
    ),
    "finetune.no_check_rows": (
        "No rows are left to check the new model on, so early stopping is off and there is no before/after comparison.",
        "새 모델을 확인할 행이 없어 조기 종료를 끄고 학습 전후 비교도 하지 않았습니다.",
    ),
    "finetune.cancelled": (
        "Fine-tuning was cancelled; nothing was saved and the current model is unchanged.",
        "재학습을 취소했습니다. 아무것도 저장하지 않았고 현재 모델은 그대로입니다.",
    ),
    # The summary that review-labeler finetune prints
    "finetune.summary.input": ("input: {file}", "입력: {file}"),
    "finetune.summary.model": ("model: {source} {labels} on {device}", "모델: {source} {labels}, 장치 {device}"),
    "finetune.summary.rows": (
        "rows: {train} trained ({replay} replay drawn), {validation} validation, {reference} reference",
        "행 수: 학습 {train} (그중 재사용 표본 {replay}), 검증 {validation}, 기준 {reference}",
    ),
    "finetune.summary.steps": (
        "steps: {done} of {planned} planned, epochs {epochs}, best epoch {best}",
        "스텝: 계획한 {planned}개 중 {done}개, 에포크 {epochs}, 최적 에포크 {best}",
    ),
    "finetune.summary.stopped_early": (" (stopped early)", " (조기 종료)"),
    "finetune.summary.set.validation": ("validation", "검증"),
    "finetune.summary.set.reference": ("reference", "기준"),
    "finetune.summary.check": (
        "{set}: accuracy {before:.4f} -> {after:.4f}, macro F1 {f1_before:.4f} -> {f1_after:.4f} ({rows} rows)",
        "{set}: 정확도 {before:.4f} -> {after:.4f}, 매크로 F1 {f1_before:.4f} -> {f1_after:.4f} ({rows}행)",
    ),
    "finetune.summary.worse": ("verdict: worse, keep the previous model", "판정: 나빠졌습니다. 이전 모델을 유지하세요"),
    "finetune.summary.not_worse": ("verdict: not worse", "판정: 나빠지지 않았습니다"),
    "finetune.summary.seconds": (
        "seconds: {total:.2f} (training {training:.2f})",
        "소요 시간: {total:.2f}초 (학습 {training:.2f}초)",
    ),
    "finetune.summary.output": ("output: {folder}", "출력 폴더: {folder}"),
    "finetune.set.validation": ("held-out rows", "검증용 행"),
    "finetune.set.reference": ("reference rows", "기준 행"),
    "finetune.worse_accuracy": (
        "The new model is less accurate on the {set}: {before:.1%} before, {after:.1%} after. Keep the current version.",
        "새 모델의 {set} 정확도가 떨어졌습니다: 학습 전 {before:.1%}, 학습 후 {after:.1%}. 현재 버전을 유지하세요.",
    ),
    "finetune.label_vanished": (
        "The new model no longer predicts \"{label}\" on any checked row. Keep the current version.",
        "새 모델이 확인한 행 어디에서도 \"{label}\"을(를) 예측하지 않습니다. 현재 버전을 유지하세요.",
    ),
    "finetune.project_no_mapping": (
        "The project {file} has no saved known-label mapping, so --include-known adds no rows. "
        "Confirm the mapping in the window first.",
        "프로젝트 {file}에 저장된 기존 라벨 매핑이 없어 --include-known으로 더할 행이 없습니다. "
        "먼저 창에서 매핑을 확인하세요.",
    ),
    "finetune.no_label_column": (
        "{file} has no recognisable label column. Name it with --label-column. Columns: {columns}",
        "{file}에서 라벨 열을 찾지 못했습니다. --label-column으로 지정하세요. 열 목록: {columns}",
    ),
    "finetune.output_exists": (
        "{folder} already exists and is not empty. Choose a new folder, or pass --overwrite to replace it.",
        "{folder}이(가) 이미 있고 비어 있지 않습니다. 새 폴더를 고르거나 --overwrite로 바꿔 쓰세요.",
    ),
    "finetune.save_failed": (
        "Could not write the checkpoint to {folder}: {detail}. Nothing was left there.",
        "{folder}에 체크포인트를 쓰지 못했습니다: {detail}. 그 자리에 남은 파일은 없습니다.",
    ),
    "finetune.replay_file_columns": (
        "{file} needs a text column and a label column (for example \"text\" and \"label\"). Columns: {columns}",
        "{file}에는 텍스트 열과 라벨 열(예: \"text\", \"label\")이 있어야 합니다. 열 목록: {columns}",
    ),
    # Model versions
    "versions.registry_unreadable": (
        "The model-version list {file} cannot be read ({detail}). The version folders are untouched; "
        "restore the file from a backup or move the folder aside to start a new list.",
        "모델 버전 목록 {file}을(를) 읽을 수 없습니다({detail}). 버전 폴더는 그대로 있습니다. "
        "백업에서 파일을 복원하거나 폴더를 옮겨 새 목록을 시작하세요.",
    ),
    "versions.unknown_version": (
        "Model version {version} does not exist. Versions: {versions}",
        "모델 버전 {version}이(가) 없습니다. 버전 목록: {versions}",
    ),
    "versions.missing_files": (
        "The files of model version {version} are missing from {folder}, so it cannot be activated.",
        "모델 버전 {version}의 파일이 {folder}에 없어 활성화할 수 없습니다.",
    ),
    "versions.save_failed": (
        "Could not save the new model version in {folder}: {detail}. The active version is unchanged.",
        "{folder}에 새 모델 버전을 저장하지 못했습니다: {detail}. 활성 버전은 그대로입니다.",
    ),
    # Self-test of an installed copy (review-labeler --self-test)
    "selftest.default_model_missing": (
        "Default model missing at {folder}: config.json or model.safetensors not found. "
        "Reinstall the app, or rebuild the bundle after putting the model into resources/default_model.",
        "기본 모델이 {folder}에 없습니다: config.json 또는 model.safetensors를 찾지 못했습니다. "
        "앱을 다시 설치하거나, resources/default_model에 모델을 넣은 뒤 번들을 다시 만드세요.",
    ),
    "selftest.rows_without_prediction": (
        "{count} row(s) with text got no prediction (rows {rows}).",
        "텍스트가 있는 {count}개 행에 예측이 없습니다({rows}행).",
    ),
    "selftest.read_back_failed": (
        "The exported file {file} does not read back as written: {detail}.",
        "내보낸 파일 {file}을(를) 다시 읽은 내용이 쓴 내용과 다릅니다: {detail}.",
    ),
    "selftest.passed": ("Self-test passed.", "자체 점검을 통과했습니다."),
    "selftest.failed": ("Self-test failed: {detail}", "자체 점검 실패: {detail}"),
}


def _system_language() -> str:
    """Return "ko" on a Korean system locale, "en" otherwise."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "ko" if code.lower().startswith("ko") else "en"


def get_language() -> str:
    """Return the language that messages are produced in on this thread."""
    language = getattr(_state, "language", None)
    if language:
        return language
    return _default_language or _system_language()


def set_language(language: str) -> None:
    """Set the message language for every thread ("ko" or "en")."""
    global _default_language
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; expected one of {SUPPORTED_LANGUAGES}")
    _default_language = language
    _state.language = None


def text(key: str, /, **params: object) -> str:
    """Return the message ``key`` in the current language with ``params`` filled in."""
    english, korean = CATALOGUE[key]
    template = korean if get_language() == "ko" else english
    return template.format(**params)
