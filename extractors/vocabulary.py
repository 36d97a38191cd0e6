"""The metric vocabulary of claims: a light module, so the queue can check a metric without the extractor."""

METRIC_VOCABULARY = (
    "capex", "revenue", "profit", "loss", "eps", "free_cash_flow", "operating_cash_flow",
    "cash", "debt", "debt_issuance", "cash_burn", "funding", "valuation", "investment",
    "spending", "acquisition", "fund_flow", "backlog", "market_cap", "price",
)
