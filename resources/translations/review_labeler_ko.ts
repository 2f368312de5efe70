<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>BulkEditor</name>
    <message>
        <source>Bulk edit</source>
        <translation>일괄 변경</translation>
    </message>
    <message>
        <source>Relabel, clear or accept the selected rows or every row the filter shows</source>
        <translation>선택한 행 또는 필터에 표시된 모든 행의 라벨을 바꾸거나 지우거나 수락합니다</translation>
    </message>
    <message>
        <source>Selected rows ({count})</source>
        <translation>선택한 행 ({count})</translation>
    </message>
    <message>
        <source>All shown rows ({count})</source>
        <translation>표시된 모든 행 ({count})</translation>
    </message>
    <message>
        <source>Label as &apos;{label}&apos;</source>
        <translation>&apos;{label}&apos;(으)로 라벨 지정</translation>
    </message>
    <message>
        <source>Accept predictions</source>
        <translation>예측 수락</translation>
    </message>
    <message>
        <source>Clear labels</source>
        <translation>라벨 지우기</translation>
    </message>
    <message>
        <source>Nothing to change ({count} rows checked): they already have this label.</source>
        <translation>바꿀 행이 없습니다({count}개 행 확인): 모두 이미 이 라벨입니다.</translation>
    </message>
    <message>
        <source>Clear the corrected label of {count} rows?</source>
        <translation>{count}개 행의 수정 라벨을 지웁니다. 계속할까요?</translation>
    </message>
    <message>
        <source>Change the label of {count} rows to &apos;{label}&apos;?</source>
        <translation>{count}개 행의 라벨을 &apos;{label}&apos;(으)로 바꿉니다. 계속할까요?</translation>
    </message>
    <message>
        <source>Nothing to change ({count} rows checked): they are already accepted or have no prediction.</source>
        <translation>바꿀 행이 없습니다({count}개 행 확인): 이미 수락되었거나 예측이 없습니다.</translation>
    </message>
    <message>
        <source>Accept the predicted label of {count} rows as correct?</source>
        <translation>{count}개 행의 예측 라벨을 맞는 것으로 수락합니다. 계속할까요?</translation>
    </message>
    <message>
        <source>The other {count} rows already have this and stay as they are.</source>
        <translation>나머지 {count}개 행은 이미 그렇게 되어 있어 그대로 둡니다.</translation>
    </message>
    <message>
        <source>No rows to change: select rows or change the filter first.</source>
        <translation>바꿀 행이 없습니다. 먼저 행을 선택하거나 필터를 바꾸세요.</translation>
    </message>
</context>
<context>
    <name>ChangedRowsButton</name>
    <message>
        <source>Show only the rows whose prediction changed when the model version was activated</source>
        <translation>모델 버전을 활성화했을 때 예측이 바뀐 행만 보여 줍니다</translation>
    </message>
    <message>
        <source>Changed rows: {count}</source>
        <translation>예측이 바뀐 행: {count}</translation>
    </message>
</context>
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
        <source>This model&apos;s labels ({new}) differ from the labels of your corrections ({old}). Running it clears the corrections. Run anyway?</source>
        <translation>이 모델의 라벨({new})이 수정한 라벨({old})과 다릅니다. 실행하면 수정 내용이 지워집니다. 그래도 실행할까요?</translation>
    </message>
    <message>
        <source>Different labels</source>
        <translation>라벨이 다름</translation>
    </message>
    <message>
        <source>The model was not loaded, because its pickle weights were not allowed.</source>
        <translation>pickle 가중치를 허용하지 않아 모델을 불러오지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not load the model</source>
        <translation>모델을 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>{model} contains only pickle weights (pytorch_model.bin), no safetensors file.

Loading pickle weights can run any program hidden in the file, with your user&apos;s rights (for example, delete or send your files). Load them only if you trust where this model came from.

Load the pickle weights anyway?</source>
        <translation>{model}에는 safetensors 파일 없이 pickle 가중치(pytorch_model.bin)만 있습니다.

pickle 가중치를 불러오면 파일에 숨겨진 어떤 프로그램이든 사용자 권한으로 실행될 수 있습니다(예: 파일 삭제나 외부 전송). 이 모델의 출처를 신뢰할 때만 불러오세요.

그래도 pickle 가중치를 불러올까요?</translation>
    </message>
    <message>
        <source>Untrusted model weights</source>
        <translation>신뢰할 수 없는 모델 가중치</translation>
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
        <source>Classified {classified} of {total} rows in {seconds} s.</source>
        <translation>{total}개 행 중 {classified}개를 {seconds}초 만에 분류했습니다.</translation>
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
    <name>CorrectionWorkspace</name>
    <message>
        <source>Label names</source>
        <translation>라벨 이름</translation>
    </message>
    <message>
        <source>Run a classification first, so that the model&apos;s labels are known.</source>
        <translation>먼저 분류를 실행해 모델의 라벨을 알아야 합니다.</translation>
    </message>
    <message>
        <source>Could not save the label names</source>
        <translation>라벨 이름을 저장하지 못했습니다</translation>
    </message>
    <message>
        <source>The correction was not saved</source>
        <translation>수정 내용을 저장하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>Duration</name>
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
        <source>Exported {rows} rows into {count} Excel files in {folder}.</source>
        <translation>{rows}행을 {folder} 폴더의 Excel 파일 {count}개로 내보냈습니다.</translation>
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
        <source>Exported {rows} rows into {count} Excel files:</source>
        <translation>{rows}행을 Excel 파일 {count}개로 나눠 내보냈습니다:</translation>
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

Export as one CSV file, or split the rows into several Excel files ({file_1}, {file_2}, …)?</source>
        <translation>{message}

CSV 파일 하나로 내보낼까요, 아니면 행을 Excel 파일 여러 개({file_1}, {file_2}, …)로 나눌까요?</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>CSV로 내보내기</translation>
    </message>
    <message>
        <source>Split into several Excel files</source>
        <translation>Excel 파일 여러 개로 나누기</translation>
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
    <name>FilterBar</name>
    <message>
        <source>Search review text</source>
        <translation>리뷰 텍스트 검색</translation>
    </message>
    <message>
        <source>Show only rows with this predicted label</source>
        <translation>이 예측 라벨인 행만 표시합니다</translation>
    </message>
    <message>
        <source>Predicted label filter</source>
        <translation>예측 라벨 필터</translation>
    </message>
    <message>
        <source>Review state filter</source>
        <translation>검토 상태 필터</translation>
    </message>
    <message>
        <source>All rows</source>
        <translation>모든 행</translation>
    </message>
    <message>
        <source>Not yet reviewed</source>
        <translation>검토 안 함</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>검토함</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>수정함</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>수락함</translation>
    </message>
    <message>
        <source>Minimum confidence</source>
        <translation>최소 신뢰도</translation>
    </message>
    <message>
        <source>Maximum confidence</source>
        <translation>최대 신뢰도</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>신뢰도 낮은 순</translation>
    </message>
    <message>
        <source>Sort by confidence, lowest first</source>
        <translation>신뢰도가 낮은 행부터 정렬합니다</translation>
    </message>
    <message>
        <source>Differs from known label</source>
        <translation>기존 라벨과 다름</translation>
    </message>
    <message>
        <source>Likely label errors</source>
        <translation>라벨 오류 의심</translation>
    </message>
    <message>
        <source>Changed by new model</source>
        <translation>새 모델로 바뀐 행</translation>
    </message>
    <message>
        <source>Show only the rows whose prediction changed when a model version was activated</source>
        <translation>모델 버전을 활성화했을 때 예측이 바뀐 행만 표시합니다</translation>
    </message>
    <message>
        <source>Empty text</source>
        <translation>빈 텍스트</translation>
    </message>
    <message>
        <source>Show only rows without review text</source>
        <translation>리뷰 텍스트가 없는 행만 표시합니다</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>필터 해제</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>신뢰도</translation>
    </message>
    <message>
        <source>All predicted labels</source>
        <translation>모든 예측 라벨</translation>
    </message>
    <message>
        <source>Choose a known-label column and map its values first</source>
        <translation>먼저 기존 라벨 열을 고르고 그 값을 매핑하세요</translation>
    </message>
    <message>
        <source>Show rows whose final label differs from the mapped known label</source>
        <translation>최종 라벨이 매핑된 기존 라벨과 다른 행을 표시합니다</translation>
    </message>
    <message>
        <source>Show rows where a confident prediction disagrees with the known label, most doubtful first</source>
        <translation>확신 있는 예측이 기존 라벨과 어긋나는 행을 가장 의심스러운 것부터 표시합니다</translation>
    </message>
</context>
<context>
    <name>FinetuneFigures</name>
    <message>
        <source>Validation set</source>
        <translation>검증 세트</translation>
    </message>
    <message>
        <source>Reference set</source>
        <translation>기준 세트</translation>
    </message>
    <message>
        <source>Your corrected and accepted rows held out from training, to measure what the model learned</source>
        <translation>학습에서 떼어 둔 교정·수락 행으로, 모델이 무엇을 배웠는지 잽니다</translation>
    </message>
    <message>
        <source>Rows the previous model labelled with high confidence, never trained on, to measure what it forgot</source>
        <translation>이전 모델이 높은 확신으로 분류한 행으로, 학습에 쓰지 않고 모델이 무엇을 잊었는지 잽니다</translation>
    </message>
    <message>
        <source>accuracy {before} → {after} · macro F1 {f1_before} → {f1_after} · {rows} rows</source>
        <translation>정확도 {before} → {after} · 매크로 F1 {f1_before} → {f1_after} · {rows}행</translation>
    </message>
    <message>
        <source>{corrections} corrected, {accepted} accepted, {known} known labels, {replay} replay</source>
        <translation>교정 {corrections}행, 수락 {accepted}행, 기존 라벨 {known}행, 재사용(replay) {replay}행</translation>
    </message>
</context>
<context>
    <name>FinetuneFlow</name>
    <message>
        <source>Choose the column that holds the review text first.</source>
        <translation>먼저 리뷰 텍스트가 들어 있는 열을 선택하세요.</translation>
    </message>
    <message>
        <source>Run classification first: fine-tuning starts from the model&apos;s predictions and your corrections.</source>
        <translation>먼저 분류를 실행하세요. 재학습은 모델의 예측과 교정한 라벨에서 시작합니다.</translation>
    </message>
    <message>
        <source>Enter a Hugging Face model id, or choose another model.</source>
        <translation>Hugging Face 모델 ID를 입력하거나 다른 모델을 선택하세요.</translation>
    </message>
    <message>
        <source>Could not open the model versions</source>
        <translation>모델 버전을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>모델을 불러오는 중…</translation>
    </message>
    <message>
        <source>The chosen model&apos;s labels ({model}) differ from the labels of your corrections ({labels}). Choose the model that made the predictions, or run classification with this model first.</source>
        <translation>선택한 모델의 라벨({model})이 교정한 라벨({labels})과 다릅니다. 예측을 만든 모델을 고르거나, 이 모델로 먼저 분류를 실행하세요.</translation>
    </message>
    <message>
        <source>Could not load the model</source>
        <translation>모델을 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>Checking and saving the new version…</source>
        <translation>새 버전을 확인하고 저장하는 중…</translation>
    </message>
    <message>
        <source>Saving the new version…</source>
        <translation>새 버전을 저장하는 중…</translation>
    </message>
    <message>
        <source>Fine-tuning…</source>
        <translation>재학습 중…</translation>
    </message>
    <message>
        <source>Fine-tuning failed; the current model is unchanged.</source>
        <translation>재학습에 실패했습니다. 현재 모델은 그대로입니다.</translation>
    </message>
    <message>
        <source>Fine-tuning failed</source>
        <translation>재학습 실패</translation>
    </message>
    <message>
        <source>Fine-tuning finished: version {version} saved, not active yet.</source>
        <translation>재학습 완료: 버전 {version}을(를) 저장했고 아직 활성화하지 않았습니다.</translation>
    </message>
    <message>
        <source>Fine-tuning finished, but the new version could not be saved.</source>
        <translation>재학습은 끝났지만 새 버전을 저장하지 못했습니다.</translation>
    </message>
    <message>
        <source>Wait until the running job has finished, then activate the version.</source>
        <translation>실행 중인 작업이 끝난 뒤 버전을 활성화하세요.</translation>
    </message>
    <message>
        <source>Could not activate the version</source>
        <translation>버전을 활성화할 수 없습니다</translation>
    </message>
    <message>
        <source>Version {version} is active; classifying the table again…</source>
        <translation>버전 {version}을(를) 활성화했습니다. 표를 다시 분류하는 중…</translation>
    </message>
    <message>
        <source>Version {version} is active: {count} rows changed prediction.</source>
        <translation>버전 {version} 활성화: 예측이 바뀐 행 {count}개.</translation>
    </message>
    <message>
        <source>Open a review file first; model versions are kept per table.</source>
        <translation>먼저 리뷰 파일을 여세요. 모델 버전은 표마다 따로 보관합니다.</translation>
    </message>
    <message>
        <source>Fine-tuning</source>
        <translation>재학습</translation>
    </message>
</context>
<context>
    <name>FinetuneProgress</name>
    <message>
        <source>Fine-tuning</source>
        <translation>재학습</translation>
    </message>
    <message>
        <source>Cancel fine-tuning</source>
        <translation>재학습 취소</translation>
    </message>
    <message>
        <source>Stop before the next training step; nothing is saved and the current model stays active</source>
        <translation>다음 학습 단계 전에 멈춥니다. 아무것도 저장하지 않고 현재 모델을 그대로 씁니다</translation>
    </message>
    <message>
        <source>Step {step} / {total}</source>
        <translation>단계 {step} / {total}</translation>
    </message>
    <message>
        <source>epoch {epoch} / {epochs}</source>
        <translation>에포크 {epoch} / {epochs}</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>손실 {loss}</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>남은 시간 약 {time}</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>현재 단계가 끝나면 멈춥니다…</translation>
    </message>
</context>
<context>
    <name>FinetuneResultDialog</name>
    <message>
        <source>Fine-tuning finished</source>
        <translation>재학습 완료</translation>
    </message>
    <message>
        <source>Trained on {rows}; {steps} of {planned} steps in {seconds} s.</source>
        <translation>학습 데이터: {rows}. 계획한 {planned}단계 중 {steps}단계를 {seconds}초 동안 학습했습니다.</translation>
    </message>
    <message>
        <source>Activate new version</source>
        <translation>새 버전 활성화</translation>
    </message>
    <message>
        <source>Use the new version and classify the table again with it</source>
        <translation>새 버전을 쓰고 그 버전으로 표를 다시 분류합니다</translation>
    </message>
    <message>
        <source>Keep current version</source>
        <translation>현재 버전 유지</translation>
    </message>
    <message>
        <source>The new version is worse than the current one. Keep the current version.</source>
        <translation>새 버전이 현재 버전보다 나쁩니다. 현재 버전을 유지하세요.</translation>
    </message>
    <message>
        <source>There were no rows to check the new version on. Compare its predictions yourself before you rely on it.</source>
        <translation>새 버전을 확인할 행이 없었습니다. 쓰기 전에 예측을 직접 비교해 보세요.</translation>
    </message>
    <message>
        <source>The new version is not worse than the current one on the checked rows: no check set lost more than {points} points of accuracy, and it still predicts every label.</source>
        <translation>확인한 행에서 새 버전은 현재 버전보다 나쁘지 않습니다. 정확도가 {points}%p 넘게 떨어진 확인 세트가 없고, 모든 라벨을 여전히 예측합니다.</translation>
    </message>
    <message>
        <source>The new version could not be saved: {detail} The current version stays active.</source>
        <translation>새 버전을 저장하지 못했습니다: {detail} 현재 버전을 계속 씁니다.</translation>
    </message>
    <message>
        <source>Saved as version {version} in {folder}. It is not active yet: activate it now, or later from Model → Model versions.</source>
        <translation>{folder}에 버전 {version}(으)로 저장했습니다. 아직 활성화하지 않았습니다. 지금 활성화하거나 나중에 모델 → 모델 버전에서 활성화하세요.</translation>
    </message>
    <message>
        <source>Check set</source>
        <translation>확인 세트</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>행 수</translation>
    </message>
    <message>
        <source>Accuracy before</source>
        <translation>정확도(전)</translation>
    </message>
    <message>
        <source>Accuracy after</source>
        <translation>정확도(후)</translation>
    </message>
    <message>
        <source>Macro F1 before</source>
        <translation>매크로 F1(전)</translation>
    </message>
    <message>
        <source>Macro F1 after</source>
        <translation>매크로 F1(후)</translation>
    </message>
    <message>
        <source>Predicted before</source>
        <translation>예측 분포(전)</translation>
    </message>
    <message>
        <source>Predicted after</source>
        <translation>예측 분포(후)</translation>
    </message>
</context>
<context>
    <name>KnownLabelsFlow</name>
    <message>
        <source>Choose a known-label column above first.</source>
        <translation>먼저 위에서 기존 라벨 열을 고르세요.</translation>
    </message>
    <message>
        <source>Run a classification first, so that the model&apos;s labels are known.</source>
        <translation>먼저 분류를 실행해 모델의 라벨을 알아야 합니다.</translation>
    </message>
    <message>
        <source>Map known labels</source>
        <translation>기존 라벨 매핑</translation>
    </message>
    <message>
        <source>Could not save the label mapping</source>
        <translation>라벨 매핑을 저장하지 못했습니다</translation>
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
    <name>LabelEditCommand</name>
    <message>
        <source>Accept {count} predictions</source>
        <translation>예측 {count}개 수락</translation>
    </message>
    <message>
        <source>Clear the label of {count} rows</source>
        <translation>{count}개 행의 라벨 지우기</translation>
    </message>
    <message>
        <source>Label {count} rows &apos;{label}&apos;</source>
        <translation>{count}개 행을 &apos;{label}&apos;(으)로 라벨 지정</translation>
    </message>
</context>
<context>
    <name>LabelMappingDialog</name>
    <message>
        <source>Map known labels</source>
        <translation>기존 라벨 매핑</translation>
    </message>
    <message>
        <source>Choose the model label that each value of the column &quot;{column}&quot; means. Rows with an unmapped value are left out of the metrics.</source>
        <translation>&quot;{column}&quot; 열의 각 값이 어떤 모델 라벨을 뜻하는지 고르세요. 매핑하지 않은 값의 행은 지표 계산에서 빠집니다.</translation>
    </message>
    <message>
        <source>The values fit more than one reading. Check the suggested labels before relying on the metrics.</source>
        <translation>이 값들은 여러 방식으로 해석될 수 있습니다. 지표를 믿기 전에 제안된 라벨을 확인하세요.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>행 수</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>라벨</translation>
    </message>
    <message>
        <source>Use suggestion</source>
        <translation>제안대로 되돌리기</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(빈 값)</translation>
    </message>
    <message>
        <source>Not mapped</source>
        <translation>매핑 안 함</translation>
    </message>
    <message>
        <source>{count} more values ({rows} rows) are not listed and keep their suggested label.</source>
        <translation>목록에 없는 값 {count}개({rows}개 행)는 제안된 라벨을 그대로 씁니다.</translation>
    </message>
    <message>
        <source>Mapped: {mapped} rows · not mapped: {unmapped} rows</source>
        <translation>매핑됨: {mapped}개 행 · 매핑 안 됨: {unmapped}개 행</translation>
    </message>
</context>
<context>
    <name>LabelNamesDialog</name>
    <message>
        <source>Label names</source>
        <translation>라벨 이름</translation>
    </message>
    <message>
        <source>Names shown in the table, the summary and exported files. The model&apos;s own names stay in the project.</source>
        <translation>표, 요약, 내보낸 파일에 보이는 이름입니다. 모델의 원래 이름은 프로젝트에 그대로 남습니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Review Labeler</source>
        <translation>리뷰 라벨러</translation>
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
        <source>Fine-tuning is running. Stop it and open another table? The current model stays active.</source>
        <translation>재학습 중입니다. 중단하고 다른 표를 열까요? 현재 모델은 그대로 활성 상태입니다.</translation>
    </message>
    <message>
        <source>Fine-tuning running</source>
        <translation>재학습 중</translation>
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
        <source>Fine-tuning is running. Stop it and quit? The current model stays active and nothing is saved.</source>
        <translation>재학습 중입니다. 중단하고 종료할까요? 현재 모델은 그대로이고 아무것도 저장하지 않습니다.</translation>
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
    <name>ModelMenu</name>
    <message>
        <source>&amp;Fine-tune</source>
        <translation>재학습(&amp;F)</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>재학습</translation>
    </message>
    <message>
        <source>Train the model further on your corrected and accepted rows, in the background</source>
        <translation>교정하거나 수락한 행으로 모델을 백그라운드에서 더 학습시킵니다</translation>
    </message>
    <message>
        <source>&amp;Cancel fine-tuning</source>
        <translation>재학습 취소(&amp;C)</translation>
    </message>
    <message>
        <source>Also train on &amp;known labels</source>
        <translation>기존 라벨도 학습에 사용(&amp;K)</translation>
    </message>
    <message>
        <source>Model &amp;versions…</source>
        <translation>모델 버전(&amp;V)…</translation>
    </message>
    <message>
        <source>Rows without a correction whose known label maps to a model label are trained on too</source>
        <translation>교정하지 않은 행 중 기존 라벨이 모델 라벨에 대응되는 행도 학습합니다</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>모델(&amp;M)</translation>
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
</context>
<context>
    <name>ProjectController</name>
    <message>
        <source>Open a project</source>
        <translation>프로젝트 열기</translation>
    </message>
    <message>
        <source>Review Labeler projects (*{suffix});;All files (*)</source>
        <translation>리뷰 라벨러 프로젝트 (*{suffix});;모든 파일 (*)</translation>
    </message>
    <message>
        <source>{project} – Review Labeler</source>
        <translation>{project} – 리뷰 라벨러</translation>
    </message>
    <message>
        <source>Opened project {project}: {rows} rows, {reviewed} reviewed.</source>
        <translation>프로젝트 {project}을(를) 열었습니다: {rows}개 행, {reviewed}개 검토함.</translation>
    </message>
    <message>
        <source>{project} is write-protected, so it was opened read-only: you can browse, filter and export, but labels cannot be changed.</source>
        <translation>{project} 파일이 쓰기 금지되어 있어 읽기 전용으로 열었습니다. 보기, 필터, 내보내기는 되지만 라벨은 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <source>The source file had changed. The saved labels were re-matched by position; {matching} of {rows} rows still have the same text.</source>
        <translation>원본 파일이 바뀌어 저장된 라벨을 행 위치대로 다시 맞췄습니다. {rows}개 행 중 {matching}개 행의 텍스트가 그대로입니다.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>숨기기</translation>
    </message>
    <message>
        <source>This project is open read-only; labels cannot be changed.</source>
        <translation>이 프로젝트는 읽기 전용으로 열려 있어 라벨을 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <source>A project for this file exists: {project}. Open it to continue where you left off?</source>
        <translation>이 파일의 프로젝트가 있습니다: {project}. 열어서 하던 작업을 이어갈까요?</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>프로젝트 열기</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>Keep this work in a project file? Predictions and corrections are saved as you make them, so you can close the app and continue later. It would be saved as {project} beside the data file.</source>
        <translation>이 작업을 프로젝트 파일로 저장할까요? 예측과 수정 내용이 바로바로 저장되어 앱을 닫았다가 나중에 이어서 할 수 있습니다. 데이터 파일 옆에 {project}(으)로 저장됩니다.</translation>
    </message>
    <message>
        <source>Create project</source>
        <translation>프로젝트 만들기</translation>
    </message>
    <message>
        <source>Choose location…</source>
        <translation>위치 선택…</translation>
    </message>
    <message>
        <source>Always create</source>
        <translation>항상 만들기</translation>
    </message>
    <message>
        <source>Never ask</source>
        <translation>묻지 않기</translation>
    </message>
    <message>
        <source>Save as project</source>
        <translation>프로젝트로 저장</translation>
    </message>
    <message>
        <source>Review Labeler projects (*{suffix})</source>
        <translation>리뷰 라벨러 프로젝트 (*{suffix})</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>프로젝트</translation>
    </message>
    <message>
        <source>Choose the column that holds the review text first.</source>
        <translation>먼저 리뷰 텍스트가 있는 열을 고르세요.</translation>
    </message>
    <message>
        <source>The project {project} will be created when the classification starts, because it needs the model&apos;s labels.</source>
        <translation>프로젝트에는 모델의 라벨이 필요하므로 {project} 파일은 분류를 시작할 때 만들어집니다.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Could not create the project</source>
        <translation>프로젝트를 만들지 못했습니다</translation>
    </message>
    <message>
        <source>Created project {project}; every correction is saved in it.</source>
        <translation>프로젝트 {project}을(를) 만들었습니다. 모든 수정 내용이 여기에 저장됩니다.</translation>
    </message>
    <message>
        <source>Could not update the project</source>
        <translation>프로젝트를 갱신하지 못했습니다</translation>
    </message>
    <message>
        <source>This project keeps the predictions and corrections of the column &quot;{column}&quot;. To classify another column, open the data file without the project.</source>
        <translation>이 프로젝트는 &quot;{column}&quot; 열의 예측과 수정 내용을 담고 있습니다. 다른 열을 분류하려면 프로젝트 없이 데이터 파일을 여세요.</translation>
    </message>
    <message>
        <source>Could not save to the project</source>
        <translation>프로젝트에 저장하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>ProjectOpener</name>
    <message>
        <source>The file {file} has changed since this project was made.

{matching} of the {compared} rows compared still have the same review text. The project has {project_rows} rows, the file now has {table_rows}.</source>
        <translation>이 프로젝트를 만든 뒤 파일 {file}이(가) 바뀌었습니다.

비교한 {compared}개 행 중 {matching}개 행의 리뷰 텍스트가 그대로입니다. 프로젝트에는 {project_rows}개 행이, 지금 파일에는 {table_rows}개 행이 있습니다.</translation>
    </message>
    <message>
        <source>Source file changed</source>
        <translation>원본 파일이 바뀜</translation>
    </message>
    <message>
        <source>Re-matching attaches the saved labels to the rows at the same positions, which is only right if rows were edited in place, not inserted, deleted or re-sorted.</source>
        <translation>다시 맞추면 저장된 라벨을 같은 위치의 행에 붙입니다. 행을 그 자리에서 고치기만 했을 때만 맞고, 행을 넣거나 지우거나 다시 정렬했다면 틀립니다.</translation>
    </message>
    <message>
        <source>Re-match by position</source>
        <translation>위치로 다시 맞추기</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중단</translation>
    </message>
    <message>
        <source>Locate the source file</source>
        <translation>원본 파일 찾기</translation>
    </message>
    <message>
        <source>Review tables ({patterns});;All files (*)</source>
        <translation>리뷰 표 ({patterns});;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Could not open the project</source>
        <translation>프로젝트를 열지 못했습니다</translation>
    </message>
    <message>
        <source>Could not read the source file</source>
        <translation>원본 파일을 읽지 못했습니다</translation>
    </message>
    <message>
        <source>The source file of this project was not found:
{file}

Locate it?</source>
        <translation>이 프로젝트의 원본 파일을 찾을 수 없습니다:
{file}

파일 위치를 직접 지정할까요?</translation>
    </message>
    <message>
        <source>The source file of this project could not be read:
{file}
({detail})

Locate it?</source>
        <translation>이 프로젝트의 원본 파일을 읽을 수 없습니다:
{file}
({detail})

파일 위치를 직접 지정할까요?</translation>
    </message>
    <message>
        <source>Source file not found</source>
        <translation>원본 파일 없음</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>폴더</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>파일 형식(&amp;T):</translation>
    </message>
</context>
<context>
    <name>RecentPathsMenu</name>
    <message>
        <source>Clear list</source>
        <translation>목록 지우기</translation>
    </message>
</context>
<context>
    <name>RecentProjectsMenu</name>
    <message>
        <source>&amp;Recent projects</source>
        <translation>최근 프로젝트(&amp;R)</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>최근 프로젝트 없음</translation>
    </message>
    <message>
        <source>Recent f&amp;iles</source>
        <translation>최근 파일(&amp;I)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>최근 파일 없음</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>Undo</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>&amp;Accept prediction</source>
        <translation>예측 수락(&amp;A)</translation>
    </message>
    <message>
        <source>Label &amp;names…</source>
        <translation>라벨 이름(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Map known labels…</source>
        <translation>기존 라벨 매핑(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Search reviews</source>
        <translation>리뷰 검색(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>필터 해제(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Least confident first</source>
        <translation>신뢰도 낮은 순(&amp;L)</translation>
    </message>
    <message>
        <source>Open &amp;project…</source>
        <translation>프로젝트 열기(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as pro&amp;ject…</source>
        <translation>프로젝트로 저장(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Mark the predicted label of the selected rows as correct (Enter)</source>
        <translation>선택한 행의 예측 라벨을 맞는 것으로 표시합니다 (Enter)</translation>
    </message>
    <message>
        <source>Summary &amp;panel</source>
        <translation>요약 패널(&amp;P)</translation>
    </message>
    <message>
        <source>Undo {action}</source>
        <translation>되돌리기: {action}</translation>
    </message>
    <message>
        <source>Redo {action}</source>
        <translation>다시 실행: {action}</translation>
    </message>
</context>
<context>
    <name>ReviewTableModel</name>
    <message>
        <source>Labels from the column &quot;{column}&quot; of the file</source>
        <translation>파일의 &quot;{column}&quot; 열에 있던 라벨</translation>
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
        <source>The review is longer than the model&apos;s maximum length; only its beginning was classified.</source>
        <translation>리뷰가 모델의 최대 길이보다 길어서 앞부분만 분류했습니다.</translation>
    </message>
    <message>
        <source>Value in the file: {value}</source>
        <translation>파일의 값: {value}</translation>
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
    <name>StartScreen</name>
    <message>
        <source>&amp;Open a file…</source>
        <translation>파일 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a pro&amp;ject…</source>
        <translation>프로젝트 열기(&amp;J)…</translation>
    </message>
    <message>
        <source>Open the s&amp;ample file</source>
        <translation>예제 파일 열기(&amp;A)</translation>
    </message>
    <message>
        <source>Open a review table: CSV, TSV, TXT or XLSX</source>
        <translation>리뷰 표 파일을 엽니다: CSV, TSV, TXT, XLSX</translation>
    </message>
    <message>
        <source>Continue a project (.rlproj) with its labels and corrections</source>
        <translation>라벨과 교정 내용이 저장된 프로젝트(.rlproj)를 이어서 작업합니다</translation>
    </message>
    <message>
        <source>A small table of invented shopping reviews that comes with the app</source>
        <translation>앱에 포함된, 직접 지어낸 쇼핑 리뷰로 만든 작은 예제 표</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>최근 프로젝트</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>최근 파일</translation>
    </message>
    <message>
        <source>Tip: drop a CSV, TSV, TXT or XLSX file anywhere on this window to open it, or open the sample file to try the app.</source>
        <translation>도움말: CSV, TSV, TXT, XLSX 파일을 이 창 아무 곳에나 끌어다 놓으면 열립니다. 처음이라면 예제 파일로 먼저 사용해 보세요.</translation>
    </message>
    <message>
        <source>Review Labeler</source>
        <translation>리뷰 라벨러</translation>
    </message>
    <message>
        <source>Label the sentiment of shopping reviews, correct the labels and export them.</source>
        <translation>쇼핑 리뷰의 감성을 분류하고, 라벨을 교정하고, 결과를 내보냅니다.</translation>
    </message>
    <message>
        <source>&amp;Recent projects</source>
        <translation>최근 프로젝트(&amp;R)</translation>
    </message>
    <message>
        <source>Recent f&amp;iles</source>
        <translation>최근 파일(&amp;I)</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>최근 프로젝트 없음</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>최근 파일 없음</translation>
    </message>
    <message>
        <source>{name} (not found)</source>
        <translation>{name} (찾을 수 없음)</translation>
    </message>
</context>
<context>
    <name>StatusCounts</name>
    <message>
        <source>{rows} rows · {shown} shown · {reviewed} reviewed · {corrected} corrected</source>
        <translation>{rows}개 행 · 표시 {shown} · 검토 {reviewed} · 수정 {corrected}</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Model predictions</source>
        <translation>모델 예측</translation>
    </message>
    <message>
        <source>Final labels</source>
        <translation>최종 라벨</translation>
    </message>
    <message>
        <source>Compare the known labels with the model&apos;s predictions or with the final labels</source>
        <translation>기존 라벨을 모델 예측 또는 최종 라벨과 비교합니다</translation>
    </message>
    <message>
        <source>Show them</source>
        <translation>보기</translation>
    </message>
    <message>
        <source>Choose a known-label column and map its values to see accuracy, precision, recall, F1 and the confusion matrix.</source>
        <translation>기존 라벨 열을 고르고 값을 매핑하면 정확도, 정밀도, 재현율, F1과 혼동 행렬을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Compared with known labels</source>
        <translation>기존 라벨과 비교</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>혼동 행렬</translation>
    </message>
    <message>
        <source>Label distribution</source>
        <translation>라벨 분포</translation>
    </message>
    <message>
        <source>Confidence histogram</source>
        <translation>신뢰도 분포</translation>
    </message>
    <message>
        <source>Open a file and run the classification to see a summary.</source>
        <translation>파일을 열고 분류를 실행하면 요약이 나타납니다.</translation>
    </message>
    <message>
        <source>{rows} rows · {classified} classified · {reviewed} reviewed · {corrected} corrected</source>
        <translation>{rows}개 행 · 분류 {classified} · 검토 {reviewed} · 수정 {corrected}</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>최종</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>행 수</translation>
    </message>
    <message>
        <source>Accuracy {accuracy} · macro F1 {f1} · {rows} rows compared</source>
        <translation>정확도 {accuracy} · 매크로 F1 {f1} · 비교한 행 {rows}개</translation>
    </message>
    <message>
        <source>Confidence (%)</source>
        <translation>신뢰도(%)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>라벨</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>정밀도</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>재현율</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Macro average</source>
        <translation>매크로 평균</translation>
    </message>
    <message>
        <source>model prediction</source>
        <translation>모델 예측</translation>
    </message>
    <message>
        <source>final label</source>
        <translation>최종 라벨</translation>
    </message>
    <message>
        <source>Rows: known label · columns: {compared}</source>
        <translation>행: 기존 라벨 · 열: {compared}</translation>
    </message>
    <message>
        <source>Likely label errors: {count} rows</source>
        <translation>라벨 오류 의심: {count}개 행</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <source>Model versions</source>
        <translation>모델 버전</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>활성</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>만든 시각</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>기반 모델</translation>
    </message>
    <message>
        <source>Training rows</source>
        <translation>학습 행</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>판정</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>활성화</translation>
    </message>
    <message>
        <source>Use the selected version and classify the table again with it. Choosing an older version rolls back.</source>
        <translation>선택한 버전을 쓰고 그 버전으로 표를 다시 분류합니다. 이전 버전을 고르면 되돌리기(롤백)입니다.</translation>
    </message>
    <message>
        <source>Versions are kept beside the project file, in {folder}.</source>
        <translation>버전은 프로젝트 파일 옆 {folder}에 보관합니다.</translation>
    </message>
    <message>
        <source>No project is open, so versions are kept in your user data folder, in {folder}, under the path of the data file. Save a project to keep them beside it.</source>
        <translation>프로젝트를 열지 않았으므로 버전은 사용자 데이터 폴더의 {folder}에 데이터 파일 경로별로 보관합니다. 프로젝트로 저장하면 프로젝트 옆에 보관합니다.</translation>
    </message>
    <message>
        <source>{id} (base model)</source>
        <translation>{id} (기반 모델)</translation>
    </message>
    <message>
        <source>{id} (from {parent})</source>
        <translation>{id} ({parent}에서 학습)</translation>
    </message>
    <message>
        <source>Bundled Korean model</source>
        <translation>기본 한국어 모델</translation>
    </message>
    <message>
        <source>Worse than its parent</source>
        <translation>이전 버전보다 나쁨</translation>
    </message>
    <message>
        <source>Not worse</source>
        <translation>나쁘지 않음</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>되돌리기(롤백)</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Run classification</source>
        <translation>분류 실행</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>&amp;Run classification</source>
        <translation>분류 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel classification</source>
        <translation>분류 취소(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
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
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>시스템 기본값(&amp;S)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
</context>
</TS>
