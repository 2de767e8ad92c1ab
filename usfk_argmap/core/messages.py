"""The one message catalogue: every word a deck, a report or a picture adds around the map's own text.

Each entry holds the message in the five catalogue languages (``LANGUAGES``),
with the same ``str.format`` placeholders in each. ``message(id, lang)``
picks the language nearest the map's ``lang`` (or ``--ui-lang``), as
``core.language`` reads the tag: zh-Hant, zh-TW, zh-HK get Traditional
Chinese; other zh Simplified; ja Japanese; ko Korean; anything else English.
Here, below the drawing layer, so that the badges of ``render --evaluate``
and the decks' titles come from the same table.
"""

from __future__ import annotations

import re
from typing import Any

from usfk_argmap.core.language import cjk_region
from usfk_argmap.core.messages_explain import EXPLAIN_MESSAGES
from usfk_argmap.core.messages_questions import QUESTION_MESSAGES

#: The catalogue's languages, in the order of every entry's texts.
LANGUAGES = ("en", "zh-Hant", "zh-Hans", "ja", "ko")
_BY_REGION = {"TC": "zh-Hant", "SC": "zh-Hans", "JP": "ja", "KR": "ko"}
#: A BCP 47 tag as ``--ui-lang`` takes it: a language and optional subtags (``zh-Hant-TW``, ``en``).
_TAG = re.compile(r"^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$")

#: Message id -> its text in each of ``LANGUAGES``, in that order.
CATALOGUE: dict[str, tuple[str, str, str, str, str]] = {
    # The deck's slide titles and kickers.
    "deck.overview": ("Overview", "總覽", "概览", "概要", "개요"),
    "deck.whole_map": ("The whole map", "完整論證圖", "完整论证图", "マップ全体", "전체 지도"),
    "deck.in_focus": ("In focus", "焦點", "焦点", "焦点", "초점"),
    "deck.sections": ("The parts of the map", "論證圖的各部分", "论证图的各部分", "マップの各部分", "지도의 각 부분"),
    "deck.appendix": ("{title} (appendix)", "{title}（附錄）", "{title}（附录）", "{title}（付録）", "{title} (부록)"),
    "deck.statement_count": ("{count} statements", "{count} 個論述", "{count} 个论述", "文 {count} 件", "진술 {count}개"),
    # A slide title another slide has already, said with its kicker (a part named by its claim, then the claim in focus).
    "deck.titled": (
        "{title} ({kicker})",
        "{title}（{kicker}）",
        "{title}（{kicker}）",
        "{title}（{kicker}）",
        "{title} ({kicker})",
    ),
    # The deck's legend slide (``present.slides.legend``): what a muted box, a joint and a badge mean.
    "deck.legend_context": (
        "another part's statement, for orientation",
        "其他部分的論述（僅供對照）",
        "其他部分的论述（仅供对照）",
        "他の部分の文（参照用）",
        "다른 부분의 진술(참고용)",
    ),
    "deck.legend_argument": (
        "premises that support only together meet here",
        "共同支持的前提在此交會",
        "共同支持的前提在此交会",
        "組み合わせて支える前提がここで合流",
        "함께 지지하는 전제가 만나는 점",
    ),
    "deck.legend_undercut": (
        "an inference that an undercut attacks",
        "被削弱的推論",
        "被削弱的推论",
        "攻撃される推論",
        "공격받는 추론",
    ),
    "deck.legend_established": (
        "no objection to it stands",
        "沒有成立的反對",
        "没有成立的反对",
        "成り立つ反論がない",
        "성립하는 반론이 없음",
    ),
    "deck.legend_defeated": (
        "an objection that stands defeats it",
        "被成立的反對推翻",
        "被成立的反对推翻",
        "成り立つ反論に覆される",
        "성립하는 반론에 의해 기각됨",
    ),
    "deck.legend_open": (
        "undecided: objections answer each other in a circle",
        "未定：反對彼此循環攻擊",
        "未定：反对彼此循环攻击",
        "未決：反論が互いに循環している",
        "미정: 반론이 서로 순환함",
    ),
    "deck.slide_count": (
        "{count} slides",
        "共 {count} 張投影片",
        "共 {count} 张幻灯片",
        "スライド {count} 枚",
        "슬라이드 {count}장",
    ),
    "deck.step": (
        "Step {now} of {total}",
        "第 {now} 步，共 {total} 步",
        "第 {now} 步，共 {total} 步",
        "ステップ {now}/{total}",
        "{total}단계 중 {now}단계",
    ),
    "deck.step_label": ("Build step", "步驟", "步骤", "ステップ", "단계"),
    "deck.zoom_hint": (
        "scroll or pinch to zoom · drag to pan · 0 resets · click a statement",
        "捲動或雙指縮放 · 拖曳移動 · 按 0 還原 · 點選論述即可前往",
        "滚动或双指缩放 · 拖动平移 · 按 0 复原 · 点击论述即可跳转",
        "スクロールかピンチで拡大縮小 · ドラッグで移動 · 0 で元に戻す · 文をクリックで移動",
        "스크롤이나 핀치로 확대·축소 · 드래그로 이동 · 0으로 원래대로 · 진술을 클릭하면 이동",
    ),
    "deck.speaker_notes": ("Speaker notes", "講者備忘稿", "演讲者备注", "発表者ノート", "발표자 노트"),
    "deck.controls": ("Slide controls", "投影片控制", "幻灯片控制", "スライド操作", "슬라이드 조작"),
    "deck.previous": ("Previous", "上一張", "上一张", "前へ", "이전"),
    "deck.next": ("Next", "下一張", "下一张", "次へ", "다음"),
    "deck.presenter": ("Presenter", "講者視窗", "演讲者视图", "発表者ビュー", "발표자 보기"),
    "deck.outline": ("Outline", "大綱", "大纲", "アウトライン", "개요 목록"),
    "deck.show_outline": (
        "Show the outline of the slide (key O)",
        "顯示本張投影片的大綱",
        "显示本张幻灯片的大纲",
        "スライドのアウトラインを表示",
        "슬라이드의 개요 목록 보기",
    ),
    "deck.details": ("Statement", "論述", "论述", "文", "진술"),
    "deck.open_presenter": (
        "Open the presenter window",
        "開啟講者視窗",
        "打开演讲者视图",
        "発表者ビューを開く",
        "발표자 보기 열기",
    ),
    "deck.draft": (
        "Draft: this map has {errors} errors, and the slides show it as far as it loaded. Run {command} to see and fix them.",
        "草稿：這份論證圖有 {errors} 個錯誤，投影片只呈現已載入的部分。請執行 {command} 查看並修正。",
        "草稿：这张论证图有 {errors} 个错误，幻灯片只展示已加载的部分。请运行 {command} 查看并修正。",
        "下書き：このマップには {errors} 件のエラーがあり、スライドは読み込めた範囲だけを示しています。"
        "{command} を実行して確認し、直してください。",
        "초안: 이 지도에 오류가 {errors}개 있어 슬라이드는 불러온 부분까지만 보여 줍니다. "
        "{command} 명령을 실행해 확인하고 고치세요.",
    ),
    "deck.draft_one": (
        "Draft: this map has {errors} error, and the slides show it as far as it loaded. Run {command} to see and fix it.",
        "草稿：這份論證圖有 {errors} 個錯誤，投影片只呈現已載入的部分。請執行 {command} 查看並修正。",
        "草稿：这张论证图有 {errors} 个错误，幻灯片只展示已加载的部分。请运行 {command} 查看并修正。",
        "下書き：このマップには {errors} 件のエラーがあり、スライドは読み込めた範囲だけを示しています。"
        "{command} を実行して確認し、直してください。",
        "초안: 이 지도에 오류가 {errors}개 있어 슬라이드는 불러온 부분까지만 보여 줍니다. "
        "{command} 명령을 실행해 확인하고 고치세요.",
    ),
    # The presenter window (never on the audience's slides).
    "presenter.keys": (
        "→ or space: next · ←: back · P: this window · on the map: + and − zoom, 0 resets",
        "→ 或空白鍵：下一步 · ←：上一步 · P：本視窗 · 在全圖上：+ 與 − 縮放，0 還原",
        "→ 或空格键：下一步 · ←：上一步 · P：本窗口 · 在全图上：+ 和 − 缩放，0 复原",
        "→ かスペース：次へ · ←：戻る · P：このウィンドウ · マップ全体で：+ と − で拡大縮小、0 で元に戻す",
        "→ 또는 스페이스: 다음 · ←: 이전 · P: 이 창 · 전체 지도에서: + 와 − 로 확대·축소, 0으로 원래대로",
    ),
    "presenter.end": ("End of the deck", "簡報結束", "演示结束", "スライドはここまで", "프레젠테이션 끝"),
    "presenter.reset": ("Reset", "重設", "重置", "リセット", "재설정"),
    "presenter.notes": ("Notes", "備忘稿", "备注", "ノート", "노트"),
    "presenter.coming": ("Next", "接下來", "接下来", "次", "다음 차례"),
    "presenter.current": ("Now on screen", "目前畫面", "当前画面", "表示中", "현재 화면"),
    "presenter.back": ("‹ Back", "‹ 上一步", "‹ 上一步", "‹ 戻る", "‹ 이전"),
    "presenter.forward": ("Next ›", "下一步 ›", "下一步 ›", "次へ ›", "다음 ›"),
    # Speaker notes (PowerPoint, Marp, Beamer). The heading of Marp's notes has no colon (see ``marp``).
    "notes.counts": (
        "{statements} statements, {claims} main claim(s).",
        "共 {statements} 則論述，{claims} 項主要主張。",
        "共 {statements} 条论述，{claims} 个主要主张。",
        "文 {statements} 件、主な主張 {claims} 件。",
        "진술 {statements}개, 주요 주장 {claims}개.",
    ),
    "notes.source_text": ("Source text: {name}", "原文：{name}", "原文：{name}", "原文：{name}", "원문: {name}"),
    "notes.heading": ("Notes", "備忘稿", "备注", "ノート", "노트"),
    "notes.source": ("Source: {quote}", "出處：{quote}", "出处：{quote}", "出典：{quote}", "출처: {quote}"),
    "notes.english": ("English: {text}", "英文：{text}", "英文：{text}", "英語：{text}", "영어: {text}"),
    "notes.note": ("Note: {text}", "附註：{text}", "附注：{text}", "メモ：{text}", "메모: {text}"),
    "notes.start": ("Start", "開始", "开始", "開始", "시작"),
    "notes.click": ("Click {click}", "第 {click} 次點擊", "第 {click} 次点击", "クリック {click}", "클릭 {click}"),
    "notes.click_continued": (
        "Click {click} (continued)",
        "第 {click} 次點擊（續）",
        "第 {click} 次点击（续）",
        "クリック {click}（続き）",
        "클릭 {click} (계속)",
    ),
    # The kinds of statement (notes, legend).
    "kind.thesis": ("thesis", "論旨", "论旨", "論旨", "논지"),
    "kind.claim": ("claim", "主張", "主张", "主張", "주장"),
    "kind.premise": ("premise", "前提", "前提", "前提", "전제"),
    "kind.evidence": ("evidence", "證據", "证据", "証拠", "증거"),
    "kind.objection": ("objection", "反對", "反对", "反論", "반론"),
    "kind.rebuttal": ("rebuttal", "反駁", "反驳", "再反論", "재반박"),
    "kind.assumption": ("assumption", "假設", "假设", "仮定", "가정"),
    "kind.argument": ("argument", "聯合論證", "联合论证", "結合論証", "결합 논증"),
    # The completeness report (``report``): its headings and labels; the diagnostics' messages stay the rules'.
    "report.heading": (
        "{title}: completeness report",
        "{title}：完整性報告",
        "{title}：完整性报告",
        "{title}：網羅性レポート",
        "{title}: 완전성 보고서",
    ),
    "report.title": (
        "{title} — completeness report",
        "{title} — 完整性報告",
        "{title} — 完整性报告",
        "{title} — 網羅性レポート",
        "{title} — 완전성 보고서",
    ),
    "report.of": (
        "Completeness report of {map}.",
        "{map} 的完整性報告。",
        "{map} 的完整性报告。",
        "{map} の網羅性レポート。",
        "{map}의 완전성 보고서.",
    ),
    "report.of_source": (
        "Completeness report of {map}, quotes checked against {source}.",
        "{map} 的完整性報告，引文已與 {source} 核對。",
        "{map} 的完整性报告，引文已与 {source} 核对。",
        "{map} の網羅性レポート。引用は {source} と照合済み。",
        "{map}의 완전성 보고서. 인용문은 {source} 파일과 대조했습니다.",
    ),
    "report.map_line": ("Map: {map}.", "論證圖：{map}。", "论证图：{map}。", "マップ：{map}。", "지도: {map}."),
    "report.map_line_source": (
        "Map: {map}; quotes checked against {source}.",
        "論證圖：{map}；引文已與 {source} 核對。",
        "论证图：{map}；引文已与 {source} 核对。",
        "マップ：{map}。引用は {source} と照合済み。",
        "지도: {map}. 인용문은 {source} 파일과 대조했습니다.",
    ),
    "report.summary": ("Summary", "摘要", "摘要", "概要", "요약"),
    "report.figure": ("figure", "項目", "项目", "項目", "항목"),
    "report.value": ("value", "數值", "数值", "値", "값"),
    "report.errors": ("errors", "錯誤", "错误", "エラー", "오류"),
    "report.warnings": ("warnings", "警告", "警告", "警告", "경고"),
    "report.infos": ("infos", "提示", "提示", "情報", "정보"),
    "report.nodes": ("nodes", "節點", "节点", "ノード", "노드"),
    "report.arguments": ("linked arguments", "聯合論證", "联合论证", "結合論証", "결합 논증"),
    "report.relations": ("{relation} relations", "{relation}關係", "{relation}关系", "{relation}関係", "{relation} 관계"),
    "report.depth": ("depth", "深度", "深度", "深さ", "깊이"),
    "report.quoted": ("nodes with a quote", "有引文的節點", "有引文的节点", "引用のあるノード", "인용문이 있는 노드"),
    "report.sentences_covered": (
        "source sentences covered",
        "已涵蓋的原文句子",
        "已覆盖的原文句子",
        "引用された原文の文",
        "인용된 원문 문장",
    ),
    "report.covered_of": (
        "{covered} of {total} ({share}%)",
        "{total} 句中的 {covered} 句（{share}%）",
        "{total} 句中的 {covered} 句（{share}%）",
        "{total} 文中 {covered} 文（{share}%）",
        "{total}개 중 {covered}개 ({share}%)",
    ),
    "report.characters_covered": (
        "source characters covered",
        "已涵蓋的原文字元",
        "已覆盖的原文字符",
        "引用された原文の文字",
        "인용된 원문 글자",
    ),
    "report.diagnostics": ("Diagnostics", "診斷", "诊断", "診断", "진단"),
    "report.diagnostics_column": ("diagnostics", "診斷", "诊断", "診断", "진단"),
    "report.where": ("where", "位置", "位置", "場所", "위치"),
    "report.code": ("code", "代碼", "代码", "コード", "코드"),
    "report.severity": ("severity", "嚴重度", "严重程度", "重大度", "심각도"),
    "report.message": ("message", "訊息", "信息", "メッセージ", "메시지"),
    "report.node": ("node", "節點", "节点", "ノード", "노드"),
    "report.no_diagnostics": (
        "No diagnostics: every rule passes.",
        "沒有診斷：每條規則都通過。",
        "没有诊断：所有规则都通过。",
        "診断なし：すべてのルールを満たしています。",
        "진단 없음: 모든 규칙을 통과했습니다.",
    ),
    "report.evaluation": ("Evaluation", "評估", "评估", "評価", "평가"),
    "report.grounded": (
        "Grounded semantics: {established} established, {defeated} defeated, {open} open (statements and linked arguments).",
        "依基礎語意：{established} 項成立、{defeated} 項被推翻、{open} 項未定（含論述與聯合論證）。",
        "依据基础语义：{established} 项成立、{defeated} 项被推翻、{open} 项未定（含论述与联合论证）。",
        "基礎意味論による評価：成立 {established}、棄却 {defeated}、未決 {open}（文と結合論証）。",
        "기초 의미론 기준: 성립 {established}, 기각 {defeated}, 미정 {open} (진술과 결합 논증).",
    ),
    "report.id": ("id", "代號", "编号", "識別子", "식별자"),
    "report.status": ("status", "狀態", "状态", "状態", "상태"),
    "report.text": ("text", "內容", "内容", "内容", "내용"),
    "report.why": ("why", "理由", "理由", "理由", "이유"),
    "report.not_established": (
        "Defeated and open: every other statement and linked argument that is not established, with why.",
        "被推翻與未定：其餘所有不成立的論述與聯合論證，及其理由。",
        "被推翻与未定：其余所有不成立的论述与联合论证，及其理由。",
        "棄却と未決：成立していないほかのすべての文と結合論証、およびその理由。",
        "기각 및 미정: 성립하지 않는 나머지 모든 진술과 결합 논증, 그리고 그 이유.",
    ),
    "report.questions": ("Critical questions", "批判性問題", "批判性问题", "批判的質問", "비판적 질문"),
    "report.questions_intro": (
        "Per main claim: each inference with a scheme that bears on it, and its critical questions, answered (by what), "
        "raised (by what) or open. {open} open of {asked} asked.",
        "依主要主張列出：與其相關、標明論證型式的每一推論，及其批判性問題已回答（由何者）、被提出（由何者）或未回答。"
        "應回答的 {asked} 題中 {open} 題未回答。",
        "按主要主张列出：与其相关、标明论证型式的每一推论，及其批判性问题已回答（由何者）、被提出（由何者）或未回答。"
        "应回答的 {asked} 题中 {open} 题未回答。",
        "主な主張ごとに：それに関わる型式つきの推論と、その批判的質問が回答済み（何による）か、提起済み（何による）か、"
        "未回答か。問うべき {asked} 問のうち {open} 問が未回答。",
        "주요 주장별로: 이에 관련된 논증 형식이 있는 추론과 그 비판적 질문이 답변됨(무엇으로), 제기됨(무엇으로), "
        "미답변인지. 물어야 할 {asked}개 중 {open}개 미답변.",
    ),
    "report.questions_thesis": (
        "The thesis {id}: {text}",
        "論旨 {id}：{text}",
        "论旨 {id}：{text}",
        "論旨 {id}：{text}",
        "논지 {id}: {text}",
    ),
    "report.questions_claim": (
        "Main claim {id}: {text}",
        "主要主張 {id}：{text}",
        "主要主张 {id}：{text}",
        "主な主張 {id}：{text}",
        "주요 주장 {id}: {text}",
    ),
    "report.questions_elsewhere": (
        "Elsewhere in the map",
        "論證圖其他部分",
        "论证图其他部分",
        "マップのほかの部分",
        "지도의 다른 부분",
    ),
    "report.schemes_used": ("Schemes: {names}", "論證型式：{names}", "论证型式：{names}", "型式：{names}", "논증 형식: {names}"),
    "report.inference": ("inference", "推論", "推论", "推論", "추론"),
    "report.scheme": ("scheme", "論證型式", "论证型式", "型式", "논증 형식"),
    "report.question": ("question", "問題", "问题", "質問", "질문"),
    "report.burden": ("burden", "舉證責任", "举证责任", "立証責任", "입증 책임"),
    "report.answer": ("answered or open", "回答情形", "回答情况", "回答状況", "답변 여부"),
    "report.map": ("The map", "論證圖", "论证图", "マップ", "지도"),
    "report.highlighted": (
        "Nodes with diagnostics are highlighted.",
        "有診斷的節點已標示出來。",
        "有诊断的节点已突出显示。",
        "診断のあるノードは強調表示しています。",
        "진단이 있는 노드는 강조 표시했습니다.",
    ),
    "report.keys": (
        "Keyboard: Tab reaches each statement of the map, Enter its row below, the arrow keys its relations, Escape goes back.",
        "鍵盤：定位鍵逐一到達圖中各論述，輸入鍵前往下方其列，方向鍵沿其關係移動，退出鍵返回。",
        "键盘：制表键逐一到达图中各论述，回车键前往下方其行，方向键沿其关系移动，退出键返回。",
        "キーボード：タブキーで図の各文へ、エンターキーで下の行へ、矢印キーで関係をたどり、エスケープキーで戻ります。",
        "키보드: 탭 키로 지도의 각 진술로, 엔터 키로 아래 행으로, 화살표 키로 관계를 따라 이동하고, 이스케이프 키로 돌아갑니다.",
    ),
    "report.outline": ("Outline", "大綱", "大纲", "アウトライン", "개요 목록"),
    "report.nodes_heading": ("Nodes", "節點", "节点", "ノード", "노드"),
    "report.kind": ("kind", "類型", "类型", "種類", "종류"),
    "report.quote": ("quote", "引文", "引文", "引用", "인용"),
    "report.source": ("Source text", "原文", "原文", "原文", "원문"),
    "report.source_legend": (
        "Quoted passages are highlighted and link to their node; a darker highlight is quoted by several nodes. "
        "Plain text is what the map leaves out.",
        "引用的段落已標示，並連到其節點；顏色較深者由多個節點引用。未標示的文字是論證圖未涵蓋的部分。",
        "引用的段落已突出显示，并链接到其节点；颜色较深的由多个节点引用。未标示的文字是论证图未覆盖的部分。",
        "引用された箇所は強調表示され、そのノードにリンクしています。色の濃い箇所は複数のノードが引用しています。"
        "強調のない文はマップが扱っていない部分です。",
        "인용된 구절은 강조 표시되어 해당 노드로 연결됩니다. 더 진한 강조는 여러 노드가 인용한 구절입니다. "
        "강조가 없는 글은 지도가 다루지 않은 부분입니다.",
    ),
    "report.source_legend_md": (
        "Quoted passages are **bold** and link to their node; plain text is what the map leaves out.",
        "引用的段落以**粗體**標示，並連到其節點；一般文字是論證圖未涵蓋的部分。",
        "引用的段落以**粗体**标示，并链接到其节点；普通文字是论证图未覆盖的部分。",
        "引用された箇所は**太字**で、そのノードにリンクしています。通常の文字はマップが扱っていない部分です。",
        "인용된 구절은 **굵게** 표시되어 해당 노드로 연결됩니다. 일반 글자는 지도가 다루지 않은 부분입니다.",
    ),
    "report.unquoted": (
        "Sentences no quote covers ({count})",
        "沒有引文涵蓋的句子（{count}）",
        "没有引文覆盖的句子（{count}）",
        "どの引用にも含まれない文（{count}）",
        "인용되지 않은 문장 ({count})",
    ),
    "relation.supports": ("supports", "支持", "支持", "支持", "지지"),
    "relation.attacks": ("attacks", "攻擊", "攻击", "攻撃", "공격"),
    "relation.undercuts": ("undercuts", "削弱推論", "削弱推论", "推論への攻撃", "추론 공격"),
    "quote.found": ("found", "已找到", "已找到", "一致", "찾음"),
    "quote.not_found": ("not found", "未找到", "未找到", "不一致", "못 찾음"),
    "quote.no_quote": ("no quote", "無引文", "无引文", "引用なし", "인용 없음"),
    "quote.no_source": ("no source", "無原文", "无原文", "原文なし", "원문 없음"),
    "state.established": ("established", "成立", "成立", "成立", "성립"),
    "state.defeated": ("defeated", "被推翻", "被推翻", "棄却", "기각"),
    "state.open": ("open", "未定", "未定", "未決", "미정"),
    # The legend (``render --legend``).
    "legend.title": ("Legend", "圖例", "图例", "凡例", "범례"),
    "legend.supports": ("supports", "支持", "支持", "支持", "지지"),
    "legend.attacks": ("attacks", "攻擊", "攻击", "攻撃", "공격"),
    "legend.undercuts": ("undercuts (attacks an inference)", "削弱推論", "削弱推论", "推論への攻撃", "추론 공격"),
    "legend.joint": (
        "premises that hold only together",
        "前提須合併才成立（聯合論證）",
        "前提须合并才成立（联合论证）",
        "前提が合わさって初めて成り立つ（結合論証）",
        "전제가 함께일 때만 성립 (결합 논증)",
    ),
    "legend.relation_joint": (
        "the inference an undercut aims at",
        "被削弱的推論",
        "被削弱的推论",
        "攻撃される推論",
        "공격받는 추론",
    ),
    "legend.status_established": (
        "no attack on it succeeds",
        "沒有攻擊得逞",
        "没有攻击得逞",
        "成功する攻撃がない",
        "성공한 공격이 없음",
    ),
    "legend.status_defeated": ("an attack on it succeeds", "有攻擊得逞", "有攻击得逞", "攻撃が成功している", "공격이 성공함"),
    "legend.status_open": (
        "neither, as the map stands",
        "依目前的圖無法判定",
        "依目前的图无法判定",
        "今の図では決まらない",
        "현재 지도로는 판정 불가",
    ),
    "legend.context": ("context from another part", "其他部分的脈絡", "其他部分的脉络", "他の部分の文脈", "다른 부분의 맥락"),
    "legend.section": ("a section", "章節", "章节", "節", "절"),
    "legend.highlight": ("highlighted", "強調", "强调", "強調", "강조"),
    "legend.issue": (
        "has diagnostics (their codes)",
        "有診斷（附代碼）",
        "有诊断（附代码）",
        "診断あり（コード付き）",
        "진단 있음 (코드 표시)",
    ),
    # The badge under a statement that reasons outweigh (``outweighs:``), and how its ids are listed.
    "badge.outweighed": (
        "outweighed by {reasons}",
        "權衡後輕於 {reasons}",
        "权衡后轻于 {reasons}",
        "{reasons} より軽い",
        "{reasons}보다 가벼움",
    ),
    "badge.separator": (", ", "、", "、", "、", ", "),
    "legend.outweighed": (
        "granted, but judged weaker than the reasons named",
        "承認，但判定輕於所列的理由",
        "承认，但判定轻于所列的理由",
        "認めるが、挙げた理由より軽いと判断",
        "인정하되 제시된 이유보다 가볍다고 판단",
    ),
    # ``--evaluate``: the badge under a statement's text (grounded semantics).
    "status.established": ("● established", "● 成立", "● 成立", "● 成立", "● 성립"),
    "status.defeated": ("× defeated", "× 被推翻", "× 被推翻", "× 棄却", "× 기각"),
    "status.open": ("◌ open", "◌ 未定", "◌ 未定", "◌ 未決", "◌ 미정"),
}

CATALOGUE.update(EXPLAIN_MESSAGES)
CATALOGUE.update(QUESTION_MESSAGES)


def catalogue_language(lang: str) -> str:
    """The catalogue language nearest the BCP 47 tag ``lang``: zh-Hant, zh-Hans, ja, ko, else en."""
    return _BY_REGION.get(cjk_region(lang) or "", "en")


def check_tag(tag: str) -> None:
    """Raise ``ValueError`` when ``tag`` is not shaped like a BCP 47 language tag (``zh-Hant``, ``ja``, ``en-GB``)."""
    if not _TAG.match(tag):
        raise ValueError(f"ui_lang must be a language tag such as zh-Hant, zh-Hans, ja, ko or en, not {tag!r}")


def message(message_id: str, lang: str, **values: Any) -> str:
    """The message ``message_id`` in the catalogue language nearest ``lang``, its placeholders filled from ``values``."""
    texts = CATALOGUE[message_id]
    text = texts[LANGUAGES.index(catalogue_language(lang))]
    return text.format(**values) if values else text


def messages(lang: str, prefix: str = "") -> dict[str, str]:
    """Every message whose id starts with ``prefix``, unformatted, in the catalogue language nearest ``lang``."""
    index = LANGUAGES.index(catalogue_language(lang))
    return {key: texts[index] for key, texts in CATALOGUE.items() if key.startswith(prefix)}
