def field_summaries() -> list:
    return []
