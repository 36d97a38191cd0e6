"""Currency data beyond the per-language word lists: names, symbols, codes, minor units,
and the signals that place a bare 元 in Taiwan or Hong Kong (data only)."""

# Letters written before a "$" (any case, an optional space between: "HK $", "hk$").
DOLLAR_PREFIXES = {
    "US": "USD", "HK": "HKD", "NT": "TWD", "T": "TWD", "C": "CAD", "CA": "CAD", "A": "AUD",
    "AU": "AUD", "S": "SGD", "NZ": "NZD", "R": "BRL", "MX": "MXN",
}
# Codes written before the number beyond the English list ("DKK 20 billion", "THB 5bn").
PREFIX_CODES = {
    "DKK": "DKK", "SEK": "SEK", "NOK": "NOK", "THB": "THB", "MYR": "MYR", "IDR": "IDR",
    "ZAR": "ZAR", "BRL": "BRL", "MXN": "MXN", "PLN": "PLN", "AED": "AED", "SAR": "SAR",
    "NZD": "NZD", "NTD": "TWD", "VND": "VND", "RUB": "RUB",
    "RM": "MYR",  # Malaysian press: "RM10 billion"
}
# Rupees written "Rs 8,046 crore", "Rs. 27.3" (capital R, a digit after).
RUPEE_PREFIX = r"Rs\.?(?=\s?\d)"
# South Asian scales, with rupees: "Rs 8,046 crore", "₹2 lakh crore".
SOUTH_ASIAN_SCALES = {"lakh crore": 1e12, "lakh crores": 1e12, "crore": 1e7, "crores": 1e7,
                      "lakh": 1e5, "lakhs": 1e5}
# A text about a Canadian-listed or Canadian-named company writes its own dollar as "$"
# (Canadian press) unless it marks US dollars somewhere; a passing "Canadian" is no sign.
CANADA_SIGNALS = (r"\bCanada\s+(?:Corp|Inc|Ltd|Limited)\b|\((?:TSX|TSXV|TSX-V)\s*:|\bTSX-listed\b|"
                  r"\bToronto Stock Exchange\b|"
                  r"\([A-Z]{1,5}(?:[.-][A-Z]{1,2})?-T\)|\([A-Z]{1,5}(?:\.[A-Z])?\.TO\)")  # "(TS-B-T)", "(RY.TO)"
# A Canadian or Australian text writes its own dollar as "$" unless it marks it somewhere
# ("C$", "A$"): then a bare "$" is the US dollar. Each region: signals of its press, signals
# that count only beside a "US$" (a wire story calls companies "Toronto-based" too), and the
# marks of its own dollar.
_CANADA_PRESS = r",\s(?:Ont|Alta|Que|Sask|Man|B\.C)\.(?:-based)?(?=[\s,])"
_CANADA_BASED = (r"\b(?:Calgary|Toronto|Montreal|Montréal|Vancouver|Ottawa|Edmonton|Winnipeg|Waterloo|"
                 r"Mississauga|Halifax|Saskatoon|Regina|Quebec City)-based\b")
US_DOLLAR_MARK = r"\bUS\$|\bU\.S\.\s?\$|\$US\d"
# "$405m (8.7 US cents per share)": a text counting its cents in US money writes US dollars.
US_CENTS = r"\bU\.?S\.?\scents?\b"
_SINGAPORE_PRESS = (r"^SINGAPORE\b|\bSGX\b|\bSingapore Exchange\b|\bSGX-listed\b|\bSingapore-listed\b|"
                    r"\bSingapore['’]s (?:largest|biggest|leading|second-largest|top)\b")
DOLLAR_REGIONS = {
    "CAD": (CANADA_SIGNALS + "|" + _CANADA_PRESS, _CANADA_BASED,
            r"\bC\$|\bCA\$|\bCDN\$|\$C\d|\bCAD\b|\bCanadian dollars?\b"),
    "AUD": (r"\(ASX\s*:|\bASX\b|\bAustralian Securities Exchange\b|^(?:SYDNEY|MELBOURNE|PERTH|BRISBANE)\b|"
            r"\bAustralia['’]s (?:largest|biggest|leading|second-largest|top)\b",
            r"\b(?:Sydney|Melbourne|Brisbane|Perth|Adelaide)-based\b",
            r"\bA\$|\bAU\$|\$A\d|\bAUD\b|\bAustralian dollars?\b"),
    "SGD": (_SINGAPORE_PRESS, r"\bSingapore-based\b", r"\bS\$|\bSGD\b|\bSingapore dollars?\b"),
}
# Only these may stand apart from their "$" ("HK $ 7.2 billion"): "CA $5" is California.
SPACED_DOLLAR_PREFIXES = ("HK", "US", "NT")
# Symbols that may also follow the number ("35 €", "100$").
SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
# Codes after a number ("240USD", "18 usd"); in lower case only those that are no word
# or abbreviation of their own ("cad" drawings, "cny" the new year).
CODES = {
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "CNY": "CNY", "RMB": "CNY", "HKD": "HKD",
    "JPY": "JPY", "CHF": "CHF", "CAD": "CAD", "AUD": "AUD", "SGD": "SGD", "INR": "INR",
    "KRW": "KRW", "TWD": "TWD", "NTD": "TWD", "NZD": "NZD",
}
LOWER_CASE_CODES = {"usd", "eur", "gbp", "rmb", "hkd", "jpy", "twd", "ntd", "sgd", "chf", "krw", "inr"}
# A scale glued before a code: "45 MUSD", "3 KEUR", "2 BNUSD" is not written, "bn USD" is.
CODE_SCALES = {"K": 1e3, "M": 1e6, "MM": 1e6, "B": 1e9, "BN": 1e9}
# Currency names after the number, matched in any case and in the singular.
NAMES = {
    "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD", "dollar": "USD",
    "hong kong dollar": "HKD", "hk dollar": "HKD", "new taiwan dollar": "TWD",
    "taiwan dollar": "TWD", "nt dollar": "TWD", "singapore dollar": "SGD",
    "canadian dollar": "CAD", "australian dollar": "AUD", "new zealand dollar": "NZD",
    "chinese yuan": "CNY", "yuan": "CNY", "renminbi": "CNY", "euro": "EUR",
    "british pound": "GBP", "pound sterling": "GBP", "pound": "GBP", "sterling": "GBP",
    "japanese yen": "JPY", "yen": "JPY", "korean won": "KRW", "won": "KRW", "rupee": "INR",
    "swiss franc": "CHF", "franc": "CHF", "dirham": "AED", "uae dirham": "AED", "danish krone": "DKK", "danish kroner": "DKK",
    "norwegian krone": "NOK", "norwegian kroner": "NOK", "swedish krona": "SEK",
    "swedish kronor": "SEK", "kronor": "SEK", "krona": "SEK", "kroner": "KRONE", "krone": "KRONE",
    "ringgit": "MYR", "baht": "THB", "rupiah": "IDR",
}
# A bare "kroner" is Norway's where the text speaks of Norway, else Denmark's.
NORWAY_SIGNALS = r"\bNorw(?:ay|egian)\b|\bOslo\b|\bEquinor\b"
# Names that are also ordinary words ("a 20 dollar bill", "5 pounds of flour", "won 3
# games"): money only with a scale word or in a major+minor pair.
AMBIGUOUS_NAMES = {"dollar", "pound", "won", "euro", "sterling"}

# Minor units: English words -> (fraction of the major unit, currency or None for "the
# dollar-like currency around it").
MINOR_EN = {"cents": (0.01, None), "cent": (0.01, None), "¢": (0.01, None),
            "pence": (0.01, "GBP"), "penny": (0.01, "GBP"), "p": (0.01, "GBP"), "sen": (0.01, "MYR")}
# "0.58 Singapore cent": cents named by their country.
CENTS_OF = {"Singapore": "SGD", "Australian": "AUD", "Canadian": "CAD", "Hong Kong": "HKD", "New Zealand": "NZD"}
# Currencies that count in cents, for a "cents" next to them.
CENT_CURRENCIES = {"USD", "CAD", "AUD", "SGD", "NZD", "HKD", "TWD", "EUR"}
# A bare glued "50p" is pence only in a text that is about sterling.
GBP_CONTEXT = r"£|\bGBP\b|\bpence\b|\bpounds?\b|\bsterling\b|\bFTSE\b|\bUK\b|\bBritain\b|\bBritish\b|\bLondon\b"
# Chinese minor units of the local yuan/dollar: 角 = 0.1, 分 = 0.01.
MINOR_ZH = {"角": 0.1, "毛": 0.1, "分": 0.01}
# 分 and 角 are also points, minutes and angles: money only next to these words.
MINOR_ZH_CONTEXT = r"每股|股息|派息|派发|股利|亏损|盈余|盈利|收益|配息"

# Chinese currency words beyond zh.CURRENCY_SUFFIX (before or after the number).
ZH_SUFFIX = {"美圆": "USD", "日圆": "JPY", "港圆": "HKD", "台元": "TWD", "新台币元": "TWD",
             "泰铢": "THB", "泰銖": "THB", "澳币": "AUD", "加币": "CAD",
             "块钱": "LOCAL", "块": "LOCAL"}
ZH_PREFIX = {"新台币": "TWD", "台币": "TWD", "美金": "USD", "日币": "JPY", "欧元": "EUR",
             "英镑": "GBP", "港币": "HKD", "港元": "HKD", "人民币": "CNY", "美元": "USD",
             "澳币": "AUD", "澳元": "AUD", "加币": "CAD", "泰铢": "THB", "泰銖": "THB",
             "日圆": "JPY", "日元": "JPY", "韩元": "KRW", "新币": "SGD"}
# Bare 块 is a measure word ("2048块GPU"): money before 钱, or at a clause end after
# a money verb or price word.
KUAI_CONTEXT = r"钱|价|花|赚|卖|买|付|收|工资|薪|成本|费|值|贵|便宜"

# Region signals for a bare 元 / 億元 / 兆元 (read on the original, unfolded text).
# Taiwan named as mainland and Hong Kong press name it ("來自中國台灣的收益"): no Taiwan text
# calls itself so, so it places the text outside Taiwan's signals.
TAIWAN_NAMED_FROM_OUTSIDE = r"中國台灣|中國臺灣|中国台湾|台灣地區|臺灣地區|台湾地区"
TAIWAN_SIGNALS = (r"台灣|臺灣|台湾|新台幣|新臺幣|新台币|台幣|臺幣|台币|NT\$|台股|臺股|櫃買|柜买|"
                  r"上市櫃|上市柜|證交所|金管會|民國|金控|"
                  # Taiwan's institutions and terms: the state utility, ministry, cabinet and
                  # legislature, state enterprises, treasury-stock buybacks, after-tax earnings
                  r"台電|臺電|經濟部|行政院|立法院|國營事業|庫藏股|稅後盈餘|"
                  # Taiwan's words for results: 稅後純益 (net profit), 年增率 / 年減 (year on year)
                  r"稅後純益|税后纯益|稅後淨利|每股稅後|每股盈餘|年增率|(?<!按)年減|月增率|營業利益率|"
                  # ROC years (114年 is 2025); "114年歷史" is an age, not a year
                  r"(?<![\d.])1[01]\d年(?!歷史|历史|間|间|來|来|之久|以上)")
# Taiwan-listed companies (traditional script) and Taiwan terms: a text naming one is
# Taiwan press. Names that are also ordinary words (統一, 創意, 可成, 力成) are left out.
TAIWAN_COMPANIES = (r"台積電|鴻海|廣達|聯發科|台達電|日月光|聯電|緯創|緯穎|英業達|仁寶|和碩|華碩|宏碁|"
                    r"大立光|中華電|國巨|欣興|南亞科|華邦電|旺宏|群聯|力積電|世芯|智邦|奇鋐|台光電|"
                    r"瑞昱|聯詠|技嘉|微星|光寶|川湖|信驊|長榮航|萬海|華航|台塑|台化|中鋼|富邦金|國泰金|"
                    r"中信金|玉山金|兆豐金|台新金|元大金|友達|群創|矽品|京元電|臻鼎|雙鴻|金像電|"
                    r"法說會|\d{4}-TW\b|\d{4}\.TWO?\b")
# Hong Kong press (read only in traditional script): the market and exchange, its word
# for a close (收市; Taiwan and the mainland write 收盤), HK
# stock codes in brackets ("(00293)", "(051)"), cents written 仙. Not 港元 itself: a share
# price in HK dollars says nothing of the sums of a mainland company listed there.
HONG_KONG_SIGNALS = (r"港股|聯交所|港交所|恒指|恆指|恒生|恆生|香港|[.-]HK\b|收市|澳門|澳门|路氹|"
                     r"[(（](?:\d{3}|0\d{3}|\d{5})[)）]|\d仙")
# Words only Hong Kong press writes, in either script: margin (孖展), "this city" (本港),
# the board-lot entry fee (入場費), typhoon signals (風球), the SAR's institutions.
HONG_KONG_WORDS = (r"孖展|本港|入場費|入场费|風球|风球|"
                   # the SAR government's budget, bureaus and reserves, its legislature, the MPF
                   r"財政預算案|财政预算案|財經事務及庫務局|财经事务及库务局|財庫局|财库局|財政司|财政司|"
                   r"財政儲備|财政储备|特區政府|特区政府|立法會|金管局|強積金|强积金|港府")
# Mainland markers that keep a traditional-script text's 元 the yuan.
MAINLAND_SIGNALS = r"人民幣|人民币|RMB|A股|滬|沪|深交所|上交所|S[HZ]\d{6}|[(（]\d{6}[)）]"
# "（人民幣，下同）", "(港幣,以下同)": the currency named governs the bare 元 after it.
DECLARED_CURRENCY = {
    r"港元|港幣|港币|港圓": "HKD", r"人民幣|人民币": "CNY", r"新台幣|新臺幣|新台币|台幣|台币": "TWD",
    r"美元|美金": "USD",
}
DECLARED_AFTER = r"\s*[,，、]?\s*(?:以)?下同"
# Markers that name the currency of a bare 元 written near them, nearest first.
NEARBY_MARKERS = {
    r"港元|港幣|港币|港圓|HK\$|HKD": "HKD",
    r"NT\$|新台幣|新臺幣|新台币|台幣|臺幣|台币|TWD": "TWD",
    r"人民币|人民幣|RMB|Rmb|CNY": "CNY",
}
# A marker that prices a share ("股价500港元", "每股3港元") says nothing of the sums around it.
PER_SHARE_BEFORE = r"(?:股价|每股|目标价)[^，。；]{0,6}$"
PER_SHARE_AFTER = r"^\s?(?:/|每)股"
# Characters written differently in traditional and simplified script: (traditional,
# simplified). A text with more of the first is in traditional script.
SCRIPT_PAIRS = ("億亿", "萬万", "營营", "與与", "這这", "為为", "來来", "個个", "們们", "對对",
                "發发", "資资", "產产", "經经", "報报", "電电", "國国", "會会", "業业", "說说",
                "時时", "實实", "開开", "長长", "東东", "當当", "淨净", "虧亏", "損损", "額额",
                "灣湾", "櫃柜", "達达", "幣币", "營营", "價价", "從从", "應应", "進进", "爲为")

# A tolerance after the amount makes it approximate: "（±2%）", ", plus or minus 2%".
TOLERANCE_AFTER = r"^,?\s*[(\[]?\s*(?:±|\+/-|\+-|(?i:plus or minus|give or take)|上下浮动)\s*\d"
