"""The words of critical questions (check, report, hover, the defence appendix): part of ``core.messages``' catalogue.

Kept apart from the deck's and the report's words only for the length of one
module; the entries are the catalogue's, in its five languages and order
(``core.messages.LANGUAGES``), and ``core.messages.message`` reads them.
"""

from __future__ import annotations

QUESTION_MESSAGES: dict[str, tuple[str, str, str, str, str]] = {
    "question.answered": (
        "answered by {names}",
        "已由 {names} 回答",
        "已由 {names} 回答",
        "{names} が回答",
        "{names}이(가) 답함",
    ),
    "question.raised": ("raised by {names}", "由 {names} 提出", "由 {names} 提出", "{names} が提起", "{names}이(가) 제기함"),
    "question.open": ("open", "未回答", "未回答", "未回答", "미답변"),
    "question.not_raised": ("not raised", "未被提出", "未被提出", "提起されていない", "제기되지 않음"),
    # Critical questions: the language server's hover on a scheme and the defence appendix (``slides --questions``).
    "questions.open": ("Open questions", "待答問題", "待答问题", "未回答の問い", "답하지 않은 질문"),
    "questions.answered": ("Answered", "已回答", "已回答", "回答済み", "답한 질문"),
    "questions.answered_by": ("answered by {ids}", "由 {ids} 回答", "由 {ids} 回答", "{ids} が回答", "{ids}이(가) 답함"),
    "questions.raised_by": ("raised by {ids}", "由 {ids} 提出", "由 {ids} 提出", "{ids} が提起", "{ids}이(가) 제기"),
    "questions.hidden": ("hidden premise", "隱含前提", "隐含前提", "隠れた前提", "숨은 전제"),
    "questions.none_open": (
        "Every question is answered.",
        "所有問題皆已回答。",
        "所有问题均已回答。",
        "すべての問いに回答済みです。",
        "모든 질문에 답했습니다.",
    ),
    "questions.unknown": (
        "Not a scheme of the catalogue: {advice}",
        "不是型式目錄中的論證型式：{advice}",
        "不是型式目录中的论证型式：{advice}",
        "カタログにない型式です：{advice}",
        "목록에 없는 논증 형식입니다: {advice}",
    ),
    "questions.appendix": ("Defence questions", "口試攻防", "答辩攻防", "口頭試問への備え", "구술 심사 대비"),
    "questions.appendix_kicker": ("Appendix", "附錄", "附录", "付録", "부록"),
    "questions.about": ("On {inference}", "針對 {inference}", "针对 {inference}", "{inference} について", "{inference}에 대해"),
    "questions.answer_with": ("What answers it", "可用以回答", "可用以回答", "答えになるもの", "답이 될 진술"),
    "questions.nothing_yet": ("nothing in the map yet", "論證圖中尚無", "论证图中尚无", "マップにはまだない", "지도에 아직 없음"),
    "questions.none": (
        "No open questions: every scheme's questions are answered.",
        "沒有待答問題：各論證型式的問題皆已回答。",
        "没有待答问题：各论证型式的问题均已回答。",
        "未回答の問いはありません。",
        "답하지 않은 질문이 없습니다.",
    ),
}
