"""Daily sales ETL: extract order exports, validate and aggregate them, upsert into Postgres."""
