"""Air-quality ETL: raw sensor CSVs in, daily station summaries out."""

__all__ = ["extract", "transform", "load"]
