<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ClassificationFlow</name>
    <message>
        <source>There are no rows to classify: the table has a header but no data rows.</source>
        <translation>분류할 행이 없습니다. 표에 머리글만 있고 데이터 행이 없습니다.</translation>
    </message>
    <message>
        <source>Choose the column that holds the review text first.</source>
        <translation>먼저 리뷰 텍스트가 들어 있는 열을 선택하세요.</translation>
    </message>
    <message>
        <source>There are no rows to classify: the review column is empty.</source>
        <translation>분류할 행이 없습니다. 리뷰 열이 비어 있습니다.</translation>
    </message>
    <message>
        <source>Enter a Hugging Face model id, or choose another model.</source>
        <translation>Hugging Face 모델 ID를 입력하거나 다른 모델을 선택하세요.</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>모델을 불러오는 중…</translation>
    </message>
    <message>
        <source>This model's labels ({new}) differ from the labels of your corrections ({old}). Running it clears the corrections. Run anyway?</source>
        <translation>이 모델의 라벨({new})이 수정한 라벨({old})과 다릅니다. 실행하면 수정 내용이 지워집니다. 그래도 실행할까요?</translation>
    </message>
    <message>
        <source>Different labels</source>
        <translation>라벨이 다름</translation>
    </message>
    <message>
        <source>Could not load the model</source>
        <translation>모델을 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>Cancelled before the run started.</source>
        <translation>분류를 시작하기 전에 취소했습니다.</translation>
    </message>
    <message>
        <source>Classifying {count} rows…</source>
        <translation>{count}개 행 분류 중…</translation>
    </message>
    <message>
        <source>Classification failed</source>
        <translation>분류 실패</translation>
    </message>
    <message>
        <source>Classified {classified} of {total} rows in {seconds:.1f} s.</source>
        <translation>{total}개 행 중 {classified}개를 {seconds:.1f}초 만에 분류했습니다.</translation>
    </message>
    <message>
        <source>Cancelled: {classified} of {total} rows classified; the rest stay not classified.</source>
        <translation>취소됨: {total}개 행 중 {classified}개를 분류했습니다. 나머지는 미분류로 남습니다.</translation>
    </message>
    <message>
        <source>Failed after {classified} of {total} rows.</source>
        <translation>{total}개 행 중 {classified}개를 분류한 뒤 실패했습니다.</translation>
    </message>
    <message>
        <source>{count} rows have no text.</source>
        <translation>텍스트가 없는 행: {count}개.</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>분류</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Details</source>
        <translation>자세히</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>자세한 내용 복사</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>로그 파일: {path}</translation>
    </message>
</context>
<context>
    <name>ErrorReport</name>
    <message>
        <source>An unexpected error occurred ({error_type}). The details are in the log file.</source>
        <translation>예기치 않은 오류가 발생했습니다({error_type}). 자세한 내용은 로그 파일에 있습니다.</translation>
    </message>
</context>
<context>
    <name>ExceptionHook</name>
    <message>
        <source>Unexpected error</source>
        <translation>예기치 않은 오류</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 통합 문서 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 with BOM for Excel (*.csv)</source>
        <translation>CSV, Excel용 UTF-8 BOM (*.csv)</translation>
    </message>
    <message>
        <source>Export labelled reviews</source>
        <translation>라벨링한 리뷰 내보내기</translation>
    </message>
    <message>
        <source>This table has not been classified yet, so the predicted label and confidence columns will be empty. Export anyway?</source>
        <translation>아직 분류하지 않은 표라서 예측 라벨과 신뢰도 열이 비어 있게 됩니다. 그래도 내보낼까요?</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>_labelled</source>
        <translation>_라벨</translation>
    </message>
    <message>
        <source>Exporting to {file}…</source>
        <translation>{file}(으)로 내보내는 중…</translation>
    </message>
    <message>
        <source>Exported {rows} rows to {file}.</source>
        <translation>{rows}개 행을 {file}(으)로 내보냈습니다.</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>내보내기 완료</translation>
    </message>
    <message>
        <source>Exported {rows} rows to {file}. Some cells were changed:</source>
        <translation>{rows}개 행을 {file}(으)로 내보냈습니다. 일부 셀을 바꿨습니다:</translation>
    </message>
    <message>
        <source>Export failed.</source>
        <translation>내보내기에 실패했습니다.</translation>
    </message>
    <message>
        <source>{message}

Export as CSV instead?</source>
        <translation>{message}

대신 CSV로 내보낼까요?</translation>
    </message>
    <message>
        <source>Too large for Excel</source>
        <translation>Excel에 담기에 너무 큼</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
</context>
<context>
    <name>FileOpener</name>
    <message>
        <source>{message}

Open the file anyway, replacing the bytes that cannot be decoded with �? The affected rows are listed after opening.</source>
        <translation>{message}

읽을 수 없는 바이트를 �로 바꿔서 그래도 열까요? 영향을 받은 행은 파일을 연 뒤에 알려 드립니다.</translation>
    </message>
    <message>
        <source>Encoding problem</source>
        <translation>인코딩 문제</translation>
    </message>
    <message>
        <source>Could not open the file</source>
        <translation>파일을 열 수 없습니다</translation>
    </message>
</context>
<context>
    <name>LabelComboDelegate</name>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Review Labeler</source>
        <translation>리뷰 라벨러</translation>
    </message>
    <message>
        <source>Open a review file (CSV, TSV, TXT or XLSX), or drop it onto this window.</source>
        <translation>리뷰 파일(CSV, TSV, TXT, XLSX)을 열거나 이 창에 끌어다 놓으세요.</translation>
    </message>
    <message>
        <source>Open a review file</source>
        <translation>리뷰 파일 열기</translation>
    </message>
    <message>
        <source>Review tables ({patterns});;All files (*)</source>
        <translation>리뷰 표 ({patterns});;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Classification is running. Stop it and open another table?</source>
        <translation>분류 중입니다. 중단하고 다른 표를 열까요?</translation>
    </message>
    <message>
        <source>Classification running</source>
        <translation>분류 중</translation>
    </message>
    <message>
        <source>Your corrected labels have not been exported. Discard them?</source>
        <translation>수정한 라벨을 아직 내보내지 않았습니다. 버릴까요?</translation>
    </message>
    <message>
        <source>Unexported corrections</source>
        <translation>내보내지 않은 수정</translation>
    </message>
    <message>
        <source>{file} – Review Labeler</source>
        <translation>{file} – 리뷰 라벨러</translation>
    </message>
    <message>
        <source>{rows} rows</source>
        <translation>{rows}개 행</translation>
    </message>
    <message>
        <source>no column with review text was found; choose one above</source>
        <translation>리뷰 텍스트 열을 찾지 못했습니다. 위에서 선택하세요</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>파일을 읽는 중…</translation>
    </message>
    <message>
        <source>Invalid label</source>
        <translation>잘못된 라벨</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>The new language applies after a restart.</source>
        <translation>바꾼 언어는 프로그램을 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <source>Classification is running. Stop it and quit?</source>
        <translation>분류 중입니다. 중단하고 종료할까요?</translation>
    </message>
    <message>
        <source>Your corrected labels have not been exported. Quit anyway?</source>
        <translation>수정한 라벨을 아직 내보내지 않았습니다. 그래도 종료할까요?</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Hide these warnings</source>
        <translation>경고 숨기기</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… 외 {count}건</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>{done} / {total} rows</source>
        <translation>{done} / {total}행</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>약 {time} 남음</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds}초</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes}분 {seconds}초</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours}시간 {minutes}분</translation>
    </message>
</context>
<context>
    <name>ReviewTableModel</name>
    <message>
        <source>Labels from the column "{column}" of the file</source>
        <translation>파일의 "{column}" 열에 있던 라벨</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>리뷰</translation>
    </message>
    <message>
        <source>Predicted label</source>
        <translation>예측 라벨</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>신뢰도</translation>
    </message>
    <message>
        <source>Corrected label</source>
        <translation>수정 라벨</translation>
    </message>
    <message>
        <source>Final label</source>
        <translation>최종 라벨</translation>
    </message>
    <message>
        <source>Known label</source>
        <translation>기존 라벨</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>No text</source>
        <translation>텍스트 없음</translation>
    </message>
    <message>
        <source>Not classified</source>
        <translation>미분류</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Truncated</source>
        <translation>잘림</translation>
    </message>
    <message>
        <source>The review is longer than the model's maximum length; only its beginning was classified.</source>
        <translation>리뷰가 모델의 최대 길이보다 길어서 앞부분만 분류했습니다.</translation>
    </message>
</context>
<context>
    <name>SourcePanel</name>
    <message>
        <source>No file open</source>
        <translation>열린 파일 없음</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>폴더…</translation>
    </message>
    <message>
        <source>Choose a folder that holds a fine-tuned checkpoint</source>
        <translation>재학습한 체크포인트가 있는 폴더를 선택합니다</translation>
    </message>
    <message>
        <source>Hugging Face model id, e.g. klue/roberta-base</source>
        <translation>Hugging Face 모델 ID (예: klue/roberta-base)</translation>
    </message>
    <message>
        <source>Reviews per batch; lower it if the GPU runs out of memory</source>
        <translation>한 배치에 넣을 리뷰 수입니다. GPU 메모리가 부족하면 줄이세요</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>시트</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>인코딩</translation>
    </message>
    <message>
        <source>Review column</source>
        <translation>리뷰 열</translation>
    </message>
    <message>
        <source>Known label column</source>
        <translation>기존 라벨 열</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>(text file)</source>
        <translation>(텍스트 파일)</translation>
    </message>
    <message>
        <source>(workbook)</source>
        <translation>(통합 문서)</translation>
    </message>
    <message>
        <source>Detected: {encoding}</source>
        <translation>감지됨: {encoding}</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>No CUDA GPU is available on this computer</source>
        <translation>이 컴퓨터에서는 CUDA GPU를 사용할 수 없습니다</translation>
    </message>
    <message>
        <source>Bundled Korean model</source>
        <translation>기본 한국어 모델</translation>
    </message>
    <message>
        <source>Bundled Korean model (not installed)</source>
        <translation>기본 한국어 모델 (설치되지 않음)</translation>
    </message>
    <message>
        <source>Hugging Face Hub id</source>
        <translation>Hugging Face Hub ID</translation>
    </message>
    <message>
        <source>Choose a model folder</source>
        <translation>모델 폴더 선택</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Open…</source>
        <translation>열기…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Run classification</source>
        <translation>분류 실행</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Open a review file (CSV, TSV, TXT or XLSX)</source>
        <translation>리뷰 파일을 엽니다 (CSV, TSV, TXT, XLSX)</translation>
    </message>
    <message>
        <source>Export the table with predicted, corrected and final labels</source>
        <translation>예측 라벨, 수정 라벨, 최종 라벨을 붙여 표를 내보냅니다</translation>
    </message>
    <message>
        <source>Classify every review with the chosen model</source>
        <translation>선택한 모델로 모든 리뷰를 분류합니다</translation>
    </message>
    <message>
        <source>Stop after the current batch; finished rows keep their labels</source>
        <translation>현재 배치가 끝나면 멈춥니다. 이미 분류한 행은 라벨을 유지합니다</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Classification</source>
        <translation>분류(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
</context>
</TS>
