"""Money spans: one row per written form, with the value, currency, qualifier and rate expected."""

import pytest

from extractors.money import find_money

B, T, M = 1e9, 1e12, 1e6

# (text, [(span text, low, high, currency, qualifier, per)])
ROWS = [
    # Swiss francs, UAE dirhams, Hong Kong cents written 港仙, a full-width point in digit-by-digit numerals
    ("profit of 1.81 billion francs", [("1.81 billion francs", 1.81 * B, 1.81 * B, "CHF", "exact", None)]),
    ("sales of Dh60.2bn", [("Dh60.2bn", 60.2 * B, 60.2 * B, "AED", "exact", None)]),
    ("派末期息78港仙", [("78港仙", 0.78, 0.78, "HKD", "exact", None)]),
    ("營收二八○六．二四億元", [("二八○六．二四億元", 280.624 * B, 280.624 * B, "CNY", "exact", None)]),
    ("全年一．九三兆元", [("一．九三兆元", 1.93 * T, 1.93 * T, "CNY", "exact", None)]),
    # English forms
    ("$135B", [("$135B", 135 * B, 135 * B, "USD", "exact", None)]),
    ("$1.4T+", [("$1.4T+", 1.4 * T, 1.4 * T, "USD", "at_least", None)]),
    ("US$5bn", [("US$5bn", 5 * B, 5 * B, "USD", "exact", None)]),
    ("$1.2tn", [("$1.2tn", 1.2 * T, 1.2 * T, "USD", "exact", None)]),
    ("€20bn", [("€20bn", 20 * B, 20 * B, "EUR", "exact", None)]),
    ("$2.5 million", [("$2.5 million", 2.5 * M, 2.5 * M, "USD", "exact", None)]),
    ("$30,000", [("$30,000", 3e4, 3e4, "USD", "exact", None)]),
    ("$212.40", [("$212.40", 212.4, 212.4, "USD", "exact", None)]),
    ("one trillion dollars", [("one trillion dollars", T, T, "USD", "exact", None)]),
    ("spend a trillion dollars", [("a trillion dollars", T, T, "USD", "exact", None)]),
    ("$1 trillion", [("$1 trillion", T, T, "USD", "exact", None)]),
    ("RMB 50 billion", [("RMB 50 billion", 50 * B, 50 * B, "CNY", "exact", None)]),
    ("380 billion yuan", [("380 billion yuan", 380 * B, 380 * B, "CNY", "exact", None)]),
    ("£3bn", [("£3bn", 3 * B, 3 * B, "GBP", "exact", None)]),
    ("HK$12.5bn", [("HK$12.5bn", 12.5 * B, 12.5 * B, "HKD", "exact", None)]),
    ("USD34.6 million", [("USD34.6 million", 34.6 * M, 34.6 * M, "USD", "exact", None)]),
    ("$1MM", [("$1MM", M, M, "USD", "exact", None)]),
    ("$0.1 million", [("$0.1 million", 0.1 * M, 0.1 * M, "USD", "exact", None)]),
    ("KRW 20 trillion", [("KRW 20 trillion", 20 * T, 20 * T, "KRW", "exact", None)]),
    # Chinese forms
    ("1295亿美元", [("1295亿美元", 129.5 * B, 129.5 * B, "USD", "exact", None)]),
    ("130.4亿美元", [("130.4亿美元", 13.04 * B, 13.04 * B, "USD", "exact", None)]),
    ("2.31万亿元", [("2.31万亿元", 2.31 * T, 2.31 * T, "CNY", "exact", None)]),
    ("五十亿美元", [("五十亿美元", 5 * B, 5 * B, "USD", "exact", None)]),
    ("十亿元", [("十亿元", B, B, "CNY", "exact", None)]),
    ("3万美元", [("3万美元", 3e4, 3e4, "USD", "exact", None)]),
    ("1600亿元人民币", [("1600亿元人民币", 160 * B, 160 * B, "CNY", "exact", None)]),
    ("人民币50亿元", [("人民币50亿元", 5 * B, 5 * B, "CNY", "exact", None)]),
    ("12.5亿港元", [("12.5亿港元", 1.25 * B, 1.25 * B, "HKD", "exact", None)]),
    ("港币435亿元", [("港币435亿元", 43.5 * B, 43.5 * B, "HKD", "exact", None)]),  # the prefix decides
    ("投入逾千亿元", [("千亿元", 100 * B, 100 * B, "CNY", "more_than", None)]),
    ("10亿美金", [("10亿美金", B, B, "USD", "exact", None)]),
    ("1797亿人民币", [("1797亿人民币", 179.7 * B, 179.7 * B, "CNY", "exact", None)]),
    ("238 億美元", [("238 億美元", 23.8 * B, 23.8 * B, "USD", "exact", None)]),  # traditional 億
    ("１２９５亿美元", [("１２９５亿美元", 129.5 * B, 129.5 * B, "USD", "exact", None)]),  # full width
    ("164,000.00万元", [("164,000.00万元", 1.64 * B, 1.64 * B, "CNY", "exact", None)]),
    # approximate Chinese amounts are approx, not exact
    ("二百余万元", [("二百余万元", 2 * M, 2 * M, "CNY", "approx", None)]),
    ("一千多万元", [("一千多万元", 10 * M, 10 * M, "CNY", "approx", None)]),
    ("三十几万元", [("三十几万元", 3e5, 3e5, "CNY", "approx", None)]),
    ("1亿多美元", [("1亿多美元", 1e8, 1e8, "USD", "approx", None)]),
    ("costs of $5bn plus interest", [("$5bn", 5 * B, 5 * B, "USD", "exact", None)]),
    ("$5bn and above", [("$5bn", 5 * B, 5 * B, "USD", "at_least", None)]),
    # ranges carry the scale across
    ("$30-35 billion", [("$30-35 billion", 30 * B, 35 * B, "USD", "exact", None)]),
    ("between $91 billion and $93 billion", [("$91 billion and $93 billion", 91 * B, 93 * B, "USD", "exact", None)]),
    ("$70 billion to $72 billion", [("$70 billion to $72 billion", 70 * B, 72 * B, "USD", "exact", None)]),
    ("910亿至930亿美元", [("910亿至930亿美元", 91 * B, 93 * B, "USD", "exact", None)]),
    ("520亿-560亿美元", [("520亿-560亿美元", 52 * B, 56 * B, "USD", "exact", None)]),
    ("50-60亿美元", [("50-60亿美元", 5 * B, 6 * B, "USD", "exact", None)]),
    ("$2.5 to $3 billion", [("$2.5 to $3 billion", 2.5 * B, 3 * B, "USD", "exact", None)]),
    ("between $2.5 and $3 billion", [("$2.5 and $3 billion", 2.5 * B, 3 * B, "USD", "exact", None)]),
    ("2.5 to 3 billion dollars", [("2.5 to 3 billion dollars", 2.5 * B, 3 * B, "USD", "exact", None)]),
    # a hyphenated scale is still the scale: $1.5-trillion is not $1.5
    ("a $1.5-trillion plan", [("$1.5-trillion", 1.5 * T, 1.5 * T, "USD", "exact", None)]),
    ("a $5.5bn-a-year business", [("$5.5bn", 5.5 * B, 5.5 * B, "USD", "exact", "year")]),
    # a change is two figures, not a range
    ("debt jumped from $10.9B to $46.5B", [("$10.9B", 10.9 * B, 10.9 * B, "USD", "exact", None),
                                           ("$46.5B", 46.5 * B, 46.5 * B, "USD", "exact", None)]),
    # qualifiers
    ("about $5bn", [("$5bn", 5 * B, 5 * B, "USD", "approx", None)]),
    ("roughly $748 billion", [("$748 billion", 748 * B, 748 * B, "USD", "approx", None)]),
    ("nearly $38 billion", [("$38 billion", 38 * B, 38 * B, "USD", "approx", None)]),
    ("over $1 trillion", [("$1 trillion", T, T, "USD", "more_than", None)]),
    ("more than $10B", [("$10B", 10 * B, 10 * B, "USD", "more_than", None)]),
    ("less than $300 billion", [("$300 billion", 300 * B, 300 * B, "USD", "less_than", None)]),
    ("at least $2 trillion", [("$2 trillion", 2 * T, 2 * T, "USD", "at_least", None)]),
    ("up to $50bn", [("$50bn", 50 * B, 50 * B, "USD", "at_most", None)]),
    # a bound that holds another is read whole: no more than is not more than
    ("no more than $5bn", [("$5bn", 5 * B, 5 * B, "USD", "at_most", None)]),
    ("not less than $2bn", [("$2bn", 2 * B, 2 * B, "USD", "at_least", None)]),
    ("募资不超过50亿美元", [("50亿美元", 5 * B, 5 * B, "USD", "at_most", None)]),
    ("不少于30亿元", [("30亿元", 3 * B, 3 * B, "CNY", "at_least", None)]),
    ("concerns about $5bn of debt", [("$5bn", 5 * B, 5 * B, "USD", "exact", None)]),  # about = regarding
    ("a dispute over $2bn in taxes", [("$2bn", 2 * B, 2 * B, "USD", "exact", None)]),
    ("under a $10 billion agreement", [("$10 billion", 10 * B, 10 * B, "USD", "exact", None)]),
    ("climbed past $100 billion", [("$100 billion", 100 * B, 100 * B, "USD", "more_than", None)]),
    ("至多1000亿美元", [("1000亿美元", 100 * B, 100 * B, "USD", "at_most", None)]),
    ("$660B+", [("$660B+", 660 * B, 660 * B, "USD", "at_least", None)]),
    ("$600 billion or more", [("$600 billion", 600 * B, 600 * B, "USD", "at_least", None)]),
    ("Amazon's $11 billion-plus cost", [("$11 billion-plus", 11 * B, 11 * B, "USD", "at_least", None)]),
    ("约4350亿美元", [("4350亿美元", 435 * B, 435 * B, "USD", "approx", None)]),
    ("近380亿美元", [("380亿美元", 38 * B, 38 * B, "USD", "approx", None)]),
    ("超1万亿美元", [("1万亿美元", T, T, "USD", "more_than", None)]),
    ("逾100亿美元", [("100亿美元", 10 * B, 10 * B, "USD", "more_than", None)]),
    ("突破5万亿美元", [("5万亿美元", 5 * T, 5 * T, "USD", "more_than", None)]),
    ("至少50亿美元", [("50亿美元", 5 * B, 5 * B, "USD", "at_least", None)]),
    ("至少投入50亿美元", [("50亿美元", 5 * B, 5 * B, "USD", "at_least", None)]),  # bound before its verb
    ("300亿美元以上", [("300亿美元", 30 * B, 30 * B, "USD", "at_least", None)]),
    ("高达300亿美元", [("300亿美元", 30 * B, 30 * B, "USD", "at_most", None)]),
    ("十亿元左右", [("十亿元", B, B, "CNY", "approx", None)]),
    ("近获10亿元融资", [("10亿元", B, B, "CNY", "exact", None)]),  # 近获 is "recently got"
    # negatives
    ("negative $23.7 billion", [("$23.7 billion", -23.7 * B, -23.7 * B, "USD", "exact", None)]),
    ("负237亿美元", [("负237亿美元", -23.7 * B, -23.7 * B, "USD", "exact", None)]),
    ("(-$20B gap)", [("-$20B", -20 * B, -20 * B, "USD", "exact", None)]),
    # time rates
    ("~$1B/mo", [("$1B", B, B, "USD", "approx", "month")]),
    ("$39 a month", [("$39", 39, 39, "USD", "exact", "month")]),
    ("$30 billion or more per quarter", [("$30 billion", 30 * B, 30 * B, "USD", "at_least", "quarter")]),
    ("$5bn a year", [("$5bn", 5 * B, 5 * B, "USD", "exact", "year")]),
    ("raised $5bn a year ago", [("$5bn", 5 * B, 5 * B, "USD", "exact", None)]),  # not a rate
    ("每月烧钱约10亿美元", [("10亿美元", B, B, "USD", "approx", "month")]),
    ("每年投资50亿美元", [("50亿美元", 5 * B, 5 * B, "USD", "exact", "year")]),
    # per-unit prices are money with no time rate
    ("$88 per share", [("$88", 88, 88, "USD", "exact", None)]),
    ("98美元/桶", [("98美元", 98, 98, "USD", "exact", None)]),
    ("16.62元/公斤", [("16.62元", 16.62, 16.62, "CNY", "exact", None)]),
    # issue 19: forms of real paragraphs
    # Taiwan dollars: explicit, and a bare 元 in traditional script about Taiwan
    ("NT$310.8 billion", [("NT$310.8 billion", 310.8 * B, 310.8 * B, "TWD", "exact", None)]),
    # Taiwan's institutions and terms, Hong Kong's government words: the region's 元
    ("台電2025年稅後盈餘為729億元。", [("729億元", 72.9 * B, 72.9 * B, "TWD", "exact", None)]),
    ("公司決議執行庫藏股,預定購買總金額不超過5億元。", [("5億元", 0.5 * B, 0.5 * B, "TWD", "at_most", None)]),
    ("財經事務及庫務局公布,財政儲備降至4,872億元。", [("4,872億元", 487.2 * B, 487.2 * B, "HKD", "exact", None)]),
    # a range named as one, written high to low
    ("每股回購價介乎89.95港元至89.6港元。", [("89.95港元至89.6港元", 89.6, 89.95, "HKD", "exact", None)]),
    # wire abbreviations of scales; cents counted in US money
    ("net income rose to 293.9 bln won", [("293.9 bln won", 293.9 * B, 293.9 * B, "KRW", "exact", None)]),
    # Malaysian sen; cents named by their country, and a bare cent beside them
    ("MRCB reported a net profit of RM1.46 million or 0.03 sen.",
     [("RM1.46 million", 1.46 * M, 1.46 * M, "MYR", "exact", None), ("0.03 sen", 0.0003, 0.0003, "MYR", "exact", None)]),
    ("Earnings per share was 0.58 Singapore cent, up from 0.54 cent.",
     [("0.58 Singapore cent", 0.0058, 0.0058, "SGD", "exact", None), ("0.54 cent", 0.0054, 0.0054, "SGD", "exact", None)]),
    # a Toronto ticker the way Canadian papers write it: their "$" is the Canadian dollar
    ("Torstar Corp. (TS-B-T) says it lost $14.5 million, or 18 cents per share.",
     [("$14.5 million", 14.5 * M, 14.5 * M, "CAD", "exact", None), ("18 cents", 0.18, 0.18, "CAD", "exact", None)]),
    ("South32 (ASX: S32) declared a dividend of $405m (8.7 US cents per share).",
     [("$405m", 405 * M, 405 * M, "USD", "exact", None), ("8.7 US cents", 0.087, 0.087, "USD", "exact", None)]),
    ("T$310.8 billion", [("T$310.8 billion", 310.8 * B, 310.8 * B, "TWD", "exact", None)]),
    ("新台幣3000億元", [("新台幣3000億元", 300 * B, 300 * B, "TWD", "exact", None)]),
    ("台幣500億元", [("台幣500億元", 50 * B, 50 * B, "TWD", "exact", None)]),
    ("台積電114年第三季營收9,899億元，創新高。", [("9,899億元", 989.9 * B, 989.9 * B, "TWD", "exact", None)]),
    ("臺灣上市櫃公司今年營收達3兆元", [("3兆元", 3 * T, 3 * T, "TWD", "exact", None)]),  # 兆 is 10^12
    ("營收新台幣2兆8,943億元", [("新台幣2兆8,943億元", 2.8943 * T, 2.8943 * T, "TWD", "exact", None)]),
    ("台積電營收3兆元", [("3兆元", 3 * T, 3 * T, "TWD", "exact", None)]),  # a Taiwan-listed company: Taiwan press
    ("該公司營收達3兆元", [("3兆元", 3 * T, 3 * T, "CNY", "exact", None)]),  # no Taiwan signal: the yuan
    ("台积电在台湾营收3兆元", [("3兆元", 3 * T, 3 * T, "CNY", "exact", None)]),  # simplified script
    ("據台灣經濟部統計，人民幣計價營收100億元", [("100億元", 10 * B, 10 * B, "CNY", "exact", None)]),  # said nearby
    ("鴻海營收新台幣6.8兆元，美金250億元", [("新台幣6.8兆元", 6.8 * T, 6.8 * T, "TWD", "exact", None),
                                          ("美金250億元", 25 * B, 25 * B, "USD", "exact", None)]),
    # Hong Kong: 港元 nearby decides a bare 元; a share price in 港元 does not
    ("收入100亿港元，利润20亿元。", [("100亿港元", 10 * B, 10 * B, "HKD", "exact", None),
                                  ("20亿元", 2 * B, 2 * B, "HKD", "exact", None)]),
    ("港幣435億元", [("港幣435億元", 43.5 * B, 43.5 * B, "HKD", "exact", None)]),
    ("hk$7.2 billion", [("hk$7.2 billion", 7.2 * B, 7.2 * B, "HKD", "exact", None)]),
    ("HK $ 7.2 billion", [("HK $ 7.2 billion", 7.2 * B, 7.2 * B, "HKD", "exact", None)]),
    ("騰訊股價收報500港元，季度收入1800億元", [("500港元", 500, 500, "HKD", "exact", None),
                                          ("1800億元", 180 * B, 180 * B, "CNY", "exact", None)]),
    # a sum in 港元 does not carry into the next sentence: HK press writes a mainland
    # company's results in bare 元 (yuan) beside its buyback in HK dollars
    ("期內斥資50億港元回購股份。自由現金流為300億元", [("50億港元", 5 * B, 5 * B, "HKD", "exact", None),
                                              ("300億元", 30 * B, 30 * B, "CNY", "exact", None)]),
    # ranges that look like signs: one range, low <= high, never negative
    ("4000万元-5500万元", [("4000万元-5500万元", 40 * M, 55 * M, "CNY", "exact", None)]),
    ("5.6亿至5.2亿美元", [("5.6亿至5.2亿美元", 0.52 * B, 0.56 * B, "USD", "exact", None)]),  # high to low
    ("$1.2-$1.4 billion", [("$1.2-$1.4 billion", 1.2 * B, 1.4 * B, "USD", "exact", None)]),
    ("$1.2 billion-$1.4 billion", [("$1.2 billion-$1.4 billion", 1.2 * B, 1.4 * B, "USD", "exact", None)]),
    ("从50亿到80亿美元", [("50亿", 5 * B, 5 * B, "USD", "exact", None),  # a change: two figures
                        ("80亿美元", 8 * B, 8 * B, "USD", "exact", None)]),
    # accounting negatives; a bracketed conversion after an amount is not one
    ("每股亏损(0.18美元)", [("0.18美元", -0.18, -0.18, "USD", "exact", None)]),
    ("Net loss per share ($0.25)", [("$0.25", -0.25, -0.25, "USD", "exact", None)]),
    ("Net loss (US$1.2 million)", [("US$1.2 million", -1.2 * M, -1.2 * M, "USD", "exact", None)]),
    ("Net income (loss)\t$1.2\t($0.5)", [("$1.2", 1.2, 1.2, "USD", "exact", None),
                                         ("$0.5", -0.5, -0.5, "USD", "exact", None)]),
    ("Net loss of NT$1.2 trillion (US$41 billion)", [("NT$1.2 trillion", 1.2 * T, 1.2 * T, "TWD", "exact", None),
                                                     ("US$41 billion", 41 * B, 41 * B, "USD", "exact", None)]),
    ("Apple (US$3 trillion) is big", [("US$3 trillion", 3 * T, 3 * T, "USD", "exact", None)]),
    # small units in the major unit
    ("27 cents", [("27 cents", 0.27, 0.27, "USD", "exact", None)]),
    ("8 cents a share", [("8 cents", 0.08, 0.08, "USD", "exact", None)]),
    ("27¢", [("27¢", 0.27, 0.27, "USD", "exact", None)]),
    ("C$5 and 27 cents", [("C$5", 5, 5, "CAD", "exact", None), ("27 cents", 0.27, 0.27, "CAD", "exact", None)]),
    ("212 pence", [("212 pence", 2.12, 2.12, "GBP", "exact", None)]),
    ("Shares rose 50p in London", [("50p", 0.5, 0.5, "GBP", "exact", None)]),
    ("每股亏损37分", [("37分", 0.37, 0.37, "CNY", "exact", None)]),
    ("櫃買公司114年前三季每股虧損37分", [("37分", 0.37, 0.37, "TWD", "exact", None)]),
    ("每股派息5角", [("5角", 0.5, 0.5, "CNY", "exact", None)]),
    ("5毛钱", [("5毛钱", 0.5, 0.5, "CNY", "exact", None)]),
    ("4 dollars 25 cents", [("4 dollars 25 cents", 4.25, 4.25, "USD", "exact", None)]),
    ("35元8角2分", [("35元8角2分", 35.82, 35.82, "CNY", "exact", None)]),
    # amounts broken by a line or spaces
    ("$7.42\nbillion", [("$7.42\nbillion", 7.42 * B, 7.42 * B, "USD", "exact", None)]),
    ("1536.8 亿元", [("1536.8 亿元", 153.68 * B, 153.68 * B, "CNY", "exact", None)]),
    ("$318.2billion", [("$318.2billion", 318.2 * B, 318.2 * B, "USD", "exact", None)]),
    ("超 2600 亿元", [("2600 亿元", 260 * B, 260 * B, "CNY", "more_than", None)]),
    ("7.42\nbillion dollars", [("7.42\nbillion dollars", 7.42 * B, 7.42 * B, "USD", "exact", None)]),
    # conversions: two items, the second marked
    ("net profit of T$310.8 billion ($10.1 billion)", [("T$310.8 billion", 310.8 * B, 310.8 * B, "TWD", "exact", None),
                                                       ("$10.1 billion", 10.1 * B, 10.1 * B, "USD", "exact", None)]),
    # currency written the other ways
    ("240USD", [("240USD", 240, 240, "USD", "exact", None)]),
    ("35 €", [("35 €", 35, 35, "EUR", "exact", None)]),
    ("18 usd", [("18 usd", 18, 18, "USD", "exact", None)]),
    ("paid 100 $ for it", [("100 $", 100, 100, "USD", "exact", None)]),
    ("62 USD million", [("62 USD million", 62 * M, 62 * M, "USD", "exact", None)]),
    ("45 MUSD", [("45 MUSD", 45 * M, 45 * M, "USD", "exact", None)]),
    ("12 us dollar", [("12 us dollar", 12, 12, "USD", "exact", None)]),
    ("300 Chinese yuan", [("300 Chinese yuan", 300, 300, "CNY", "exact", None)]),
    ("25 rmb", [("25 rmb", 25, 25, "CNY", "exact", None)]),
    ("100美圆", [("100美圆", 100, 100, "USD", "exact", None)]),
    ("50块钱", [("50块钱", 50, 50, "CNY", "exact", None)]),
    ("一件卖50块。", [("50块", 50, 50, "CNY", "exact", None)]),
    ("十二兆三千億元", [("十二兆三千億元", 12.3 * T, 12.3 * T, "CNY", "exact", None)]),
    ("1亿2000万元", [("1亿2000万元", 120 * M, 120 * M, "CNY", "exact", None)]),
    # tolerances are approximate
    ("540亿美元（±2%）", [("540亿美元", 54 * B, 54 * B, "USD", "approx", None)]),
    ("$65 billion, plus or minus 2%", [("$65 billion", 65 * B, 65 * B, "USD", "approx", None)]),
    # no new false money beside the figure
    ("revenue of $5 billion.[1]", [("$5 billion", 5 * B, 5 * B, "USD", "exact", None)]),
    ("腾讯控股(0700.HK)营收1,800亿元", [("1,800亿元", 180 * B, 180 * B, "CNY", "exact", None)]),
    ("台積電(2330)114年營收3兆元", [("3兆元", 3 * T, 3 * T, "TWD", "exact", None)]),  # a stock code, an ROC year
    ("這家百年老店有114年歷史，營收30億元", [("30億元", 3 * B, 3 * B, "CNY", "exact", None)]),  # an age, no year
    # real-text forms, round 2
    # Korean English: a larger scale's count before the figure belongs to it
    ("sales of 46 trillion 721.4 billion won", [("46 trillion 721.4 billion won", 46.7214 * T, 46.7214 * T, "KRW", "exact", None)]),
    # 46조 7,214억 원 translated: the count after "trillion" is in 억 (1e8) when it is whole
    ("revenue of 46 trillion 7,214 billion won", [("46 trillion 7,214 billion won", 46.7214 * T, 46.7214 * T, "KRW", "exact", None)]),
    ("to raise RM10 billion (US$2.675 billion)", [("RM10 billion", 10e9, 10e9, "MYR", "exact", None), ("US$2.675 billion", 2.675e9, 2.675e9, "USD", "exact", None)]),
    # decimals read aloud (broadcast English)
    ("profit came to two-point-43 trillion won", [("two-point-43 trillion won", 2.43 * T, 2.43 * T, "KRW", "exact", None)]),
    ("sales of 67-point-four trillion won", [("67-point-four trillion won", 67.4 * T, 67.4 * T, "KRW", "exact", None)]),
    ("a 5 billion ringgit loan", [("5 billion ringgit", 5e9, 5e9, "MYR", "exact", None)]),
    ("others 10 trillion 69 billion won", [("10 trillion 69 billion won", 10.0069 * T, 10.0069 * T, "KRW", "exact", None)]),
    ("a 3 billion won deal", [("3 billion won", 3 * B, 3 * B, "KRW", "exact", None)]),
    # Indian rupees: lakh/crore digit grouping and scales
    ("valued at Rs 3,25,410.50 crore", [("Rs 3,25,410.50 crore", 3.2541050 * T, 3.2541050 * T, "INR", "exact", None)]),
    ("profit of Rs 9,120 crore", [("Rs 9,120 crore", 91.2 * B, 91.2 * B, "INR", "exact", None)]),
    ("closed at Rs. 812.75 on NSE", [("Rs. 812.75", 812.75, 812.75, "INR", "exact", None)]),
    ("₹3 lakh crore", [("₹3 lakh crore", 3 * T, 3 * T, "INR", "exact", None)]),
    ("40 lakh rupees", [("40 lakh rupees", 4e6, 4e6, "INR", "exact", None)]),
    ("Mrs 5,000 crore", []),  # "Rs" only as a word of its own
    # scale and currency joined by hyphens; a number before "to" that is no amount
    ("a 7-trillion-yen budget", [("7-trillion-yen", 7 * T, 7 * T, "JPY", "exact", None)]),
    ("forecast for fiscal 2027 to 5.2 trillion yen", [("5.2 trillion yen", 5.2 * T, 5.2 * T, "JPY", "exact", None)]),
    # codes and names of other currencies
    ("SEK 12.5 billion", [("SEK 12.5 billion", 12.5 * B, 12.5 * B, "SEK", "exact", None)]),
    ("DKK 3 billion", [("DKK 3 billion", 3 * B, 3 * B, "DKK", "exact", None)]),
    ("90 billion kroner", [("90 billion kroner", 90 * B, 90 * B, "DKK", "exact", None)]),
    ("Oslo-listed firm made 4 billion kroner", [("4 billion kroner", 4 * B, 4 * B, "NOK", "exact", None)]),
    ("3 billion Swedish kronor", [("3 billion Swedish kronor", 3 * B, 3 * B, "SEK", "exact", None)]),
    # decimal commas before a scale or a minor unit; a thousands comma stays one
    ("€4,35-billion", [("€4,35-billion", 4.35 * B, 4.35 * B, "EUR", "exact", None)]),
    ("412,5 pence", [("412,5 pence", 4.125, 4.125, "GBP", "exact", None)]),
    ("$1,250 million", [("$1,250 million", 1250 * M, 1250 * M, "USD", "exact", None)]),
    # hyphens that are not ASCII join a range
    ("$31‑$33", [("$31‑$33", 31, 33, "USD", "exact", None)]),
    ("$5‐7 billion", [("$5‐7 billion", 5 * B, 7 * B, "USD", "exact", None)]),
    # a change, then the level it reaches: two figures
    ("raised the outlook by $300 million to $18 billion", [("$300 million", 300 * M, 300 * M, "USD", "exact", None),
                                                          ("$18 billion", 18 * B, 18 * B, "USD", "exact", None)]),
    ("lifted by 12 cents to $4.10", [("12 cents", 0.12, 0.12, "USD", "exact", None),
                                     ("$4.10", 4.1, 4.1, "USD", "exact", None)]),
    ("shares went up to $83", [("$83", 83, 83, "USD", "exact", None)]),  # a move, not a cap
    # Chinese scale sections with spaces and commas, down to units
    ("營收 3 兆 1520.5 億元", [("3 兆 1520.5 億元", 3.1520500 * T, 3.1520500 * T, "CNY", "exact", None)]),
    ("2億407萬3,118美元", [("2億407萬3,118美元", 204073118, 204073118, "USD", "exact", None)]),
    ("新台幣 52 億 3,100 萬元", [("新台幣 52 億 3,100 萬元", 5.231 * B, 5.231 * B, "TWD", "exact", None)]),
    ("6兆204.1億元", [("6兆204.1億元", 6.02041 * T, 6.02041 * T, "CNY", "exact", None)]),
    ("500亿 300亿元", [("300亿元", 30 * B, 30 * B, "CNY", "exact", None)]),  # no rising sections
    ("泰銖 12 億元", [("泰銖 12 億元", 1.2 * B, 1.2 * B, "THB", "exact", None)]),
    ("澳幣 3 億元", [("澳幣 3 億元", 3e8, 3e8, "AUD", "exact", None)]),
    # digits written one by one as numerals, ○ for zero, 點 for the point
    ("營收六二七三億元", [("六二七三億元", 627.3 * B, 627.3 * B, "CNY", "exact", None)]),
    ("每股純益十二點三五元", [("十二點三五元", 12.35, 12.35, "CNY", "exact", None)]),
    ("四一○億美元至四三○億美元", [("四一○億美元至四三○億美元", 41 * B, 43 * B, "USD", "exact", None)]),
    ("二點○八兆元", [("二點○八兆元", 2.08 * T, 2.08 * T, "CNY", "exact", None)]),
    ("三點鐘開會，花了五十元", [("五十元", 50, 50, "CNY", "exact", None)]),  # 點 without digits is no point
    # odd points and tildes
    ("每股5﹒25元", [("5﹒25元", 5.25, 5.25, "CNY", "exact", None)]),
    ("3000萬元~4500萬元", [("3000萬元~4500萬元", 30 * M, 45 * M, "CNY", "exact", None)]),
    ("約~300萬元", [("300萬元", 3 * M, 3 * M, "CNY", "approx", None)]),
    # a round scale as a figure, after a bound or before 大关
    ("市值站穩兆元", [("兆元", T, T, "CNY", "exact", None)]),
    ("營收衝破千億元大關", [("千億元", 100 * B, 100 * B, "CNY", "exact", None)]),
    ("兆元", []),
    # Hong Kong cents and Hong Kong press
    ("每股派息12仙", [("12仙", 0.12, 0.12, "HKD", "exact", None)]),
    ("每股盈利港幣3.5仙", [("港幣3.5仙", 0.035, 0.035, "HKD", "exact", None)]),
    ("末期息每股二十仙", [("二十仙", 0.2, 0.2, "HKD", "exact", None)]),
    ("八仙過海", []),
    ("港股配售：某公司(0123)以每股0.5元配售，集資3000萬元", [("0.5元", 0.5, 0.5, "HKD", "exact", None),
                                                     ("3000萬元", 30 * M, 30 * M, "HKD", "exact", None)]),
    ("某集團(01234)純利3億元，滬深兩市", [("3億元", 3e8, 3e8, "CNY", "exact", None)]),  # mainland signal
    ("收入95億元（人民幣，下同）。利潤12億元", [("95億元", 9.5 * B, 9.5 * B, "CNY", "exact", None),
                                            ("12億元", 1.2 * B, 1.2 * B, "CNY", "exact", None)]),
    ("盈利8億元(港幣,以下同)。派息2億元", [("8億元", 8e8, 8e8, "HKD", "exact", None),
                                          ("2億元", 2e8, 2e8, "HKD", "exact", None)]),
    # a Taiwan company or Taiwan term in traditional script
    ("鴻海第三季純益500億元", [("500億元", 50 * B, 50 * B, "TWD", "exact", None)]),
    ("某公司(1234-TW)營收80億元", [("80億元", 8 * B, 8 * B, "TWD", "exact", None)]),
    ("日月光投控法說會：營收1600億元", [("1600億元", 160 * B, 160 * B, "TWD", "exact", None)]),
    # an exchange rate written as a price is no amount
    ("以新台幣兌美元匯率31元計算，營收約100億美元", [("100億美元", 10 * B, 10 * B, "USD", "approx", None)]),
    ("人民币兑美元7.1元", []),
    # a comma before the number in Chinese text
    ("其实,20亿美元", [("20亿美元", 2 * B, 2 * B, "USD", "exact", None)]),
    ("約折合 3,100 萬美元", [("3,100 萬美元", 31 * M, 31 * M, "USD", "approx", None)]),
    ("支付3亿美元首付款", [("3亿美元", 3e8, 3e8, "USD", "exact", None)]),  # 美元首付 is no 元首
    ("国家元首", []),
    # lists sharing the unit of their last amount
    ("收入分别为40亿、35亿和28亿美元", [("40亿", 4 * B, 4 * B, "USD", "exact", None),
                                    ("35亿", 3.5 * B, 3.5 * B, "USD", "exact", None),
                                    ("28亿美元", 2.8 * B, 2.8 * B, "USD", "exact", None)]),
    ("预测净利润分别为2.1/2.9/3.6亿元", [("2.1", 2.1e8, 2.1e8, "CNY", "exact", None),
                                    ("2.9", 2.9e8, 2.9e8, "CNY", "exact", None),
                                    ("3.6亿元", 3.6e8, 3.6e8, "CNY", "exact", None)]),
    ("EPS分别为1.20/1.55元", [("1.20", 1.2, 1.2, "CNY", "exact", None), ("1.55元", 1.55, 1.55, "CNY", "exact", None)]),
    ("2024/2025年营收8亿元", [("8亿元", 8e8, 8e8, "CNY", "exact", None)]),  # years are no list items
    ("增速15%/20亿元", [("20亿元", 2 * B, 2 * B, "CNY", "exact", None)]),
    # a bare amount restating one the text gives with its currency (a headline)
    ("资本开支约800亿\n过去一年资本开支约800亿元。", [("800亿", 80 * B, 80 * B, "CNY", "approx", None),
                                               ("800亿元", 80 * B, 80 * B, "CNY", "approx", None)]),
    ("训练了800亿参数，营收800亿元", [("800亿元", 80 * B, 80 * B, "CNY", "exact", None)]),
    # a bare amount right after a money metric word is one, in the local currency
    ("净利润30亿\n营收50亿元。", [("30亿", 3 * B, 3 * B, "CNY", "exact", None), ("50亿元", 5 * B, 5 * B, "CNY", "exact", None)]),
    ("台積電營收破2.6兆，年增", [("2.6兆", 2.6 * T, 2.6 * T, "TWD", "exact", None)]),  # Taiwan's 兆 after a metric
    ("训练了30亿\n营收50亿元。", [("50亿元", 5 * B, 5 * B, "CNY", "exact", None)]),  # another value, no metric: not money
    # Hong Kong's word for a close
    ("配售價較收市價0.52元折讓一成", [("0.52元", 0.52, 0.52, "HKD", "exact", None)]),
    # a bare "$" in a text about a Canadian company is the Canadian dollar (Canadian press marks
    # the US one "US$"), unless the text marks its own "C$"
    ("Maple Foods Canada Inc. earned $12.5 million", [("$12.5 million", 12.5 * M, 12.5 * M, "CAD", "exact", None)]),
    ("Acme Mining (TSX: ACM) sales of $80 million, or 5 cents a share",
     [("$80 million", 80 * M, 80 * M, "CAD", "exact", None), ("5 cents", 0.05, 0.05, "CAD", "exact", None)]),
    ("Acme Mining (TSX: ACM) sales of US$80 million and $3 million",
     [("US$80 million", 80 * M, 80 * M, "USD", "exact", None), ("$3 million", 3 * M, 3 * M, "CAD", "exact", None)]),
    ("Acme Mining (TSX: ACM) sales of C$80 million and $3 million",
     [("C$80 million", 80 * M, 80 * M, "CAD", "exact", None), ("$3 million", 3 * M, 3 * M, "USD", "exact", None)]),
    ("Canadian publisher Foo bought Bar for $2 billion", [("$2 billion", 2 * B, 2 * B, "USD", "exact", None)]),
    ("Waterloo, Ont.-based OpenText will pay $6 billion", [("$6 billion", 6 * B, 6 * B, "CAD", "exact", None)]),
    # a city-based company is Canadian press only beside a "US$"
    ("Toronto-based Cohere raised $270 million", [("$270 million", 270 * M, 270 * M, "USD", "exact", None)]),
    ("The Calgary-based company pays $8.4 billion, or US$6.4 billion",
     [("$8.4 billion", 8.4 * B, 8.4 * B, "CAD", "exact", None), ("US$6.4 billion", 6.4 * B, 6.4 * B, "USD", "exact", None)]),
    ("Estia Health (ASX: EHE) agreed to a $959 million offer",
     [("$959 million", 959 * M, 959 * M, "AUD", "exact", None)]),
    # Australian press writes the country after the sign
    ("shares for $US17 ($A22) each", [("$US17", 17, 17, "USD", "exact", None), ("$A22", 22, 22, "AUD", "exact", None)]),
    ("每股收益61美分", [("61美分", 0.61, 0.61, "USD", "exact", None)]),
    # Taiwan's words for results place a bare 元 in Taiwan; Hong Kong's margin and entry fee in Hong Kong
    ("統一企業第2季營收為1,695.7億元，年增率4.6%", [("1,695.7億元", 169.57 * B, 169.57 * B, "TWD", "exact", None)]),
    ("先声药业次日孖展录547.5亿元", [("547.5亿元", 54.75 * B, 54.75 * B, "HKD", "exact", None)]),
    # Hong Kong press writes its own dollar as a bare "$"; mainland text's "$" stays the US dollar
    ("本港上市公司上半年盈利$4.72千萬，收市價5元。",
     [("$4.72千萬", 47.2 * M, 47.2 * M, "HKD", "exact", None), ("5元", 5, 5, "HKD", "exact", None)]),
    ("苹果公司营收为$950亿。", [("$950亿", 95 * B, 95 * B, "USD", "exact", None)]),
    ("六福集團期內收入為63億元，按年減少19.8%，派息0.5元。香港市場下跌",
     [("63億元", 6.3 * B, 6.3 * B, "HKD", "exact", None), ("0.5元", 0.5, 0.5, "HKD", "exact", None)]),
    # "中國台灣" is how Hong Kong and mainland press name Taiwan: no sign of a Taiwan text
    ("【財華社訊】宏遠傳媒(00999-HK)公布,年度股東應佔虧損3.38億元。來自中國台灣的收益4.41億元。",
     [("3.38億元", 338 * M, 338 * M, "HKD", "exact", None), ("4.41億元", 441 * M, 441 * M, "HKD", "exact", None)]),
    ("宏遠傳媒在台灣的收益4.41億元。", [("4.41億元", 441 * M, 441 * M, "TWD", "exact", None)]),
    # a per-share loss in brackets in analysts' copy; a bracket right after a figure restates it
    ("Analysts expect Quillon will post ($0.97) earnings per share this quarter",
     [("$0.97", -0.97, -0.97, "USD", "exact", None)]),
    ("the highest EPS estimate coming in at ($0.77) and the lowest estimate coming in at ($1.17).",
     [("$0.77", -0.77, -0.77, "USD", "exact", None), ("$1.17", -1.17, -1.17, "USD", "exact", None)]),
    ("EPS was $1.34 ($1.22).", [("$1.34", 1.34, 1.34, "USD", "exact", None), ("$1.22", 1.22, 1.22, "USD", "exact", None)]),
    # Singapore and Australian press write their own dollar as "$"
    ("SINGAPORE (THE BUSINESS TIMES) - ST Engineering saw its net profit rise 15 per cent to $296.1 million.",
     [("$296.1 million", 296.1 * M, 296.1 * M, "SGD", "exact", None)]),
    ("Metcash, Australia's leading wholesale distribution company, shares rose 5.57 per cent to $3.22.",
     [("$3.22", 3.22, 3.22, "AUD", "exact", None)]),
    # a text about the Australian exchange writes its own dollar as "$"
    ("ASX today confirmed a record normal net profit after tax of $137.1 million.",
     [("$137.1 million", 137.1 * M, 137.1 * M, "AUD", "exact", None)]),
    # "tr" glued for trillion
    ("Full-year sales are tipped at ¥26tr.", [("¥26tr", 26e12, 26e12, "JPY", "exact", None)]),
    # accounts' negatives with the symbol outside the brackets
    ("The net loss was $(2,347,129), or $(0.18) per share.",
     [("$(2,347,129)", -2347129, -2347129, "USD", "exact", None), ("$(0.18)", -0.18, -0.18, "USD", "exact", None)]),
    # cents as an adjective; "tln" for trillion
    ("Analysts were anticipating a 27-cent per-share loss.", [("27-cent", 0.27, 0.27, "USD", "exact", None)]),
    ("operating profit of 1.98 tln won", [("1.98 tln won", 1.98e12, 1.98e12, "KRW", "exact", None)]),
    # a cent with no dollar in its sentence takes the dollar of the text around it
    ("Torstar Corp. (TS-B-T) says it lost $14.5 million.\n\nThe loss amounted to 18 cents per share.",
     [("$14.5 million", 14.5 * M, 14.5 * M, "CAD", "exact", None), ("18 cents", 0.18, 0.18, "CAD", "exact", None)]),
    # bare amounts after a money word: a few words between, a range, a mark after
    ("鴻海2025年合併營收首度突破8兆大關，創新高。", [("8兆", 8e12, 8e12, "TWD", "more_than", None)]),
    ("预计2024年全年盈利2.55亿至3.07亿 净利润同比增长311.91%",
     [("2.55亿至3.07亿", 2.55e8, 3.07e8, "CNY", "exact", None)]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_money(text: str, expected: list[tuple]) -> None:
    got = find_money(text)
    assert [(m.text, m.low, m.high, m.currency, m.qualifier, m.per) for m in got] == [
        (t, pytest.approx(lo), pytest.approx(hi), c, q, p) for t, lo, hi, c, q, p in expected]
    for m in got:
        assert text[m.start:m.end] == m.text


TRAPS = [
    "Revenue rose 5% year over year.", "The Fed cut by 50 basis points.", "7.1GW of capacity",
    "about 40GW", "192 GB of HBM", "8 TB/s of bandwidth", "18-34 months", "the 2012-13 season",
    "at 2.15pm", "the index fell 41.5 points", "140 万 BTC", "H100 and B200 GPUs", "its Series F",
    "500 million users", "418,000 vehicles", "3.75%-4%", "同比增长62%", "41.8万辆", "1.2吉瓦",
    "6710亿参数", "数十亿美元", "上千亿", "回购1亿股", "营收突破1亿用户", "收入达2亿人次", "2048块GPU", "8亿周活跃用户", "3,245.6点",
    "hundreds of billions of dollars", "tens of billions", "第三季度", "2026年",
    "13.4 million barrels per day", "$NVDA calls", "the Dow fell 300 points", "S&P 500", "COVID-19",
    "Windows 11", "No. 1", "4万亿参数", "5000万股", "上千亿元的订单", "3纳米",
    # issue 19: ratings, citation markers, ROC years, stock codes, and the words minor units
    # and codes share with other things
    "评级3(持有)", "目标评级：3(持有)", "见注释[1]", "[12]", "114年第三季", "民國114年", "0700.HK",
    "2330", "(600519)", "台積電(2330)", "1080p video and 720p", "50p", "2048块GPU", "切成3块电池",
    "他们在2048块", "评价打了9分", "得分37分，比分3:1", "三角形", "3分钟", "百分之五", "1月1日元旦",
    "2025年元宵", "EUR/USD 1.08", "1.08 EUR/USD", "USD/CNY 7.1", "the 2024 cny holiday",
    "50 cad files", "a 20 dollar bill", "won 3 games", "5 pounds of flour", "at 5p.m.",
    "rates rose 5.6%, plus or minus 2%",
]


@pytest.mark.parametrize("text", TRAPS)
def test_not_money(text: str) -> None:
    assert find_money(text) == []


def test_a_feed_default_decides_a_bare_yuan_the_text_does_not_place() -> None:
    from extractors.money import local_currency

    text = "公司营收100亿元，其中新台币20亿元。"
    assert [m.currency for m in find_money(text, local="TWD")] == ["TWD", "TWD"]
    with local_currency("TWD"):
        assert [m.currency for m in find_money("营收100亿元")] == ["TWD"]
        assert [m.currency for m in find_money("营收100亿港元，利润20亿元")] == ["HKD", "HKD"]  # the text wins
    assert [m.currency for m in find_money("营收100亿元")] == ["CNY"]


def test_a_range_dash_is_never_a_sign() -> None:
    for text in ("4000万元-5500万元", "$1.2-$1.4 billion", "5.6亿至5.2亿美元", "8-10 cents"):
        got = find_money(text)
        assert len(got) == 1 and 0 < got[0].low <= got[0].high, text


def test_conversion_after_an_amount_is_marked_not_negative() -> None:
    got = find_money("net profit of T$310.8 billion ($10.1 billion)")
    assert [(m.currency, m.conversion, m.low > 0) for m in got] == [("TWD", False, True), ("USD", True, True)]


def test_conversion_in_brackets_is_marked_and_keeps_the_bound() -> None:
    got = find_money("more than RMB380 billion (US$53 billion) over three years")
    assert [(m.conversion, m.qualifier) for m in got] == [(False, "more_than"), (True, "more_than")]


@pytest.mark.parametrize(("text", "value"), [
    ("33.3 billion yuan", 33300000000.0), ("$1.1 trillion", 1100000000000.0), ("130.4亿美元", 13040000000.0),
    ("$0.7bn", 700000000.0), ("2.31万亿元", 2310000000000.0), ("$4.6 trillion", 4600000000000.0),
])
def test_values_are_exact_decimals(text: str, value: float) -> None:
    assert find_money(text)[0].low == value  # no 33299999999.999996


@pytest.mark.parametrize(("text", "marks"), [
    ("2.43 trillion won, or around 1.8 billion U.S. dollars", [False, True]),
    ("net income of $8.81 billion, or $1.15 per share", [False, False]),  # a per-share figure restates nothing
    ("revenue of $4 billion, or $5 billion with the deal", [False, False]),  # same currency: another figure
])
def test_another_currency_after_or_is_a_conversion(text: str, marks: list[bool]) -> None:
    assert [m.conversion for m in find_money(text)] == marks
