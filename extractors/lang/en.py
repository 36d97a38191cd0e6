"""English words for money, qualifiers, rates, periods and metrics (data only)."""

# Currency written before the number. Longest first matters: "US$" before "$".
CURRENCY_PREFIX = {
    "US$": "USD", "U.S.$": "USD", "U.S. $": "USD", "HK$": "HKD", "NT$": "TWD", "C$": "CAD",
    "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "S$": "SGD", "NZ$": "NZD", "R$": "BRL",
    "Dh": "AED", "$": "USD", "$US": "USD", "$A": "AUD", "$NZ": "NZD", "$C": "CAD", "$HK": "HKD", "€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "¥": "JPY",
}
# ISO-like codes written before or after the number ("USD34.6 million", "RMB 50 billion").
CURRENCY_CODES = {
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "CNY": "CNY", "RMB": "CNY", "Rmb": "CNY",
    "HKD": "HKD", "JPY": "JPY", "CHF": "CHF", "CAD": "CAD", "AUD": "AUD", "SGD": "SGD",
    "INR": "INR", "KRW": "KRW", "TWD": "TWD",
}
# Currency words after the number ("380 billion yuan", "one trillion dollars").
CURRENCY_SUFFIX = {
    "U.S. dollars": "USD", "US dollars": "USD", "American dollars": "USD",
    "Hong Kong dollars": "HKD", "Canadian dollars": "CAD", "Australian dollars": "AUD",
    "Singapore dollars": "SGD", "New Taiwan dollars": "TWD", "Taiwan dollars": "TWD",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "sterling": "GBP", "yuan": "CNY",
    "renminbi": "CNY", "yen": "JPY", "won": "KRW", "rupees": "INR", "Swiss francs": "CHF",
}
# Scale words and abbreviations -> multiplier. Single letters only count glued to a number.
SCALES = {
    "thousand": 1e3, "k": 1e3, "K": 1e3,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "bil": 1e9, "MM": 1e6, "mm": 1e6, "m": 1e6, "M": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "B": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "trln": 1e12, "tln": 1e12, "tr": 1e12, "T": 1e12,
}
SCALE_WORDS = ("thousand", "million", "billion", "trillion")
# Number words, for "one trillion dollars", "a billion dollars", "two hundred million euros".
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "half a": 0.5, "a half": 0.5,
}

# Qualifier words right before the amount.
QUALIFIER_BEFORE = {
    "approx": ["about", "around", "roughly", "approximately", "nearly", "almost", "close to",
               "some", "an estimated", "estimated", "circa", "c.", "approx.", "~", "≈",
               "near", "approaching", "nearing", "close on",
               "in the region of", "on the order of", "just about"],
    "more_than": ["over", "more than", "above", "in excess of", "upwards of", "upward of", "north of",
                  "exceeding", "exceeds", "exceeded", "exceed", "just over", "well over",
                  "topping", "tops", "topped", "top", "surpassing", "surpassed", "past", ">"],
    "less_than": ["less than", "under", "below", "fewer than", "short of", "just under", "south of",
                  "just below", "shy of", "<"],
    "at_least": ["at least", "no less than", "a minimum of", "not less than", "≥", ">="],
    "at_most": ["up to", "as much as", "as high as", "at most", "no more than",
                "a maximum of", "not more than", "capped at", "≤", "<="],
}
# Words after which about / over / around mean "regarding", not a bound.
REGARDING_BEFORE = ["concerns?", "worries", "worried", "concerned", "talks?", "talking", "questions?",
                    "news", "care", "cares", "details", "disputes?", "fights?", "battles?", "row",
                    "clash(?:es)?", "feud", "wrangle", "lawsuit", "suit", "tussle", "fretting", "fret"]

# Qualifier words right after the amount.
QUALIFIER_AFTER = {
    "at_least": ["or more", "or higher", "-plus", "+", "or above", "and above", "and up", "and over"],
    "at_most": ["or less", "or lower", "at most"],
    "approx": ["or so"],
}

# Time rates after the amount ("a month", "per quarter", "/mo") or right before it.
PER_UNITS = {
    "day": "day", "week": "week", "wk": "week", "month": "month", "mo": "month",
    "quarter": "quarter", "qtr": "quarter", "year": "year", "yr": "year", "annum": "year",
}
PER_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter",
               "annually": "year", "yearly": "year"}
# Per-unit prices: money, with no time rate.
PER_ITEM = ["share", "barrel", "ounce", "tonne", "ton", "unit", "kilogram", "kg", "pound",
            "megawatt", "MW", "MWh", "kWh", "GPU", "chip", "user", "seat", "token", "hour"]

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4}

# Metric lexicon: metric -> regular expressions (case-insensitive). Weak metrics give way
# to a stronger one in the same clause ("spend $1T on capital expenditures" is capex).
METRICS = {
    "capex": [r"capital expenditures?", r"capital spending", r"capex", r"capital outlays?",
              r"capital budget", r"capital investments?"],
    "revenue": [r"revenues?", r"sales", r"top[- ]line", r"turnover", r"\bARR\b", r"run[- ]rate",
                r"brought in", r"billings",
                # Indian filings' top line: revenue from operations plus other income
                r"\btotal income\b"],
    "profit": [r"net income", r"net profits?", r"profits?", r"operating income", r"(?<!total )\bincome\b",
               r"\bEBITA?\b",
               r"\bearnings\b", r"EBITDA", r"\bnet earnings\b", r"made a profit",
               r"\b(?:a |net |investment )?gains? of\b"],
    "loss": [r"net loss(?:es)?", r"loss(?:es)?", r"\blost\b", r"\blos(?:e|es|ing)\b",
             r"in the red"],
    "eps": [r"earnings per share", r"\bEPS\b",
            r"\bor\s+(?:US)?\$\d+(?:\.\d+)?\s+(?:a|per)\s+(?:diluted\s+)?share"],
    "free_cash_flow": [r"free cash flows?", r"\bFCF\b"],
    "operating_cash_flow": [r"operating cash flows?", r"cash from operations",
                            r"cash flows? (?:from|provided by|generated (?:by|from)) operat\w+",
                            r"net cash (?:provided by|from|generated (?:by|from)) operating activities",
                            r"cash-from-ops", r"cash flow from operations"],
    "cash": [r"\bcash\b", r"cash pile", r"cash and (?:cash )?equivalents", r"cash reserves?",
             r"cash and (?:short-term )?investments", r"cash and marketable securities",
             r"cash on hand", r"war chest"],
    "debt": [r"\bdebt\b", r"borrowings", r"\bloans?\b", r"indebtedness", r"liabilities"],
    "debt_issuance": [r"bond sales?", r"bond issuance", r"debt issuance", r"bond offerings?",
                      r"debt offerings?", r"note offerings?", r"issuance",
                      r"\b(?:sold|sell|sells|selling|issued|issue|issues|issuing|priced)\b"
                      r"[^.;:]{0,40}?\b(?:bonds?|debt|notes)\b",
                      r"\b(?:bonds?|notes)\b",
                      r"\brais(?:e|es|ed|ing)\b[^.;]{0,40}?\bin (?:new |fresh )?debt\b",
                      r"\bdebt (?:financing|raise|deal|package)\b", r"\btranches?\b", r"\bbond issues?\b"],
    "cash_burn": [r"\bburn(?:s|ed|ing|t)?\b", r"cash burn", r"burn rate"],
    "funding": [r"\brais(?:e|es|ed|ing)\b", r"\braked in\b", r"funding(?: round)?", r"financing round",
                r"fundrais(?:e|ing)", r"\bround\b", r"Series [A-H]\b", r"capital raise",
                r"\b(?:fresh|new) (?:equity|capital|funding)\b", r"\bseek(?:s|ing)?\b",
                r"\bsecur(?:e|es|ed|ing)\b"],
    "valuation": [r"\bvalu(?:e|ed|ing|es)\b[^.;$€£]{0,40}?\bat\b", r"valuations?", r"\bvalued\b",
                  r"\b(?:is|are|was|were|be|been|now)\s+worth\b"],
    "investment": [r"\binvest(?:s|ed|ing|ment|ments)?\b", r"\bstake\b", r"\bbacked\b",
                   r"\binject(?:s|ed)?\b", r"\bput\b[^.;]{0,20}\binto\b",
                   r"\bcommit(?:s|ted|ting)?\s+(?:US\$|\$|€|£)[^.;]{0,30}\bto\b"],
    "spending": [r"\brepurchas(?:e|ed|es|ing)\b", r"\bbuybacks?\b", r"\bbought back\b",
                 r"\bspen[dt](?:s|ing)?\b", r"\bspending\b", r"\bcosts?\b", r"\bcosting\b",
                 r"\boutlays?\b", r"\bpa(?:y|id|ys|ying)\b", r"\bexpenses?\b",
                 r"\bpurchases?\b", r"\bcommitments?\b", r"\bcommitted\b"],
    "acquisition": [r"\bacquir(?:e|es|ed|ing)\b", r"acquisitions?", r"\bbuy(?:s|ing)?\b",
                    r"\bbought\b", r"takeover", r"\bmerger\b", r"deal to (?:buy|acquire)",
                    r"\bdeal (?:valued|worth) at\b", r"\bdeal (?:valued|worth)\b",
                    r"\b(?:takeover |buyout |cash |all-cash |increased |revised |sweetened |higher )?(?:offer|bid) (?:of|worth|valued at)\b",
                    r"\btransaction valued at\b",
                    r"\b(?:cash |all-cash |stock )?buyout (?:proposal|offer|deal|bid)\b",
                    r"\b(?:takeover |buyout |cash |all-cash |increased |revised |sweetened |higher |earlier )?(?:offer|bid)\b(?! price)", r"\b(?:total )?equity value\b", r"\benterprise value\b",
                    r"\b(?:all-)?(?:cash|stock)(?:-and-| and |-or-| or )?(?:cash|stock)? deal\b"],
    "fund_flow": [r"\binflows?\b", r"\boutflows?\b", r"net flows?", r"\bnet (?:redemptions|subscriptions)\b"],
    "backlog": [r"backlog", r"remaining performance obligations?", r"\bRPO\b", r"order book"],
    "market_cap": [r"market (?:cap|capitalization|capitalisation|value)"],
    "price": [r"share price", r"stock price", r"price target", r"target price",
              r"shares? (?:closed|traded|rose|fell|ended) (?:at|to)", r"\bprice[ds]? at\b",
              r"\bclos(?:e|ed|ing) (?:up |down |higher |lower )?at\b",
              r"(?<!per-)(?<!per )\b(?:stock|shares?)\b(?:[^.;$]|\.\d){0,50}?\b(?:closed|traded|trading|rose|fell|jumped|soared|surged|"
              r"slid|dropped|climbed|bounced|ended|opened|hit|touched|plunged|tumbled|nosedived|nosediving|"
              r"gained|sank|rallied|were|was)\b(?:[^.;$]|\.\d){0,25}?\b(?:above|to|at|past|over|below|under)\b"],
}
WEAK_METRICS = {"spending", "debt_issuance", "funding"}
# Banks, brokers, research houses and regulators: when they forecast or report a figure
# they are its source, not its subject.
ANALYSTS = {"JPMorgan", "Goldman Sachs", "Morgan Stanley", "UBS", "BNP Paribas",
            "Bank for International Settlements", "BlackRock", "Bank of America", "Citi",
            "Barclays", "HSBC", "Jefferies", "Bernstein", "Gartner", "IDC", "Moody's",
            "S&P Global", "Fitch", "Bloomberg", "Reuters", "FT", "Financial Times", "CNBC",
            "WSJ", "Wall Street Journal", "The Wall Street Journal", "The Information", "Nikkei",
            "Caixin", "The New York Times", "Axios", "TechCrunch", "Morningstar", "PitchBook",
            "Dealogic", "LSEG", "FactSet", "Evercore", "Yahoo Finance", "Jiji Press", "Yonhap",
            "Yonhap Infomax", "Kyodo", "Xinhua", "MoneyDJ", "PANews", "ChinaZ.com", "Focus Taiwan", "CNA",
            "Motley Fool", "Seeking Alpha", "Benzinga", "RTTNews", "MarketWatch", "Dow Jones", "Barron's",
            "Investing.com", "GenomeWeb", "Business Wire", "PR Newswire", "GlobeNewswire", "Wedbush", "Piper Sandler", "Bloomberg Intelligence", "Bloomberg Intel", "Deutsche Bank"}
FORECAST_VERBS = r"forecasts?|forecasted|expects?|expected|estimates?|estimated|predicts?|predicted|projects?|projected|sees|said|says|warned|warns|reported|reports|calculates?"
# Patterns marking a fund outflow: the claim value is negative.
OUTFLOW = [r"\boutflows?\b", r"\bnet redemptions\b", r"\bpulled\b", r"\bwithdr[ea]w\b"]

# Words right before an entity that make it an object or a comparison, not the subject.
OBJECT_MARKERS = ["in", "into", "on", "to", "from", "with", "for", "at", "than", "beyond",
                  "besides", "unlike", "like", "including", "vs", "vs.", "versus", "via",
                  "about", "against", "toward", "towards", "through", "over", "under",
                  "behind", "after", "before", "among", "between"]
# Words right after an entity that make it the source of a statement, not its subject.
SOURCE_MARKERS = [":", "said", "says", "say", "reported", "reports", "forecast", "forecasts",
                  "estimates", "estimated", "expects", "expected", "predicts", "notes",
                  "wrote", "analysts", "analyst", "economists", "warned", "warns", "argues", "argued"]
SOURCE_BEFORE = ["according to", "per", "via", "cited by", "reported by", "told",
                 # "analysts polled by Thomson Reuters": who asked, not whose figure
                 "polled by", "surveyed by", "compiled by", "tracked by"]
PRONOUNS = ["it", "its", "we", "our", "management",
            r"the (?:\w+[- ]){0,2}(?:company|firm|group|startup|venture|lender|bank|insurer|retailer|chipmaker|"
            r"automaker|carmaker|maker|manufacturer|developer|operator|conglomerate|giant|business|miner|"
            r"producer|airline|carrier|provider|platform|unicorn|telco|drugmaker|brewer|utility|refiner|"
            r"supplier|distributor|e-tailer|app|pharma|exchange)(?:'s|’s)?"]

# Modality: which kind of statement a figure is (regular expressions, case-insensitive).
ESTIMATE_CUES = [r"\banalysts?\b", r"\bconsensus\b", r"\bwall street\b", r"\bthe street\b",
                 r"\bstreet (?:estimates?|expectations?)\b", r"\bLSEG\b", r"\bFactSet\b",
                 r"\bVisible Alpha\b", r"\bZacks\b", r"\bestimates? (?:compiled|from|by)\b",
                 r"\b(?:is|are|was|were) expected to (?:report|post|log|book|deliver|show)\b",
                 r"\bprice target\b", r"\btarget price\b"]
GUIDANCE_CUES = [r"\bguid(?:e|es|ed|ing|ance)\b", r"\boutlook\b", r"\bforecast(?:s|ed|ing)?\b",
                 r"\bexpect(?:s|ed|ing)?\b", r"\banticipat(?:e|es|ed|ing)\b",
                 r"\bproject(?:s|ed|ing|ions?)\b", r"\bplan(?:s|ned|ning)? to\b", r"\bplans? for\b",
                 r"\baims? to\b", r"\btarget(?:s|ed|ing)?\b", r"\bsees\b", r"\bwill\b", r"\bintends? to\b",
                 r"\bcommit(?:s|ted)? to\b", r"\bbudget(?:s|ed)?\b", r"\bon track to\b"]
FORECAST_CUES = [r"\bpredict(?:s|ed|ing|ions?)?\b", r"\bcould\b", r"\bmay\b", r"\bmight\b",
                 r"\bwould\b", r"\bis set to\b", r"\bare set to\b", r"\blikely\b"]
# A condition or a negation before the figure: the figure states nothing that happened.
HYPOTHETICAL = [r"\bif\b", r"\bunless\b", r"\bwere to\b", r"\bin the event\b", r"\bwhether\b",
                r"\bsuppose\b", r"\bhypothetical", r"\bwould have\b"]
# A statement after the figure that denies it: "…, because it absolutely did not".
DENIED_AFTER = r"^[^.;]{0,80}?\b(?:because|but|though|although)\s+(?:it|they|he|she|this|that|the company)\s+" \
               r"(?:\w+\s+)?(?:did|does|do|was|is|were|has|had|could|would)\s*(?:not|n't)\b" \
               r"|^[^.;]{0,40}?\b(?:is|was|were|are)\s+(?:false|untrue|inaccurate|wrong|denied)\b"
# Who else can own a figure: "customers used to spending $39 a month" is not the company's.
NOT_COMPANY_OWNER = r"\b(?:customers?|users?|subscribers?|consumers?|people|households|buyers|shoppers|" \
                    r"clients|members|employees|workers|students|patients|investors|retail traders)\b" \
                    r"|\b(?:the|its|their) (?:region|country|nation|market|sector|industry|index|economy)(?:'s|’s)"
NEGATION = [r"\bnot\b(?! only| less| more| just| least)", r"\bnever\b", r"\bno longer\b",
            r"\bn't\b", r"n't\b", r"\bfailed to\b", r"\bdenied\b", r"\bruled out\b"]
# A change, not a level: "rose $2 billion", "up $3 billion from", "an increase of $1 billion".
CHANGE_BEFORE = r"(?:\b(?:up|down|rose|fell|increased|decreased|grew|declined|dropped|climbed|" \
                r"jumped|surged|slipped|slid|shrank|widened|narrowed|" \
                r"an? (?:increase|decrease|rise|drop|decline|jump) of|improvement of|growth of)\s+(?:by\s+)?(?:about\s+)?|\bby\s+)$"

# Verbs a company does in results news: a capitalised name before one acts ("DuPont reported").
ACTOR_VERBS = r"(?:reported|reports|posted|posts|announced|announces|said|says|expects|raised|raises|" \
              r"lowered|cut|agreed|agrees|plans|delivered|recorded|generated|earned|booked|beat|missed|" \
              r"forecast|forecasts|guided|projects|priced|completed|closed|signed|acquired|acquires|" \
              r"swung|returned|narrowed|widened|secured|secures|has raised|has secured|has raked in|raked in|" \
              r"landed|bagged|nabbed|pulled in|closed on)"
ACTOR_STOP = {"The", "It", "We", "He", "She", "They", "This", "That", "Analysts", "Revenue", "Sales",
              "Earnings", "Management", "Company", "Shares", "Investors", "Officials", "Sources",
              "Reuters", "Bloomberg", "Net", "Total", "Operating", "Adjusted", "GAAP", "Here", "There",
              "Wall Street", "CEO", "CFO", "Chairman", "President", "Executives", "Data", "Results",
              "Consensus", "Zacks", "Refinitiv", "LSEG", "FactSet", "Moody's", "Fitch", "S&P"}
# Words that make a known name a different company ("Samsung Biologics", "Siemens
# Healthineers", "Volkswagen Financial Services"): a subsidiary is not its parent.
ORG_WORDS = r"(?:Biologics|Healthineers|Electronics|Motors?|Financial|Bank|Capital|Energy|Pharma\w*|" \
            r"Semiconductor|Securities|Life|Insurance|Heavy|Engineering|Chemicals?|Display|SDI|Steel|" \
            r"Biotech|Biosciences|Therapeutics|Logistics|Airlines?|Shipping|Construction|C&T|Biopharma|" \
            r"Telecom|Mobility|Industries|Asset Management|Investments?|Ventures)"
# Organisation names the alias table does not know: "Acme Corp.", "Foo (NASDAQ: FOO)".
# A figure set against another: an analysts' estimate of the same metric, or a prior period.
ESTIMATE_BEFORE = r"(?:\b(?:estimates?|expectations?|forecasts?|consensus|projections?|expected|predicted|" \
                  r"analysts?'?s?\s+(?:had\s+)?(?:expected|forecast|predicted|estimated|were expecting|" \
                  r"looked for|were looking for|had been looking for|were anticipating|anticipated)))" \
                  r"(?:\s+(?:of|for|at|was|were|had been|was for)|\s*:)?\s*(?:about|around|roughly|of)?\s*$"
ESTIMATE_AFTER = r"^\s*(?:that|which)?\s*(?:analysts?|Wall Street|the Street|economists)\b[^.;]{0,40}?" \
                 r"\b(?:expected|forecast|predicted|estimated|had expected|were expecting)" \
                 r"|^\s*(?:[\w-]+\s+){0,3}?(?:expected|estimated|forecast|projected|predicted)\s+by\s+" \
                 r"(?:\w+\s+){0,2}?(?:analysts?|economists|Wall Street|the Street|consensus)\b" \
                 r"|^\s*(?:(?!beat|top|miss|exceed|above|below)[\w&-]+\s+)?consensus\b(?! (?:of|for|at)\b)"
COMPARED_BEFORE = r"(?:\bfrom|\bversus|\bvs\.?|\bcompared (?:with|to)|\bcompares? (?:with|to)|\bagainst|\bthan|" \
                  r"\bup from|\bdown from)\s*(?:about\s+)?$" \
                  r"|(?:较|較|比|相比|相较|相較|高于|高於|低于|低於|对比|對比)[于於]?\s*(?:\d{4}\s*年\s*)?" \
                  r"(?:去年同期|上年同期|去年|上年|同期|上季|上一季|第.季度?|\d{1,2}月)?(?:之|的)?\s*" \
                  r"(?:港币|人民币|新台币|港幣|人民幣|新台幣)?\s*$"
# The same, with the metric named again between ("compared with a net income of 61 billion won").
COMPARED_NOUN_BEFORE = r"\b(?:compared (?:with|to)|versus|against|up from|down from)\s+(?:an?\s+|the\s+)?" \
                       r"(?:[\w-]+\s+){1,3}of\s*$"
PRIOR_YEAR = r"\b(?:a|one) year (?:earlier|ago|before)|\byear-ago|\byear-earlier|\byear prior|\bprior[- ]year|" \
             r"\bcorresponding (?:period|quarter) (?:of |in )?(?:the )?(?:last|previous|prior) (?:fiscal )?year|" \
             r"\bsame (?:period|quarter) (?:of |in )?(?:the )?(?:last|previous|prior) year|\blast year'?s?|" \
             r"\bthe year before|上年同期|去年同期|上年|去年"
# After a figure: it is the quarter before the one reported ("Rs 7,969 crore in the previous quarter").
PRIOR_QUARTER = r"\b(?:in |from |during )?(?:the )?(?:previous|prior|preceding|last|sequential) quarter\b|" \
                r"\b(?:a|one) quarter (?:earlier|ago|before)|\bquarter-ago|上季度|上一季度|上季|上一季|前一季"
# Finance terms and drug targets that have the shape of a name ("PAT rose", "CET1 ratio", "PD-1"),
# weekdays and a legal suffix standing alone ("On Wednesday, Co. reported").
NOT_A_NAME = (r"^(?:[A-Z]{2,5}-?\d{1,2}|PAT|PBT|EBT|IaaS|SaaS|PaaS|CapEx|ARPU|GMV|NIM|ROE|ROA|AUM|NAV|TTM|OPM|"
              r"NII|NPA|GNPA|NNPA|CASA|RPO|ARR|CAGR|YoY|QoQ|"
              r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
              r"(?:Inc|Corp|Corporation|Co|Ltd|Limited|plc|PLC|LLC|AG|SA|NV|SE|Group|Holdings?|Company)\.?)$")
# Words that point back to a period stated earlier in the text ("the quarter", "期内").
PERIOD_BACKREF = r"\bthe (?:quarter|period|three months|six months|nine months|year)\b(?! (?:ended|ending|before|earlier|ago))|" \
                 r"\bthis quarter\b|\bduring the (?:quarter|period)\b|期内|期內|本期|报告期|報告期|本季|该季|該季|当季|當季|" \
                 r"同期|本财季|本財季|本年度|年內|年内"
# Subjects of a verb that stand for the company ("the management expects") or only estimate
# its figure ("Analysts expected"): the company is the one named before.
SUBJECT_STANDINS = ("company", "firm", "group", "management", "board", "executives", "analysts",
                    "analyst", "consensus", "estimates", "estimate")
# What a company builds: money invested in these is capital expenditure, not a stake.
CAPEX_OBJECTS = r"\bdata[- ]?cent(?:er|re)s?\b|\bAI infrastructure\b|\binfrastructure\b|\bfabs?\b|" \
                r"\bfactor(?:y|ies)\b|\bplants?\b|\bcampus(?:es)?\b|\bserver farms?\b|\bcompute capacity\b|" \
                r"\bproduction capacity\b|\bmachinery\b|\bequipment\b|" \
                r"数据中心|资料中心|基础设施|基建|算力|工厂|厂房|产线|生产线|晶圆厂|新厂|园区|产能|机器设备|资本预算"
# A result set against what was expected: a comparison, not an outlook.
VERSUS_EXPECTATIONS = r"(?i)\b(?:beat|beats|beating|above|below|topp?(?:ed|ing)?|miss(?:ed|es|ing)?|in line with|" \
                      r"exceed(?:ed|ing|s)?|ahead of|short of)\s+(?:\w+'?s?\s+){0,2}?(?:expectations|estimates|forecasts)\b|" \
                      r"(?:符合|超|超出|超过|超過|不及|低于|低於|高于|高於|好于|好於|逊于|遜於|优于|優於|略超|大超|远超|遠超)" \
                      r"(?:市场|市場|分析师|分析師)?(?:的)?(?:预期|預期|预估|預估)"
# Names of news outlets and data vendors: they report or compile figures, never own them.
OUTLETS = {"Reuters", "Bloomberg", "Bloomberg Intelligence", "Bloomberg Intel", "FT", "Financial Times",
           "CNBC", "WSJ", "Wall Street Journal", "The Wall Street Journal", "The Information", "Nikkei",
           "Caixin", "The New York Times", "Axios", "TechCrunch", "PitchBook", "Dealogic", "LSEG",
           "FactSet", "Yahoo Finance", "Jiji Press", "Yonhap", "Yonhap Infomax", "Kyodo", "Xinhua",
           "MoneyDJ", "PANews", "ChinaZ.com", "Focus Taiwan", "CNA", "Motley Fool", "Seeking Alpha",
           "Benzinga", "RTTNews", "MarketWatch", "Dow Jones", "Barron's", "Investing.com", "GenomeWeb",
           "Business Wire", "PR Newswire", "GlobeNewswire", "Refinitiv", "Zacks", "Visible Alpha",
           "S&P Global Market Intelligence", "Associated Press", "AP", "AFP", "Forbes", "Fortune",
           "Business Insider", "Insider", "The Economist", "Morningstar", "IBES", "Crunchbase",
           "StreetAccount", "FnGuide", "MENAFN", "NOWnews", "Capital IQ", "S&P Capital IQ", "Moneycontrol",
           "Economic Times", "The Economic Times", "Mint", "Livemint", "Nikkei Asia", "Korea Herald",
           "Korea JoongAng Daily", "Arirang", "Taipei Times", "DigiTimes", "SCMP", "South China Morning Post",
           "BloombergNews", "Bloomberg News", "Korea Bizwire", "MT Newswires", "Dow Jones Newswires",
           "Thomson Reuters I/B/E/S", "LSEG I/B/E/S", "Refinitiv I/B/E/S", "dpa-AFX"}
# A name ending so is an investor: in a round it is a backer, not the company raising.
INVESTOR_SUFFIXES = ("Capital", "Ventures", "Venture Partners", "Partners", "Management",
                     "Investments", "Growth", "Equity")
# Several companies' figures added up.
AGGREGATE = r"\b(?:combined|collectively|together|in total|totaling|totalling|totaled|totalled|a total of|" \
            r"across \d+ (?:deals|rounds|companies|startups)|total funding amount|" \
            r"all (?:the )?(?:\w+ )?companies|the (?:big|top|largest) (?:\w+ )?(?:companies|firms|tech)|" \
            r"(?:four|five|six|seven|several|major) (?:\w+ )?(?:companies|firms|hyperscalers|giants))\b"
NOT_METRIC = [r"investment gains?", r"investment property", r"\binvestors?\b", r"investment bank(?:s|ing)?",
              r"investment[- ]grade", r"net bookings", r"foreign[- ]exchange loss(?:es)?"]
# A per-share figure is earnings per share or a share price by the words of its clause.
PER_SHARE_EPS = r"\b(?:earnings|EPS|income|profits?|loss(?:es)?|earn(?:s|ed|ing)?)\b|每股(?:收益|盈利|亏损|虧損|净利|纯益|盈余)|(?:收益|盈利|亏损|虧損|纯益|盈余)"
# an offering's price per share too ("每股4.8元下限定價", "發售價釐定為每股1.18港元")
PER_SHARE_PRICE = r"\b(?:price[ds]?|closed|traded|target|trading|quoted|opened|debuted|listed|settl(?:ed|ing)|offering|IPO)\b|股价|股價|目标价|目標價|收盘|收盤|报收|報收|" \
    r"定价|定價|发售价|發售價|招股价|招股價|配售价|配售價"
# A deal's per-share terms are not the company's figure.
DEAL_CUES = r"\b(?:deal|offer|acqui\w+|buy(?:out)?|merger|takeover|tender)\b|收购|要约|合并|併購|收購"
# Malaysian, German, Singaporean, Indonesian, Nordic, Italian, Dutch and Japanese forms too
ORG_LEGAL_SUFFIX = r"(?:Inc|Corp|Corporation|Co|Ltd|Limited|plc|PLC|LLC|L\.P|LP|AG|SA|S\.A|N\.V|NV|SE|Group|Holdings?|" \
                   r"Sdn\.? Bhd|Bhd|Berhad|GmbH|Pte|Tbk|ASA|AB|Oyj|SpA|S\.p\.A|BV|B\.V|KK|K\.K)\.?"
EXCHANGES = r"(?:NASDAQ|Nasdaq|NYSE|NYSE American|NYSE Arca|TSX|TSXV|LSE|AIM|ASX|OTCQX|OTCQB|OTC|HKEX|SEHK|SGX|TWSE|KOSDAQ|KRX|Euronext)"
# Words that describe a company just before its name ("Telecom major Bharti Airtel", "National
# oil firm Petronas"): the name after them is a company whatever NER calls it.
COMPANY_DESCRIPTORS = r"(?:major|firm|company|giant|group|maker|lender|bank|carrier|operator|retailer|" \
    r"insurer|developer|automaker|carmaker|chipmaker|startup|start-up|conglomerate|manufacturer|" \
    r"producer|supplier|miner|utility|airline|brand|subsidiary|unit|rival|provider|distributor|" \
    r"refiner|outfit|platform|heavyweight|behemoth|powerhouse|multinational|segment|division|arm|pioneer|specialist|service|leader|" \
    r"marque|conglomerate|chain|publisher|broadcaster|insurer|telco)"
# Measures outside the metric vocabulary: a figure they govern is no claim ("total assets
# of $5 trillion", "dividends of $2 billion"), even with a metric word further away.
OTHER_MEASURES = [r"\btotal assets\b", r"\bassets\b", r"\bdeposits\b", r"\bloans?\b(?! (?:from|to))",
                  r"\blending\b", r"\bassets under management\b", r"\bAUM\b", r"\bdividends?\b",
                  r"\bpayouts?\b", r"\bcosts? of (?:revenue|sales|goods)\b", r"\bfines?\b", r"\bpenalty\b",
                  r"\bsalar(?:y|ies)\b", r"\bpay package\b", r"\binventor(?:y|ies)\b", r"\breceivables\b",
                  r"\bpremiums?\b", r"\bembedded value\b", r"\bnew business value\b", r"\bGMV\b",
                  r"\bgross merchandise value\b", r"\btrading volume\b", r"\bturnover of shares\b",
                  r"\btermination fee\b", r"\bbreak-?up fee\b",
                  r"\bupfront payments?\b", r"\bmilestone payments?\b", r"\b(?:exceptional|one-time|one-off) gain\b",
                  r"\bgain on (?:the )?sale\b", r"\bimpairment\b", r"\bwrite-?downs?\b",
                  r"\b(?:contract|lease|current|deferred tax|pension) liabilities\b", r"\bmargins?\b",
                  r"\bhit to\b", r"\bcost(?:s|ing)? (?:the (?:company|group|firm|[a-z]*maker)|it|us|them)\b", r"\bcharges?\b", r"\bimpact\b", r"\borders\b"]
# Last words of a company's name that no person's name ends with ("Devon Energy", "Summit Materials").
COMPANY_NAME_WORDS = r"Energy|Capital|Group|Holdings|Bank|Bancorp|Materials|Motors|Technologies|Technology|" \
    r"Pharmaceuticals|Therapeutics|Systems|Partners|Industries|Resources|Airlines|Airways|Foods|Brands|" \
    r"Semiconductor|Networks|Communications|Entertainment|Financial|Insurance|Petroleum|Minerals|Mining|" \
    r"Software|Labs|Robotics|Biosciences|Logistics|Properties|Realty|Ventures|Investments|Corporation|Inc\.?"
# A group of companies as the owner of a figure ("Those firms' spending ... totals $630 billion").
GROUP_SUBJECT = r"\b(?:these|those|the (?:four|five|three|big|largest|major|[\d,]+)) (?:\w+ )?(?:firms|companies|hyperscalers|tech giants|lenders|banks|groups|carmakers|automakers|chipmakers)\b|\bbig tech(?:'s)?\b" \
    r"|\b(?:more than |over |some |about )?\d[\d,]* (?:\w+ )?(?:companies|firms|startups|start-ups)\b"

# Capitalised words that name no company: a sentence with a figure whose only capitalised
# words are these (and that names no known company) is not given to the statistical NER.
NOT_A_NAME_CAPITALISED = set("""
But And In On At For Its It As By Of To With From After Before While When Since Under Over Among Other
One Two Three Just Despite Most Combined Core Key Metrics Changes Performance Insights Spot
First Second Third Fourth Fiscal Quarter Year Full Gross Profit Income Consolidated Financial
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
Rs US U.S. Q1 Q2 Q3 Q4 FY H1 H2 EPS Ebitda EBITDA Bitcoin ETFs
""".split())

# A forecast revised: the figure after "from" is the old one when "to" follows ("revised up its
# profit forecast to 4.5 trillion yen from 3 trillion yen" reads the other way and is left alone).
REVISED_FROM = r"\b(?:raised|raises|lifted|lifts|upgraded|upgrades|increased|boosted|cut|cuts|lowered|" \
               r"lowers|reduced|trimmed|revised|downgraded|hiked)\b[^.;]{0,80}?\bfrom\s+(?:about\s+)?$"
REVISED_TO = r"^\s*to\s"
VIEW_WORDS = r"\b(?:forecasts?|estimates?|guidance|outlook|projections?|targets?|expectations?|view)\b"
# "about $1 billion more than had been predicted": a difference from a forecast.
MORE_THAN_EXPECTED = r"^\s*(?:more|less|higher|lower|above|below|greater)\s+than\s+(?:had\s+been\s+|was\s+|" \
                     r"analysts\s+)?(?:expected|predicted|forecast|estimated|anticipated|projected)"
# "net profit came in at Rs 4,110 crore": a result, whatever a broker wrote before it.
RESULT_BEFORE = r"\b(?:came in at|reported|posted|recorded|logged)\s+(?:an?\s+|its\s+)?(?:\w+\s+){0,2}?(?:of\s+|at\s+)?$"
# Words of paying before a figure: "$X in cash" after them is how a price is paid, not cash held.
PAID_BEFORE = r"\b(?:for|pay|pays|paid|paying|receive|receives|received|offer(?:ed|s)?|consideration|worth|valued)\b[^.;]{0,40}$"
# "Dingdong, backed by SoftBank Vision Fund II": the backer named after the company it backs.
BACKER_BEFORE = r"\b(?:backed|controlled|owned|funded|supported|majority-owned|led|co-led|headed)\s+by\s+" \
                r"(?:the\s+|its\s+)?(?:[\w-]+\s+){0,3}?\[*$"
# The upper bound's words between two bounds of one plan ("at least $1 billion and no more than $1.5 billion").
UPPER_BOUND_WORDS = r"no more than|not more than|at most|up to"

# A line that opens with a place in capitals and a date or agency in brackets: "KUALA LUMPUR
# (Nov 27):", "NEW DELHI:", "BEIJING (Reuters) -". Nothing in it is a company.
DATELINE = r"^[A-Z][A-Z.'\-]{2,}(?:\s+[A-Z][A-Z.'\-]+){0,3}(?:,\s*[A-Z][A-Za-z.]{1,12}(?:\s+\d{1,2})?)?" \
           r"\s*(?:\([^()\n]{1,40}\))?\s*(?::|-|–|—|_)\s"
# Lines of business that open a bullet ("Government revenue grew 23%"): statistical NER takes
# them for companies.
SEGMENT_WORDS = {"Government", "Commercial", "Consumer", "Enterprise", "Retail", "Wholesale", "Industrial",
                 "Residential", "Automotive", "Gaming", "Cloud", "Advertising", "Subscription", "Licensing",
                 "Domestic", "Product", "Products", "Segment", "Hardware", "Software", "Defense", "Aerospace"}
# The metric words that follow a business line's name ("Data Center revenue", "Fragrance &
# Beauty sales"): after a name only NER found, in a text naming its company, a segment.
SEGMENT_METRIC_WORDS = ["sales", "revenues?", "profits?", "operating income", "operating profit", "orders"]
# News agencies a dateline names in brackets ("CAMBRIDGE, Mass. (AP) _"): no ticker.
AGENCY_TAGS = {"AP", "AFP", "UPI", "PTI", "IANS", "ANI", "CNA", "DPA", "EFE", "ANSA", "BNA", "RTRS", "NNA"}
