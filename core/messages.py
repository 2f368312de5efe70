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
    "model.no_weights": (
        "{model} contains no weights file (model.safetensors).",
        "{model}에 가중치 파일(model.safetensors)이 없습니다.",
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
