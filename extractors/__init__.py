"""Pure text -> span extractors: numbers, money, periods, entities, claims. No I/O."""
