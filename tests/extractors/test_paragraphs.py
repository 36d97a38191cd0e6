"""Claims built from the whole paragraph: one table row per general rule (written text)."""

from datetime import date

import pytest

from extractors.claims import Extractor

B, M = 1e9, 1e6
D = date(2025, 11, 3)

# (text, published, [(subject, metric, low, currency, period, modality)])
ROWS = [
    # antecedents: the company named earlier, in the headline, or the one the text is about
    ("Acme Corp. reported results on Tuesday. Revenue was $12.1 billion, up 5%.", D,
     [("Acme", "revenue", 12.1 * B, "USD", None, "reported")]),
    ("Globex reported third-quarter results.\nThe company said revenue rose to $4.4 billion.", D,
     [("Globex", "revenue", 4.4 * B, "USD", "Q3 2025", "reported")]),
    ("明阳电气(301291):三季报点评\n公司2025年前三季度实现营业收入52.00亿元。", D,
     [("明阳电气", "revenue", 5.2 * B, "CNY", "9M 2025", "reported")]),
    ("罗牛山公告,公司以9670万元收购同仁药业46%股权。", D,
     [("罗牛山", "acquisition", 96.7 * M, "CNY", None, "reported")]),
    ("兴福新材2024年实现营业收入4.01亿元,同比下滑34%。", D,
     [("兴福新材", "revenue", 0.401 * B, "CNY", "2024", "reported")]),
    ("深圳市優必選科技股份有限公司以約11.61億元收購鋒龍電氣29.99%的股權。", D,
     [("優必選科技", "acquisition", 1.161 * B, "CNY", None, "reported")]),
    # no company anywhere: no claim
    ("Revenue was $12.1 billion, up 5%.", D, []),
    # a heading gives the bullets under it their period; a sibling bullet's period does not
    ("Zenith Corp. reported results.\n\nThird Quarter 2025 Highlights\n\n"
     "- Revenues of $87.1 billion.\n- Cost ratio was in line with the second quarter 2025.\n"
     "- Operating cash flow of $5.9 billion.", D,
     [("Zenith", "revenue", 87.1 * B, "USD", "Q3 2025", "reported"),
      ("Zenith", "operating_cash_flow", 5.9 * B, "USD", "Q3 2025", "reported")]),
    # one metric per figure, from the words that govern it
    ("Initech posted $12.1 billion in revenue and $2.3 billion in profit in 2024.", D,
     [("Initech", "revenue", 12.1 * B, "USD", "2024", "reported"),
      ("Initech", "profit", 2.3 * B, "USD", "2024", "reported")]),
    ("Initech reported net income of $8.81 billion, or $1.15 per share.", D,
     [("Initech", "profit", 8.81 * B, "USD", None, "reported"), ("Initech", "eps", 1.15, "USD", None, "reported")]),
    # estimates set against a figure take its metric; an earlier value takes the year before
    ("Initech's revenue was $9.65 billion in 2025, above Wall Street estimates of $9.28 billion.", D,
     [("Initech", "revenue", 9.65 * B, "USD", "2025", "reported"),
      ("Initech", "revenue", 9.28 * B, "USD", "2025", "estimate")]),
    ("Hooli said revenue for Q2 2025 reached $3.3 billion, up from $3.2 billion a year earlier.", D,
     [("Hooli", "revenue", 3.3 * B, "USD", "Q2 2025", "reported"),
      ("Hooli", "revenue", 3.2 * B, "USD", "Q2 2024", "reported")]),
    ("For the quarter ended September 30, 2025, Hooli reported revenue of $4.4 billion.", None,
     [("Hooli", "revenue", 4.4 * B, "USD", "Q3 2025", "reported")]),
    # lists: one claim per figure, each with its own company or year
    ("2025年,亚马逊、谷歌和微软的资本开支分别为132亿美元、92亿美元和65亿美元。", D,
     [("Amazon", "capex", 13.2 * B, "USD", "2025", "reported"), ("Google", "capex", 9.2 * B, "USD", "2025", "reported"),
      ("Microsoft", "capex", 6.5 * B, "USD", "2025", "reported")]),
    ("国博电子(688375)点评\n我们预计公司2025-2027年归母净利润分别为5.13亿元、7.02亿元、8.98亿元。", D,
     [("国博电子", "profit", 5.13e8, "CNY", "2025", "estimate"), ("国博电子", "profit", 7.02e8, "CNY", "2026", "estimate"),
      ("国博电子", "profit", 8.98e8, "CNY", "2027", "estimate")]),
    # deals: the buyer is the subject; per-share deal terms are no figure of the company
    ("Acacia agreed to Cisco's increased offer of $4.5 billion, or $115 per share in cash.", D,
     [("Cisco", "acquisition", 4.5 * B, "USD", None, "reported")]),
    ("Benchmark Capital led a $225 million round into Cerebras, pushing its valuation to $23 billion.", D,
     [("Cerebras", "funding", 225 * M, "USD", None, "reported"), ("Cerebras", "valuation", 23 * B, "USD", None, "reported")]),
    # modality
    ("Meta expects capital expenditures of $70 billion to $72 billion in 2025.", D,
     [("Meta", "capex", 70 * B, "USD", "2025", "guidance")]),
    ("Analysts expect Nvidia to report revenue of $54.9 billion for the quarter.", D,
     [("NVIDIA", "revenue", 54.9 * B, "USD", None, "estimate")]),
    # what states nothing: conditions, negations, changes, sums of several companies
    ("If Microsoft and Google halt their $30 billion purchases, Nvidia would suffer.", D, []),
    ("The deal did not drive $10 billion of revenue for Oracle.", D, []),
    ("Nvidia raised its revenue forecast by $2 billion.", D, []),
    ("四大科技公司2026年资本开支合计6500亿美元。", D, []),
    ("OpenAI charges customers $39 a month for the plan.", D, []),
    ("If Microsoft, Google, and Amazon halt their quarterly $30 billion GPU purchases, Nvidia suffers.", D, []),
    ("If revenue holds, Microsoft will spend $80 billion on capex in 2025.", D,
     [("Microsoft", "capex", 80 * B, "USD", "2025", "guidance")]),
    ("Amazon implied it drove $10 billion in revenue in Q3 2025, because it absolutely did not.", D, []),
    ("宁德时代2025年净利润达到2.31万亿元的说法并不属实。", D, []),
    ("Microsoft angered customers used to spending $39 a month.", D, []),
    # names: datelines and bylines are never subjects; a descriptor is not the name
    ("TOKYO (Reuters) - Toyota said on Tuesday its operating profit rose to 1.2 trillion yen.", D,
     [("Toyota", "profit", 1.2e12, "JPY", None, "reported")]),
    ("Klarna 以约14亿美元收购支付公司Sezzle。", D, [("Klarna", "acquisition", 1.4 * B, "USD", None, "reported")]),
    # per-share profit or loss is EPS; a deal paid every year is spending
    ("Hooli Pharma said its diluted losses per share of 3 cents beat estimates.", D,
     [("Hooli Pharma", "eps", -0.03, "USD", None, "reported")]),
    ("OpenAI signed a deal worth about $30 billion a year with Oracle.", D,
     [("OpenAI", "spending", 30 * B, "USD", None, "reported")]),
    # Chinese: an estimate set against a figure, HK 收益, ETF net subscriptions, a name opening the clause
    ("騰訊第三季溢利705.5億元（人民幣，下同），勝於市場預期的660億元。", D,
     [("Tencent", "profit", 70.55 * B, "CNY", "Q3 2025", "reported"),
      ("Tencent", "profit", 66 * B, "CNY", "Q3 2025", "estimate")]),
    ("鴻海第3季合併營收2兆589.49億元，比去年同期1兆8545.69億元增加11%。", D,
     [("Foxconn", "revenue", 2.05894900e12, "TWD", "Q3 2025", "reported"),
      ("Foxconn", "revenue", 1.85456900e12, "TWD", "Q3 2024", "reported")]),
    ("IBIT今年以来净申购35亿美元。", D, [("iShares Bitcoin Trust", "fund_flow", 3.5 * B, "USD", "2025", "reported")]),
    ("新浪前一交易日收盘价为40.19美元。", D, [("新浪", "price", 40.19, "USD", None, "reported")]),
    ("高盛预计2026年资本支出将达到5270亿美元。", D, []),
    # a name before its ticker; the buyer after "acquired by"; a bank's target price is the company's
    ("Corning(GLW) - 2025 Q4 results. Q4 2025 core sales reached $4.41 billion.", D,
     [("Corning", "revenue", 4.41 * B, "USD", "Q4 2025", "reported")]),
    ("Walgreens Boots Alliance (WBA) agreed to be acquired by an entity affiliated with Sycamore Partners "
     "for up to $23.7 billion.", D, [("Sycamore Partners", "acquisition", 23.7 * B, "USD", None, "reported")]),
    ("高盛給予鴻海目標價400元。", D, [("Foxconn", "price", 400, "TWD", None, "estimate")]),
    ("英伟达Q3财报\n公司FY26Q3营收570亿美元。", D, [("NVIDIA", "revenue", 57 * B, "USD", "Q3 FY2026", "reported")]),
    ("新势力车企游侠汽车近日完成50亿元融资。", D, [("游侠汽车", "funding", 5 * B, "CNY", None, "reported")]),
    # a known name followed by a company word is another company; a negative profit is a loss
    ("Samsung Biologics posted revenue of 412.2 billion won in Q2 2021.", D,
     [("Samsung Biologics", "revenue", 412.2 * B, "KRW", "Q2 2021", "reported")]),
    ("Initech reported a net profit of negative $8.7 million in 2024.", D,
     [("Initech", "loss", 8.7 * M, "USD", "2024", "reported")]),
    # a bracketed restatement is the same fact
    ("Novo Nordisk's sales rose to DKK 20 billion (€2.7 billion) in 2013.", D,
     [("Novo Nordisk", "revenue", 20 * B, "DKK", "2013", "reported")]),
    # news outlets and data vendors never own a figure; agency tags are not subjects
    ("(Reuters) -Initech said on Tuesday it had raised $1 billion in a funding round.", D,
     [("Initech", "funding", 1 * B, "USD", None, "reported")]),
    ("Initech's net profit was $6.3 billion. This beat the $6.1 billion profit expected by analysts "
     "tracked by Bloomberg.", D,
     [("Initech", "profit", 6.3 * B, "USD", None, "reported"), ("Initech", "profit", 6.1 * B, "USD", None, "estimate")]),
    # an investor named in a round is not the "it" that raised money
    ("Investors in the round for Zeta included Coatue and Intel Capital.\n"
     "In 2021, it had raised $325 million.", D, []),
    # the previous quarter
    ("Acme's profit was $2.1 billion for the three months ended June 30, compared to $2.5 billion "
     "in the previous quarter.", D,
     [("Acme", "profit", 2.1 * B, "USD", "Q2 2025", "reported"), ("Acme", "profit", 2.5 * B, "USD", "Q1 2025", "reported")]),
    # "期内" and "the quarter" point back past the paragraph to the period stated before
    ("美团第三季收入954.9亿元。\n\n期内核心本地商业分部收入674亿元。", D,
     [("Meituan", "revenue", 95.49 * B, "CNY", "Q3 2025", "reported"),
      ("Meituan", "revenue", 67.4 * B, "CNY", "Q3 2025", "reported")]),
    # a story states its period once, in its lead: later paragraphs keep it
    ("Acme Corp. reported net income of $7.8 billion in the three months ended September 30.\n\n"
     "Ad revenue rose to $21.2 billion.", D,
     [("Acme", "profit", 7.8 * B, "USD", "Q3 2025", "reported"),
      ("Acme", "revenue", 21.2 * B, "USD", "Q3 2025", "reported")]),
    # ...the lead's, not a dividend's "for the financial year" stated in between
    ("Acme Corp. reported net income of $1.3 billion for the quarter ended March 2021.\n\n"
     "The board declared a dividend for the financial year 2020-21.\n\nAcme's revenue rose 11 per cent "
     "to $15.4 billion.", date(2021, 5, 1),
     [("Acme", "profit", 1.3 * B, "USD", "Q1 2021", "reported"),
      ("Acme", "revenue", 15.4 * B, "USD", "Q1 2021", "reported")]),
    # ...unless a sentence since opened on a new period
    ("The world's biggest maker of memory chips expected a first-quarter operating profit of $6.6 billion, "
     "up 931.3 per cent from a year earlier, Acme Corp. said in a regulatory filing.\n\n"
     "For 2023, Acme posted $258.9 billion in sales.\n\nIts annual operating profit fell to $6.56 billion.",
     date(2024, 4, 5),
     [("Acme", "revenue", 258.9 * B, "USD", "2023", "reported"),
      ("Acme", "profit", 6.56 * B, "USD", "2023", "reported")]),
    # the one period a sentence states governs its later results, past a clause
    ("Acme Corp. said operating profit fell to $2.53 billion in the third quarter, while sales "
     "rose 8.8 per cent to $46.72 billion.", D,
     [("Acme", "profit", 2.53 * B, "USD", "Q3 2025", "reported"),
      ("Acme", "revenue", 46.72 * B, "USD", "Q3 2025", "reported")]),
    # ...and a figure whose "全年" is in the clause before it, with no figure between
    ("在基於第4季的營收目標的中間值，聯發科2025年全年營收可望再創新高，達到超過190億美元的規模。", D,
     [("MediaTek", "revenue", 19 * B, "USD", "2025", "guidance")]),
    # one month's figure has no reporting period
    ("緯創去年12月合併營收2,552.55億元，年增幅度超過一倍。", date(2026, 1, 9),
     [("Wistron", "revenue", 255.255 * B, "TWD", None, "reported")]),
    # "而2023年無": a period set against is not the paragraph's
    ("恒隆地產公佈2024年度中期,總收入約61.14億港元。期內確認物業銷售收入,而2023年無。"
     "整體營業溢利亦下降10%至34.3億港元。", date(2024, 7, 30),
     [("恒隆地產", "revenue", 6.114 * B, "HKD", "H1 2024", "reported"),
      ("恒隆地產", "profit", 3.43 * B, "HKD", "H1 2024", "reported")]),
    # a period set against ("與去年相若") states none for the figures after it
    ("周大福公布截至今3月底止全年業績,股東應佔溢利為53.8億港元。派末期股息0.28元,與去年相若。\n"
     "期內收入為946.8億港元,按年跌4.3%。", date(2023, 6, 8),
     [("周大福", "profit", 5.38 * B, "HKD", "FY2023", "reported"),
      ("周大福", "revenue", 94.68 * B, "HKD", "FY2023", "reported")]),
    # figures paired by "or" share the comparison around them
    ("For the first quarter of 2025, Acme Corp. reported net income of $34.36 million or $1.89 per share, "
     "up from $43.11 million or $2.31 per share in the prior-year quarter.", D,
     [("Acme", "profit", 34.36 * M, "USD", "Q1 2025", "reported"),
      ("Acme", "eps", 1.89, "USD", "Q1 2025", "reported"),
      ("Acme", "profit", 43.11 * M, "USD", "Q1 2024", "reported"),
      ("Acme", "eps", 2.31, "USD", "Q1 2024", "reported")]),
    # ...and with the metric named again between
    ("Acme Corp. said its net profit reached $146.9 million during the January-March period of 2022, "
     "compared with a net income of $61 million a year earlier.", D,
     [("Acme", "profit", 146.9 * M, "USD", "Q1 2022", "reported"),
      ("Acme", "profit", 61 * M, "USD", "Q1 2021", "reported")]),
    # a full-year figure takes the year of the quarter reported around it
    ("聯發科第4季營收目標中間值推算，全年營收可望達到190億美元。", D,
     [("MediaTek", "revenue", 19 * B, "USD", "2025", "guidance")]),
    # an estimate or outlook after a stated period takes it
    ("For the quarter ended September 2025, Acme Corp. reported revenue of $4.4 billion. "
     "The revenue compares to the consensus estimate of $4.3 billion.", D,
     [("Acme", "revenue", 4.4 * B, "USD", "Q3 2025", "reported"),
      ("Acme", "revenue", 4.3 * B, "USD", "Q3 2025", "estimate")]),
    # finance terms and drug targets have the shape of a name but are none
    ("PAT rose to Rs 500 crore in the quarter.", D, []),
    # a figure set against the one before it is the same metric
    ("鴻海11月營收5,510.92億元，相較於9月的8,223.23億元明顯減少。", D,
     [("Foxconn", "revenue", 551.092 * B, "TWD", None, "reported"),
      ("Foxconn", "revenue", 822.323 * B, "TWD", None, "reported")]),
    # ...with the year of the period set against, and in traditional script
    ("阿里巴巴第二季度总收入为人民币1.916亿元，较2021年同期的人民币2.567亿元下降25.4%。", D,
     [("Alibaba", "revenue", 191.6 * M, "CNY", "Q2 2025", "reported"),
      ("Alibaba", "revenue", 256.7 * M, "CNY", "Q2 2021", "reported")]),
    ("鴻海11月營收5,510.92億元，較2024年同期的4,000億元增加。", D,
     [("Foxconn", "revenue", 551.092 * B, "TWD", None, "reported"),
      ("Foxconn", "revenue", 400 * B, "TWD", None, "reported")]),
    # a name after a description or a place it is based in is a company, owning or set off
    ("Videoconferencing company Initech’s first-quarter revenue missed estimates.\n"
     "Pleasanton-based Initech, which benefited as Cisco Systems (CSCO) struggled, is now feeling the heat.\n"
     "The company posted a net income of $15 million.", D,
     [("Initech", "profit", 15 * M, "USD", "Q1 2025", "reported")]),
    ("Pleasanton-based Initrode, which benefited as Cisco Systems (CSCO) struggled, is now feeling the heat.\n"
     "The company posted a net income of $15 million.", D,
     [("Initrode", "profit", 15 * M, "USD", None, "reported")]),
    # who polled the analysts is no subject; their cue reaches every figure of the clause
    ("Initech raised its outlook.\n\nOn average, analysts polled by Thomson Reuters expect earnings of $8.69 per "
     "share on revenues of $13.44 billion for the year.", D,
     [("Initech", "eps", 8.69, "USD", None, "estimate"), ("Initech", "revenue", 13.44 * B, "USD", None, "estimate")]),
    # "total income" is the top line (Indian filings); "income" alone a profit
    ("Initech's total income declined 14.18 per cent to Rs 1,094.58 crore, while net income rose to Rs 69.21 crore.", D,
     [("Initech", "revenue", 10.9458 * B, "INR", None, "reported"), ("Initech", "profit", 692.1 * M, "INR", None, "reported")]),
    # a name, its code, then 以 and the amount: the one putting the money in, in a list of such
    ("投審會通過兩件對外投資案，包括緯穎科技（6669）以2.5億美元、仁寶電腦（2324）以4.25億美元增資美國。", D,
     [("Wiwynn", "investment", 250 * M, "USD", None, "reported"), ("仁寶電腦", "investment", 425 * M, "USD", None, "reported")]),
    # whoever raises or cuts a price target is a broker: the target is the company's it names
    ("Canaccord Genuity raised its price target on Apple to $21 from $20.", D,
     [("Apple", "price", 21, "USD", None, "estimate"), ("Apple", "price", 20, "USD", None, "estimate")]),
    # "analysts had looked for" sets an estimate against the figure before it
    ("Initech said total revenues grew 6% in the quarter to $1.71 billion. Analysts had looked for $1.68 billion, "
     "according to estimates from Refinitiv.", D,
     [("Initech", "revenue", 1.71 * B, "USD", None, "reported"), ("Initech", "revenue", 1.68 * B, "USD", None, "estimate")]),
    # a mark passed ("突破8兆大關") is no figure of the company; the figure reached is
    ("阿里巴巴估值超越200亿元是一个槛。", D, []),
    # a quarter named without its year, in a text whose only year is the one set against: the year after it
    ("小鹏汽车三季度营收创下历史新高,总收入 203.8 亿元,三季度总交付量为 116,007 辆,较 2024 年同期的 46,533 辆,"
     "同比增加 149.3%。", None,
     [("XPeng", "revenue", 20.38 * B, "CNY", "Q3 2025", "reported")]),
    # a name only NER found, before a metric word, in a text that names its company: a business line
    ("Givaudan AG, the Swiss manufacturer of flavors, reported Thursday that its third-quarter group sales were "
     "1.73 billion Swiss francs. Fragrance & Beauty sales were 839 million francs, down 0.5 percent, "
     "and Taste & Wellbeing sales fell 7.6 percent to 891 million francs.", D,
     [("Givaudan AG", "revenue", 1.73 * B, "CHF", "Q3 2025", "reported"),
      ("Givaudan AG", "revenue", 839 * M, "CHF", "Q3 2025", "reported"),
      ("Givaudan AG", "revenue", 891 * M, "CHF", "Q3 2025", "reported")]),
    # an amount in cents is per share, and a loss counted so is a negative eps
    ("Initech says it lost $14.5 million in its first quarter.\n\nThe newspaper publisher says the loss amounted to "
     "18 cents per share. Analysts were anticipating a 27-cent per-share loss. Its diluted losses per share of 65 "
     "cents missed Wall Street's estimate of a 20-cent loss.", D,
     [("Initech", "loss", 14.5 * M, "USD", "Q1 2025", "reported"), ("Initech", "eps", -0.18, "USD", "Q1 2025", "reported"),
      ("Initech", "eps", -0.27, "USD", "Q1 2025", "estimate"), ("Initech", "eps", -0.65, "USD", "Q1 2025", "reported"),
      ("Initech", "eps", -0.2, "USD", "Q1 2025", "estimate")]),
    # a line opening with a name and a results period heads the figures listed under it
    ("IRCTC Q2 FY24 (Consolidated, YoY)\nRevenue up 23.44% at Rs 995 crore.\n"
     "Shree Cement Q2 FY24 (Consolidated, YoY)\nRevenue up 18.87% at Rs 4,800 crore.", D,
     [("IRCTC", "revenue", 9.95 * B, "INR", "Q2 FY2024", "reported"),
      ("Shree Cement", "revenue", 48 * B, "INR", "Q2 FY2024", "reported")]),
    # a loss and its amount per share, set against last year's pair: each against its own kind,
    # the per-share amounts negative, the totals never per share
    ("Initech said loss for the first quarter widened to $7.1 million or $0.24 per share from $0.8 million or "
     "$0.03 per share.", D,
     [("Initech", "loss", 7.1 * M, "USD", "Q1 2025", "reported"), ("Initech", "eps", -0.24, "USD", "Q1 2025", "reported"),
      ("Initech", "loss", 0.8 * M, "USD", "Q1 2025", "reported"), ("Initech", "eps", -0.03, "USD", "Q1 2025", "reported")]),
    # an amount in pence after a move in per cent is a share price, never a top line
    ("Engineering firm Melrose gained 4.1% to 179p as it reported a 5.6% increase in revenue to £3.83 billion.", D,
     [("Melrose", "price", 1.79, "GBP", None, "reported"), ("Melrose", "revenue", 3.83 * B, "GBP", None, "reported")]),
    # the trade's big name before a name is no part of it
    ("IC設計大廠聯詠（3034）昨（4）日公布第3季財報，每股純益為6.01元。", D,
     [("聯詠", "eps", 6.01, "TWD", "Q3 2025", "reported")]),
    # an issue price is the company's price per share, not money it raises
    ("医渡科技已在港交所上市,发行价为26.30港元,募资净额为39亿港元。", D,
     [("医渡科技", "price", 26.3, "HKD", None, "reported"), ("医渡科技", "funding", 3.9 * B, "HKD", None, "reported")]),
    # a place right after a Latin name in Chinese text names the company's arm there
    ("綜合外電報道,Uber中國最新估值達70億美元。", D, [("Uber中國", "valuation", 7 * B, "USD", None, "reported")]),
    # a roundup's lines labelled with the company each is about
    ("Seatrium: The group on Monday reported a wider second-half net loss of S$1.7 billion.\n"
     "Singapore Land Group (SingLand): The real estate company reported a rise in net profit to S$102.4 million.", D,
     [("Seatrium", "loss", 1.7 * B, "SGD", None, "reported"), ("SingLand", "profit", 102.4 * M, "SGD", None, "reported")]),
    # a name dated to the day it announces, after a clause break
    ("為募集長期資金償還借款、充實營運資金,台塑化12日公告,董事會決議發行無擔保公司債,總金額新台幣100億元。", D,
     [("台塑化", "debt_issuance", 10 * B, "TWD", None, "reported")]),
    # a grey market's quote is a price; the money it turned over is none
    ("東正金融(02718)明日於港交所主板掛牌,東正金融開報3.08元,成交12.3萬股,涉及金額39.7萬元。", D,
     [("東正金融", "price", 3.08, "HKD", None, "reported")]),
    # Taiwan's word for earnings
    ("台積電今年1月至10月稅前盈餘為694億元，主因為國際燃料價格下滑。", D,
     [("TSMC", "profit", 69.4 * B, "TWD", None, "reported")]),
    # a headline is about the company it names with its ticker, whatever word stands before it
    ("Curious about Initech (ITCH) Q4 Performance? Explore Wall Street Estimates\n"
     "华尔街分析师预测公司季度营收为46.2亿美元。", D,
     [("Initech", "revenue", 4.62 * B, "USD", "Q4 2025", "estimate")]),
    # an amount in cents after "or" and a profit is earnings per share, with no "per share" written
    ("Initrode Bhd reported a net profit of RM1.46 million or 0.03 sen, down from RM23.70 million or 0.53 sen.", D,
     [("Initrode", "profit", 1.46 * M, "MYR", None, "reported"), ("Initrode", "eps", 0.0003, "MYR", None, "reported"),
      ("Initrode", "profit", 23.7 * M, "MYR", None, "reported"), ("Initrode", "eps", 0.0053, "MYR", None, "reported")]),
    # a name's abbreviation in brackets is that company wherever it is used after
    ("Initrode Resources Corp Bhd (IRCB) reported a net profit of RM1.46 million.\n"
     "IRCB said revenue fell to RM1.85 billion.", D,
     [("Initrode Resources Corp", "profit", 1.46 * M, "MYR", None, "reported"),
      ("Initrode Resources Corp", "revenue", 1.85 * B, "MYR", None, "reported")]),
    # a figure set against one that makes no claim (an employee's) makes none either
    ("Insperity第二季度每工作场所员工月均毛利为240美元，低于2024年同期的282美元。", D, []),
    # money a company invests in what it builds is capex; in another company, an investment
    ("Microsoft plans to invest $80 billion in AI data centers this year.", D,
     [("Microsoft", "capex", 80 * B, "USD", "2025", "guidance")]),
    ("Microsoft invested $10 billion in OpenAI, which builds data centers.", D,
     [("Microsoft", "investment", 10 * B, "USD", None, "reported")]),
    # an estimate with no period of its own is of the result reported before it
    ("For the quarter ended September 2025, Initech reported revenue of $4.4 billion.\n\n"
     "The reported revenue compares to the Zacks Consensus Estimate of $4.3 billion.", D,
     [("Initech", "revenue", 4.4 * B, "USD", "Q3 2025", "reported"),
      ("Initech", "revenue", 4.3 * B, "USD", "Q3 2025", "estimate")]),
    # a result set against expectations is reported, not an outlook
    ("美团第三季录得经调整净亏损160亿元，符合预期。", D,
     [("Meituan", "loss", 16 * B, "CNY", "Q3 2025", "reported")]),
    ("Initech posted revenue of $4.4 billion, beating expectations.", D,
     [("Initech", "revenue", 4.4 * B, "USD", None, "reported")]),
    # a company recognised at one mention is that company at every mention
    ("IT majors Infosys and Wipro Ltd announced results. Wipro has shown a net profit of "
     "Rs 2,931 crore. Infosys reported a net profit of Rs 5,241 crore.", D,
     [("Wipro", "profit", 29.31 * B, "INR", None, "reported"),
      ("Infosys", "profit", 52.41 * B, "INR", None, "reported")]),
    # a descriptor before a name makes it a company, whatever NER says
    ("Telecom major Bharti Airtel said revenue rose to ₹52,145.4 crore.", D,
     [("Bharti Airtel", "revenue", 521.454 * B, "INR", None, "reported")]),
    # a figure governed by a measure outside the vocabulary (assets, dividends) is no claim
    ("工商银行总资产规模达52.81万亿元，净利润为2718.82亿元。", D,
     [("ICBC", "profit", 271.882 * B, "CNY", None, "reported")]),
    ("Initech reported total assets of $5 trillion and net income of $8 billion.", D,
     [("Initech", "profit", 8 * B, "USD", None, "reported")]),
    # decimals read aloud; another currency after "or" restates the figure
    ("Samsung Electronics said its operating profit came to two-point-43 trillion won, or around "
     "one-point-eight billion U.S. dollars.", D,
     [("Samsung", "profit", 2.43e12, "KRW", None, "reported")]),
    # a definite description of a company points back to the one named before
    ("Toyota cut its outlook.\n\nThe world’s largest automaker forecast an operating profit of 2.4 trillion yen.", D,
     [("Toyota", "profit", 2.4e12, "JPY", None, "guidance")]),
    ("Adobe reported results.\nThe company’s Digital Media segment generated $3.4 billion in revenue, above the "
     "$3.36 billion consensus among analysts polled by StreetAccount.", D,
     [("Adobe", "revenue", 3.4 * B, "USD", None, "reported"), ("Adobe", "revenue", 3.36 * B, "USD", None, "estimate")]),
    # a weekday or a legal suffix alone is no name
    ("On Wednesday, Co. said Samsung's operating profit rose to 10.44 trillion won.", D,
     [("Samsung", "profit", 10.44e12, "KRW", None, "reported")]),
    # a label before a colon names the figure after it
    ("Adobe reported results.\n- Earnings: $3.80 per share, adjusted.", D,
     [("Adobe", "eps", 3.8, "USD", None, "reported")]),
    # the metric that opens a sentence reaches the end point of its change
    ("Samsung reported results.\n\nSales for the company also experienced a notable increase, rising by 23.4 "
     "percent year-on-year to 74.06 trillion won.", D,
     [("Samsung", "revenue", 74.06e12, "KRW", None, "reported")]),
    # a bare 亿 right after a money metric word is an amount in the local currency
    ("山东药玻(600529):景气阶段回落\n2024年全年营收51.3亿,同比+2.9%,归母净利9.4亿,同比+21.6%", D,
     [("山东药玻", "revenue", 5.13 * B, "CNY", "2024", "reported"), ("山东药玻", "profit", 0.94 * B, "CNY", "2024", "reported")]),
    # names each with its figure in brackets share the first figure's metric
    ("从营收规模看,江苏银行(671.8亿元)、宁波银行(549.8亿元)位居前二。", D,
     [("江苏银行", "revenue", 67.18 * B, "CNY", None, "reported"), ("宁波银行", "revenue", 54.98 * B, "CNY", None, "reported")]),
    # a bank name before its period is a name ("重庆银行前三季度实现…")
    ("重庆银行前三季度实现营业收入117.4亿元。", D, [("重庆银行", "revenue", 11.74 * B, "CNY", "9M 2025", "reported")]),
    # a figure parsed as a subject is not who reports it
    ("Reliance Industries reported results.\nConsolidated net profit at Rs 8,046 crore, or Rs 27.3 per share, was "
     "12.3 per cent higher, the company said.", D,
     [("Reliance Industries", "profit", 80.46 * B, "INR", None, "reported"),
      ("Reliance Industries", "eps", 27.3, "INR", None, "reported")]),
    # the sentence's only metric reaches a figure far from it
    ("觀察上市公司前三季稅後淨利,台積電以1.2兆元居冠、年增51.63%;鴻海以1,614億元排名第二、年增35.4%。", D,
     [("TSMC", "profit", 1.2e12, "TWD", "9M 2025", "reported"), ("Foxconn", "profit", 161.4 * B, "TWD", "9M 2025", "reported")]),
    # a label line names the list under it; a broker's estimates belong to the company before it
    ("鴻海(2317)是最大贏家。高盛看好鴻海。\nEPS預估:\n- 2025:14.37元\n- 2026:19.06元", D,
     [("Foxconn", "eps", 14.37, "TWD", "2025", "estimate"), ("Foxconn", "eps", 19.06, "TWD", "2026", "estimate")]),
    # a counted group of companies owns its figure, none of them alone
    ("富邦金9月獲利54億元。14家金控前三季稅後純益亦拉昇到3,394.4億元。", D,
     [("Fubon Financial", "profit", 5.4 * B, "TWD", None, "reported")]),
    ("Microsoft raised its outlook. Those firms’ spending totals more than $630 billion.", D, []),
    # a known name followed by 银行/证券/保险 is another company of its group
    ("平安银行前三季度实现营业收入1007亿元。", D, [("平安银行", "revenue", 100.7 * B, "CNY", "9M 2025", "reported")]),
    # a descriptor before a Chinese name is cut off it
    ("光子计算提供商曦智科技宣布完成15亿元融资。", D, [("曦智科技", "funding", 1.5 * B, "CNY", None, "reported")]),
    # the buyer owns the price of what it buys; per-share terms are no figure of either
    ("IBM agreed to buy software-and-services company Red Hat Inc. in October for about $33 billion.", D,
     [("IBM", "acquisition", 33 * B, "USD", None, "reported")]),
    ("Cisco Systems (CSCO) is buying software company Splunk (SPLK) for $157 U.S. a share in an all-cash deal "
     "worth $28 billion U.S.", D, [("Cisco", "acquisition", 28 * B, "USD", None, "reported")]),
    ("Acacia had earlier agreed to a $2.84 billion offer from Cisco.", D,
     [("Cisco", "acquisition", 2.84 * B, "USD", None, "reported")]),
    # "or $1.89 per share" names the second figure per share, not the total before it
    ("UniFirst reported results.\nFor the first quarter, the company reported net income of $34.36 million or $1.89 per share.", D,
     [("UniFirst", "profit", 34.36 * M, "USD", "Q1 2025", "reported"), ("UniFirst", "eps", 1.89, "USD", "Q1 2025", "reported")]),
    # funding verbs make the name before them an actor; a pioneer is a company
    ("Berlin-based fast grocery service, Flink has raked in €150 million from existing investors.", D,
     [("Flink", "funding", 150 * M, "EUR", None, "reported")]),
    ("奇瑞汽车作为新晋上市企业,前三季度累计营收2148亿元。", D,
     [("奇瑞汽车", "revenue", 214.8 * B, "CNY", "9M 2025", "reported")]),
    # an undated text's yearless quarter takes the year the text names elsewhere
    ("贵州茅台发布三季报,前三季度公司实现营收1284.54亿元。\n\n贵州茅台2025年第三季度业绩增速创下近十年新低。", None,
     [("Kweichow Moutai", "revenue", 128.454 * B, "CNY", "9M 2025", "reported")]),
    # a round mark passed is no figure when the exact one stands beside it, or when it is a milestone
    ("鴻海今日公布2025年全年營收破8兆元，達8.09兆元，年增18.07%。", D,
     [("Foxconn", "revenue", 8.09e12, "TWD", "2025", "reported")]),

    # alone, a mark passed is the figure the text gives; a company's CEO speaks for it
    ("Microsoft's cloud revenue surpassed $49 billion for the first time.", D,
     [("Microsoft", "revenue", 49 * B, "USD", None, "reported")]),
    # fees, gains and expenses are outside the vocabulary
    ("If Cisco backs out of the deal, it will pay Splunk a termination fee of $1.48 billion.", D, []),
    # Taiwan's financial holdings by their short names; nouns ending in 金 are none
    ("每股稅後純益（EPS）以永豐金0.57元位居三家金控之首，國票金EPS 0.19元。", D,
     [("永豐金", "eps", 0.57, "TWD", None, "reported"), ("國票金", "eps", 0.19, "TWD", None, "reported")]),
    ("公司现金100亿元,资金充足。", D, []),
    # a name listed among known companies is one; a stock code may follow a listed name
    ("代工廠廣達（2382）、緯創、緯穎、英業達昨（8）日公布9月營收，分別為1,841.09億元、2,034.36億元、863.16億元及605.61億元。", D,
     [("Quanta", "revenue", 184.109 * B, "TWD", None, "reported"), ("Wistron", "revenue", 203.436 * B, "TWD", None, "reported"),
      ("Wiwynn", "revenue", 86.316 * B, "TWD", None, "reported"), ("英業達", "revenue", 60.561 * B, "TWD", None, "reported")]),
    # the name in brackets after a legal name is what the company is called
    ("FSN E-Commerce Ventures Ltd (Nykaa) posted a net profit of ₹34.43 crore.", D,
     [("Nykaa", "profit", 344.3 * M, "INR", None, "reported")]),
    # a company named by the person who led it is not the subject; a Series A into X is X's
    ("The former Google AI chief raised $475 million at a $4.5 billion valuation for Anthropic.", D,
     [("Anthropic", "funding", 475 * M, "USD", None, "reported"), ("Anthropic", "valuation", 4.5 * B, "USD", None, "reported")]),
    ("Benchmark also co-led a $170 million Series A into Mistral.", D,
     [("Mistral", "funding", 170 * M, "USD", None, "reported")]),
    # a close after a day's move is the share price
    ("Infosys shares closed 1.12% higher at Rs 1,309.10 on the Bombay Stock Exchange.", D,
     [("Infosys", "price", 1309.1, "INR", None, "reported")]),
    ("小米全日收跌2.8%，報40.8港元，全日成交額87.6億港元。", D, [("Xiaomi", "price", 40.8, "HKD", None, "reported")]),
    ("緯穎昨天上漲15元收3,315元。", D, [("Wiwynn", "price", 3315, "TWD", None, "reported")]),
    # the board that announces is no company
    ("董事会欣然宣佈,本公司将出资人民币60亿元认购目标公司股份。", D, []),
    # money raised in a bond issue is debt issuance, not funding
    ("National oil firm Petronas completed a global bond issue to raise RM10 billion (US$2.675 billion).", D,
     [("Petronas", "debt_issuance", 10 * B, "MYR", None, "reported")]),
    # an investment in what a company builds is capex; "将" and "未来三年" are its plan
    ("谷歌宣布未来三年将在德国投资55亿欧元，扩大基建与提升资料中心算力。", D,
     [("Google", "capex", 5.5 * B, "EUR", None, "guidance")]),
    ("聯電董事會通過資本預算執行案，預計投資金額達300.96億元，以提供產能建置需求。", D,
     [("UMC", "capex", 30.096 * B, "TWD", None, "guidance")]),
    # "$X in cash" after a price word is how a deal is paid, not cash held; a seller's sale is no claim
    ("Cisco agreed to acquire Acacia for $115 per share, or approximately $4.5 billion in cash.", D,
     [("Cisco", "acquisition", 4.5 * B, "USD", None, "reported")]),
    ("Initech sold its education unit for $7.75 billion in cash last week.", D, []),
    ("Intel had $5.2 billion in cash at the end of the quarter.", D,
     [("Intel", "cash", 5.2 * B, "USD", None, "reported")]),
    # a metric word inside a longer measure outside the vocabulary is that measure
    ("招商银行於9月底不良貸款餘額635.57億元，較上年底增加19.78億元。", D, []),
    ("贵州茅台合同负债余额截至三季度末为77.49亿元。", D, []),
    ("Initech's contract liabilities were $2.1 billion.", D, []),
    # a name inside a definite description of another company is not the subject
    ("Samsung Electronics said on Friday its profit likely tripled.\n\nThe Apple Inc smartphone rival "
     "and global memory chip leader said operating profit was 14.5 trillion won.", D,
     [("Samsung", "profit", 14.5e12, "KRW", None, "reported")]),
    # a backer named after "controlled by", "backed by" is not the company
    ("Shares of cement maker Summit Materials Inc, controlled by Blackstone Group LP, rose 12.5 percent, "
     "valuing the company at $1.87 billion.", D, [("Summit Materials", "valuation", 1.87 * B, "USD", None, "reported")]),
    # the bidder after "offer from", however it is described
    ("Estia Health has agreed to a $959 million enterprise value offer from US-based global private equity "
     "firm Bain Capital.", D, [("Bain Capital", "acquisition", 959 * M, "USD", None, "reported")]),
    # a name ending like a company is no person; the parts of a price paid are no figures of their own
    ("Devon Energy agreed to acquire the Williston Basin business of Grayson Mill Energy in a transaction "
     "valued at $5 billion, consisting of $3.25 billion of cash and $1.75 billion of stock.", D,
     [("Devon Energy", "acquisition", 5 * B, "USD", None, "reported")]),
    # margins are no metric; "$56 to $60 each" in a sentence about shares is a price per share
    ("Reliance Industries reported gross refining margins at $11.6 a barrel, lower than $12 a quarter ago.", D, []),
    ("Airbnb raised its price range to $56 to $60 each for its shares.", D,
     [("Airbnb", "price", 56, "USD", None, "reported")]),
    # a list of metrics over a list of figures, "respectively" or 分别: each figure its own metric
    ("丰田将其对公司整个财年的净利润、经营利润和销售收入的预期分别提升至1.55万亿、2.20万亿和23.2万亿日元。", D,
     [("Toyota", "profit", 1.55e12, "JPY", None, "guidance"), ("Toyota", "profit", 2.2e12, "JPY", None, "guidance"),
      ("Toyota", "revenue", 23.2e12, "JPY", None, "guidance")]),
    # "1美元约合118日元" is a rate of exchange
    ("丰田销售收入达11.47万亿日元(1美元约合118日元)。", D, [("Toyota", "revenue", 11.47e12, "JPY", None, "reported")]),
    # a name found by shape holding a bond issue or a dateline is no company
    ("債券發行金額為10億元，票面利率2.5%。", D, []),
    # the antecedent is the nearest sentence's company, even one found only by shape
    ("瑞银发布研报。\n明阳电气(301291)发布公告。公司前三季度营业收入52.00亿元。", D,
     [("明阳电气", "revenue", 5.2 * B, "CNY", "9M 2025", "reported")]),
    # a revised forecast's old figure, and a difference from a forecast, are no claims
    ("Sony upgraded its net profit forecast from 2.58 trillion yen to 3.95 trillion yen.", D,
     [("Sony", "profit", 3.95e12, "JPY", None, "guidance")]),
    ("Microsoft posted revenue of $24.5 billion, about $1 billion more than had been predicted.", D,
     [("Microsoft", "revenue", 24.5 * B, "USD", None, "reported")]),
    # growth of a figure, a hit to profit, a yield and an interim dividend are no metric figures
    ("Initech reported Adjusted EBITDA growth of $2 million year-over-year.", D, []),
    ("Toyota said it factored in a ¥180 billion hit to profit from US tariffs.", D, []),
    ("國泰航空期內收益率下跌15.3%至44.2仙。", D, []),
    # a group counted with 余家 owns no one company's figure
    ("保利地產等20余家上市公司凈利潤超過10億元。", D, []),
    # a figure bracketed right after a name is that company's
    ("营收规模前三名为招商银行(2514.20亿元)、兴业银行(1612.34亿元)。", D,
     [("China Merchants Bank", "revenue", 251.42 * B, "CNY", None, "reported"),
      ("兴业银行", "revenue", 161.234 * B, "CNY", None, "reported")]),
    # a broker in brackets that forecasts is no subject; the company it forecasts is
    ("鴻海第4季營收備受關注；摩根士丹利（大摩）則預期單季營收2.45兆元。", D,
     [("Foxconn", "revenue", 2.45e12, "TWD", "Q4 2025", "estimate")]),
    # a market's count of rounds owns its total; share capital, net assets and embedded value are no metric
    ("上半年，机器人领域发生223起融资事件，融资金额高达232亿人民币。银河通用完成新一轮融资。", D, []),
    ("Series C rounds accounted for $2.4 billion across 8 deals, led by Mistral.", D, []),
    ("威盛减资60%，股本从129.1亿元下降至51.6亿元。", D, []),
    ("友邦保险内涵价值权益为737亿美元，基本自由盈余为35.69亿美元。", D, []),
    # "bil" is a billion
    ("Oracle garnered record demand for a US$25bil bond sale.", D,
     [("Oracle", "debt_issuance", 25 * B, "USD", None, "reported")]),
    # operating and net income in Chinese are profit; a metric word in a later clause does not govern
    ("小米创新业务分部首次实现单季度经营盈利，经营收益为7亿元。", D, [("Xiaomi", "profit", 0.7 * B, "CNY", None, "reported")]),
    ("Nintendo said its net profit rose 17.7 percent to 271.30 billion yen, while sales jumped 21.2 percent.", D,
     [("Nintendo", "profit", 271.3 * B, "JPY", None, "reported")]),
    # a region's or a count of companies' figure is no company's; investors' orders are no metric
    ("Tencent led the rally. The region's market cap stood at $25.74 trillion at the close of last year.", D, []),
    ("More than 200 companies valued at more than $50 million have gone public this year, Airbnb among them.", D, []),
    ("Investors placed orders amounting to around $7 billion for the Petronas bond, Petronas said.", D, []),
    # "London-based" and "Cologne's" describe the name after them
    ("London-based Builder.ai has secured $250 million in a Series D round.", D,
     [("Builder.ai", "funding", 250 * M, "USD", None, "reported")]),
    # a result, whatever a broker estimated before it
    ("HDFC Securities had estimated a rise in the company's profit.\nInfosys Q2 net profit came in at "
     "Rs 4,110 crore, implying a rise of 10.3% on year.", D,
     [("Infosys", "profit", 41.1 * B, "INR", "Q2 2025", "reported")]),
    # a lower and an upper bound of one plan are one range; a figure a calculation is based on is none
    ("中炬高新技术实业(集团)股份有限公司计划回购公司股份,资金总额不低于人民币1亿元且不超过人民币1.5亿元。"
     "按本次回购资金最高人民币1.5亿元测算,预计可回购股份约357万股。", D,
     [("中炬高新技术实业", "spending", 1e8, "CNY", None, "guidance")]),
    # a ticker in brackets after a name is that company
    ("Oil and gas producer Devon Energy (DVN) announced Monday it has entered into a definitive purchase "
     "agreement to acquire the Williston Basin business of Grayson Mill Energy in a transaction valued at $5 billion.", D,
     [("Devon Energy", "acquisition", 5 * B, "USD", None, "reported")]),
    # what only a company has right after a name makes it a company, whatever NER called it
    ("Pernod Ricard, in their first half report, unveiled a net profit of 1.57 billion euros.", D,
     [("Pernod Ricard", "profit", 1.57 * B, "EUR", None, "reported")]),
    # a company speaking after its own figure, described before it, is the subject
    ("The world's biggest maker of memory chips expected an operating profit of 6.6 trillion won, "
     "Samsung Electronics said in a filing.", D, [("Samsung", "profit", 6.6e12, "KRW", None, "guidance")]),
    # the company bought is never the buyer, however it is described; 这家 points back
    ("芯片巨頭英偉達遭到反壟斷調查。\n監管機構也在審查這家美國芯片制造商在以69億美元收購以色列網絡產品供應商邁絡思(Mellanox)時做出的承諾。", D,
     [("NVIDIA", "acquisition", 6.9 * B, "USD", None, "reported")]),
    # a name set off by a description of a company is a company; "Earlier, the company" is no name
    ("Seoul, Oct 30 Zorvex Motor, South Korea's leading automaker, said on Thursday its profit fell.\n\n"
     "Net profit declined to 2.54 trillion won, the company said.", D,
     [("Zorvex Motor", "profit", 2.54e12, "KRW", None, "reported")]),
    ("Earlier, the company raised $95.7 million in its offering.", D, []),
    # a ticker with a space before its bracket; a place in a description of the company points back
    ("Quillon (NASDAQ: QLN ) reported quarterly results. Its revenue of $50.41 million fell.", D,
     [("Quillon", "revenue", 50.41 * M, "USD", None, "reported")]),
    ("Quillon Motors reported results.\nThe Mumbai-headquartered automaker posted a net profit of "
     "32.03 billion rupees.", D, [("Quillon Motors", "profit", 32.03 * B, "INR", None, "reported")]),
    ("MUMBAI: India’s Quillon Motors today reported a net profit of 32.03 billion rupees.", D,
     [("Quillon Motors", "profit", 32.03 * B, "INR", None, "reported")]),
    # the company is named only in an earlier sentence with no figure, as the subject of its verb
    ("Shares of Meicai opened 12% above their offer price on Tuesday. Earlier, the company raised $80 million.", D,
     [("Meicai", "funding", 80 * M, "USD", None, "reported")]),
    # what tariffs cost the company is no spending of it
    ("Zorvex Motor said U.S. tariffs cost the company 828 billion won in the second quarter.", D, []),
    # legal forms of other countries end a name; "X-led" and "X-backed" describe the company after
    ("Quillon Services Bhd’s net profit rose 25% to RM105.94 million.", D,
     [("Quillon Services", "profit", 105.94 * M, "MYR", None, "reported")]),
    ("Zorvex Airports Holdings Bhd (ZAHB) posted a net profit of RM58.19 million.", D,
     [("Zorvex Airports Holdings", "profit", 58.19 * M, "MYR", None, "reported")]),
    ("Quillon Therapeutics GmbH raised $42.7 million in a Series A round.", D,
     [("Quillon Therapeutics", "funding", 42.7 * M, "USD", None, "reported")]),
    ("Ajay Zorvex-led Zorvex Enterprises posted a net profit of Rs 551 crore.", D,
     [("Zorvex Enterprises", "profit", 5.51 * B, "INR", None, "reported")]),
    # a name after a description of a company, acting, is a company
    ("One day later, Chinese AI chip maker Quillon said it raised $141 million.", D,
     [("Quillon", "funding", 141 * M, "USD", None, "reported")]),
    # money raised by a name: the name is the company that raised it
    ("One of the deals of the quarter was the US$50 million raised by Zorvex, an online lender.", D,
     [("Zorvex", "funding", 50 * M, "USD", None, "reported")]),
    # an amount per share with no metric word before it is read by the words of its clause
    ("Quillon reported results on Thursday. On an adjusted basis, the company earned $10.32 per share.", D,
     [("Quillon", "eps", 10.32, "USD", None, "reported")]),
    ("Quillon said it closed its underwritten public offering of 210.83 million shares at 15 cents each.", D,
     [("Quillon", "price", 0.15, "USD", None, "reported")]),
    # a ticker bracket with a link label after the ticker
    ("Quillon (QLN - Free Report) reported $19.31 billion in revenue.", D,
     [("Quillon", "revenue", 19.31 * B, "USD", None, "reported")]),
    # a descriptor before a name in traditional script; Stock Connect's channels and 环比 are no companies
    ("內地雞肉食品生產商鳳祥股份(09977.HK)每股3.33元下限定價,集資淨額約10億元。", D,
     [("鳳祥股份", "price", 3.33, "HKD", None, "reported"), ("鳳祥股份", "funding", 1 * B, "HKD", None, "reported")]),
    ("上月沪股通累计净流出377.4亿元,环比减少约465.3亿元。", D, []),
    # a wire's tag before the name is never the subject; after it, publishing is announcing
    ("财经社1月21日电宏远电气(301999)发布公告,预计2024年度归母净利润约亏损3500万元至5000万元。", D,
     [("宏远电气", "loss", 35 * M, "CNY", "2024", "guidance")]),
    ("中证智能财讯宏远股份(300999)1月20日晚间披露2024年度业绩预告,预计2024年归母净利润7514.16万元至8776.54万元。", D,
     [("宏远股份", "profit", 75.1416 * M, "CNY", "2024", "guidance")]),
    ("中证智能财讯宏远科1月22日晚间披露2024年度业绩预告,预计2024年实现营业收入13.5亿元至15.5亿元。", D,
     [("宏远科", "revenue", 1.35 * B, "CNY", "2024", "guidance")]),
    ("公告: 宏远眼科发布 2023 年年度报告。2023 年,公司营业收入 203.67 亿元(+26.43%)。", D,
     [("宏远眼科", "revenue", 20.367 * B, "CNY", "2023", "reported")]),
    # a Latin name before a business line ("Zorvex客戶業務") is the line, not a company
    ("宏遠電力公布2025年上半年業績。綜合收入為428.54億港元,主要原因是Zorvex客戶業務收入下降。", D,
     [("宏遠電力", "revenue", 42.854 * B, "HKD", "H1 2025", "reported")]),
    # a stock code written with its market after a dash names the company before it
    ("【財華社訊】宏遠傳媒(00999-HK)公布,年度股東應佔虧損3.38億元。", D,
     [("宏遠傳媒", "loss", 338 * M, "HKD", None, "reported")]),
    # the bond issue's documents call the company "发行人"
    ("中冶集团公布债券发行结果。发行人本期债券发行规模为20亿元。", D,
     [("中冶集团", "debt_issuance", 2 * B, "CNY", None, "reported")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_paragraph_claims(extractor: Extractor, text: str, published: date | None, expected: list[tuple]) -> None:
    got = extractor.extract(text, None, published).claims
    assert [(c.subject, c.metric, c.low, c.currency, c.period, c.modality) for c in got] == [
        (s, m, pytest.approx(lo), cur, p, mod) for s, m, lo, cur, p, mod in expected]


def test_modality_is_in_the_extraction_contract(extractor: Extractor) -> None:
    out = extractor.extract("Meta expects capex of $70 billion in 2025.").to_json("x")
    assert out["claims"][0]["modality"] == "guidance"
    assert set(out["claims"][0]) >= {"subject", "metric", "low", "high", "currency", "qualifier", "per",
                                     "period", "sentence", "modality"}


def test_a_period_before_a_colon_labels_the_figure_after_it(extractor: Extractor) -> None:
    got = extractor.extract("恒基地產每股基礎盈利為港幣0.63元(2024年:港幣1.12元)。", None, D).claims
    assert [(c.low, c.period) for c in got] == [(pytest.approx(0.63), None), (pytest.approx(1.12), "2024")]


def test_lower_and_upper_bound_make_one_range(extractor: Extractor) -> None:
    got = extractor.extract("Acme Corp. plans buybacks of at least $1 billion and no more than $1.5 billion.", None, D).claims
    assert [(c.subject, c.metric, c.low, c.high, c.qualifier) for c in got] == [
        ("Acme", "spending", 1 * B, 1.5 * B, "exact")]
