"""Chinese words for money, qualifiers, rates, periods and metrics (data only)."""

# Traditional -> simplified: OpenCC's table (extractors.numbers) does the folding; these
# keys also mark traditional script for the region signals, and 圓 -> 元 overrides OpenCC.
TRADITIONAL = {
    "億": "亿", "萬": "万", "負": "负", "約": "约", "過": "过", "餘": "余", "幾": "几", "幣": "币", "圓": "元",
    "臺": "台", "資": "资", "產": "产", "營": "营", "虧": "亏", "損": "损", "現": "现", "務": "务", "債": "债",
    "發": "发", "額": "额", "開": "开", "聯": "联", "達": "达", "軟": "软", "銀": "银", "積": "积", "訂": "订",
    "單": "单", "權": "权", "價": "价", "淨": "净", "動": "动", "經": "经", "實": "实", "將": "将", "們": "们",
    "與": "与", "對": "对", "從": "从", "為": "为", "於": "于", "這": "这", "無": "无", "總": "总", "來": "来",
    "筆": "笔", "購": "购", "併": "并", "險": "险", "財": "财", "報": "报", "計": "计", "劃": "划", "兩": "两",
    "亞": "亚", "馬": "马", "遜": "逊", "歐": "欧", "鎊": "镑", "韓": "韩", "斷": "断", "個": "个", "週": "周",
    "華": "华", "預": "预", "測": "测", "規": "规", "籌": "筹", "燒": "烧", "錢": "钱", "頭": "头", "獲": "获",
    "貸": "贷", "佈": "布", "佔": "占", "場": "场", "電": "电", "騰": "腾", "訊": "讯",
    "裡": "里", "東": "东", "費": "费",
    "湯": "汤", "視": "视", "曠": "旷", "選": "选", "創": "创", "碩": "硕", "廣": "广", "緯": "纬", "鴻": "鸿",
    "陽": "阳", "豐": "丰", "興": "兴", "車": "车", "導": "导", "體": "体", "術": "术", "團": "团", "際": "际",
    "氣": "气", "藥": "药", "醫": "医", "網": "网", "環": "环", "寶": "宝", "義": "义", "門": "门", "業": "业",
    "龍": "龙", "飛": "飞", "鋒": "锋", "樂": "乐", "雲": "云", "機": "机", "號": "号", "區": "区", "縣": "县",
    "愛": "爱", "滙": "汇", "匯": "汇", "灣": "湾", "國": "国", "輝": "辉", "紡": "纺", "織": "织", "鋼": "钢",
    "鐵": "铁", "礦": "矿", "煉": "炼", "製": "制", "貿": "贸", "壽": "寿", "證": "证",
    "層": "层", "級": "级", "貨": "货", "運": "运", "輸": "输", "準": "准",
    "數": "数", "據": "据", "鏈": "链",
    "專": "专", "後": "后", "變": "变", "階": "阶", "擴": "扩", "減": "减", "漲": "涨",
    "較": "较", "並": "并",
    "銷": "销", "純": "纯", "稅": "税", "潤": "润", "凈": "净", "歸": "归", "屬": "属", "紀": "纪", "錄": "录", "盤": "盘", "應": "应", "員": "员", "會": "会", "長": "长", "當": "当", "議": "议", "決": "决", "勞": "劳", "獎": "奖", "貢": "贡", "獻": "献", "賺": "赚", "進": "进", "續": "续", "顯": "显", "舊": "旧", "擁": "拥", "爭": "争", "競": "竞", "讓": "让", "轉": "转", "標": "标", "認": "认", "請": "请", "維": "维", "護": "护", "統": "统", "確": "确", "優": "优", "勢": "势", "戶": "户",
}

# Currency after the number ("1295亿美元"); longest first.
CURRENCY_SUFFIX = {
    "元人民币": "CNY", "美元": "USD", "美金": "USD", "港元": "HKD", "港币": "HKD",
    "欧元": "EUR", "英镑": "GBP", "日元": "JPY", "韩元": "KRW", "新台币": "TWD",
    "台币": "TWD", "澳元": "AUD", "加元": "CAD", "新加坡元": "SGD", "瑞郎": "CHF",
    "人民币": "CNY", "元": "CNY",
}
# Currency before the number ("人民币50亿元", "RMB 50亿").
CURRENCY_PREFIX = {"人民币": "CNY", "美元": "USD", "港币": "HKD", "港元": "HKD"}

# Scale characters multiply: 千万 = 1e7, 万亿 = 1e12, 百亿 = 1e10.
SCALES = {"十": 1e1, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8, "兆": 1e12}
NUMERAL_START = "一二两三四五六七八九十"
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
# After a numeral: "二百余万", "一千多万", "三十几万" are approximate.
APPROX_INFIX = "余多几"

QUALIFIER_BEFORE = {
    "approx": ["约合", "大约", "大概", "约为", "约", "近", "接近", "将近", "差不多", "估计", "预计约"],
    "more_than": ["超过", "超出", "超", "逾", "突破", "多于", "高于", "超逾"],
    "less_than": ["不到", "不足", "少于", "低于", "未及"],
    "at_least": ["至少", "不少于", "不低于", "最少"],
    "at_most": ["最多", "至多", "高达", "不超过", "多达", "最高"],
}
QUALIFIER_AFTER = {
    "approx": ["左右", "上下"],
    "at_least": ["以上", "余", "多"],
    "at_most": ["以下", "以内", "之多"],
}
PER_BEFORE = {"每天": "day", "每日": "day", "每周": "week", "每月": "month", "每个月": "month",
              "每季度": "quarter", "每季": "quarter", "每个季度": "quarter", "每年": "year",
              "年均": "year", "月均": "month"}
PER_AFTER = {"/天": "day", "/日": "day", "/周": "week", "/月": "month", "/季": "quarter",
             "/季度": "quarter", "/年": "year", "每年": "year", "每月": "month", "一年": "year"}
PER_ITEM = ["股", "桶", "公斤", "千克", "吨", "盎司", "克", "斤", "片", "块", "台", "张", "人",
            "兆瓦", "瓦", "度", "小时"]

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "上": 1, "下": 2, "1": 1, "2": 2,
             "3": 3, "4": 4}

METRICS = {
    "capex": ["资本支出", "资本开支", "资本性支出", "资本投入", "资本预算", "资本开支付款"],
    "revenue": ["营业收入", "营收", "收入", "销售额", "营业额", "销售收入", "年化收入", "进账", "收益总额", "收益"],
    "profit": ["净利润", "利润", "盈利", "净利", "营业利润", "纯利", "赚", "溢利", "毛利", "纯益", "获利", "税后净利",
               "营业利益", "营业毛利", "基础盈利", "税前净利", "归母净利",
               # net or operating income, not revenue ("经营收益为7亿元", "运营净收入为1.22亿美元")
               "经营收益", "净收益", "净收入", "收入净额", "经营盈利",
               # Taiwan's word for earnings ("稅前盈餘為694億元")
               "(?<!自由)(?<!每股)盈余"],
    "loss": ["净亏损", "亏损", "亏"],
    "eps": ["每股收益", "每股盈利", "每股(?:税后|基本|摊薄)?(?:纯益|盈余|净利|收益|盈利)", "EPS"],
    "free_cash_flow": ["自由现金流"],
    "operating_cash_flow": ["经营现金流", "经营活动现金流", "经营性现金流", "经营活动现金净流量",
                            "经营活动(?:所)?(?:产生|產生)的现金(?:流量)?(?:净额|淨額)", "经营活动现金(?:流量)?净额",
                            "经营现金净流入"],
    "cash": ["现金储备", "现金", "账上资金", "现金及投资", "现金和投资", "现金及等价物"],
    "debt": ["未偿债务", "债务", "负债", "借款", "贷款"],
    "debt_issuance": ["发行债券", "发债", "债券发行", "举债", "债务融资", "发行.{0,16}?(?:债|票据)",
                      "出售.{0,16}?(?:债|票据)"],
    "cash_burn": ["烧钱", "消耗现金", "烧掉"],
    "funding": ["融资", "募资", "筹资", "筹集", "募集", "筹措", "集资"],
    "valuation": ["估值"],
    "investment": ["投资", "注资", "入股", "增资", "认购"],
    "spending": ["花费", "支出", "开支", "花掉", "投入", "支付", "采购", "承诺", "费用", "回购", "回購", "斥资", "已花", "花了"],
    "acquisition": ["收购", "并购", "买下", "现金加股票", "全股票交易", "全现金交易", "受让", "为对价", "作价收购"],
    "fund_flow": ["净流入", "净流出", "流入", "流出", "资金流", "净申购", "净赎回"],
    "backlog": ["积压订单", "未完成订单", "剩余履约义务", "订单储备"],
    "market_cap": ["市值"],
    "price": ["股价", "价格", "每股", "报价", "目标价", "发行价", "发售价", "招股价", "配售价",
              # a quote's opening and latest ("开报3.08元,新报3.24元")
              r"开报(?=\s?\d)", r"新报(?=\s?\d)", "(?:收|曾|盘中|盘前|盘后|最新|一度|收市)报(?:每股)?", "报收", "收盘价",
              "收市价", "现价", "收牌价", "涨停板?价?", "跌停板?价?",
              # "全日收跌2.8%，报40.8港元", "上涨15元收3,315元": a close
              r"(?<=[%％，,])\s?报(?=\s?\d)", r"收(?=\s?\d[\d,.]*\s?元)"],
}
WEAK_METRICS = {"spending"}
FORECAST_VERBS = "预计|预测|估计|预期|预估|表示|称|认为|指出|警告|报道"
OUTFLOW = ["净流出", "流出", "撤出", "(?<!净申购)赎回"]

OBJECT_MARKERS = ["向", "对", "给", "从", "在", "与", "跟", "来自", "为", "于", "比", "除", "除了",
                  "包括", "替", "帮", "投资", "收购", "满足"]
SOURCE_MARKERS = ["表示", "称", "预计", "认为", "指出", "报道", "估计", "预测", "警告", "披露称", "：", ":"]
SOURCE_BEFORE = ["据", "根据"]
# "发行人": a bond or share issue's documents call the company issuing it so
PRONOUNS = ["其", "该公司", "本公司", "公司", "该集团", "本集团", "集团", "該公司", "本行", "该行", "这家", "這家",
            "发行人", "發行人"]

# A figure set against another: the market's estimate of the same metric.
ESTIMATE_BEFORE = r"(?:市场|市場|分析师|分析師|机构|機構|彭博|一致)?(?:此前)?(?:的)?(?:预期|預期|预测|預測|预估|預估|估计|估計)(?:的|为|為)?\s*$"
# Names of brokers and research houses: when they forecast, the figure is someone else's.
ANALYST_SUFFIXES = ("证券", "證券", "研究院", "研究所", "资管", "基金", "投行", "咨询", "顾问",
                    # "Hi Investment & Securities", "Kiwoom Securities": brokers in English too
                    " Securities", " Capital Markets", " Equity Research")
# Banks, brokers and media that forecast or report others' figures.
ANALYST_NAMES = ["高盛", "摩根士丹利", "大摩", "摩根大通", "小摩", "瑞银", "花旗", "美银", "巴克莱", "汇丰", "野村",
                 "瑞信", "德银", "中金", "中金公司", "彭博", "路透", "华尔街", "晨星", "穆迪", "惠誉", "标普",
                 "伯恩斯坦", "杰富瑞", "富国银行"]
# News outlets and data vendors: they report figures, never own them.
OUTLETS = ["彭博", "彭博社", "路透", "路透社", "新华社", "新華社", "中央社", "财联社", "財聯社", "第一财经", "证券时报",
           "證券時報", "经济日报", "經濟日報", "工商时报", "工商時報", "钜亨网", "鉅亨網", "界面新闻", "澎湃新闻", "华尔街见闻",
           "華爾街見聞", "36氪", "晚点", "万得", "Wind", "同花顺", "东方财富网", "集微网", "财新", "財新", "日经", "日經"]
INVESTOR_SUFFIXES = ("资本", "資本", "创投", "創投", "投资基金", "基金")
# Words that describe the company named right after them ("人工智能公司启元世界宣布").
ACTING_DESCRIPTORS = ["公司", "企业", "集团", "厂商", "平台", "初创公司", "初创企业", "独角兽", "品牌", "车企", "药企",
                      "银行"]
# What a company does at the start of a sentence, right after its name ("港铁公布业绩").
ANNOUNCE_VERBS = ["发布公告", "公告", "宣布", "公布"]
# After a wire's tag or a label's colon, publishing is announcing too ("中证智能财讯高新兴1月22日晚间披露")
TAGGED_ANNOUNCE_VERBS = ["发布", "發布", "披露", "公佈"]
# What follows a word that opens a clause but names no company: a market, a commodity, a speaker.
NOT_A_TOPIC_NEXT = r"原油|期货|指数|汇率|金价|油价|市场|行业|表示|称|认为|指出|预测|预计|估计|透露|坦言|强调"
# A figure right after these is the same period a year before ("比去年同期1.85兆元").
PRIOR_QUARTER_BEFORE = r"(?:上季度|上一季度|上季|上一季|前一季)(?:的|之|为|為)?\s*(?:港币|人民币|新台币)?\s*$"
PRIOR_YEAR_BEFORE = r"(?:去年同期|上年同期|去年同季|上年同季)(?:[^，。；,;\d]{0,10}?(?:的|之|为|為|达|達|录得|錄得))?\s*(?:港币|人民币|新台币)?\s*$"
# "较2021年同期的", "compared with the same period of 2021": the period of that year set against
SAME_PERIOD_OF_YEAR_BEFORE = r"(\d{4})\s*年\s*(?:同期|同季)(?:之|的)?\s*(?:港币|人民币|新台币|港幣|人民幣|新台幣)?\s*$" \
                             r"|\bsame (?:period|quarter|half) (?:of|in) (\d{4}),?\s*(?:of\s*)?$"
# Modality cues (regular expressions).
ESTIMATE_CUES = ["分析师", "一致预期", "市场预期", "券商", "研报", "我们预计", "我们预测", "盈利预测", "机构预计",
                 "机构预测", "彭博一致", "维持.{0,6}评级", "目标价", "預估", "分析師"]
GUIDANCE_CUES = ["预计", "预期", "指引", "计划", "目标", "有望", "拟", "将投入", "将投资", "展望", "预告", "預計", "預期",
                 "未来[一二两三四五六七八九十\\d]{1,2}年", "将(?!近)"]
FORECAST_CUES = ["预测", "或将", "可能", "或达", "料将", "恐将"]
HYPOTHETICAL = ["如果(?!以)", "假如", "假设", "倘若", "若(?!以)", "一旦", "要是", "如若"]
NEGATION = ["没有", "并未", "未能", "未(?!来|完成|偿|经|分配|达到预期|披露|上市)", "不会", "并非", "不是", "无法", "沒有", "並未"]
DENIED_AFTER = r"^[^。；;]{0,20}?(?:说法|報道|报道|传闻|消息)?(?:并|並)?(?:不属实|不實|不实|并非事实|並非事實|不准确|遭否认|被否认)"
NOT_COMPANY_OWNER = r"(?:用户|消费者|客户|股民|散户|员工|民众|市民|家庭)"
# A change, not a level: "同比增加5亿元", "减少3亿元".
CHANGE_BEFORE = r"(?:同比|环比|较上年同期|较去年同期|较上年|较去年|比上年|比去年|按年|按季)?(?:增加|减少|增长|下降|下滑|提升|上升|扩大|收窄|增多|减|增|上涨|下跌|涨|跌|升|降|蒸发|缩水)了?\s*$"
# Several companies' figures added up: a total, not any one company's.
AGGREGATE = r"合计|總計|总计|总额|總額|共计|合共|加总|融资事件|\d+起融资|[两三四五六七八九十]大(?:科技|巨头|公司|云厂商|企业|银行|科企)|多家|各家|等公司|科技巨头|巨头们"
# Words that hold a metric word without being that metric ("投资物业" is property, not an investment).
NOT_METRIC = ["投资物业", "投资收益", "投资者", "投资人(?!民币)", "投资银行", "投资评级", "投资公司", "营业外收入",
              "收入及支出", "所得税费用", "费用率",
              "[（(]含融资租赁[）)]"]  # "资本支出（含融资租赁）": a note on what capex counts, no funding

# Organisation names the alias table does not know: a name before a stock code
# ("明阳电气(301291)", "台積電(2330)"), or ending in one of these words.
ORG_SUFFIXES = ["集团", "控股", "股份", "科技", "银行", "证券", "电气", "汽车", "医药", "药业", "电子",
                "半导体", "保险", "地产", "实业", "重工", "电器", "乳业", "酒业", "矿业", "石化", "置业",
                "精密", "电池", "制药", "投控", "金控", "人寿", "电信", "光电", "微电子", "动力",
                "集團", "銀行", "證券", "電子", "半導體", "航運", "金融控股"]
# Characters that end the text before a name inside a stretch of CJK text.
ORG_CUT_CHARS = "的了在和与及是为对向从将把被由于等年季度后前内其该这那某家个市省县区丨｜"
# Words that end a stretch of text before a name: a name never starts with them.
ORG_LEAD_STOP = ["仅", "僅", "执行长", "執行長", "董事长", "董事長", "总经理", "總經理", "总裁", "總裁", "公司", "其中", "报告期内", "报告期", "期内", "今年", "去年", "目前", "旗下", "子公司", "以及",
                 "根据", "据", "由于", "对于", "关于", "此外", "同时", "其", "对", "向", "与", "和", "及",
                 "在", "是", "为", "了", "的", "由", "被", "将", "把", "从", "今日", "日前", "近日", "公告",
                 "宣布", "消息", "报道", "讯", "称", "指出", "表示", "显示", "而", "但", "且", "也",
                 "已", "于", "至", "等", "上市", "控股股东", "母公司", "龙头", "巨头", "昨日", "本周",
                 "周一", "周二", "周三", "周四", "周五", "全资", "拟", "向", "给", "跟", "同", "受",
                 "认购", "取得", "受让", "收购", "投资", "入股", "间接", "透过", "通过", "以", "涵盖", "包括",
                 "异动", "丨", "｜", "代工厂", "晶圆", "外币", "等值", "出售", "转让", "持有", "旗下",
                 # the end of a wire's tag: "中证智能财讯中元股份", "财中社1月21日电新特电气"
                 "财讯", "財訊", "日电", "日電", "日讯", "日訊"]
# A wire's tag opening a story, never its subject: "中证智能财讯", "财中社1月21日电", "某某网讯"
WIRE_TAG = r"^[\u4e00-\u9fff]{2,8}?(?:财讯|財訊|(?:社|网|網)(?:讯|訊)|\d{1,2}月\d{1,2}日(?:电|電|讯|訊))"
# Words that describe the name after them ("新势力车企游侠汽车"): cut when they open a name.
ORG_DESCRIPTORS = ["企业", "独角兽", "初创公司", "创企", "车企", "厂商", "新势力", "龙头", "提供商", "供应商", "服务商",
                   "运营商", "制造商", "开发商", "集成商", "生产商",
                   "企業", "獨角獸", "初創公司", "創企", "車企", "廠商", "新勢力", "龍頭", "供應商", "服務商",
                   "運營商", "營運商", "製造商", "開發商", "生產商",
                   # "IC設計大廠聯詠", "晶圓代工龍頭台積電", "手機巨頭": the trade's big name, then the name
                   "大厂", "大廠", "巨头", "巨頭", "股王", "一哥"]
# Acronyms and words in Latin script inside Chinese text that are not companies.
LATIN_NOT_ORG = ["AI", "GPU", "CPU", "CEO", "CFO", "COO", "CTO", "IPO", "ETF", "EPS", "GDP", "USD",
                 "RMB", "HBM", "API", "SaaS", "PE", "PB", "ROE", "Q1", "Q2", "Q3", "Q4", "H1", "H2",
                 "YoY", "QoQ", "A股", "H股", "B股", "ST", "IT", "APP", "App", "PC", "EV", "LLM", "AIGC",
                 "OK", "VC", "PE", "LP", "GP", "CAGR", "EBITDA", "FY", "TTM", "DRAM", "NAND", "SSD",
                 "AIoT", "IoT", "IFRS", "Non-IFRS", "Non-GAAP", "GAAP", "ChinaZ.com", "MoneyDJ", "AI PC",
                 "AR", "VR", "5G", "4G", "OLED", "LCD", "PCB", "IC", "MCU", "SoC", "NT", "HK", "US", "ESG",
                 "BVI", "FDA", "SEC", "SPAC", "REITs", "REIT", "GW", "MW", "kW", "TWh", "GWh", "Pro",
                 "Max", "Plus", "Mini", "Ultra"]
# Measures outside the metric vocabulary (see en.OTHER_MEASURES).
OTHER_MEASURES = ["总资产", "资产总额", "资产规模", "存款", "贷款", "股息", "分红", "派息", "罚款", "薪酬", "存货",
                  "应收账款", "保费", "新业务价值", "内含价值", "资产管理规模", "管理资产", "成交额", "成交金额",
                  "市场规模", "交易额", "GMV", "股利", "不良贷款", "首付款", "准备金", "拨备", "减值", "处分利益", "处置收益",
                  "营业外收入", "业外收益", "营业外收入及支出", "合同负债", "租赁负债", "流动负债", "新增贷款",
                  "收益率", "中期息", "末期息", "特别息", "股本", "资本额", "净资产", "内涵价值", "自由盈余", "每手",
                  # a grey market's or a session's turnover ("成交12.3萬股,涉及金額39.7萬元")
                  "涉及金额"]
# Money metric words after which a bare "51.3亿" (no 元) is an amount in the local currency,
# as broker-note summaries write: "营收51.3亿,同比+2.9%,归母净利9.4亿".
BARE_AMOUNT_METRICS = ["营业总收入", "营业收入", "营收", "收入", "净利润", "归母净利润", "归母净利", "扣非归母净利润",
                       "扣非归母净利", "扣非净利润", "扣非净利", "净利", "利润总额", "毛利", "营业利润", "市值", "估值",
                       "融资", "募资", "资本开支", "资本支出", "经营现金流", "净亏损", "亏损", "营业额", "销售额",
                       "盈利", "获利", "纯益", "税后纯益", "支出", "经营盈余", "预算", "发行总额", "业绩", "赚"]
# What may follow a bare amount and keep it one ("突破8兆大关", "2.6兆，").
BARE_AMOUNT_AFTER = ["大关", "关口", "以上", "左右", "规模", "，", "。", "、", "；"]
# A counted group of companies owns a figure none of them reports alone ("14家金控前三季稅後純益").
GROUP_SUBJECT = r"(?<![一\d])(?:\d{1,3}|[两三四五六七八九十]{1,3})余?家(?:上市|A股|港股|台股)?[^，。；,;\d]{0,6}?(?:公司|企业|企業|银行|銀行|金控|券商|车企|車企|房企|险企|險企|厂商|廠商|城商行|上市公司)"
# Words that open no company name: "董事会欣然宣布" is the board speaking, "本公司" the writer.
NOT_NAME_START = ("董事会", "董事會", "本公司", "本集团", "本集團", "公司", "集团", "集團", "管理层", "管理層",
                  "预计", "預計", "预期", "預期", "中午", "上午", "下午", "早盘", "午盘", "尾盘", "执行长", "執行長",
                  "董事长", "董事長", "总裁", "總裁", "首席执行官", "首席執行官", "强劲", "強勁",
                  "公布", "公佈", "宣布", "宣佈", "发布", "發布", "表示")
# Words no company name found by its shape holds: a bond issue, a buyback, an approval, a
# wire's dateline ("房讯网讯").
NOT_IN_NAME = ["债券", "发行", "回购", "核准", "方式", "网讯", "社讯", "日讯", "日电", "审会", "委员会", "董事会"]
# A known name followed by one of these is another company of its group ("平安银行" is not 平安).
# A place right after a Latin name in Chinese text names the company's arm there ("Uber中國").
REGIONAL_ARMS = ("中国", "中國", "香港", "台湾", "台灣", "亚洲", "亞洲", "大中华", "大中華")
GROUP_MEMBER_TAILS = ("银行", "銀行", "证券", "證券", "保险", "保險", "人寿", "人壽", "产险", "產險", "财险",
                      "資管", "资管", "信托", "信託", "基金", "期货", "期貨", "租赁", "租賃")
# Taiwan's financial holdings by their short names ("永豐金0.57元", "國票金EPS 0.19元"): two
# characters and 金 before a results word; never these nouns that also end in 金.
HOLDING_NOT_NAMES = ("保证金", "退休金", "公积金", "准备金", "违约金", "资金", "现金", "奖金", "租金", "美金", "黄金",
                     "股金", "本金", "定金", "订金", "押金", "薪金", "佣金", "年金", "礼金", "赏金", "税金", "基金",
                     "奖学金", "补助金", "抚恤金", "养老金", "风险金", "周转金", "合金", "白金", "台金")

# A forecast revised: "由8.5亿元上调至10亿元" (the figure after 由/从 is the old one).
REVISED_FROM = r"(?:由|从)\s?$"
REVISED_TO = r"^\s*(?:上调|下调|调升|调降|上修|下修|提高|提升|降低|调高|调低)至"
VIEW_WORDS = r"预期|预计|预测|预估|指引|目标"
# "按本次回购资金最高1.5亿元测算": a figure a calculation is based on, not a plan of its own.
BASIS_BEFORE = r"(?:按|按照|以)(?!年|季|月)[^，。；,;]{0,16}$"
BASIS_AFTER = r"^\s*(?:[(（]含[)）])?\s*(?:测算|计算|估算|上限测算|下限测算)"
# "以69亿美元收购以色列网络产品供应商迈络思": the company bought, however it is described.
BOUGHT_BEFORE = r"(?:收购|并购|买下|入股|增资|注资)[^，。；,;:：\d]{0,24}$"
# The upper bound's words between two bounds of one plan ("不低于1亿元且不超过1.5亿元").
UPPER_BOUND_WORDS = r"不超过|不高于|至多|最多|上限(?:为)?|人民币|港币|美元"
